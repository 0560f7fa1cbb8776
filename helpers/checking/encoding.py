"""Plain-data encoding of what a student's function returned, for a judge in another process.

The grading kernel runs student code; the score is decided elsewhere, by a process the student's
code never touches. What crosses between them is JSON: numbers, strings, lists, and NumPy arrays
as dtype + shape + raw bytes (exact, NaN and infinities included). Nothing is ever unpickled,
and decoding accepts only numeric and boolean dtypes, so a forged record can at worst claim a
wrong value, never run code in the judge.
"""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np

#: Longest list/tuple/dict and deepest nesting encoded; larger values are described, not sent.
MAX_ITEMS = 10_000
MAX_DEPTH = 6
_NUMERIC_KINDS = frozenset("biufc")


class TensorValue:
    """A framework tensor as the judge sees it: its values as an array, plus dtype and device.

    PyTorch and TensorFlow tensors are described without importing either framework here.
    """

    def __init__(self, framework: str, values: Any, dtype: str, device: str, requires_grad: bool) -> None:
        self.framework, self.values, self.dtype, self.device = framework, values, dtype, device
        self.requires_grad = requires_grad

    def __repr__(self) -> str:
        return f"<{self.framework} tensor {getattr(self.values, 'shape', '?')} {self.dtype} on {self.device}>"


def _tensor(value: Any, depth: int) -> dict[str, Any] | None:
    kind = type(value)
    module = kind.__module__.split(".")[0]
    if module == "torch" and kind.__name__ in ("Tensor", "Parameter"):
        plain = value.detach().cpu()
        if plain.dtype.is_complex or str(plain.dtype) == "torch.bfloat16":
            plain = plain.float()
        return {"t": "tensor", "framework": "torch", "dtype": str(value.dtype), "device": str(value.device),
                "requires_grad": bool(value.requires_grad), "values": encode(plain.numpy(), depth + 1)}
    if module in ("tensorflow", "keras") and hasattr(value, "numpy") and hasattr(value, "dtype"):
        return {"t": "tensor", "framework": "tensorflow", "dtype": str(getattr(value.dtype, "name", value.dtype)),
                "device": str(getattr(value, "device", "")), "requires_grad": False,
                "values": encode(value.numpy(), depth + 1)}
    return None


class Described:
    """A value the encoding does not carry (a class instance, a generator, ...): its type only."""

    def __init__(self, type_name: str, text: str = "") -> None:
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


def type_name(value: Any) -> str:
    kind = type(value)
    module = kind.__module__
    return kind.__qualname__ if module in ("builtins", "__main__") else f"{module}.{kind.__qualname__}"


def _float(value: float) -> str | float:
    return value if math.isfinite(value) else repr(value)


def encode(value: Any, depth: int = 0) -> dict[str, Any]:
    """A JSON-able description of ``value`` that :func:`decode` turns back into an equal value."""
    if depth > MAX_DEPTH:
        return {"t": "other", "type": type_name(value), "why": "nested too deeply"}
    if value is None:
        return {"t": "none"}
    if type(value) is bool:
        return {"t": "bool", "v": value}
    if type(value) is int:
        return {"t": "int", "v": str(value)}
    if type(value) is float:
        return {"t": "float", "v": value.hex()}
    if type(value) is complex:
        return {"t": "complex", "v": [value.real.hex(), value.imag.hex()]}
    if type(value) is str:
        return {"t": "str", "v": value[:2000]}
    if isinstance(value, np.generic) and value.dtype.kind in _NUMERIC_KINDS:
        return {"t": "npscalar", "dtype": value.dtype.str, "b64": base64.b64encode(value.tobytes()).decode()}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _NUMERIC_KINDS:
            return {"t": "other", "type": f"numpy.ndarray of dtype {value.dtype}"}
        plain = np.array(value.view(np.ndarray), order="C", copy=True)  # keeps 0-d arrays 0-d
        encoded = {"t": "ndarray", "dtype": plain.dtype.str, "shape": list(plain.shape),
                   "b64": base64.b64encode(plain.tobytes()).decode()}
        if type(value) is not np.ndarray and not type(value).__module__.startswith("helpers."):
            encoded["subclass"] = type_name(value)
        return encoded
    tensor = _tensor(value, depth)
    if tensor is not None:
        return tensor
    if type(value) in (list, tuple):
        if len(value) > MAX_ITEMS:
            return {"t": "other", "type": type_name(value), "why": f"{len(value)} items"}
        return {"t": type(value).__name__, "items": [encode(v, depth + 1) for v in value]}
    if type(value) is dict:
        if len(value) > MAX_ITEMS or not all(type(k) is str for k in value):
            return {"t": "other", "type": "dict", "why": "keys that are not strings, or too many"}
        return {"t": "dict", "items": {k: encode(v, depth + 1) for k, v in value.items()}}
    return {"t": "other", "type": type_name(value)}


def _dtype(text: Any) -> np.dtype:
    dtype = np.dtype(str(text))
    if dtype.kind not in _NUMERIC_KINDS or dtype.hasobject:
        raise ValueError(f"dtype {dtype} is not numeric")
    return dtype


def decode(data: Any) -> Any:
    """The value :func:`encode` described; raises ``ValueError`` on anything malformed."""
    if not isinstance(data, dict) or "t" not in data:
        raise ValueError("not an encoded value")
    kind = data["t"]
    if kind == "none":
        return None
    if kind == "bool":
        return bool(data["v"])
    if kind == "int":
        return int(str(data["v"]))
    if kind == "float":
        return float.fromhex(str(data["v"]))
    if kind == "complex":
        real, imag = data["v"]
        return complex(float.fromhex(str(real)), float.fromhex(str(imag)))
    if kind == "str":
        return str(data["v"])
    if kind == "npscalar":
        dtype = _dtype(data["dtype"])
        raw = base64.b64decode(str(data["b64"]), validate=True)
        if len(raw) != dtype.itemsize:
            raise ValueError("scalar of the wrong size")
        return np.frombuffer(raw, dtype=dtype)[0]
    if kind == "ndarray":
        dtype = _dtype(data["dtype"])
        shape = tuple(int(n) for n in data["shape"])
        if any(n < 0 for n in shape):
            raise ValueError("negative dimension")
        raw = base64.b64decode(str(data["b64"]), validate=True)
        if len(raw) != dtype.itemsize * math.prod(shape):
            raise ValueError("array data of the wrong size")
        array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
        return Described(str(data["subclass"])) if "subclass" in data else array
    if kind in ("list", "tuple"):
        items = [decode(v) for v in data["items"]]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {str(k): decode(v) for k, v in dict(data["items"]).items()}
    if kind == "tensor":
        return TensorValue(str(data["framework"]), decode(data["values"]), str(data["dtype"]), str(data["device"]),
                           bool(data["requires_grad"]))
    if kind == "other":
        return Described(str(data.get("type", "object")), str(data.get("why", "")))
    raise ValueError(f"unknown kind {kind!r}")
