"""InitLab's desktop window (Qt only; the numbers come from `engine`)."""
