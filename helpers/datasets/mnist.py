"""MNIST from its official IDX files, cached and verified.

Where the data comes from, in order:

1. the cache folder (files verified when they were stored, and again when read);
2. for the test split, an offline copy of the official files (``COURSE_MNIST_DIR``, or a
   ``shared/data/mnist`` folder beside the course checkout), checked against the registry;
3. a download from the official mirrors, when ``download=True``.

If none works, :class:`~helpers.datasets.download.DataError` says what is missing and what to do.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from helpers.datasets.download import DataError, DownloadError, RemoteFile, fetch, verify
from helpers.datasets.idx import parse_idx

Split = Literal["train", "test"]
_PREFIX = {"train": "train", "test": "t10k"}
#: Environment variable naming a folder that holds official MNIST files (offline use).
MNIST_DIR_VARIABLE = "COURSE_MNIST_DIR"
#: Environment variable overriding where downloaded datasets are cached.
CACHE_DIR_VARIABLE = "COURSE_DATA_DIR"


@dataclass(frozen=True)
class MnistSplit:
    """One split of MNIST: ``images`` (n, 28, 28) uint8, ``labels`` (n,) uint8, and provenance."""

    images: np.ndarray
    labels: np.ndarray
    split: str
    source: str

    def __len__(self) -> int:
        return len(self.labels)


@cache
def _registry() -> dict:
    text = resources.files("helpers.datasets").joinpath("registry.json").read_text("utf-8")
    return json.loads(text)["mnist"]


def mnist_files(split: Split) -> tuple[RemoteFile, RemoteFile]:
    """Registry entries (images, labels) of one split."""
    if split not in _PREFIX:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    files = _registry()["files"]
    names = (f"{_PREFIX[split]}-images-idx3-ubyte.gz", f"{_PREFIX[split]}-labels-idx1-ubyte.gz")
    return tuple(RemoteFile(name, files[name]["md5"], files[name]["sha256_raw"]) for name in names)  # type: ignore[return-value]


def default_cache_dir() -> Path:
    """``$COURSE_DATA_DIR``; else the checkout's ``data/`` folder; else ``~/.cache/dlcourse``."""
    if os.environ.get(CACHE_DIR_VARIABLE):
        return Path(os.environ[CACHE_DIR_VARIABLE]).expanduser()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "data" / "README.md").is_file() and (checkout / "pyproject.toml").is_file():
        return checkout / "data"
    return Path.home() / ".cache" / "dlcourse"


def offline_copies() -> list[Path]:
    """Folders that may hold an offline copy of the official files, most specific first."""
    candidates: list[Path] = []
    if os.environ.get(MNIST_DIR_VARIABLE):
        candidates.append(Path(os.environ[MNIST_DIR_VARIABLE]).expanduser())
    checkout = Path(__file__).resolve().parents[2]
    for folder in (checkout, *checkout.parents, Path.cwd(), *Path.cwd().parents):
        candidates.append(folder / "shared" / "data" / "mnist")
    seen: set[Path] = set()
    return [c for c in candidates if not (c in seen or seen.add(c)) and c.is_dir()]


def _read(path: Path, remote: RemoteFile) -> np.ndarray:
    verify(path, remote)
    with gzip.open(path) as stream:
        return parse_idx(stream.read(), name=str(path))


def load_mnist(
    split: Split = "train",
    *,
    cache_dir: Path | None = None,
    download: bool = True,
    offline_dirs: Sequence[Path] | None = None,
    mirrors: Sequence[str] | None = None,
    log: Callable[[str], None] = print,
) -> MnistSplit:
    """Load one split of MNIST as uint8 arrays, from the cache, an offline copy, or the web."""
    images_file, labels_file = mnist_files(split)
    cache_dir = default_cache_dir() / "mnist" if cache_dir is None else Path(cache_dir)
    cached = [cache_dir / f.name for f in (images_file, labels_file)]
    source = "cache"
    if not all(p.exists() for p in cached):
        source = ""
        for folder in offline_copies() if offline_dirs is None else offline_dirs:
            local = [Path(folder) / f.name for f in (images_file, labels_file)]
            if all(p.exists() for p in local):
                cached, source = local, f"offline copy in {folder}"
                break
    if not source:
        if not download:
            raise DataError(_missing_message(split, cache_dir, "downloading is switched off"))
        try:
            cached = [
                fetch(f, cache_dir, mirrors or _registry()["mirrors"], log=log)
                for f in (images_file, labels_file)
            ]
        except DownloadError as error:
            raise DataError(_missing_message(split, cache_dir, str(error))) from None
        source = "download"
    images, labels = (_read(p, f) for p, f in zip(cached, (images_file, labels_file)))
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise DataError(f"MNIST {split}: images {images.shape} and labels {labels.shape} do not match")
    return MnistSplit(images=images, labels=labels, split=split, source=source)


def _missing_message(split: str, cache_dir: Path, reason: str) -> str:
    hint = (
        "Offline, the course can use the official test split: point COURSE_MNIST_DIR at a "
        "folder holding t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz."
        if split == "test"
        else "The training split has no offline copy: connect to the internet once (it is "
        "cached), or use mnist_train_test(), which falls back to a fixed split of the test set."
    )
    return f"MNIST {split} split is not available: {reason}\nCache folder: {cache_dir}\n{hint}"


def mnist_train_test(
    *,
    offline_train_size: int = 8000,
    cache_dir: Path | None = None,
    download: bool = True,
    log: Callable[[str], None] = print,
) -> tuple[MnistSplit, MnistSplit]:
    """(train, test) for training chapters: the full 60k/10k when available, else a fixed split.

    Without the training split (offline), the official test split is cut into its first
    ``offline_train_size`` images for training and the rest for testing, and that is printed,
    so results are never silently compared with full-MNIST figures.
    """
    try:
        train = load_mnist("train", cache_dir=cache_dir, download=download, log=log)
        return train, load_mnist("test", cache_dir=cache_dir, download=download, log=log)
    except DataError as error:
        test = load_mnist("test", cache_dir=cache_dir, download=download, log=log)
        if not 0 < offline_train_size < len(test):
            raise ValueError(f"offline_train_size must be between 1 and {len(test) - 1}") from None
        log(
            f"Full MNIST is unavailable ({str(error).splitlines()[0]}).\n"
            f"Using the official test split instead: images 0-{offline_train_size - 1} for "
            f"training, {offline_train_size}-{len(test) - 1} for testing. Accuracies are not "
            "comparable with full-MNIST figures."
        )
        cut = offline_train_size
        return (
            MnistSplit(test.images[:cut], test.labels[:cut], "train", f"{test.source} (first {cut})"),
            MnistSplit(test.images[cut:], test.labels[cut:], "test", f"{test.source} (rest)"),
        )
