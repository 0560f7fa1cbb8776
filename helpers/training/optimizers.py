"""Build a PyTorch optimizer with its fused kernel when the parameters' device has one.

Why: on the CPU, ``torch.optim.Adam(model.parameters())`` runs its update as about ten
separate operations per parameter tensor (PyTorch only defaults to the multi-tensor path on
GPUs). For a small model such as the 784-256-10 MLP of chapter 4 that bookkeeping costs a
third of a training step on a 2-core machine. ``fused=True`` asks for the same algorithm as one
kernel over all parameters; ``benchmarks/mnist_mlp.py`` prints what it saves. PyTorch raises
only at the first ``step()`` when a device has no fused kernel, so the choice is made here,
up front, from the parameters themselves.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

import torch

__all__ = ["fused_devices", "make_optimizer"]

_KNOWN_FUSED_DEVICES = frozenset({"cpu", "cuda", "mps", "xpu"})


def fused_devices() -> frozenset[str]:
    """Device types for which this PyTorch build has fused optimizer kernels."""
    try:  # PyTorch's own list; private, hence the fallback
        from torch.utils._foreach_utils import _get_fused_kernels_supported_devices
        return frozenset(_get_fused_kernels_supported_devices())
    except (ImportError, AttributeError):
        return _KNOWN_FUSED_DEVICES


def _listed(params: Iterable[Any]) -> list[Any]:
    """``params`` with every iterator turned into a list, so it can be looked at and still be
    handed to the optimizer: ``model.parameters()`` is a generator, also inside a group dict."""
    listed = []
    for item in params:
        if isinstance(item, dict) and not isinstance(item.get("params"), torch.Tensor):
            item = {**item, "params": list(item.get("params", ()))}
        listed.append(item)
    return listed


def _tensors_of(params: list[Any]) -> list[Any]:
    """The parameter tensors, whether given as tensors or as parameter-group dicts."""
    tensors: list[Any] = []
    for item in params:
        if isinstance(item, dict):
            group = item.get("params", ())
            tensors.extend([group] if isinstance(group, torch.Tensor) else group)
        else:
            tensors.append(item)
    return tensors


def make_optimizer(
    optimizer_class: type[torch.optim.Optimizer],
    params: Iterable[Any],
    **hyperparameters: Any,
) -> torch.optim.Optimizer:
    """``optimizer_class(params, **hyperparameters)``, fused when that is possible.

    Fused is chosen when the class accepts ``fused`` (Adam, AdamW, SGD, Adagrad), the caller
    did not choose ``fused`` or ``foreach`` themselves, every parameter is a floating-point
    tensor on a device with fused kernels (:func:`fused_devices`), and ``differentiable`` is
    not requested. Otherwise the class's own default is used, unchanged. The update is the
    same algorithm either way; results agree up to float rounding. Read
    ``optimizer.defaults["fused"]`` to see what was chosen.

    Example::

        optimizer = make_optimizer(torch.optim.Adam, model.parameters(), lr=1e-3)
    """
    if not (isinstance(optimizer_class, type) and issubclass(optimizer_class, torch.optim.Optimizer)):
        raise TypeError(
            "make_optimizer takes an optimizer class such as torch.optim.Adam, "
            f"got {optimizer_class!r}"
        )
    params = _listed(params)
    if not params:
        raise ValueError("the optimizer got no parameters: is the model empty, or was "
                         "model.parameters() already used up by another optimizer?")
    accepts_fused = "fused" in inspect.signature(optimizer_class).parameters
    chosen = {}
    if (accepts_fused and "fused" not in hyperparameters and "foreach" not in hyperparameters
            and not hyperparameters.get("differentiable")):
        supported = fused_devices()
        tensors = _tensors_of(params)
        if tensors and all(isinstance(t, torch.Tensor) and t.is_floating_point()
                           and t.device.type in supported for t in tensors):
            chosen["fused"] = True
    return optimizer_class(params, **hyperparameters, **chosen)
