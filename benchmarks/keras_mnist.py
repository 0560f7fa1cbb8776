"""Seed 001's Keras MNIST network trained two ways on the same machine: the book's code vs. helpers.

(a) *seed*: chapter 2 of *Deep Learning with Python* as the seed writes it - the images reshaped
    to (n, 784) float32 / 255 in NumPy, ``to_categorical`` labels, ``Sequential`` with
    ``Dense(512, relu, input_shape=(784,))`` and ``Dense(10, softmax)``, compiled with
    ``optimizer="rmsprop"``, ``loss="categorical_crossentropy"``, ``metrics=["accuracy"]``,
    then ``fit(train_images, train_labels, epochs=5, batch_size=128)`` with Keras's default
    per-step progress bar (captured, not shown) and ``evaluate`` on the test set.
(b) *helpers*: the same model from the same initial weights, fed by
    ``helpers.keras_tools.make_dataset`` (uint8 images and integer labels kept as they are;
    each batch of 128 cast, scaled and flattened at once, reshuffled every epoch, prefetched),
    ``sparse_categorical_crossentropy`` (the same loss for integer labels), ``verbose=0``.
    Timed over ``--repeats`` identical trainings.
(b') (b) compiled with ``steps_per_execution=8`` (eight batches per call of the compiled step),
    printed to show how much of a step is Python overhead; not part of the JSON line.

Prints seconds per 10k training samples for each (fastest epoch; every first epoch includes
tracing the training step into a graph), the speedup, each one's test accuracy, and which
fraction of this CPU's float32 matmul peak (b) reaches, counting 3 x 2 x parameters FLOPs per
training sample and 2 x parameters per test sample. The last line is a JSON object with exactly
the keys ``device, seconds_per_10k_seed, seconds_per_10k_helpers, speedup, peak_gflops,
peak_fraction, acc_seed, acc_helpers``, like ``mnist_mlp.py``'s. See README.md next to this file.

Run from the repository root:  python benchmarks/keras_mnist.py [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from summary import print_summary  # noqa: E402  (benchmarks/, the script's folder)
from helpers.datasets import MnistSplit, mnist_train_test  # noqa: E402
from helpers.keras_tools import import_tensorflow, make_dataset, tf_device_summary, timed_callback  # noqa: E402

BATCH_SIZE = 128


def seed_network(keras: object) -> object:
    """The book's network, built as the seed writes it (``input_shape=`` on the first layer)."""
    from keras import layers, models

    network = models.Sequential()
    with warnings.catch_warnings():  # Keras 3 prefers keras.Input and says so
        warnings.simplefilter("ignore")
        network.add(layers.Dense(512, activation="relu", input_shape=(28 * 28,)))
    network.add(layers.Dense(10, activation="softmax"))
    return network


def run_seed(keras: object, train: MnistSplit, test: MnistSplit, epochs: int,
             initial: list[np.ndarray]) -> tuple[list[float], float]:
    """(a): the book's preprocessing and fit on NumPy arrays; per-epoch seconds and test accuracy."""
    from keras.utils import to_categorical

    train_images = train.images.reshape((len(train), 28 * 28)).astype("float32") / 255
    test_images = test.images.reshape((len(test), 28 * 28)).astype("float32") / 255
    train_labels, test_labels = to_categorical(train.labels), to_categorical(test.labels)
    network = seed_network(keras)
    network.set_weights(initial)
    network.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    timer = timed_callback()
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):  # the default progress bar is drawn (and costs) as in a notebook
        network.fit(train_images, train_labels, epochs=epochs, batch_size=BATCH_SIZE, callbacks=[timer])
        _, test_acc = network.evaluate(test_images, test_labels)
    return timer.seconds, float(test_acc)


def run_helpers(keras: object, train: MnistSplit, test: MnistSplit, epochs: int, initial: list[np.ndarray],
                seed: int, repeats: int, steps_per_execution: int) -> tuple[list[float], float]:
    """(b): the helpers' tf.data pipeline; per-epoch seconds over all repeats and the test accuracy."""
    seconds: list[float] = []
    accuracy = 0.0
    for _ in range(repeats):
        network = seed_network(keras)
        network.set_weights(initial)
        network.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                        steps_per_execution=steps_per_execution)
        train_data = make_dataset(train.images, train.labels, batch_size=BATCH_SIZE, seed=seed, scale=1 / 255,
                                  flatten=True)
        test_data = make_dataset(test.images, test.labels, batch_size=1024, shuffle=False, scale=1 / 255,
                                 flatten=True)
        timer = timed_callback()
        network.fit(train_data, epochs=epochs, shuffle=False, verbose=0, callbacks=[timer])
        seconds.extend(timer.seconds)
        accuracy = float(network.evaluate(test_data, verbose=0)[1])
    return seconds, accuracy


def matmul_peak_gflops(tf: object, size: int, repeats: int) -> float:
    """Best float32 GFLOP/s of ``size x size`` matrix products (2 n^3 FLOPs each)."""
    a = tf.random.normal((size, size), seed=1)
    b = tf.random.normal((size, size), seed=2)
    tf.matmul(a, b).numpy()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        tf.matmul(a, b).numpy()
        best = min(best, time.perf_counter() - started)
    return 2 * size**3 / best / 1e9


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="reduced size for CI: 2000 training samples, 1 epoch")
    parser.add_argument("--epochs", type=int, help="epochs (default 5 as in the book, quick 1)")
    parser.add_argument("--train-size", type=int, help="training samples (default: all available; quick 2000)")
    parser.add_argument("--seed", type=int, default=0, help="initial weights and shuffling")
    parser.add_argument("--repeats", type=int, help="trainings of (b) and (b'), best epoch kept (default 2, quick 1)")
    args = parser.parse_args(argv)

    tf = import_tensorflow()
    import keras

    epochs = args.epochs or (1 if args.quick else 5)
    repeats = args.repeats or (1 if args.quick else 2)
    if min(epochs, repeats) < 1:
        parser.error("--epochs and --repeats must be at least 1")
    train, test = mnist_train_test()
    size = min(args.train_size or (2000 if args.quick else len(train)), len(train))
    train = MnistSplit(train.images[:size], train.labels[:size], train.split, train.source)
    devices = tf_device_summary()
    device = "gpu" if devices.gpus else "cpu"
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    keras.utils.set_random_seed(args.seed)
    initial = seed_network(keras).get_weights()
    params = int(sum(w.size for w in initial))
    print(str(devices).replace("\n", "; "))
    print(f"data: {size} training samples ({train.source}), {len(test)} test samples ({test.source})")
    print(f"model: 784-512-10 (relu, softmax), {params:,} parameters; RMSprop, batch {BATCH_SIZE}, {epochs} epoch(s)")

    peak = matmul_peak_gflops(tf, 2048, 3 if args.quick else 8)
    print("(a) seed: NumPy float32 arrays and one-hot labels into fit, default progress bar")
    seed_seconds, acc_seed = run_seed(keras, train, test, epochs, initial)
    print("    seconds per epoch: " + ", ".join(f"{s:.2f}" for s in seed_seconds) + f"; test accuracy {acc_seed:.4f}")
    peak = max(peak, matmul_peak_gflops(tf, 2048, 3 if args.quick else 8))
    print(f"(b) helpers: make_dataset (uint8 kept, batches converted at once, prefetch), integer labels; "
          f"{repeats} repeat(s)")
    helper_seconds, acc_helpers = run_helpers(keras, train, test, epochs, initial, args.seed, repeats, 1)
    print("    seconds per epoch: " + ", ".join(f"{s:.2f}" for s in helper_seconds) + f"; test accuracy {acc_helpers:.4f}")
    print("(b') (b) with steps_per_execution=8, to show the per-step overhead")
    spe_seconds, acc_spe = run_helpers(keras, train, test, epochs, initial, args.seed, repeats, 8)
    print("    seconds per epoch: " + ", ".join(f"{s:.2f}" for s in spe_seconds) + f"; test accuracy {acc_spe:.4f}")
    peak = max(peak, matmul_peak_gflops(tf, 2048, 3 if args.quick else 8))

    per_10k = 10_000 / size
    seed_best, helper_best = min(seed_seconds) * per_10k, min(helper_seconds) * per_10k
    flops_per_epoch = 3 * 2 * params * size + 2 * params * len(test)
    achieved = flops_per_epoch / min(helper_seconds) / 1e9
    print(f"matmul peak: {peak:.1f} GFLOP/s (2048x2048 float32, best repeat, measured before, between and after)")
    if hasattr(os, "getloadavg"):
        print(f"load average (1 min) at the start {load_before:.2f}, at the end {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores: other programs running at the same time distort timings")
    print(f"seconds per 10k training samples, best epoch: seed {seed_best:.3f}, helpers {helper_best:.3f} "
          f"-> speedup {seed_best / helper_best:.2f}x; median epochs "
          f"{statistics.median(seed_seconds) * per_10k:.3f} / {statistics.median(helper_seconds) * per_10k:.3f}")
    print(f"with steps_per_execution=8 (b'): {min(spe_seconds) * per_10k:.3f} s/10k, test accuracy {acc_spe:.4f}")
    print(f"helpers reach {achieved:.1f} GFLOP/s = {achieved / peak:.0%} of the matmul peak "
          f"(3 x 2 x {params:,} FLOPs per training sample)")
    print(f"test accuracy: seed {acc_seed:.4f}, helpers {acc_helpers:.4f} "
          f"(difference {100 * (acc_helpers - acc_seed):+.2f} points)")
    return print_summary(device, seed_best, helper_best, peak, achieved, acc_seed, acc_helpers)


if __name__ == "__main__":
    main()
