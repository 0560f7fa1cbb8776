"""Datasets for the course: IDX parsing, verified downloads with a local cache, MNIST."""

from helpers.datasets.download import ChecksumError, DataError, DownloadError, RemoteFile, fetch
from helpers.datasets.idx import parse_idx
from helpers.datasets.mnist import MnistSplit, load_mnist, mnist_train_test

__all__ = [
    "ChecksumError",
    "DataError",
    "DownloadError",
    "MnistSplit",
    "RemoteFile",
    "fetch",
    "load_mnist",
    "mnist_train_test",
    "parse_idx",
]
