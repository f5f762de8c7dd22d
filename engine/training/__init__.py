"""Training lab: what initialization does to learning (pure numpy, no Qt).

The trained network is the config's network with its input width set by the task and a linear
output layer (`network`); tasks are generated 2-D problems, a teacher network and MNIST /
Fashion-MNIST from IDX files (`tasks`, `idx`); the optimizers are implemented once
(`optimizers`); a run records per-layer statistics every `log_every` steps and stops on the
first NaN or ∞ (`run`); sessions train up to four runs on the same mini-batches, in chunks for
the window (`train_job`) or whole for the command line (`train`); `history` writes the rows.
"""

from .history import HISTORY_COLUMNS, RunHistory, history_csv, history_dict, history_json, history_rows
from .losses import loss_and_gradient
from .network import Network, check_memory, layer_count, training_bytes
from .optimizers import Optimizer
from .run import NO_PREDICTION, Run
from .session import (COMPARE_INITS, Session, TrainChunk, TrainRequest, compare_configs, train,
                      train_job)
from .tasks import Task, make_task, static_config, task_shape, train_points

__all__ = [
    "COMPARE_INITS", "HISTORY_COLUMNS", "NO_PREDICTION", "Network", "Optimizer", "Run",
    "RunHistory", "Session", "Task", "TrainChunk", "TrainRequest", "check_memory",
    "compare_configs", "history_csv", "history_dict", "history_json", "history_rows",
    "layer_count", "loss_and_gradient", "make_task", "static_config", "task_shape", "train",
    "train_job", "train_points", "training_bytes",
]
