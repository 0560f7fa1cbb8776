"""Verified downloads into a local cache.

The rules, in order of importance:

* the cache only ever holds files whose checksum was verified: downloads go to a temporary
  file in the cache folder and are renamed into place only after verification, so an
  interrupted or corrupt download can never be mistaken for data later;
* a cached file that fails verification (disk damage, a hand-copied wrong file) is removed
  and fetched again, and the user is told;
* every failure names the file, each source tried, what went wrong there, and what to do.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class DataError(RuntimeError):
    """Base class: a dataset is missing, corrupt, or could not be fetched."""


class ChecksumError(DataError):
    """A file's contents do not match the checksum registry."""


class DownloadError(DataError):
    """No source delivered a verified copy of a file."""


@dataclass(frozen=True)
class RemoteFile:
    """A file of a dataset and the checksums that identify its contents.

    ``md5`` is the digest of the file exactly as published (MNIST's official ``.gz`` files);
    ``sha256_raw`` the SHA-256 of the decompressed bytes, which also identifies a copy that
    was re-compressed elsewhere. A file is accepted when either matches.
    """

    name: str
    md5: str | None = None
    sha256_raw: str | None = None

    def __post_init__(self) -> None:
        if self.md5 is None and self.sha256_raw is None:
            raise ValueError(f"{self.name}: a registry entry needs at least one checksum")


def _digest(path: Path, algorithm: str, *, gunzip: bool = False) -> str:
    digest = hashlib.new(algorithm)
    with (gzip.open(path, "rb") if gunzip else open(path, "rb")) as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, expected: RemoteFile) -> None:
    """Raise :class:`ChecksumError` unless ``path`` holds the contents ``expected`` describes."""
    path = Path(path)
    if expected.md5 is not None and _digest(path, "md5") == expected.md5:
        return
    if expected.sha256_raw is not None:
        try:
            raw = _digest(path, "sha256", gunzip=expected.name.endswith(".gz"))
        except (OSError, EOFError, zlib.error) as error:
            raise ChecksumError(
                f"{path} is not a complete gzip file ({error}); it is truncated or corrupt"
            ) from None
        if raw == expected.sha256_raw:
            return
    raise ChecksumError(
        f"{path} ({path.stat().st_size} bytes) does not match the registry's checksum for "
        f"{expected.name}; it is corrupt, truncated, or a different file"
    )


def _download(url: str, target: Path, timeout: float, opener: Callable[..., BinaryIO]) -> None:
    """Stream ``url`` into ``target``; fail if fewer bytes arrive than the server announced."""
    with opener(url, timeout=timeout) as response, open(target, "wb") as out:
        announced = response.headers.get("Content-Length") if hasattr(response, "headers") else None
        received = 0
        while block := response.read(CHUNK):
            out.write(block)
            received += len(block)
    if announced is not None and received != int(announced):
        raise DownloadError(f"connection closed after {received} of {announced} bytes")


def unreachable(error: BaseException) -> bool:
    """Whether a download failed because the host cannot be reached at all (no network, DNS).

    Retrying such a failure a second later only wastes time (offline, every grading kernel
    would wait through the back-off); a dropped or truncated transfer is worth retrying.
    """
    reason = getattr(error, "reason", error)
    if isinstance(reason, (socket.gaierror, ConnectionRefusedError)):
        return True
    return isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH,
                                                           errno.EADDRNOTAVAIL)


def fetch(
    remote: RemoteFile,
    cache_dir: Path,
    mirrors: Sequence[str],
    *,
    retries: int = 2,
    timeout: float = 30.0,
    backoff: float = 1.0,
    opener: Callable[..., BinaryIO] = urllib.request.urlopen,
    log: Callable[[str], None] = print,
) -> Path:
    """Return the path of a verified copy of ``remote`` in ``cache_dir``, downloading if needed.

    Each mirror (a base URL) is tried ``retries + 1`` times, with ``backoff`` seconds (doubling)
    between attempts, before moving to the next one; a mirror that cannot be reached at all
    (see :func:`unreachable`) or serves a file with the wrong checksum is not retried.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / remote.name
    if target.exists():
        try:
            verify(target, remote)
            return target
        except ChecksumError as error:
            log(f"Cached {remote.name} failed verification ({error}); removing it and fetching again.")
            target.unlink()
    failures: list[str] = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + remote.name
        for attempt in range(retries + 1):
            handle, temp_name = tempfile.mkstemp(prefix=f".{remote.name}.", suffix=".part", dir=cache_dir)
            os.close(handle)
            temp = Path(temp_name)
            try:
                _download(url, temp, timeout, opener)
                verify(temp, remote)
            except (OSError, urllib.error.URLError, DataError, ValueError) as error:
                failures.append(f"  {url} (attempt {attempt + 1}): {error}")
                temp.unlink(missing_ok=True)
                # A checksum mismatch will not fix itself on this mirror, nor will an unreachable
                # host within seconds; a dropped transfer may.
                if isinstance(error, ChecksumError) or unreachable(error):
                    break
                if attempt < retries:
                    time.sleep(backoff * 2**attempt)
                continue
            os.replace(temp, target)
            log(f"Downloaded and verified {remote.name} from {mirror}")
            return target
    raise DownloadError(
        f"Could not get a verified copy of {remote.name}. Tried:\n"
        + "\n".join(failures or ["  (no mirrors configured)"])
        + f"\nCheck your internet connection and run this again, or copy {remote.name} by hand "
        f"into {cache_dir} (it is checked before use)."
    )
