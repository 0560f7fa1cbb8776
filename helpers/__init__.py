"""Helpers for the deep-learning fundamentals course.

Every chapter notebook imports this package. It deliberately imports neither PyTorch nor
TensorFlow: chapters 1-4 need only NumPy, and a heavy framework import would slow every
kernel start (and every autograded submission). Framework-specific helpers live in
submodules that import their framework when they are themselves imported.
"""

from helpers.datasets.mnist import MnistSplit, load_mnist
from helpers.runtime import detect_platform, fast_mode, show_environment
from helpers.seeding import seed_everything

__all__ = [
    "MnistSplit",
    "detect_platform",
    "fast_mode",
    "load_mnist",
    "seed_everything",
    "show_environment",
]
__version__ = "0.1.0"
