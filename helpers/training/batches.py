"""Mini-batches for training: one API, two paths, the same batches from both.

Course datasets (MNIST, iris, synthetic sets) fit in memory many times over. For them the
classic pipeline - a per-sample ``Dataset`` that converts one image at a time, then a
``DataLoader`` that collates the samples again - spends most of an epoch in Python rather than
in matrix products. The *tensor path* keeps the whole dataset as two tensors on the training
device and cuts each shuffled mini-batch with one ``index_select``: no per-sample Python, no
host-to-device copy per batch.

Data that does not fit on the device, and any ``Dataset`` a user passes, take the *loader
path*: a ``DataLoader`` (``num_workers=0`` by default, which works everywhere, Windows and macOS
included; pinned memory and ``non_blocking`` copies when the target is a CUDA GPU).

Both paths draw each epoch's order with ``torch.randperm`` from one explicitly seeded
``torch.Generator`` (the loader path through :class:`SeededSampler`), so for the same seed they
yield the same samples in the same order, and switching paths never changes a result.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sized
from typing import Any

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, Sampler, TensorDataset

from helpers.device import DeviceChoice, as_device, to_device

#: Fraction of a GPU's free memory that the tensor path may fill with a dataset.
GPU_MEMORY_SHARE = 0.5
#: Largest dataset (bytes) put on a device whose free memory cannot be queried (e.g. MPS).
UNKNOWN_DEVICE_LIMIT = 2 * 2**30

Batch = tuple[torch.Tensor, ...]


class EpochOrder:
    """The order of the samples in each epoch: a fresh permutation per epoch, or 0..n-1.

    The generator lives on the CPU (``randperm`` gives the same numbers there on every
    machine) and is owned by this object, so shuffling never touches PyTorch's global RNG.
    """

    def __init__(self, num_samples: int, *, shuffle: bool, seed: int) -> None:
        self.num_samples = num_samples
        self.shuffle = shuffle
        self.generator = torch.Generator().manual_seed(int(seed))

    def next_epoch(self) -> torch.Tensor | None:
        """The next epoch's permutation (int64, CPU), or None when not shuffling."""
        if not self.shuffle:
            return None
        return torch.randperm(self.num_samples, generator=self.generator)


class SeededSampler(Sampler[int]):
    """A ``DataLoader`` sampler that follows an :class:`EpochOrder` (same order as the tensor path)."""

    def __init__(self, order: EpochOrder) -> None:
        self.order = order

    def __iter__(self) -> Iterator[int]:
        permutation = self.order.next_epoch()
        if permutation is None:
            return iter(range(self.order.num_samples))
        return iter(permutation.tolist())

    def __len__(self) -> int:
        return self.order.num_samples


class Batches:
    """An iterable of mini-batches with ``len()``; make one with :func:`make_batches`.

    Iterating yields ``(xb, yb)`` tuples already on :attr:`device` (or ``(xb,)`` when there
    are no targets). Each new iteration is a new epoch with its own order.
    """

    path: str = ""

    def __init__(self, num_samples: int, batch_size: int, *, shuffle: bool, seed: int,
                 drop_last: bool, device: torch.device) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.num_samples = num_samples
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.device = device
        self.order = EpochOrder(num_samples, shuffle=shuffle, seed=seed)

    def __len__(self) -> int:
        if self.drop_last:
            return self.num_samples // self.batch_size
        return math.ceil(self.num_samples / self.batch_size)

    def __iter__(self) -> Iterator[Batch]:  # pragma: no cover - overridden
        raise NotImplementedError

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.num_samples} samples, batch_size={self.batch_size}, "
            f"{len(self)} batches, shuffle={self.order.shuffle}, device={self.device})"
        )


class TensorBatches(Batches):
    """Fast path: the data are tensors on the device; batches are cut by indexing."""

    path = "tensor"

    def __init__(self, x: torch.Tensor, y: torch.Tensor | None, batch_size: int, *,
                 shuffle: bool, seed: int, drop_last: bool, device: torch.device) -> None:
        super().__init__(len(x), batch_size, shuffle=shuffle, seed=seed, drop_last=drop_last,
                         device=device)
        self.x = x.to(device)
        self.y = None if y is None else y.to(device)

    def __iter__(self) -> Iterator[Batch]:
        permutation = self.order.next_epoch()
        tensors = (self.x,) if self.y is None else (self.x, self.y)
        stop = len(self) * self.batch_size
        if permutation is None:  # slices are views: no copy at all
            for start in range(0, min(stop, self.num_samples), self.batch_size):
                yield tuple(t[start:start + self.batch_size] for t in tensors)
            return
        permutation = permutation.to(self.device)
        for start in range(0, min(stop, self.num_samples), self.batch_size):
            index = permutation[start:start + self.batch_size]
            yield tuple(t.index_select(0, index) for t in tensors)


class LoaderBatches(Batches):
    """General path: a ``DataLoader`` whose batches are copied to the device as they come."""

    path = "loader"

    def __init__(self, dataset: Dataset, batch_size: int, *, shuffle: bool, seed: int,
                 drop_last: bool, device: torch.device, num_workers: int = 0,
                 pin_memory: bool | None = None) -> None:
        if not isinstance(dataset, Sized):
            raise TypeError("the loader path needs a Dataset with __len__ (a map-style dataset)")
        super().__init__(len(dataset), batch_size, shuffle=shuffle, seed=seed,
                         drop_last=drop_last, device=device)
        self.pin_memory = device.type == "cuda" if pin_memory is None else pin_memory
        # The loader gets a generator of its own for its workers' base seed: without one it
        # would draw that seed from PyTorch's global RNG at every epoch, which would shift
        # e.g. dropout masks and make the two paths disagree.
        self.loader = DataLoader(
            dataset,
            batch_size=batch_size,
            sampler=SeededSampler(self.order),
            drop_last=drop_last,
            num_workers=num_workers,
            pin_memory=self.pin_memory,
            persistent_workers=num_workers > 0,
            generator=torch.Generator().manual_seed(int(seed)),
        )

    def __iter__(self) -> Iterator[Batch]:
        for batch in self.loader:
            if isinstance(batch, list):
                batch = tuple(batch)
            yield to_device(batch, self.device, non_blocking=self.pin_memory)


def as_tensor(data: Any, name: str) -> torch.Tensor:
    """A tensor view of an array-like (NumPy arrays are shared, not copied, when writable)."""
    if isinstance(data, torch.Tensor):
        return data
    if isinstance(data, np.ndarray):
        if not data.flags.writeable:  # torch.from_numpy warns about read-only arrays
            data = data.copy()
        return torch.from_numpy(data)
    try:
        return torch.as_tensor(data)
    except (TypeError, ValueError, RuntimeError) as error:
        raise TypeError(f"{name} must be a tensor or an array, got {type(data).__name__}") from error


def fits_on(device: torch.device, num_bytes: int) -> bool:
    """Whether a dataset of ``num_bytes`` may be kept on ``device`` for the tensor path.

    On the CPU the data are already in memory, so yes. On a CUDA GPU, when it takes at most
    :data:`GPU_MEMORY_SHARE` of the free memory (the rest is for the model and activations).
    """
    if device.type == "cpu":
        return True
    if device.type == "cuda":
        free, _total = torch.cuda.mem_get_info(device)
        return num_bytes <= GPU_MEMORY_SHARE * free
    return num_bytes <= UNKNOWN_DEVICE_LIMIT


def make_batches(
    x: Any,
    y: Any = None,
    *,
    batch_size: int = 64,
    shuffle: bool = False,
    seed: int = 0,
    device: str | torch.device | DeviceChoice | None = None,
    drop_last: bool = False,
    in_memory: bool | None = None,
    num_workers: int = 0,
    pin_memory: bool | None = None,
) -> Batches:
    """Mini-batches of ``(x, y)`` (tensors or arrays) or of a ``Dataset`` ``x``, on ``device``.

    ``in_memory=None`` picks the tensor path whenever the data are tensors/arrays that fit on
    the device (see :func:`fits_on`), and the loader path otherwise; ``True``/``False`` force
    a path (the tests compare the two). ``device=None`` keeps tensors where they are (the
    loader path then yields CPU batches). ``seed`` fixes the order of every epoch.
    """
    target = as_device(device)
    if isinstance(x, Dataset) and not isinstance(x, TensorDataset):
        if y is not None:
            raise TypeError("pass either a Dataset, or inputs x and targets y, not both")
        if in_memory:
            raise ValueError("in_memory=True needs tensors or arrays, not a Dataset")
        return LoaderBatches(x, batch_size, shuffle=shuffle, seed=seed, drop_last=drop_last,
                             device=target or torch.device("cpu"), num_workers=num_workers,
                             pin_memory=pin_memory)
    if isinstance(x, TensorDataset):
        if y is not None or len(x.tensors) not in (1, 2):
            raise TypeError("a TensorDataset must hold (inputs,) or (inputs, targets), and no y")
        x, y = x.tensors[0], (x.tensors[1] if len(x.tensors) == 2 else None)
    xt = as_tensor(x, "x")
    yt = None if y is None else as_tensor(y, "y")
    if yt is not None and len(xt) != len(yt):
        raise ValueError(
            f"x has {len(xt)} samples but y has {len(yt)}: inputs and targets must have the "
            "same length (first dimension)"
        )
    target = target or xt.device
    num_bytes = sum(t.element_size() * t.numel() for t in (xt, yt) if t is not None)
    if in_memory is None:
        in_memory = fits_on(target, num_bytes)
    common = dict(shuffle=shuffle, seed=seed, drop_last=drop_last, device=target)
    if in_memory:
        return TensorBatches(xt, yt, batch_size, **common)
    tensors = [t.cpu() for t in (xt, yt) if t is not None]
    return LoaderBatches(TensorDataset(*tensors), batch_size, num_workers=num_workers,
                         pin_memory=pin_memory, **common)
