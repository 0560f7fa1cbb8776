"""Learning rate and batch size: a widget that runs short trainings and compares their curves.

Each setting is trained once, for a few epochs on a small sample, with plain SGD and the course's
``fit`` (seeded: the same setting always gives the same curve), and kept in a cache. The plot shows
the chosen setting in colour over every setting tried before, in grey, so that moving the sliders
builds up the picture: too small a rate crawls, too large a rate jumps around or diverges, and a
smaller batch makes more (noisier) updates per epoch.

This module imports PyTorch (through ``helpers.training``); ``import helpers`` does not.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as widgets
import torch
from matplotlib.figure import Figure
from torch import nn

from helpers.training import fit
from helpers.widgets.controls import control_panel


@dataclass(frozen=True)
class ShortRun:
    """The curves of one short training: per-epoch training loss and validation accuracy."""

    lr: float
    batch_size: int
    train_loss: list[float]
    val_accuracy: list[float]
    updates_per_epoch: int
    seconds: float

    @property
    def diverged(self) -> bool:
        return any(not math.isfinite(v) for v in self.train_loss) or self.train_loss[-1] > 10 * self.train_loss[0]


def short_training(make_model: Callable[[], nn.Module], data: tuple[torch.Tensor, torch.Tensor],
                   val: tuple[torch.Tensor, torch.Tensor], *, lr: float, batch_size: int, epochs: int = 3,
                   seed: int = 0, device: str | torch.device = "cpu") -> ShortRun:
    """Train a fresh ``make_model()`` (built after ``torch.manual_seed(seed)``) with SGD at ``lr``."""
    if lr <= 0 or batch_size < 1 or epochs < 1:
        raise ValueError(f"need lr > 0, batch_size >= 1 and epochs >= 1, got {lr}, {batch_size}, {epochs}")
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = make_model()
    plain_sgd = torch.optim.SGD(model.parameters(), lr=lr)
    start = time.perf_counter()
    history = fit(model, nn.CrossEntropyLoss(), plain_sgd, data, epochs=epochs, batch_size=batch_size, val=val,
                  device=device, seed=seed, progress=False)
    seconds = time.perf_counter() - start
    return ShortRun(lr, batch_size, list(history.train_loss), list(history.val_accuracy),
                    math.ceil(len(data[0]) / batch_size), seconds)


def draw_runs(chosen: ShortRun, others: Sequence[ShortRun] = ()) -> Figure:
    """Training loss and validation accuracy per epoch of ``chosen`` (in colour) over ``others`` (grey)."""
    fig = Figure(figsize=(11, 4), layout="constrained")
    loss_ax, acc_ax = fig.subplots(1, 2)
    for run in [*others, chosen]:
        mine = run is chosen
        style = {"color": "tab:red", "lw": 2.5, "marker": "o", "zorder": 3} if mine else {"color": "0.75", "lw": 1}
        epochs = range(1, len(run.train_loss) + 1)
        label = f"lr={run.lr:g}, batch={run.batch_size}" if mine else None
        loss_ax.plot(epochs, [min(v, 1e3) if math.isfinite(v) else 1e3 for v in run.train_loss], label=label, **style)
        acc_ax.plot(epochs, run.val_accuracy, label=label, **style)
    loss_ax.set_yscale("log")
    loss_ax.set_xlabel("epoch")
    loss_ax.set_ylabel("training loss (log scale)")
    loss_ax.set_title("Training loss (grey: settings tried before)")
    acc_ax.set_xlabel("epoch")
    acc_ax.set_ylabel("validation accuracy")
    acc_ax.set_ylim(0, 1)
    acc_ax.set_title("Validation accuracy")
    for ax in (loss_ax, acc_ax):
        ax.grid(alpha=0.3)
        ax.legend(loc="best")
    return fig


def describe(run: ShortRun) -> str:
    """One line for the widget: updates per epoch, final loss and accuracy, or that it diverged."""
    if run.diverged:
        verdict = "<b>diverged</b>: the steps overshoot and the loss blows up"
    else:
        verdict = f"final training loss {run.train_loss[-1]:.3f}, validation accuracy {run.val_accuracy[-1]:.1%}"
    return (f"lr = {run.lr:g}, batch size {run.batch_size}: {run.updates_per_epoch} updates per epoch, "
            f"{len(run.train_loss)} epochs in {run.seconds:.1f} s; {verdict}")


def learning_rate_batch_size_explorer(make_model: Callable[[], nn.Module], data: tuple[torch.Tensor, torch.Tensor],
                                      val: tuple[torch.Tensor, torch.Tensor], *,
                                      lrs: Sequence[float] = (0.001, 0.01, 0.1, 0.5, 2.0),
                                      batch_sizes: Sequence[int] = (16, 64, 256, 1024), lr: float = 0.1,
                                      batch_size: int = 64, epochs: int = 3, seed: int = 0,
                                      device: str | torch.device = "cpu") -> widgets.VBox:
    """A learning-rate slider and a batch-size selector; each new setting runs :func:`short_training`."""
    if lr not in lrs or batch_size not in batch_sizes:
        raise ValueError(f"the starting lr {lr} and batch size {batch_size} must be among the choices")
    cache: dict[tuple[float, int], ShortRun] = {}
    lr_slider = widgets.SelectionSlider(options=[(f"{v:g}", v) for v in lrs], value=lr, description="lr")
    batch_picker = widgets.ToggleButtons(options=[(str(b), b) for b in batch_sizes], value=batch_size,
                                         description="batch size")

    def update(values: dict[str, float]) -> tuple[str, Figure]:
        key = (float(values["lr"]), int(values["batch_size"]))
        if key not in cache:
            cache[key] = short_training(make_model, data, val, lr=key[0], batch_size=key[1], epochs=epochs,
                                        seed=seed, device=device)
        chosen = cache[key]
        return describe(chosen), draw_runs(chosen, [r for k, r in cache.items() if k != key])

    box = control_panel({"lr": lr_slider, "batch_size": batch_picker}, update, rows=[["lr"], ["batch_size"]])
    box.cache = cache  # type: ignore[attr-defined]  # the runs so far, for notebooks and tests
    return box
