"""Jobs that report on the worker process they run in (no Qt imported here)."""


def process_facts(config, **kwargs):
    import os
    import sys

    from threadpoolctl import threadpool_info

    kernels = [info.get("architecture") for info in threadpool_info()
               if info.get("internal_api") == "openblas"]
    return {"qt": "PySide6" in sys.modules or "pyqtgraph" in sys.modules,
            "coretype": os.environ.get("OPENBLAS_CORETYPE"), "kernels": kernels}
