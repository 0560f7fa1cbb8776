"""Which compute device to use, and moving models and batches there with one call.

The same notebook cell has to run on a laptop CPU, on Binder (CPU only) and on Colab (often a
CUDA GPU), and on a Mac with Apple's MPS. :func:`pick_device` chooses the best available device
and says *why*, so a student who expected a GPU can see at once that none was found. The choice
can be overridden per call (``pick_device("cpu")``) or for a whole session through the
``COURSE_DEVICE`` environment variable (e.g. to compare CPU and GPU timings without editing
the notebook).

This module imports PyTorch; ``import helpers`` does not import it, so chapters that never
train a network do not pay for the import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import torch
from torch import nn

#: Environment variable that overrides the automatic choice ("cpu", "cuda", "cuda:1", "mps", "auto").
DEVICE_VARIABLE = "COURSE_DEVICE"

T = TypeVar("T")


@dataclass(frozen=True)
class DeviceChoice:
    """The device :func:`pick_device` chose and a sentence saying why (print it in notebooks)."""

    device: torch.device
    reason: str

    def __str__(self) -> str:
        return f"{self.device} ({self.reason})"


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def _check_available(device: torch.device, asked_by: str) -> None:
    """Raise a clear error when an explicitly requested device is not usable here."""
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise RuntimeError(
                f"{asked_by} asks for {str(device)!r}, but PyTorch sees no CUDA GPU "
                f"(torch {torch.__version__}). Use 'cpu', or on Colab choose "
                "Runtime > Change runtime type > GPU."
            )
        index = device.index or 0
        if index >= torch.cuda.device_count():
            raise RuntimeError(
                f"{asked_by} asks for {str(device)!r}, but only "
                f"{torch.cuda.device_count()} CUDA device(s) exist."
            )
    elif device.type == "mps" and not _mps_available():
        raise RuntimeError(
            f"{asked_by} asks for 'mps', but Apple's MPS backend is not available "
            "(it needs an Apple-silicon Mac and a PyTorch build with MPS). Use 'cpu'."
        )


def _parse(spec: str | torch.device, asked_by: str) -> torch.device:
    try:
        return torch.device(spec)
    except (RuntimeError, TypeError) as error:
        raise ValueError(
            f"{asked_by} gives {str(spec)!r}, which is not a device name; "
            "use 'cpu', 'cuda', 'cuda:0', 'mps' or 'auto'."
        ) from error


def pick_device(
    preferred: str | torch.device | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> DeviceChoice:
    """Choose a device: ``preferred`` if given, else ``$COURSE_DEVICE``, else CUDA > MPS > CPU.

    ``"auto"`` (as argument or variable) means the automatic choice. A device that is asked
    for explicitly but is not available raises ``RuntimeError`` rather than silently falling
    back: the user asked for it, so a silent CPU run would be a surprise an hour later.
    """
    env = os.environ if environ is None else environ
    requests = (
        (preferred, "pick_device's argument"),
        (env.get(DEVICE_VARIABLE, "").strip() or None, f"${DEVICE_VARIABLE}"),
    )
    for spec, asked_by in requests:
        if spec is None or (isinstance(spec, str) and spec.strip().lower() == "auto"):
            continue
        device = _parse(spec.strip() if isinstance(spec, str) else spec, asked_by)
        _check_available(device, asked_by)
        return DeviceChoice(device, f"requested by {asked_by}")
    if torch.cuda.is_available():
        name = torch.cuda.get_device_name(0)
        return DeviceChoice(torch.device("cuda"), f"a CUDA GPU is available ({name})")
    if _mps_available():
        return DeviceChoice(torch.device("mps"), "Apple's MPS GPU backend is available")
    return DeviceChoice(
        torch.device("cpu"),
        f"no CUDA or MPS GPU found; using the CPU ({os.cpu_count()} cores, "
        f"{torch.get_num_threads()} PyTorch threads)",
    )


def as_device(device: str | torch.device | DeviceChoice | None) -> torch.device | None:
    """Normalise the forms a ``device=`` argument may take (None stays None).

    ``"cuda"`` becomes ``cuda:<current index>``, the device tensors actually report, so that
    comparing devices (``x.device == device``) means what it says.
    """
    if device is None:
        return None
    if isinstance(device, DeviceChoice):
        device = device.device
    parsed = _parse(device, "device=")
    if parsed.type == "cuda" and parsed.index is None and torch.cuda.is_available():
        return torch.device("cuda", torch.cuda.current_device())
    return parsed


def module_device(module: nn.Module) -> torch.device:
    """Device of a module's first parameter (or buffer); CPU for a module without any."""
    for tensor in module.parameters():
        return tensor.device
    for tensor in module.buffers():
        return tensor.device
    return torch.device("cpu")


def to_device(obj: T, device: str | torch.device | DeviceChoice, *, non_blocking: bool = False) -> T:
    """Move a tensor, a module, or a (nested) list/tuple/dict/namedtuple of them to ``device``.

    Modules are moved in place (and returned, as ``nn.Module.to`` does); containers are rebuilt
    with the same type; anything else (ints, strings, None) is returned unchanged, so a batch
    like ``(images, labels, names)`` moves with one call. ``non_blocking=True`` lets a copy
    from pinned CPU memory to a GPU overlap with computation.
    """
    target = as_device(device)
    assert target is not None
    return _move(obj, target, non_blocking)


def _move(obj: Any, device: torch.device, non_blocking: bool) -> Any:
    if isinstance(obj, (torch.Tensor, nn.Module)):
        return obj.to(device, non_blocking=non_blocking)
    if isinstance(obj, Mapping):
        moved = {k: _move(v, device, non_blocking) for k, v in obj.items()}
        try:
            return type(obj)(moved)  # type: ignore[call-arg]
        except TypeError:  # e.g. defaultdict, whose constructor wants a factory first
            return moved
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # namedtuple
        return type(obj)(*(_move(v, device, non_blocking) for v in obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(_move(v, device, non_blocking) for v in obj)
    return obj
