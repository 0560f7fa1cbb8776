"""Seed 003's MNIST MLP trained two ways on the same machine: the classic pipeline vs. helpers.

(a) *seed*: seed 003's training cell as written - torchvision's ``MNIST`` dataset with
    ``ToTensor`` (emulated here without torchvision: one PIL image per sample, converted to a
    float32 1x28x28 tensor / 255), ``DataLoader(batch_size=256, shuffle=True, num_workers=1)``,
    the loss summed as a tensor (``loss_val_sum += loss_out``), and, after every epoch
    (``print_every = 1``), ``func_eval`` on the training and the test set through the same
    loaders, so that each epoch reports loss, train accuracy and test accuracy.
(b) *helpers*: the same data converted once with ``mnist_tensors``, Adam built by
    ``helpers.training.make_optimizer`` (PyTorch's fused kernel where the device has one) and
    ``helpers.training.fit(..., val=test)`` (tensor fast path, metrics accumulated on the
    device), which reports the same three figures per epoch (its train accuracy is the running
    accuracy over the epoch's batches, which costs no extra pass). Timed over ``--repeats``
    identical trainings, like the matmul peak over its repeats.
(b') (b) with the seed's plain ``torch.optim.Adam``, printed to show the optimizer's share.

Same model (784-256-10 ReLU MLP, He-normal init, same initial weights), same optimizer
(Adam, lr 1e-3), batch size 256, cross-entropy, same epochs, same training and test data.

Prints seconds per 10k training samples for each, the speedup, each one's test accuracy, and
which fraction of this device's float32 matmul peak (b) reaches, counting the usual
3 x 2 x parameters FLOPs per training sample. The last line is a JSON object with exactly the
keys ``device, seconds_per_10k_seed, seconds_per_10k_helpers, speedup, peak_gflops,
peak_fraction, acc_seed, acc_helpers``. See README.md next to this file.

Run from the repository root:  python benchmarks/mnist_mlp.py [--quick] [--device cuda]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from summary import print_summary  # noqa: E402  (benchmarks/, the script's folder)
from helpers.datasets import MnistSplit, mnist_train_test  # noqa: E402
from helpers.device import pick_device  # noqa: E402
from helpers.training import (  # noqa: E402
    EpochOrder,
    SeededSampler,
    evaluate,
    fit,
    make_optimizer,
    mnist_tensors,
)

BATCH_SIZE = 256
LEARNING_RATE = 1e-3


# ------------------------------------------------------------------------------------- model


class SeedMLP(nn.Module):
    """Seed 003's multilayer perceptron: 784 -> 256 -> ReLU -> 10, He-normal weights, zero biases."""

    def __init__(self, xdim: int = 784, hdim: int = 256, ydim: int = 10) -> None:
        super().__init__()
        self.lin_1 = nn.Linear(xdim, hdim)
        self.lin_2 = nn.Linear(hdim, ydim)
        for layer in (self.lin_1, self.lin_2):
            nn.init.kaiming_normal_(layer.weight)
            nn.init.zeros_(layer.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.lin_2(F.relu(self.lin_1(x)))


def new_model(seed: int, device: torch.device) -> SeedMLP:
    """The same initial weights for both pipelines."""
    torch.manual_seed(seed)
    return SeedMLP().to(device)


# ------------------------------------------------------------------------ (a) seed pipeline


class PerSampleMNIST(Dataset):
    """torchvision.datasets.MNIST + transforms.ToTensor, sample by sample, without torchvision."""

    def __init__(self, split: MnistSplit) -> None:
        self.data = torch.from_numpy(np.array(split.images))  # torchvision keeps uint8 tensors
        self.targets = torch.from_numpy(np.array(split.labels, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        img, target = self.data[index], int(self.targets[index])
        img = Image.fromarray(img.numpy(), mode="L")
        return to_tensor(img), target


def to_tensor(pic: Image.Image) -> torch.Tensor:
    """What ``transforms.ToTensor()`` does to a mode-"L" PIL image: uint8 HxW -> float32 1xHxW / 255."""
    img = torch.from_numpy(np.array(pic, np.uint8, copy=True))
    img = img.view(pic.size[1], pic.size[0], 1).permute((2, 0, 1)).contiguous()
    return img.to(dtype=torch.get_default_dtype()).div(255)


def seed_eval(model: nn.Module, data_iter: DataLoader, device: torch.device) -> float:
    """Seed 003's ``func_eval``: accuracy with ``torch.no_grad`` and an ``.item()`` per batch."""
    with torch.no_grad():
        model.eval()
        n_total, n_correct = 0, 0
        for batch_in, batch_out in data_iter:
            y_trgt = batch_out.to(device)
            model_pred = model(batch_in.view(-1, 28 * 28).to(device))
            _, y_pred = torch.max(model_pred.data, 1)
            n_correct += (y_pred == y_trgt).sum().item()
            n_total += batch_in.size(0)
        model.train()
    return n_correct / n_total


def run_seed(train: MnistSplit, test: MnistSplit, epochs: int, seed: int,
             device: torch.device, same_order: bool) -> tuple[list[float], float]:
    """Train with the seed's pipeline; return per-epoch seconds and the test accuracy.

    ``same_order`` replaces ``shuffle=True`` (a ``RandomSampler`` drawing from the global RNG)
    by a sampler that draws the same per-epoch ``randperm`` as helpers' tensor path. It costs
    the same (one permutation per epoch, handed out index by index), and it makes both
    pipelines see identical batches, so their accuracies can be compared exactly instead of
    up to shuffling noise (about +-0.4 points here).
    """
    dataset = PerSampleMNIST(train)
    order = {"sampler": SeededSampler(EpochOrder(len(dataset), shuffle=True, seed=seed))} \
        if same_order else {"shuffle": True}
    train_iter = DataLoader(dataset, batch_size=BATCH_SIZE, num_workers=1, **order)
    test_iter = DataLoader(PerSampleMNIST(test), batch_size=BATCH_SIZE, shuffle=True, num_workers=1)
    torch.manual_seed(seed)  # the shuffling order with shuffle=True (global RNG, as in the seed)
    model = new_model(seed, device)
    loss = nn.CrossEntropyLoss()
    optm = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    model.train()
    seconds = []
    for epoch in range(epochs):
        started = time.perf_counter()
        loss_val_sum = 0
        for batch_in, batch_out in train_iter:
            y_pred = model.forward(batch_in.view(-1, 28 * 28).to(device))
            loss_out = loss(y_pred, batch_out.to(device))
            optm.zero_grad()
            loss_out.backward()
            optm.step()
            loss_val_sum += loss_out
        loss_val_avg = loss_val_sum / len(train_iter)
        train_accr = seed_eval(model, train_iter, device)
        test_accr = seed_eval(model, test_iter, device)
        seconds.append(time.perf_counter() - started)
        print(f"  seed    epoch {epoch + 1}: loss {loss_val_avg.item():.4f} train_accr {train_accr:.4f} "
              f"test_accr {test_accr:.4f} ({seconds[-1]:.2f} s)")
    return seconds, test_accr


# ---------------------------------------------------------------------------- (b) helpers


def run_helpers(train: MnistSplit, test: MnistSplit, epochs: int, seed: int, device: torch.device,
                plain_adam: bool, repeats: int, label: str) -> tuple[list[float], float, float]:
    """Train with helpers ``repeats`` times from the same initial weights; return the
    per-epoch seconds of every repeat, the one-off conversion time, and the test accuracy.

    The optimizer is ``make_optimizer(torch.optim.Adam, ...)`` (fused where PyTorch has the
    kernel), or the seed's plain ``torch.optim.Adam`` with ``plain_adam``. Repeats exist only
    to time the same work more than once on a noisy machine: each one trains the same model
    from the same weights on the same batches (bitwise identical on the CPU), and only the
    first one's epochs are printed.
    """
    started = time.perf_counter()
    x, y = mnist_tensors(train, device=device)
    test_tensors = mnist_tensors(test, device=device)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    prepare = time.perf_counter() - started
    seconds: list[float] = []
    accuracies = []
    for repeat in range(repeats):
        model = new_model(seed, device)
        loss = nn.CrossEntropyLoss()
        if plain_adam:
            optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
        else:
            optimizer = make_optimizer(torch.optim.Adam, model.parameters(), lr=LEARNING_RATE)
        history = fit(model, loss, optimizer, (x, y), val=test_tensors, epochs=epochs,
                      batch_size=BATCH_SIZE, device=device, seed=seed, progress=False)
        seconds.extend(history.seconds)
        accuracies.append(evaluate(model, loss, test_tensors, device=device).accuracy)
        if repeat == 0:
            rows = zip(history.train_loss, history.train_accuracy, history.val_accuracy, history.seconds)
            for epoch, (value, train_accr, test_accr, took) in enumerate(rows, start=1):
                print(f"  {label} epoch {epoch}: loss {value:.4f} train_accr {train_accr:.4f} "
                      f"test_accr {test_accr:.4f} ({took:.3f} s)")
    if repeats > 1:
        per_repeat = [min(seconds[i:i + epochs]) for i in range(0, len(seconds), epochs)]
        print(f"  {label} best epoch of each of {repeats} repeats: "
              + ", ".join(f"{t:.3f} s" for t in per_repeat)
              + ("" if len(set(accuracies)) == 1 else f"; test accuracies {accuracies}"))
    return seconds, prepare, accuracies[0]


# ------------------------------------------------------------------------------- matmul peak


def matmul_peak_gflops(device: torch.device, size: int, repeats: int) -> float:
    """Best float32 GFLOP/s of ``size x size`` matrix products (2 n^3 FLOPs each)."""
    g = torch.Generator().manual_seed(0)
    a = torch.randn(size, size, generator=g).to(device)
    b = torch.randn(size, size, generator=g).to(device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    torch.matmul(a, b)  # warm-up (allocations, kernel selection)
    sync()
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        torch.matmul(a, b)
        sync()
        best = min(best, time.perf_counter() - started)
    return 2 * size**3 / best / 1e9


# ------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="reduced size for CI: 2000 training samples, 1 epoch")
    parser.add_argument("--epochs", type=int, help="epochs (default 3, quick 1)")
    parser.add_argument("--train-size", type=int,
                        help="training samples (default: all available; quick 2000)")
    parser.add_argument("--device", default=None,
                        help="cpu, cuda, mps or auto (default: $COURSE_DEVICE, else the best available)")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0))
                        if hasattr(os, "sched_getaffinity") else os.cpu_count(),
                        help="PyTorch CPU threads (default: all cores this process may use)")
    parser.add_argument("--seed", type=int, default=0, help="initial weights and shuffling")
    parser.add_argument("--shuffle", choices=("same-order", "global"), default="same-order",
                        help="(a)'s order: the same per-epoch permutations as (b) (default; exact "
                        "accuracy comparison), or literally shuffle=True from the global RNG")
    parser.add_argument("--repeats", type=int,
                        help="train (b) this many times from the same weights and time its best "
                        "epoch over all of them, like the matmul peak (default 3, quick 1)")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    torch.set_num_threads(args.threads)
    choice = pick_device(args.device)
    device = choice.device
    epochs = args.epochs or (1 if args.quick else 3)
    repeats = args.repeats or (1 if args.quick else 3)
    if min(epochs, repeats) < 1:
        parser.error("--epochs and --repeats must be at least 1")
    train, test = mnist_train_test()
    size = args.train_size or (2000 if args.quick else len(train))
    size = min(size, len(train))
    train = MnistSplit(train.images[:size], train.labels[:size], train.split, train.source)
    params = sum(p.numel() for p in SeedMLP().parameters())

    print(f"device: {choice}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} intra-op threads "
          f"(set with --threads), {torch.get_num_interop_threads()} inter-op threads")
    print(f"data: {size} training samples ({train.source}), {len(test)} test samples ({test.source})")
    print(f"model: 784-256-10 ReLU MLP, {params:,} parameters; "
          f"Adam lr {LEARNING_RATE}, batch {BATCH_SIZE}, {epochs} epoch(s)")

    matmul_size, matmul_repeats = (8192, 10) if device.type == "cuda" else (2048, 5 if args.quick else 10)
    peak = matmul_peak_gflops(device, matmul_size, matmul_repeats)

    print("(a) seed pipeline: per-sample PIL Dataset + ToTensor, DataLoader(num_workers=1), "
          f"func_eval on train and test after each epoch; order: {args.shuffle}")
    seed_seconds, acc_seed = run_seed(train, test, epochs, args.seed, device,
                                      same_order=args.shuffle == "same-order")
    peak = max(peak, matmul_peak_gflops(device, matmul_size, matmul_repeats))
    probe = make_optimizer(torch.optim.Adam, SeedMLP().to(device).parameters(), lr=LEARNING_RATE)
    adam = "fused Adam" if probe.defaults["fused"] else "Adam (no fused kernel on this device)"
    print(f"(b) helpers: mnist_tensors + make_optimizer(Adam) -> {adam} + fit(val=test) "
          f"(tensor fast path); {repeats} repeat(s)")
    helper_seconds, prepare, acc_helpers = run_helpers(
        train, test, epochs, args.seed, device, plain_adam=False, repeats=repeats, label="helpers")
    print("(b') the same with the seed's plain torch.optim.Adam, to show the optimizer's share")
    plain_seconds, _, acc_plain = run_helpers(
        train, test, epochs, args.seed, device, plain_adam=True, repeats=repeats, label="plain  ")

    # The peak is measured before, between and after the runs: the machine may be busier
    # or quieter at times, and the highest figure makes the reported fraction conservative.
    peak = max(peak, matmul_peak_gflops(device, matmul_size, matmul_repeats))

    per_10k = 10_000 / size
    seed_best, helper_best = min(seed_seconds) * per_10k, min(helper_seconds) * per_10k
    seed_mean = statistics.fmean(seed_seconds) * per_10k
    helper_mean = (statistics.fmean(helper_seconds) + prepare / epochs) * per_10k
    flops_per_epoch = 3 * 2 * params * size + 2 * params * len(test)
    achieved = flops_per_epoch / min(helper_seconds) / 1e9
    achieved_plain = flops_per_epoch / min(plain_seconds) / 1e9
    print(f"matmul peak: {peak:.1f} GFLOP/s ({matmul_size}x{matmul_size} float32, best of "
          f"{matmul_repeats}, measured before, between and after the runs)")
    if hasattr(os, "getloadavg"):
        print(f"load average (1 min) at the start {load_before:.2f}, at the end {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores: other programs running at the same time distort timings")
    print(f"seconds per 10k training samples, best epoch: seed {seed_best:.3f}, helpers {helper_best:.3f} "
          f"-> speedup {seed_best / helper_best:.1f}x")
    print(f"seconds per 10k training samples, mean over epochs (helpers incl. the one-off "
          f"{prepare:.3f} s conversion): seed {seed_mean:.3f}, helpers {helper_mean:.3f} "
          f"-> speedup {seed_mean / helper_mean:.1f}x; median epochs "
          f"{statistics.median(seed_seconds) * per_10k:.3f} / {statistics.median(helper_seconds) * per_10k:.3f}")
    print(f"helpers reach {achieved:.1f} GFLOP/s = {achieved / peak:.0%} of the matmul peak "
          f"(3 x 2 x {params:,} FLOPs per training sample, 2 x {params:,} per test sample); "
          f"median epoch {flops_per_epoch / statistics.median(helper_seconds) / 1e9 / peak:.0%}")
    print(f"with the seed's plain Adam instead (b'): {min(plain_seconds) * per_10k:.3f} s/10k, "
          f"{achieved_plain:.1f} GFLOP/s = {achieved_plain / peak:.0%} of the peak, "
          f"test accuracy {acc_plain:.4f}")
    print(f"test accuracy: seed {acc_seed:.4f}, helpers {acc_helpers:.4f} "
          f"(difference {100 * (acc_helpers - acc_seed):+.2f} points)")
    return print_summary(str(device), seed_best, helper_best, peak, achieved, acc_seed, acc_helpers)


if __name__ == "__main__":
    main()
