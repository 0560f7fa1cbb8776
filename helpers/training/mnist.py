"""MNIST as training-ready tensors: float32 in [0, 1], int64 labels, on the training device.

:class:`~helpers.datasets.mnist.MnistSplit` keeps the raw uint8 arrays (chapters 1-4 need
only NumPy). For PyTorch the images are converted once, as a whole, instead of one PIL image
at a time: the uint8 array is copied to the device first (four times fewer bytes to move than
float32) and scaled there.
"""

from __future__ import annotations

import numpy as np
import torch

from helpers.datasets.mnist import MnistSplit
from helpers.device import DeviceChoice, as_device


def mnist_tensors(
    split: MnistSplit,
    *,
    flatten: bool = True,
    device: str | torch.device | DeviceChoice | None = "cpu",
) -> tuple[torch.Tensor, torch.Tensor]:
    """``(x, y)``: images as float32 in [0, 1], shape (n, 784) or (n, 1, 28, 28); labels int64.

    ``flatten=True`` suits an MLP whose first layer is ``nn.Linear(784, ...)``; ``False``
    keeps one channel for convolutional layers (what torchvision's ``ToTensor`` gives).
    """
    target = as_device(device) or torch.device("cpu")
    images = np.ascontiguousarray(split.images)
    if images.ndim != 3:
        raise ValueError(f"expected images of shape (n, height, width), got {images.shape}")
    raw = torch.from_numpy(images.copy() if not images.flags.writeable else images)
    x = raw.to(target).to(torch.float32).div_(255.0)
    x = x.reshape(len(x), -1) if flatten else x.unsqueeze(1)
    y = torch.from_numpy(np.asarray(split.labels, dtype=np.int64)).to(target)
    return x, y
