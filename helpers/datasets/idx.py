"""Parser for the IDX format in which MNIST is distributed.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of dimensions),
one big-endian 32-bit size per dimension, then the values in row-major order. The parser
checks every part of that promise, so a truncated or foreign file fails with a message
instead of silently yielding a wrongly shaped array.
"""

from __future__ import annotations

import numpy as np

#: IDX type codes and the big-endian NumPy dtype each stands for.
IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


class IdxFormatError(ValueError):
    """The bytes are not a well-formed IDX file."""


def parse_idx(data: bytes, *, name: str = "IDX data") -> np.ndarray:
    """Decode IDX bytes (already decompressed) into an array in native byte order."""
    if len(data) < 4:
        raise IdxFormatError(f"{name}: {len(data)} bytes is too short for an IDX header")
    if data[0] != 0 or data[1] != 0:
        raise IdxFormatError(f"{name}: not an IDX file (magic number starts {data[:2].hex()})")
    type_code, ndim = data[2], data[3]
    if type_code not in IDX_DTYPES:
        raise IdxFormatError(f"{name}: unknown IDX type code 0x{type_code:02x}")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxFormatError(f"{name}: header truncated ({len(data)} bytes, need {header})")
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = IDX_DTYPES[type_code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(data) != expected:
        raise IdxFormatError(
            f"{name}: shape {shape} needs {expected} bytes but the file has {len(data)}; "
            "the file is truncated or corrupt"
        )
    values = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    return values.astype(dtype.newbyteorder("="), copy=True)
