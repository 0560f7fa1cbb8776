"""Checks on the first batch that turn PyTorch's terse errors into ones that say what to fix.

A wrong label dtype or a forgotten ``flatten`` shows up in PyTorch as "expected scalar type
Long but found Byte" or "mat1 and mat2 shapes cannot be multiplied (64x28 and 784x256)" - or,
worse, as no error at all (``MSELoss`` silently broadcasting (64,) against (64, 1)). These
checks run once, before the first optimizer step, and name the tensor, its shape/dtype/device,
what was expected, and a likely fix. They cost one batch's worth of tiny comparisons.
"""

from __future__ import annotations

from collections.abc import Callable
from math import prod
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

#: Losses whose targets are class indices (or class probabilities of the output's shape).
CLASS_INDEX_LOSSES: tuple[type, ...] = (nn.CrossEntropyLoss, nn.NLLLoss)
#: Losses that compare output and target element by element (shapes must be equal).
ELEMENTWISE_LOSSES: tuple[type, ...] = (
    nn.MSELoss, nn.L1Loss, nn.SmoothL1Loss, nn.HuberLoss, nn.BCELoss, nn.BCEWithLogitsLoss,
)
_CLASS_INDEX_FUNCTIONS = (F.cross_entropy, F.nll_loss)
_ELEMENTWISE_FUNCTIONS = (F.mse_loss, F.l1_loss, F.smooth_l1_loss, F.huber_loss,
                          F.binary_cross_entropy, F.binary_cross_entropy_with_logits)


def shape(t: torch.Tensor) -> str:
    """A shape written like a Python tuple: ``(64,)``, ``(64, 10)``."""
    return str(tuple(t.shape))


def loss_name(loss_fn: Any) -> str:
    """``CrossEntropyLoss`` for a module, ``cross_entropy`` for a function."""
    if isinstance(loss_fn, nn.Module):
        return type(loss_fn).__name__
    return getattr(loss_fn, "__name__", type(loss_fn).__name__)


def task_of(loss_fn: Callable | None) -> str:
    """``"classes"`` (class-index targets), ``"binary"``, ``"elementwise"`` or ``"other"``."""
    if loss_fn is None:
        return "other"
    if isinstance(loss_fn, CLASS_INDEX_LOSSES) or loss_fn in _CLASS_INDEX_FUNCTIONS:
        return "classes"
    if isinstance(loss_fn, (nn.BCELoss, nn.BCEWithLogitsLoss)) or loss_fn in (
        F.binary_cross_entropy, F.binary_cross_entropy_with_logits,
    ):
        return "binary"
    if isinstance(loss_fn, ELEMENTWISE_LOSSES) or loss_fn in _ELEMENTWISE_FUNCTIONS:
        return "elementwise"
    return "other"


def first_layer(model: nn.Module) -> nn.Module | None:
    """The first leaf module that has parameters, in registration order (a guess at the input
    layer when :func:`layer_reached_first` cannot tell)."""
    layers = _layers(model)
    return layers[0] if layers else None


def _layers(model: nn.Module) -> list[nn.Module]:
    return [m for m in model.modules() if not list(m.children()) and any(True for _ in m.parameters(recurse=False))]


class _Reached(BaseException):
    """Stops a probing forward pass at the first layer (a BaseException: ``except Exception``
    in a model's forward does not swallow it)."""


def layers_reached(model: nn.Module, inputs: torch.Tensor, layers: list[nn.Module] | None = None, *,
                   first_only: bool = False) -> list[tuple[nn.Module, Any]] | None:
    """The ``layers`` (by default every leaf module with parameters) that a forward pass of
    ``inputs`` calls, in the order it first calls them, each with the input it receives then.

    The order in which ``__init__`` registers layers says nothing about the order ``forward``
    calls them (a head defined before the body, a CNN whose ``forward`` reshapes the batch
    first), so the pass itself is asked, under ``no_grad`` and with the random state restored.
    ``first_only`` stops it at the first layer, before any parameter is used. None when the
    model fails first (its own error will tell when it really runs).
    """
    reached: list[tuple[nn.Module, Any]] = []

    def note(module: nn.Module, args: tuple[Any, ...]) -> None:
        if all(module is not seen for seen, _ in reached):
            reached.append((module, args[0] if args else None))
        if first_only:
            raise _Reached

    hooks = [layer.register_forward_pre_hook(note) for layer in (_layers(model) if layers is None else layers)]
    devices = [inputs.device.index or 0] if inputs.device.type == "cuda" else []
    try:
        with torch.no_grad(), torch.random.fork_rng(devices=devices):
            model(inputs)
    except _Reached:
        pass
    except Exception:  # noqa: BLE001 - the real forward pass raises it again, in context
        return None
    finally:
        for hook in hooks:
            hook.remove()
    return reached


def layer_reached_first(model: nn.Module, inputs: torch.Tensor) -> tuple[nn.Module, Any] | None:
    """The first layer with parameters that ``inputs`` reach in a forward pass, and what it
    receives (:func:`layers_reached`); None when the model fails before one or has none."""
    reached = layers_reached(model, inputs, first_only=True)
    return reached[0] if reached else None


def model_parameter(model: nn.Module) -> torch.Tensor | None:
    """A floating-point parameter of the model (its device and dtype), if it has one."""
    for p in model.parameters():
        if p.is_floating_point():
            return p
    return None


def check_inputs(model: nn.Module, inputs: Any) -> None:
    """Inputs must be a tensor on the model's device, of its dtype, of a size its first layer takes."""
    if not isinstance(inputs, torch.Tensor):
        raise TypeError(f"the batch's inputs are a {type(inputs).__name__}, not a tensor")
    param = model_parameter(model)
    if param is None:
        return
    if inputs.device != param.device:
        raise ValueError(
            f"inputs are on {inputs.device} but the model's parameters are on {param.device}; "
            f"pass device={str(param.device)!r} to make_batches/fit (or move both with "
            "helpers.device.to_device)"
        )
    reached = layer_reached_first(model, inputs)
    layer, arriving = reached if reached else (first_layer(model), inputs)
    takes_indices = isinstance(layer, (nn.Embedding, nn.EmbeddingBag))
    if not takes_indices and not inputs.is_floating_point():
        raise TypeError(
            f"inputs have dtype {inputs.dtype} but the model's parameters are {param.dtype}; "
            "convert the inputs to floating point (e.g. x.float() / 255 for uint8 images, as "
            "helpers.training.mnist_tensors does)"
        )
    if not takes_indices and inputs.dtype != param.dtype:
        raise TypeError(
            f"inputs have dtype {inputs.dtype} but the model's parameters are {param.dtype}; "
            f"convert them with x.to({param.dtype}) (NumPy arrays are float64 by default)"
        )
    if reached is None or not isinstance(arriving, torch.Tensor):
        return
    received = "" if arriving.shape == inputs.shape else f" (the model turns them into {shape(arriving)} before it)"
    if isinstance(layer, nn.Linear) and (arriving.ndim == 0 or arriving.shape[-1] != layer.in_features):
        hint = ""
        if arriving.ndim > 2 and prod(arriving.shape[1:]) == layer.in_features:
            hint = (
                f"; flatten each sample first (x.reshape(len(x), -1) gives "
                f"({arriving.shape[0]}, {layer.in_features}), or nn.Flatten() as the first layer)"
            )
        raise ValueError(
            f"inputs have shape {shape(inputs)}{received} but the model's first layer {layer} expects "
            f"{layer.in_features} features in the last dimension{hint}"
        )
    if isinstance(layer, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
        spatial = {nn.Conv1d: 1, nn.Conv2d: 2, nn.Conv3d: 3}[type(layer)]
        if arriving.ndim not in (spatial + 1, spatial + 2) or arriving.shape[-spatial - 1] != layer.in_channels:
            raise ValueError(
                f"inputs have shape {shape(inputs)}{received} but the model's first layer {layer} expects "
                f"(batch, {layer.in_channels}, {', '.join(['size'] * spatial)}); images need a "
                "channel dimension (e.g. x.unsqueeze(1) or mnist_tensors(..., flatten=False))"
            )


def check_targets(outputs: Any, targets: Any, loss_fn: Callable | None) -> None:
    """Targets must be a tensor on the output's device whose shape and dtype fit the loss."""
    if not isinstance(outputs, torch.Tensor):
        raise TypeError(f"the model returned a {type(outputs).__name__}, not a tensor")
    if targets is None:
        raise ValueError("the batches have no targets: give y to make_batches/fit")
    if not isinstance(targets, torch.Tensor):
        raise TypeError(f"the batch's targets are a {type(targets).__name__}, not a tensor")
    if targets.device != outputs.device:
        raise ValueError(
            f"targets are on {targets.device} but the model's output is on {outputs.device}; "
            "move both to one device (make_batches/fit do it when given device=...)"
        )
    if outputs.ndim == 0 or targets.ndim == 0:
        raise ValueError(
            f"the model's output has shape {shape(outputs)} and the targets {shape(targets)}: "
            "both need a batch dimension first"
        )
    if outputs.shape[0] != targets.shape[0]:
        raise ValueError(
            f"the model's output has {outputs.shape[0]} rows (shape {shape(outputs)}) but the "
            f"targets have {targets.shape[0]} (shape {shape(targets)}); each input needs one target"
        )
    task, name = task_of(loss_fn), loss_name(loss_fn)
    if task == "classes":
        _check_class_targets(outputs, targets, loss_fn, name)
    elif task in ("binary", "elementwise"):
        if targets.shape != outputs.shape:
            raise ValueError(
                f"targets have shape {shape(targets)} but the model's output has shape "
                f"{shape(outputs)}; {name} compares them element by element (unequal shapes "
                "would be broadcast silently), so make them equal, e.g. y.reshape(-1, 1) "
                "or outputs.squeeze(1)"
            )
        if not targets.is_floating_point():
            raise TypeError(
                f"targets have dtype {targets.dtype}; {name} needs floating-point targets "
                "(use y.float())"
            )


def _check_class_targets(outputs: torch.Tensor, targets: torch.Tensor, loss_fn: Any, name: str) -> None:
    if outputs.ndim < 2:
        raise ValueError(
            f"the model's output has shape {shape(outputs)}; {name} needs one score per class, "
            f"shape ({outputs.shape[0]}, number of classes)"
        )
    expected = (outputs.shape[0], *outputs.shape[2:])
    written = str(expected) if len(expected) > 1 else f"({expected[0]},)"
    if targets.is_floating_point():
        if targets.shape == outputs.shape:
            return  # class probabilities (soft labels), which CrossEntropyLoss accepts
        raise TypeError(
            f"targets have dtype {targets.dtype} and shape {shape(targets)}; {name} needs class "
            f"indices of dtype torch.int64 and shape {written} (use y.long()), or class "
            f"probabilities of the output's shape {shape(outputs)}"
        )
    if tuple(targets.shape) != expected:
        hint = ""
        if targets.ndim == len(expected) + 1 and targets.shape[1] == 1:
            hint = " (e.g. y.squeeze(1))"
        elif targets.shape == outputs.shape:
            hint = " (these look one-hot: use y.argmax(1))"
        raise ValueError(
            f"targets have shape {shape(targets)} but the model's output has shape "
            f"{shape(outputs)}; for {name} targets must be class indices of shape {written}{hint}"
        )
    if targets.dtype != torch.int64:
        raise TypeError(
            f"targets have dtype {targets.dtype}; {name} needs class indices of dtype "
            "torch.int64: convert them with y.long()"
        )
    ignore = getattr(loss_fn, "ignore_index", -100)
    valid = targets[targets != ignore]
    classes = outputs.shape[1]
    if valid.numel() and (int(valid.min()) < 0 or int(valid.max()) >= classes):
        bad = int(valid.max()) if int(valid.max()) >= classes else int(valid.min())
        raise ValueError(
            f"targets contain class {bad} but the model's output has {classes} columns, "
            f"i.e. classes 0-{classes - 1}; give the last layer one output per class"
        )


def check_loss(loss: Any, loss_fn: Callable | None) -> None:
    """The loss must be a single number (a 0-d tensor) for ``backward()`` and for averaging."""
    if not isinstance(loss, torch.Tensor):
        raise TypeError(f"the loss function returned a {type(loss).__name__}, not a tensor")
    if loss.numel() != 1:
        raise ValueError(
            f"the loss has shape {shape(loss)}, not a single number; use reduction='mean' "
            f"(the default) for {loss_name(loss_fn)}"
        )
