"""InitLab's simulation engine: pure numpy, no Qt anywhere below this package."""
