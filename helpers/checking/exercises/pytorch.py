"""Chapter 5 (PyTorch): the rules and the inputs of each exercise's hidden checks.

Public on purpose: a student may read which inputs are tried and how a check watches the code
run. The expected results are computed only by the instructor's judge (in the instructor
edition), which regenerates the same inputs from the same seed.

PyTorch is imported inside the functions here, never at module level: every chapter's grading
kernel imports this module, and chapters 1-4 must not pay for ``import torch``.

Most checks drive the student's code through several steps and note what happened, as plain
data (numbers, arrays, tensors):

- :class:`Watch` is a ``TorchFunctionMode``: while the student's code runs it sees every PyTorch
  call. It notes calls of ``backward`` / ``torch.autograd.grad`` (for the exercise that asks for
  gradients by hand), operations that combine a tensor still "in main memory" with one "on the
  device" (how a forgotten ``.to(device)`` shows on a machine without a GPU: the loaders of the
  checks yield :class:`HostTensor` batches, and only ``.to(<device>)`` turns one into an ordinary
  tensor), and arithmetic that joins the loss tensors of two different training steps while
  their graphs are kept (``total = total + loss``: memory grows with every step).
- The models handed to a training or evaluation function note, at every forward pass, whether
  they were in training mode and whether gradients were being recorded.
"""

from __future__ import annotations

import functools
import io
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np

from helpers.checking.spec import KEEPS_INPUTS, Case, Exercise, Rule, forbids

# --- watching PyTorch code run ------------------------------------------------------------------

STEP_TAG = "_dlcourse_steps"


@functools.cache
def kit() -> SimpleNamespace:
    """The PyTorch classes the checks use, built on first use (this imports torch)."""
    import torch
    from torch import nn
    from torch.overrides import TorchFunctionMode

    class HostTensor(torch.Tensor):
        """A batch tensor that is still in main memory: ``.to(device)`` makes it an ordinary tensor."""

    autograd_functions = {torch.Tensor.backward: "Tensor.backward", torch.autograd.backward: "torch.autograd.backward",
                          torch.autograd.grad: "torch.autograd.grad"}
    movers = (torch.Tensor.to, torch.Tensor.cuda)

    def tensors_in(value: Any, found: list) -> list:
        if isinstance(value, torch.Tensor):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                tensors_in(item, found)
        elif isinstance(value, dict):
            for item in value.values():
                tensors_in(item, found)
        return found

    def names_a_device(args: tuple, kwargs: dict) -> bool:
        if "device" in kwargs or any(isinstance(v, torch.Tensor) for v in kwargs.values()):
            return True
        return any(isinstance(a, (torch.device, str, int, torch.Tensor)) and not isinstance(a, bool) for a in args[1:])

    class Watch(TorchFunctionMode):
        """Notes autograd calls, host/device mix-ups and losses accumulated with their graphs."""

        def __init__(self) -> None:
            super().__init__()
            self.autograd: list[str] = []
            self.mixups: list[str] = []
            self.accumulated = False

        def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001
            kwargs = kwargs or {}
            if func in autograd_functions:
                self.autograd.append(autograd_functions[func])
            if func in movers:
                out = func(*args, **kwargs)
                if isinstance(out, HostTensor) and (func is torch.Tensor.cuda or names_a_device(args, kwargs)):
                    return out.as_subclass(torch.Tensor)
                return out
            if func is torch.Tensor.cpu:
                out = func(*args, **kwargs)
                return out if isinstance(out, HostTensor) else out.as_subclass(HostTensor)
            tensors = tensors_in(args, tensors_in(kwargs, []))
            host = [t for t in tensors if isinstance(t, HostTensor)]
            if "device" in kwargs and host:  # torch.as_tensor(batch, device=device) moves it too
                with torch._C.DisableTorchFunctionSubclass():
                    return func(*args, **kwargs)
            if any(t.ndim > 0 for t in host) and any(not isinstance(t, HostTensor) for t in tensors):
                self.mixups.append(getattr(func, "__name__", str(func)))
                with torch._C.DisableTorchFunctionSubclass():
                    return func(*args, **kwargs)
            out = func(*args, **kwargs)
            steps = [getattr(t, STEP_TAG, None) for t in tensors]
            steps = frozenset().union(*(s for s in steps if s))
            if steps and isinstance(out, torch.Tensor) and out.requires_grad and torch.is_grad_enabled():
                if len(steps) > 1:
                    self.accumulated = True
                try:
                    setattr(out, STEP_TAG, steps)
                except (AttributeError, RuntimeError):
                    pass
            return out

    class ModeRecorder(nn.Module):
        """Wraps a model; notes, at every forward pass, the training flag and whether grad is on."""

        def __init__(self, inner: nn.Module) -> None:
            super().__init__()
            self.inner = inner
            self.seen_training: list[bool] = []
            self.seen_grad: list[bool] = []

        def forward(self, x):  # noqa: ANN001
            self.seen_training.append(bool(self.training))
            self.seen_grad.append(bool(torch.is_grad_enabled()))
            return self.inner(x)

    class StepLoss:
        """A loss function that tags the loss of each call with its step number (see :class:`Watch`)."""

        def __init__(self, loss: Callable) -> None:
            self.loss, self.calls = loss, 0

        def __call__(self, outputs, targets):  # noqa: ANN001
            self.calls += 1
            value = self.loss(outputs, targets)
            try:
                setattr(value, STEP_TAG, frozenset({self.calls}))
            except (AttributeError, RuntimeError):
                pass
            return value

        def __repr__(self) -> str:
            return f"StepLoss({self.loss!r})"

    return SimpleNamespace(torch=torch, nn=nn, HostTensor=HostTensor, Watch=Watch, ModeRecorder=ModeRecorder,
                           StepLoss=StepLoss)


def autograd_calls(func: Callable[..., Any], *args: Any) -> tuple[Any, list[str]]:
    """``func(*args)`` and the autograd functions it called (``Tensor.backward``, ``torch.autograd.grad``)."""
    with kit().Watch() as watch:
        result = func(*args)
    return result, list(watch.autograd)


def host_loader(x: Any, y: Any, batch_size: int) -> Any:
    """A ``DataLoader`` (in order) whose batches count as "still in main memory" until ``.to(device)``."""
    k = kit()
    dataset = k.torch.utils.data.TensorDataset(x.as_subclass(k.HostTensor), y.as_subclass(k.HostTensor))
    return k.torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=False)


def device_mixups(func: Callable[..., Any], *args: Any) -> tuple[Any, list[str]]:
    """``func(*args)`` and the operations in which a batch from :func:`host_loader` met a tensor on
    the device without being moved there (on a GPU each of them would be an error)."""
    with kit().Watch() as watch:
        result = func(*args)
    return result, list(dict.fromkeys(watch.mixups))


def assert_tensor(got: Any, expected: Any, *, label: str, dtype: Any = None, device: Any = None,
                  rtol: float = 1e-6, atol: float = 1e-8) -> None:
    """Visible test: ``got`` is a torch tensor of ``expected``'s shape (and ``dtype``/``device`` when
    given) with close values; the message says what was got against what was expected."""
    from helpers.checking.visible import assert_array
    from helpers.device import as_device

    torch = kit().torch
    if not isinstance(got, torch.Tensor):
        raise AssertionError(f"{label} returned {type(got).__name__} {got!r:.60}; return a torch tensor")
    if dtype is not None and got.dtype != dtype:
        raise AssertionError(f"{label} returned dtype {got.dtype}, expected {dtype}")
    if device is not None and got.device != as_device(device):
        raise AssertionError(f"{label} returned a tensor on {got.device}, expected one on {as_device(device)}")
    expected = np.asarray(expected)
    if tuple(got.shape) != expected.shape:
        raise AssertionError(f"{label} returned shape {tuple(got.shape)}, expected shape {expected.shape}")
    values = got.detach().cpu()
    values = values.float() if values.dtype == torch.bfloat16 else values
    assert_array(values.numpy().reshape(expected.shape), expected, label=label, rtol=rtol, atol=atol)


def _t(array: np.ndarray) -> Any:
    """A CPU tensor holding a copy of ``array``."""
    return kit().torch.from_numpy(np.array(array, copy=True))


def _dtype_name(array: np.ndarray) -> str:
    return np.dtype(array.dtype).name


def picked_device() -> Any:
    """The device ``helpers.device.pick_device`` chooses here (a GPU when there is one)."""
    from helpers.device import as_device, pick_device

    return as_device(pick_device().device)


# --- 1. NumPy to tensor ---------------------------------------------------------------------------


def call_array_to_tensor(student: Any, a: np.ndarray, device: Any) -> dict[str, Any]:
    """Call ``array_to_tensor(a, device)`` (``"picked"`` means helpers.device's choice); note the tensor,
    the device asked for, its shape and whether it shares memory with ``a``."""
    torch = kit().torch
    target = picked_device() if device == "picked" else device
    t = student(a, target)
    noted: dict[str, Any] = {"tensor": t, "asked": str(torch.device(target))}
    if isinstance(t, torch.Tensor):
        noted["shape"] = list(t.shape)
        plain = t.detach()
        noted["shares_memory"] = bool(plain.device.type == "cpu" and plain.numel() > 0 and a.size > 0
                                      and np.shares_memory(plain.numpy(), a))
    return noted


def _array_to_tensor(rng: np.random.Generator) -> Iterator[Case]:
    arrays = [
        ("float64", rng.normal(size=(3, 4))),
        ("float32", rng.normal(size=(2, 5)).astype(np.float32)),
        ("int64", rng.integers(-9, 9, size=(4,)).astype(np.int64)),
        ("int32", rng.integers(-9, 9, size=(2, 2, 3)).astype(np.int32)),
        ("uint8", rng.integers(0, 256, size=(2, 28)).astype(np.uint8)),
        ("bool", rng.normal(size=(3, 3)) > 0),
        ("float64 0-d", np.array(float(rng.normal()))),
        ("float32 empty (0, 3)", np.zeros((0, 3), dtype=np.float32)),
    ]
    for what, a in arrays:
        yield Case(f"array_to_tensor(a, 'cpu') for a {what} array of shape {a.shape}", (a, "cpu"), ("a", "device"),
                   run=call_array_to_tensor)
    view = rng.normal(size=(5, 3))[::-1]
    yield Case("array_to_tensor(a, 'cpu') for the reversed view a[::-1] of a (5, 3) array (negative strides)",
               (view, "cpu"), ("a", "device"), run=call_array_to_tensor)
    yield Case("array_to_tensor(a, 'cpu') for a transposed (4, 2) float32 array", (
        rng.normal(size=(2, 4)).astype(np.float32).T, "cpu"), ("a", "device"), run=call_array_to_tensor)
    yield Case("array_to_tensor(a, torch.device('cpu')) for a float64 array of shape (2, 3)",
               (rng.normal(size=(2, 3)), kit().torch.device("cpu")), ("a", "device"), run=call_array_to_tensor)
    for what, a in [("float32", rng.normal(size=(3, 2)).astype(np.float32)), ("int64", rng.integers(0, 5, size=6))]:
        yield Case(f"array_to_tensor(a, device) for a {what} array, device = the one helpers.device picks",
                   (a, "picked"), ("a", "device"), run=call_array_to_tensor)


# --- 2. tensor to NumPy ---------------------------------------------------------------------------


def call_tensor_to_array(student: Any, values: np.ndarray, torch_dtype: str, device: str, requires_grad: bool,
                         layout: str) -> dict[str, Any]:
    """Build the tensor described, call ``tensor_to_array(t)``; note the array and whether t changed."""
    torch = kit().torch
    target = picked_device() if device == "picked" else torch.device(device)
    t = torch.tensor(values, dtype=getattr(torch, torch_dtype), device=target)
    if layout == "transposed":
        t = t.t()
    if requires_grad:
        t.requires_grad_(True)
        t = t * 1.0  # not a leaf: it carries a graph (grad_fn), as a model's output does
    before = t.detach().clone()
    result = student(t)
    unchanged = bool(torch.equal(t.detach(), before) and t.requires_grad == requires_grad)
    return {"array": result, "shape": list(result.shape) if isinstance(result, np.ndarray) else None,
            "unchanged": unchanged}


def _tensor_to_array(rng: np.random.Generator) -> Iterator[Case]:
    specs = [
        ("float32", (3, 4), False, "cpu", "contiguous"),
        ("float64", (2, 3), False, "cpu", "contiguous"),
        ("int64", (5,), False, "cpu", "contiguous"),
        ("uint8", (2, 6), False, "cpu", "contiguous"),
        ("bool", (3, 2), False, "cpu", "contiguous"),
        ("float32", (4, 3), True, "cpu", "contiguous"),
        ("float64", (), True, "cpu", "contiguous"),
        ("float32", (3, 5), False, "cpu", "transposed"),
        ("float32", (2, 3), True, "picked", "contiguous"),
        ("int64", (4,), False, "picked", "contiguous"),
    ]
    for dtype, shape, grad, device, layout in specs:
        if dtype == "bool":
            values = rng.normal(size=shape) > 0
        elif dtype in ("int64", "uint8"):
            values = rng.integers(0, 200, size=shape)
        else:
            values = rng.normal(size=shape)
        parts = [f"a {dtype} tensor of shape {shape}"]
        if grad:
            parts.append("that requires grad (with a grad_fn)")
        if layout == "transposed":
            parts = [f"the transpose (not contiguous) of a {dtype} tensor of shape {shape}"]
        where = "on the device helpers.device picks" if device == "picked" else "on the CPU"
        yield Case(f"tensor_to_array(t) for {' '.join(parts)}, {where}", (values, dtype, device, grad, layout),
                   ("values", "dtype", "device", "requires_grad", "layout"), run=call_tensor_to_array)


# --- 3. a derivative with autograd -----------------------------------------------------------------


class Cubic:
    """f(x) = (x - r1)(x - r2)(x - r3)."""

    def __init__(self, roots: tuple[float, float, float]) -> None:
        self.roots = roots

    def __call__(self, x: Any) -> Any:
        r1, r2, r3 = self.roots
        return (x - r1) * (x - r2) * (x - r3)

    def __repr__(self) -> str:
        return "".join(f"(x {'-' if r >= 0 else '+'} {abs(r):g})" for r in self.roots)


class SinExp:
    """f(x) = sin(a x) exp(b x)."""

    def __init__(self, a: float, b: float) -> None:
        self.a, self.b = a, b

    def __call__(self, x: Any) -> Any:
        torch = kit().torch
        return torch.sin(self.a * x) * torch.exp(self.b * x)

    def __repr__(self) -> str:
        return f"sin({self.a:.3g} x) exp({self.b:.3g} x)"


class LogRatio:
    """f(x) = log(1 + x²) / (1 + c x²)."""

    def __init__(self, c: float) -> None:
        self.c = c

    def __call__(self, x: Any) -> Any:
        torch = kit().torch
        return torch.log(1 + x**2) / (1 + self.c * x**2)

    def __repr__(self) -> str:
        return f"log(1 + x²) / (1 + {self.c:.3g} x²)"


class CountedCalls:
    """Wraps ``f`` and counts how often the student's code calls it."""

    def __init__(self, f: Any) -> None:
        self.f, self.calls = f, 0

    def __call__(self, x: Any) -> Any:
        self.calls += 1
        return self.f(x)

    def __repr__(self) -> str:
        return repr(self.f)


def call_autograd_derivative(student: Any, f: Any, x0: Any) -> dict[str, Any]:
    """Call ``autograd_derivative(f, x0)`` with ``f`` counting its calls; note the result and the count."""
    counted = CountedCalls(f)
    result = student(counted, x0)
    return {"result": result, "calls": counted.calls}


def _autograd_derivative(rng: np.random.Generator) -> Iterator[Case]:
    yield Case("autograd_derivative(f, 3.5) for f = (x - 1)(x - 2)(x - 3)", (Cubic((1.0, 2.0, 3.0)), 3.5), ("f", "x0"),
               run=call_autograd_derivative)
    yield Case("autograd_derivative(f, 2) for f = (x - 1)(x - 2)(x - 3) and the integer x0 = 2",
               (Cubic((1.0, 2.0, 3.0)), 2), ("f", "x0"), run=call_autograd_derivative)
    for _ in range(2):
        f = Cubic(tuple(float(r) for r in np.round(rng.normal(size=3), 3)))
        x0 = float(np.round(rng.uniform(-2, 2), 4))
        yield Case(f"autograd_derivative(f, {x0}) for f = {f!r}", (f, x0), ("f", "x0"), run=call_autograd_derivative)
    for _ in range(2):
        f = SinExp(float(np.round(rng.uniform(0.5, 3), 3)), float(np.round(rng.uniform(-1, 1), 3)))
        x0 = float(np.round(rng.uniform(-2, 2), 4))
        yield Case(f"autograd_derivative(f, {x0}) for f = {f!r}", (f, x0), ("f", "x0"), run=call_autograd_derivative)
    f = LogRatio(float(np.round(rng.uniform(0.1, 2), 3)))
    x0 = float(np.round(rng.uniform(0.2, 2), 4))
    yield Case(f"autograd_derivative(f, {x0}) for f = {f!r}", (f, x0), ("f", "x0"), run=call_autograd_derivative)


# --- 4. an in-place SGD update under torch.no_grad ------------------------------------------------


def call_sgd_update(student: Any, values: list[np.ndarray], grads: list[np.ndarray | None], lr: float) -> dict[str, Any]:
    """Build leaf parameters with the given gradients, call ``sgd_update(params, lr)``; note the result."""
    torch = kit().torch
    params = [_t(v).requires_grad_(True) for v in values]
    for p, g in zip(params, grads):
        p.grad = None if g is None else _t(g)
    objects = list(params)
    returned = student(params, lr)
    return {"returned": None if returned is None else type(returned).__name__,
            "same_objects": [a is b for a, b in zip(params, objects)] + [len(params) == len(objects)],
            "leaf": [bool(p.is_leaf) for p in objects],
            "requires_grad": [bool(p.requires_grad) for p in objects],
            "values": [p.detach().clone() for p in objects],
            "grads": [None if p.grad is None else p.grad.detach().clone() for p in objects],
            "shapes": [list(p.shape) for p in objects],
            "grad_enabled_after": bool(torch.is_grad_enabled())}


def _sgd_update(rng: np.random.Generator) -> Iterator[Case]:
    shapes = [[(3, 4), (4,)], [(2, 2), (), (5, 1)], [(6,)]]
    for shapes_, dtype in zip(shapes, [np.float64, np.float32, np.float64]):
        values = [rng.normal(size=s).astype(dtype) for s in shapes_]
        grads = [rng.normal(size=s).astype(dtype) for s in shapes_]
        lr = float(np.round(rng.uniform(0.01, 0.5), 3))
        yield Case(f"sgd_update(params, lr={lr}) for {np.dtype(dtype).name} parameters of shapes {shapes_}",
                   (values, grads, lr), ("values", "grads", "lr"), run=call_sgd_update)
    values = [rng.normal(size=(2, 3)), rng.normal(size=(3,))]
    grads = [rng.normal(size=(2, 3)), None]
    yield Case("sgd_update(params, lr=0.1) where the second parameter's .grad is None", (values, grads, 0.1),
               ("values", "grads", "lr"), run=call_sgd_update)


# --- 5. the two-layer net by hand -----------------------------------------------------------------


def call_manual_step(student: Any, x: Any, y: Any, w1: Any, w2: Any, lr: float) -> dict[str, Any]:
    """Call ``two_layer_manual_step`` under :class:`Watch`; note the loss, the weights after, autograd calls."""
    with kit().Watch() as watch:
        loss = student(x, y, w1, w2, lr)
    return {"loss": loss, "w1": w1.detach().clone(), "w2": w2.detach().clone(), "autograd": sorted(set(watch.autograd))}


def _two_layer_shapes(rng: np.random.Generator) -> list[tuple[int, int, int, int, Any]]:
    return [(1, 3, 4, 2, np.float64), (5, 7, 6, 3, np.float64), (8, 10, 5, 1, np.float32),
            (int(rng.integers(2, 12)), int(rng.integers(2, 12)), int(rng.integers(2, 9)), int(rng.integers(1, 5)),
             np.float64)]


def _two_layer_data(rng: np.random.Generator, n: int, d_in: int, h: int, d_out: int, dtype: Any) -> tuple:
    x = rng.normal(size=(n, d_in)).astype(dtype)
    y = rng.normal(size=(n, d_out)).astype(dtype)
    w1 = (rng.normal(size=(d_in, h)) / np.sqrt(d_in)).astype(dtype)
    w2 = (rng.normal(size=(h, d_out)) / np.sqrt(h)).astype(dtype)
    return x, y, w1, w2


def _manual_step(rng: np.random.Generator) -> Iterator[Case]:
    for n, d_in, h, d_out, dtype in _two_layer_shapes(rng):
        x, y, w1, w2 = (_t(a) for a in _two_layer_data(rng, n, d_in, h, d_out, dtype))
        lr = float(np.round(rng.uniform(0.005, 0.05), 4))
        yield Case(f"two_layer_manual_step(x, y, w1, w2, lr={lr}) with N={n}, D_in={d_in}, H={h}, D_out={d_out} "
                   f"({np.dtype(dtype).name})", (x, y, w1, w2, lr), ("x", "y", "w1", "w2", "lr"),
                   may_change=("w1", "w2"), run=call_manual_step)


# --- 6. the two-layer net with autograd -----------------------------------------------------------

AUTOGRAD_STEPS = 3


def call_autograd_steps(student: Any, x: Any, y: Any, w1: Any, w2: Any, lr: float) -> dict[str, Any]:
    """Make w1, w2 leaves that require grad; call ``two_layer_autograd_step`` AUTOGRAD_STEPS times."""
    w1 = w1.detach().clone().requires_grad_(True)
    w2 = w2.detach().clone().requires_grad_(True)
    steps = []
    for _ in range(AUTOGRAD_STEPS):
        loss = student(x, y, w1, w2, lr)
        steps.append({"loss": loss, "w1": w1.detach().clone(), "w2": w2.detach().clone()})
    grads = [w.grad for w in (w1, w2)]
    return {"steps": steps, "leaf": [bool(w.is_leaf and w.requires_grad) for w in (w1, w2)],
            "grads_clear": [g is None or bool((g == 0).all()) for g in grads]}


def _autograd_step(rng: np.random.Generator) -> Iterator[Case]:
    for n, d_in, h, d_out, dtype in _two_layer_shapes(rng):
        x, y, w1, w2 = (_t(a) for a in _two_layer_data(rng, n, d_in, h, d_out, dtype))
        lr = float(np.round(rng.uniform(0.005, 0.05), 4))
        yield Case(f"{AUTOGRAD_STEPS} calls of two_layer_autograd_step(x, y, w1, w2, lr={lr}) with N={n}, "
                   f"D_in={d_in}, H={h}, D_out={d_out} ({np.dtype(dtype).name})", (x, y, w1, w2, lr),
                   ("x", "y", "w1", "w2", "lr"), run=call_autograd_steps)


# --- 7 and 8. nn.Sequential + optim.SGD, and a DataLoader -------------------------------------------

#: Architectures of the models the checks train: a list of layer kinds between the Linear layers.
ARCHITECTURES = {"relu": "Linear-ReLU-Linear", "tanh": "Linear-Tanh-Linear", "linear": "a single Linear"}


def model_spec(rng: np.random.Generator, kind: str, d_in: int, h: int, d_out: int, dtype: Any) -> dict[str, Any]:
    """Weights of a small model, as arrays (PyTorch's Linear layout: weight (out, in), bias (out,))."""
    sizes = [(d_in, d_out)] if kind == "linear" else [(d_in, h), (h, d_out)]
    layers = [{"weight": (rng.normal(size=(o, i)) / np.sqrt(i)).astype(dtype), "bias": (0.1 * rng.normal(size=o)).astype(dtype)}
              for i, o in sizes]
    return {"kind": kind, "layers": layers}


def build_model(spec: dict[str, Any]) -> Any:
    """The ``nn.Sequential`` a :func:`model_spec` describes."""
    nn, torch = kit().nn, kit().torch
    linears = []
    for layer in spec["layers"]:
        out_f, in_f = layer["weight"].shape
        linear = nn.Linear(in_f, out_f, dtype=getattr(torch, _dtype_name(layer["weight"])))
        with torch.no_grad():
            linear.weight.copy_(_t(layer["weight"]))
            linear.bias.copy_(_t(layer["bias"]))
        linears.append(linear)
    if spec["kind"] == "linear":
        return nn.Sequential(*linears)
    return nn.Sequential(linears[0], nn.ReLU() if spec["kind"] == "relu" else nn.Tanh(), linears[1])


def _parameters(model: Any) -> list[Any]:
    return [p.detach().clone() for p in model.parameters()]


def call_sgd_train(student: Any, spec: dict[str, Any], x: Any, y: Any, lr: float, steps: int) -> dict[str, Any]:
    """Build the model, call ``sgd_train(model, x, y, lr, steps)``; note the losses and the parameters after."""
    model = build_model(spec)
    losses = student(model, x, y, lr, steps)
    return {"losses": losses, "params": _parameters(model)}


def _sgd_train(rng: np.random.Generator) -> Iterator[Case]:
    for kind, n, d_in, h, d_out, steps, dtype in [("relu", 16, 5, 8, 2, 4, np.float32), ("relu", 1, 3, 4, 1, 3, np.float64),
                                                  ("tanh", 10, 4, 6, 3, 5, np.float64), ("linear", 7, 3, 0, 2, 6, np.float64)]:
        spec = model_spec(rng, kind, d_in, h, d_out, dtype)
        x, y = _t(rng.normal(size=(n, d_in)).astype(dtype)), _t(rng.normal(size=(n, d_out)).astype(dtype))
        lr = float(np.round(rng.uniform(0.05, 0.3), 3))
        yield Case(f"sgd_train(model, x, y, lr={lr}, steps={steps}) for {ARCHITECTURES[kind]} ({d_in} inputs, "
                   f"{d_out} outputs, {np.dtype(dtype).name}) on {n} samples", (spec, x, y, lr, steps),
                   ("model", "x", "y", "lr", "steps"), run=call_sgd_train)


def call_train_with_loader(student: Any, spec: dict[str, Any], x: Any, y: Any, batch_size: int, lr: float,
                           epochs: int, seed: int) -> dict[str, Any]:
    """Build the model, call ``train_with_loader``; note the per-epoch losses and the parameters after."""
    model = build_model(spec)
    losses = student(model, x, y, batch_size, lr, epochs, seed)
    return {"losses": losses, "params": _parameters(model)}


def _train_with_loader(rng: np.random.Generator) -> Iterator[Case]:
    for kind, n, batch_size, epochs, dtype in [("relu", 10, 4, 3, np.float32), ("relu", 12, 4, 2, np.float64),
                                               ("tanh", 9, 1, 2, np.float64), ("linear", 5, 8, 3, np.float64)]:
        d_in, h, d_out = int(rng.integers(2, 6)), int(rng.integers(3, 8)), int(rng.integers(1, 4))
        spec = model_spec(rng, kind, d_in, h, d_out, dtype)
        x, y = _t(rng.normal(size=(n, d_in)).astype(dtype)), _t(rng.normal(size=(n, d_out)).astype(dtype))
        lr, seed = float(np.round(rng.uniform(0.05, 0.2), 3)), int(rng.integers(0, 1000))
        yield Case(f"train_with_loader(model, x, y, batch_size={batch_size}, lr={lr}, epochs={epochs}, seed={seed}) "
                   f"for {ARCHITECTURES[kind]} on {n} samples ({np.dtype(dtype).name})",
                   (spec, x, y, batch_size, lr, epochs, seed),
                   ("model", "x", "y", "batch_size", "lr", "epochs", "seed"), run=call_train_with_loader)


# --- 9. standardisation fitted on the training split ------------------------------------------------


def _standardize(rng: np.random.Generator) -> Iterator[Case]:
    for n_train, n_test, d, dtype in [(20, 8, 3, np.float64), (50, 30, 5, np.float32), (7, 1, 2, np.float64),
                                      (1, 4, 3, np.float64)]:
        shift, scale = rng.normal(scale=5, size=d), rng.uniform(0.5, 4, size=d)
        train = shift + scale * rng.normal(size=(n_train, d))
        test = 2 * shift + 3 * scale * rng.normal(size=(n_test, d)) + 1  # a test split that looks different
        if n_train > 1:
            train[:, -1] = 7.0  # a constant feature: its training standard deviation is 0
        yield Case(f"standardize(x_train, x_test) for x_train {train.shape} and x_test {test.shape} "
                   f"({np.dtype(dtype).name})" + (", the last feature constant in x_train" if n_train > 1 else ""),
                   (_t(train.astype(dtype)), _t(test.astype(dtype))), ("x_train", "x_test"))


# --- 10. logistic regression as an nn.Module ---------------------------------------------------------


def call_logistic_module(student: Any, n_features: int, seed: int, x: Any) -> dict[str, Any]:
    """Build ``LogisticRegression(n_features)`` after ``torch.manual_seed(seed)``; note its parameters and
    its output for ``x``."""
    k = kit()
    k.torch.manual_seed(seed)
    model = student(n_features)
    out = model(x)
    return {"is_module": isinstance(model, k.nn.Module),
            "params": [p.detach().clone() for p in model.parameters()],
            "param_shapes": [list(p.shape) for p in model.parameters()],
            "out": out, "out_shape": list(out.shape) if isinstance(out, k.torch.Tensor) else None,
            "out_requires_grad": bool(getattr(out, "requires_grad", False))}


def _logistic_module(rng: np.random.Generator) -> Iterator[Case]:
    for n, d in [(6, 2), (1, 5), (10, 30)]:
        x = _t(rng.normal(size=(n, d)).astype(np.float32))
        yield Case(f"LogisticRegression({d}) on a float32 batch of shape {(n, d)}", (d, int(rng.integers(1000)), x),
                   ("n_features", "seed", "x"), run=call_logistic_module)


# --- 11. training logistic regression with BCELoss ----------------------------------------------------

#: The breast-cancer case of train_logistic: split, budget and the accuracy the text promises.
CANCER_SPLIT = {"test_size": 0.25, "random_state": 0}
CANCER_EPOCHS, CANCER_LR, CANCER_THRESHOLD = 300, 0.5, 0.95


def logistic_model(w: np.ndarray, b: float) -> Any:
    """The check's own logistic-regression model: a Linear layer with the given weights, then a sigmoid."""
    nn, torch = kit().nn, kit().torch
    dtype = getattr(torch, _dtype_name(w))
    linear = nn.Linear(w.shape[0], 1, dtype=dtype)
    with torch.no_grad():
        linear.weight.copy_(_t(w.reshape(1, -1)))
        linear.bias.fill_(b)
    return nn.Sequential(linear, nn.Sigmoid())


def breast_cancer_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, x_test, y_train, y_test) of scikit-learn's breast-cancer set: stratified, CANCER_SPLIT,
    features scaled with the training split's mean and standard deviation."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    data = load_breast_cancer()
    x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, stratify=data.target, **CANCER_SPLIT)
    scaler = StandardScaler().fit(x_train)
    return (scaler.transform(x_train).astype(np.float32), scaler.transform(x_test).astype(np.float32),
            y_train.astype(np.float32), y_test.astype(np.float32))


def call_train_logistic(student: Any, w: np.ndarray, b: float, x: Any, y: Any, epochs: int, lr: float,
                        x_test: Any) -> dict[str, Any]:
    """Train the check's logistic model with ``train_logistic``; note losses, parameters and test outputs."""
    torch = kit().torch
    model = logistic_model(w, b)
    losses = student(model, x, y, epochs, lr)
    noted = {"losses": losses, "params": _parameters(model)}
    if x_test is not None:
        with torch.no_grad():
            noted["test_probabilities"] = model(x_test).detach().clone()
    return noted


def _train_logistic(rng: np.random.Generator) -> Iterator[Case]:
    for n, d, epochs, dtype in [(20, 3, 5, np.float64), (1, 2, 3, np.float64), (30, 4, 6, np.float32)]:
        x = rng.normal(size=(n, d)).astype(dtype)
        y = (x @ rng.normal(size=d) + 0.3 * rng.normal(size=n) > 0).astype(dtype).reshape(-1, 1)
        w, b, lr = rng.normal(size=d).astype(dtype), float(np.round(rng.normal(), 3)), float(np.round(rng.uniform(0.1, 1), 3))
        yield Case(f"train_logistic(model, x, y, epochs={epochs}, lr={lr}) with x {(n, d)} ({np.dtype(dtype).name})",
                   (w, b, _t(x), _t(y), epochs, lr, None), ("w", "b", "x", "y", "epochs", "lr", "x_test"),
                   run=call_train_logistic)
    x_train, x_test, y_train, _ = breast_cancer_split()
    yield Case(f"train_logistic(model, x, y, epochs={CANCER_EPOCHS}, lr={CANCER_LR}) on the breast-cancer training "
               f"split (weights starting at zero), then the accuracy on the test split",
               (np.zeros(x_train.shape[1], dtype=np.float32), 0.0, _t(x_train), _t(y_train.reshape(-1, 1)),
                CANCER_EPOCHS, CANCER_LR, _t(x_test)), ("w", "b", "x", "y", "epochs", "lr", "x_test"),
               run=call_train_logistic)


# --- 12. the MNIST MLP with He initialisation -------------------------------------------------------

#: Sizes at which He initialisation is told apart from Xavier's and PyTorch's default: every layer
#: has many more outputs than inputs. The statistics are pooled over INIT_SEEDS models.
INIT_SIZES, INIT_SEEDS = (16, 64, 256), 5


def _linears(model: Any, n_in: int) -> list[Any]:
    """The model's nn.Linear layers in the order a batch of ``n_in`` features runs through them
    (``__init__`` may define them in any order); registration order where the pass fails."""
    from helpers.training.checks import layers_reached

    k = kit()
    linears = [m for m in model.modules() if isinstance(m, k.nn.Linear)]
    order = [layer for layer, _ in layers_reached(model, k.torch.zeros(2, n_in), linears) or []]
    return order + [m for m in linears if all(m is not r for r in order)]


def call_mlp(student: Any, sizes: tuple[int, ...] | None, seed: int, x: Any, purpose: str) -> dict[str, Any]:
    """Build ``MLP(*sizes)`` (the defaults when None) after ``torch.manual_seed(seed)`` and note what
    ``purpose`` asks: the parameter count, the layers and the output for ``x``, or weight statistics."""
    k = kit()
    seeds = [seed + i for i in range(INIT_SEEDS)] if purpose == "init" else [seed]
    noted: dict[str, Any] = {"models": []}
    for s in seeds:
        k.torch.manual_seed(s)
        model = student() if sizes is None else student(*sizes)
        if not isinstance(model, k.nn.Module):
            return {"not_a_module": type(model).__name__}
        linears = _linears(model, (sizes or (784,))[0])
        about: dict[str, Any] = {"parameters": int(sum(p.numel() for p in model.parameters())),
                                 "linear_shapes": [list(m.weight.shape) for m in linears]}
        if purpose == "init":
            about["weight_std"] = [float(m.weight.detach().double().std(correction=0)) for m in linears]
            about["weight_mean"] = [float(m.weight.detach().double().mean()) for m in linears]
            about["bias_max_abs"] = [float(m.bias.detach().abs().max()) if m.bias is not None else None for m in linears]
        if purpose == "forward":
            about["layers"] = [{"weight": m.weight.detach().clone(),
                                "bias": None if m.bias is None else m.bias.detach().clone()} for m in linears]
            out = model(x)
            about["out"] = out
            about["out_shape"] = list(out.shape) if isinstance(out, k.torch.Tensor) else None
        noted["models"].append(about)
    return noted


def _mlp(rng: np.random.Generator) -> Iterator[Case]:
    yield Case("MLP() with the default sizes 784-256-10: its number of parameters", (None, 0, None, "count"),
               ("sizes", "seed", "x", "purpose"), run=call_mlp)
    for sizes, n in [((5, 7, 3), 4), ((2, 9, 4), 1), ((12, 6, 10), 9)]:
        x = _t(rng.normal(size=(n, sizes[0])).astype(np.float32))
        yield Case(f"MLP{sizes} on a float32 batch of shape {(n, sizes[0])}: layers and output",
                   (sizes, int(rng.integers(1000)), x, "forward"), ("sizes", "seed", "x", "purpose"), run=call_mlp)
    yield Case(f"MLP{INIT_SIZES} built with {INIT_SEEDS} different seeds: the statistics of its initial weights",
               (INIT_SIZES, int(rng.integers(1000)), None, "init"), ("sizes", "seed", "x", "purpose"), run=call_mlp)


# --- 13. train_one_epoch ----------------------------------------------------------------------------------


def classifier_spec(rng: np.random.Generator, d_in: int, h: int, classes: int) -> dict[str, Any]:
    return model_spec(rng, "relu", d_in, h, classes, np.float32)


def call_train_one_epoch(student: Any, spec: dict[str, Any], x: Any, y: Any, batch_size: int, lr: float) -> dict[str, Any]:
    """Run ``train_one_epoch`` on the check's classifier (handed over in eval mode) with a
    :func:`host_loader`, plain SGD and cross-entropy, under :class:`Watch`; note what happened."""
    k = kit()
    model = k.ModeRecorder(build_model(spec))
    model.eval()
    loader = host_loader(x, y, batch_size)
    optimizer = k.torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = k.StepLoss(k.nn.CrossEntropyLoss())
    with k.Watch() as watch:
        returned = student(model, loader, optimizer, loss_fn, k.torch.device("cpu"))
    return {"returned": returned, "training_in_forward": model.seen_training, "mixups": sorted(set(watch.mixups)),
            "accumulated": watch.accumulated, "loss_calls": loss_fn.calls, "params": _parameters(model.inner)}


def _train_one_epoch(rng: np.random.Generator) -> Iterator[Case]:
    for n, batch_size, d_in, h, classes in [(10, 4, 3, 5, 3), (16, 16, 4, 6, 2), (7, 3, 5, 4, 4), (13, 5, 6, 8, 3)]:
        spec = classifier_spec(rng, d_in, h, classes)
        x = _t(rng.normal(size=(n, d_in)).astype(np.float32))
        y = _t(rng.integers(0, classes, size=n).astype(np.int64))
        lr = float(np.round(rng.uniform(0.05, 0.5), 3))
        yield Case(f"train_one_epoch on {n} samples in batches of {batch_size} (SGD, lr={lr}, cross-entropy, "
                   f"{classes} classes), the model handed over in eval mode", (spec, x, y, batch_size, lr),
                   ("model", "x", "y", "batch_size", "lr"), run=call_train_one_epoch)


# --- 14. evaluate_accuracy ----------------------------------------------------------------------------------

#: Dropout rate of the check's classifier: a forgotten model.eval() changes its predictions.
DROPOUT = 0.5


def call_evaluate_accuracy(student: Any, spec: dict[str, Any], x: Any, y: Any, batch_size: int,
                           start_in_training: bool) -> dict[str, Any]:
    """Run ``evaluate_accuracy`` on the check's classifier (with dropout) and a :func:`host_loader`."""
    k = kit()
    inner = build_model(spec)
    inner = k.nn.Sequential(inner[0], inner[1], k.nn.Dropout(DROPOUT), inner[2])
    model = k.ModeRecorder(inner)
    model.train(start_in_training)
    before = _parameters(inner)
    loader = host_loader(x, y, batch_size)
    k.torch.manual_seed(0)
    with k.Watch() as watch:
        returned = student(model, loader, k.torch.device("cpu"))
    after = _parameters(inner)
    return {"returned": returned, "training_in_forward": model.seen_training, "grad_in_forward": model.seen_grad,
            "training_after": [bool(m.training) for m in model.modules()], "mixups": sorted(set(watch.mixups)),
            "params_unchanged": all(bool(k.torch.equal(a, b)) for a, b in zip(before, after))}


def _evaluate_accuracy(rng: np.random.Generator) -> Iterator[Case]:
    for n, batch_size, d_in, classes, start in [(10, 4, 3, 3, True), (23, 8, 5, 4, True), (9, 9, 4, 2, False),
                                                (17, 5, 6, 3, False)]:
        spec = classifier_spec(rng, d_in, 12, classes)
        x = _t(rng.normal(size=(n, d_in)).astype(np.float32))
        y = _t(rng.integers(0, classes, size=n).astype(np.int64))
        mode = "training" if start else "eval"
        yield Case(f"evaluate_accuracy on {n} samples in batches of {batch_size} ({classes} classes), a model with "
                   f"dropout handed over in {mode} mode", (spec, x, y, batch_size, start),
                   ("model", "x", "y", "batch_size", "start_in_training"), run=call_evaluate_accuracy)


# --- 15. a recipe that reaches 95 % on MNIST -----------------------------------------------------------

#: The budget a recipe must keep, and the data and seed of the check (stated in the exercise's text).
RECIPE_MAX_PARAMETERS, RECIPE_MAX_EPOCHS, RECIPE_MIN_BATCH = 300_000, 3, 32
RECIPE_TRAIN, RECIPE_THRESHOLD, RECIPE_SEED = 8000, 0.95, 0


def offline_split() -> tuple[Any, Any, Any, Any]:
    """(x_train, y_train, x_test, y_test): the official MNIST test split cut at RECIPE_TRAIN, as tensors."""
    from helpers.datasets import MnistSplit, load_mnist
    from helpers.training import mnist_tensors

    test = load_mnist("test", log=lambda _message: None)
    train_part = MnistSplit(test.images[:RECIPE_TRAIN], test.labels[:RECIPE_TRAIN], "train", test.source)
    test_part = MnistSplit(test.images[RECIPE_TRAIN:], test.labels[RECIPE_TRAIN:], "test", test.source)
    return (*mnist_tensors(train_part, device="cpu"), *mnist_tensors(test_part, device="cpu"))


def recipe_problems(recipe: Any) -> list[str]:
    """What is wrong with a recipe's form or budget (an empty list when nothing is)."""
    k = kit()
    if not isinstance(recipe, dict):
        return [f"mnist_recipe() should return a dict, got {type(recipe).__name__}"]
    missing = [key for key in ("model", "optimizer", "epochs", "batch_size") if key not in recipe]
    if missing:
        return [f"the recipe has no {', '.join(repr(m) for m in missing)}"]
    model, optimizer, epochs, batch_size = (recipe[key] for key in ("model", "optimizer", "epochs", "batch_size"))
    problems = []
    if not isinstance(model, k.nn.Module):
        return [f"recipe['model'] should be an nn.Module, got {type(model).__name__}"]
    if not isinstance(optimizer, k.torch.optim.Optimizer):
        return [f"recipe['optimizer'] should be a torch.optim optimizer, got {type(optimizer).__name__}"]
    optimized = {id(p) for group in optimizer.param_groups for p in group["params"]}
    if not all(id(p) in optimized for p in model.parameters() if p.requires_grad):
        problems.append("the optimizer does not update all of the model's parameters (build it from "
                        "model.parameters())")
    count = sum(p.numel() for p in model.parameters())
    if count > RECIPE_MAX_PARAMETERS:
        problems.append(f"the model has {count:,} parameters; the budget is {RECIPE_MAX_PARAMETERS:,}")
    if type(epochs) is not int or not 1 <= epochs <= RECIPE_MAX_EPOCHS:
        problems.append(f"epochs is {epochs!r}; it must be an int from 1 to {RECIPE_MAX_EPOCHS}")
    if type(batch_size) is not int or batch_size < RECIPE_MIN_BATCH:
        problems.append(f"batch_size is {batch_size!r}; it must be an int of at least {RECIPE_MIN_BATCH}")
    return problems


def train_recipe(recipe_fn: Callable[[], Any], seed: int = RECIPE_SEED) -> dict[str, Any]:
    """What the check does with ``mnist_recipe``: build it after ``torch.manual_seed(seed)``, train it with
    ``helpers.training.fit`` on the CPU (seed ``seed``) on the first RECIPE_TRAIN images of the official
    MNIST test split, predict the other 2,000, then save its ``state_dict``, load it into a model from a
    second ``mnist_recipe()`` call and predict again. Returns the predictions, the accuracy, the time taken
    and what was wrong (``problems``)."""
    from helpers.training import fit, predict

    k = kit()
    k.torch.manual_seed(seed)
    recipe = recipe_fn()
    problems = recipe_problems(recipe)
    if problems:
        return {"problems": problems}
    model, optimizer = recipe["model"], recipe["optimizer"]
    x_train, y_train, x_test, y_test = offline_split()
    start = time.perf_counter()
    fit(model, k.nn.CrossEntropyLoss(), optimizer, (x_train, y_train), epochs=recipe["epochs"],
        batch_size=recipe["batch_size"], device="cpu", seed=seed, progress=False)
    seconds = time.perf_counter() - start
    outputs = predict(model, x_test, device="cpu")
    if outputs.shape != (len(x_test), 10):
        return {"problems": [f"the model maps a batch of shape {tuple(x_test.shape)} to shape "
                             f"{tuple(outputs.shape)}; expected ({len(x_test)}, 10): one logit per class"]}
    predictions = outputs.argmax(1)
    buffer = io.BytesIO()
    k.torch.save(model.state_dict(), buffer)
    buffer.seek(0)
    k.torch.manual_seed(seed + 1)
    fresh = recipe_fn()["model"]
    fresh.load_state_dict(k.torch.load(buffer, weights_only=True))
    reloaded = bool(k.torch.equal(predict(fresh, x_test, device="cpu").argmax(1), predictions))
    return {"problems": [], "predictions": predictions.numpy().astype(np.uint8),
            "accuracy": float((predictions == y_test).double().mean()), "seconds": round(seconds, 1),
            "reloaded_same": reloaded}


def call_recipe(student: Any, seed: int) -> dict[str, Any]:
    return train_recipe(student, seed)


def _mnist_recipe(rng: np.random.Generator) -> Iterator[Case]:
    yield Case(f"mnist_recipe() trained with fit on MNIST test images 0-{RECIPE_TRAIN - 1} (seed {RECIPE_SEED}), "
               f"accuracy on images {RECIPE_TRAIN}-9999", (RECIPE_SEED,), ("seed",), run=call_recipe)


# --- rules ------------------------------------------------------------------------------------------

SAME_DTYPE = Rule("dtype", "keep the dtype (float64 stays float64, uint8 stays uint8, ...)", (r"dtype",))
ON_DEVICE = Rule("device", "put the tensor on the device given", (r"device",))
NO_SHARING = Rule("copy", "the tensor must not share memory with the array (changing one must not change the other)",
                  (r"share memory",))
NEGATIVE_STRIDES = Rule("strides", "work for views such as a[::-1] (negative strides)", (r"a\[::-1\]",))
RETURNS_ARRAY = Rule("ndarray", "return a NumPy array with the tensor's values and the matching dtype",
                     (r"NumPy array", r"dtype"))
ANY_TENSOR = Rule("any_tensor", "work for tensors that require grad and for tensors on a GPU",
                  (r"requires? grad", r"GPU"))
ONE_CALL = Rule("one_call", "call f exactly once (autograd needs one forward pass)", (r"exactly once",))
FLOAT64 = Rule("float64", "compute in float64 and return a Python float", (r"float64", r"Python float"))
IN_PLACE = Rule("in_place", "update each parameter in place, inside torch.no_grad(), so it stays the same leaf tensor",
                (r"in place", r"torch\.no_grad"))
CLEARS_GRAD = Rule("clear_grad", "reset every gradient afterwards (zero it or set it to None)", (r"\.grad",))
SKIPS_NONE = Rule("none_grad", "leave a parameter whose .grad is None unchanged", (r"None",))
RETURNS_NONE = Rule("returns_none", "return None", (r"returns? `?None",))
NO_AUTOGRAD = forbids("forbid_autograd", "compute the gradients by hand: no .backward(), torch.autograd.backward "
                      "or torch.autograd.grad", r"backward", r"autograd")
LOSS_FLOAT = Rule("loss_float", "return the loss, computed before the update, as a Python float",
                  (r"before the update", r"Python float"))
WEIGHTS_IN_PLACE = Rule("weights_in_place", "update w1 and w2 in place", (r"in place",))
ZERO_GRAD = Rule("zero_grad", "clear the gradients in every step, or they add up across steps",
                 (r"zero", r"add up|accumulat"))
LOSS_LIST = Rule("loss_list", "return the list of the losses, one Python float per step, each computed before that "
                 "step's update", (r"list", r"before"))
LOADER = Rule("loader", "build the DataLoader once, with shuffle=True and generator=torch.Generator().manual_seed(seed)",
              (r"DataLoader", r"manual_seed\(seed\)", r"once"))
EPOCH_MEAN = Rule("epoch_mean", "return one number per epoch: the mean loss per sample (weighted by batch size)",
                  (r"weighted by (the )?batch size|batch size", r"per sample"))
TUPLE = Rule("tuple", "return the tuple (train_std, test_std), tensors of the input dtype", (r"\(train_std, test_std\)",))
TRAIN_STATS = Rule("train_stats", "use only x_train's mean and standard deviation (correction 0), for both splits",
                   (r"x_train", r"correction"))
ZERO_STD = Rule("zero_std", "divide a feature whose training standard deviation is 0 by 1", (r"divided by 1|by 1",))
MODULE = Rule("module", "an nn.Module", (r"nn\.Module",))
PROBABILITIES = Rule("probabilities", "forward returns the probabilities sigmoid(w·x + b), of shape (n, 1)",
                     (r"probabilit", r"\(n, 1\)"))
LOGISTIC_PARAMS = Rule("params", "n_features + 1 parameters: one weight per feature and a bias",
                       (r"n_features \+ 1",))
BCE = Rule("bce", "train with nn.BCELoss and torch.optim.SGD, full batch, one step per epoch",
           (r"BCELoss", r"SGD", r"full batch|full-batch"))
CANCER = Rule("cancer", "reach the stated accuracy on the breast-cancer test split",
              (r"95 ?%", r"breast.cancer", r"seed|random_state"))
MLP_LAYERS = Rule("layers", "two nn.Linear layers with a ReLU between, sizes n_in-n_hidden-n_out",
                  (r"nn\.Linear", r"ReLU"))
HE_INIT = Rule("he_init", "He (Kaiming) initialisation of the weights, zero biases", (r"Kaiming", r"zero"))
LOGITS = Rule("logits", "forward returns logits: no softmax (CrossEntropyLoss applies it)", (r"logits", r"softmax"))
PARAM_COUNT = Rule("count", "MLP() has 203,530 parameters", (r"203,530",))
TRAIN_MODE = Rule("train_mode", "put the model in training mode (model.train())", (r"model\.train\(\)",))
MOVE = Rule("move", "move every batch, inputs and labels, to device", (r"\.to\(device\)", r"labels"))
STEP_ORDER = Rule("step", "zero_grad, forward, loss, backward, step for every batch", (r"zero_grad",))
MEAN_LOSS = Rule("mean_loss", "return the epoch's mean loss per sample as a Python float, accumulating loss.item() "
                 "(not the loss tensor, whose graph would be kept)", (r"loss\.item\(\)", r"Python float", r"per sample"))
EVAL_MODE = Rule("eval_mode", "evaluate in eval mode (model.eval()) and restore the mode the model had",
                 (r"model\.eval\(\)", r"restore"))
NO_GRAD = Rule("no_grad", "evaluate without recording gradients (torch.no_grad())", (r"torch\.no_grad\(\)",))
OWN_LOOP = forbids("forbid_library_loop", "write the loop yourself, without helpers.training (its fit, evaluate and predict "
                   "come after this exercise)", r"helpers\.training")
#: What the course's library offers for the same job: calling it would skip the exercise.
LIBRARY_LOOPS = ("helpers.training.fit", "helpers.training.evaluate", "helpers.training.predict")
ACCURACY = Rule("accuracy", "return correct predictions / all samples as a Python float (not a mean of per-batch "
                "accuracies)", (r"Python float", r"per-batch|per batch"))
RECIPE_FORM = Rule("recipe", "return a dict with 'model', 'optimizer', 'epochs' and 'batch_size'",
                   (r"'model'", r"'optimizer'", r"'epochs'", r"'batch_size'"))
RECIPE_BUDGET = Rule("budget", f"at most {RECIPE_MAX_PARAMETERS:,} parameters, at most {RECIPE_MAX_EPOCHS} epochs, "
                     f"batch size at least {RECIPE_MIN_BATCH}", (r"300,000", r"at most 3 epochs", r"at least 32"))
RECIPE_ACCURACY = Rule("threshold", "reach 95 % accuracy on the check's data with its seed",
                       (r"95 ?%", r"8,?000", r"seed 0"))
RECIPE_RELOAD = Rule("reload", "the trained state_dict loaded into a new model gives the same predictions",
                     (r"state_dict",))

EXERCISES = [
    Exercise("array_to_tensor", _array_to_tensor, (KEEPS_INPUTS, SAME_DTYPE, ON_DEVICE, NO_SHARING, NEGATIVE_STRIDES)),
    Exercise("tensor_to_array", _tensor_to_array, (KEEPS_INPUTS, RETURNS_ARRAY, ANY_TENSOR)),
    Exercise("autograd_derivative", _autograd_derivative, (ONE_CALL, FLOAT64)),
    Exercise("sgd_update", _sgd_update, (IN_PLACE, CLEARS_GRAD, SKIPS_NONE, RETURNS_NONE)),
    Exercise("two_layer_manual_step", _manual_step, (NO_AUTOGRAD, KEEPS_INPUTS, LOSS_FLOAT, WEIGHTS_IN_PLACE)),
    Exercise("two_layer_autograd_step", _autograd_step, (KEEPS_INPUTS, LOSS_FLOAT, WEIGHTS_IN_PLACE, ZERO_GRAD)),
    Exercise("sgd_train", _sgd_train, (KEEPS_INPUTS, LOSS_LIST, ZERO_GRAD)),
    Exercise("train_with_loader", _train_with_loader, (KEEPS_INPUTS, LOADER, EPOCH_MEAN, ZERO_GRAD)),
    Exercise("standardize", _standardize, (KEEPS_INPUTS, TUPLE, TRAIN_STATS, ZERO_STD)),
    Exercise("LogisticRegression", _logistic_module, (MODULE, PROBABILITIES, LOGISTIC_PARAMS)),
    Exercise("train_logistic", _train_logistic, (KEEPS_INPUTS, BCE, LOSS_LIST, CANCER)),
    Exercise("MLP", _mlp, (MODULE, MLP_LAYERS, HE_INIT, LOGITS, PARAM_COUNT)),
    Exercise("train_one_epoch", _train_one_epoch, (KEEPS_INPUTS, TRAIN_MODE, MOVE, STEP_ORDER, MEAN_LOSS, OWN_LOOP),
             forbidden=LIBRARY_LOOPS),
    Exercise("evaluate_accuracy", _evaluate_accuracy, (KEEPS_INPUTS, EVAL_MODE, NO_GRAD, MOVE, ACCURACY, OWN_LOOP),
             forbidden=LIBRARY_LOOPS),
    Exercise("mnist_recipe", _mnist_recipe, (RECIPE_FORM, RECIPE_BUDGET, RECIPE_ACCURACY, RECIPE_RELOAD)),
]
