"""What happened during training, epoch by epoch, and its learning curves.

:func:`~helpers.training.loop.fit` returns a :class:`History`. Its metrics are plain Python
floats (never tensors, so nothing keeps a GPU tensor or an autograd graph alive), and it plots with
matplotlib's object API: :meth:`History.plot` returns a ``Figure`` without touching pyplot's
global state, so it neither shows twice in Jupyter nor changes the current figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from matplotlib.figure import Figure

from helpers.plots.learning_curves import METRICS, plot_learning_curves


@dataclass
class History:
    """Per-epoch metrics: ``metrics["loss"]``, ``["accuracy"]``, ``["val_loss"]``, ``["val_accuracy"]``.

    Accuracy is recorded only for classification losses; validation metrics only when a
    validation set was given. ``notes`` collects remarks made during training (e.g. that
    mixed precision was ignored on the CPU); ``stopped_early`` is the epoch a callback ended.
    """

    epochs: list[int] = field(default_factory=list)
    metrics: dict[str, list[float]] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped_early: int | None = None
    #: Where a seeded ``fit`` left its batch order and PyTorch's RNG (small CPU tensors), so
    #: that ``fit(..., history=this)`` continues them; None before the first seeded ``fit``.
    resume_state: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def record(self, epoch: int, metrics: dict[str, float], seconds: float) -> None:
        """Append one epoch's metrics (floats) and its duration."""
        self.epochs.append(epoch)
        self.seconds.append(seconds)
        for name, value in metrics.items():
            self.metrics.setdefault(name, []).append(float(value))

    def __len__(self) -> int:
        return len(self.epochs)

    def __getitem__(self, name: str) -> list[float]:
        return self.metrics[name]

    @property
    def train_loss(self) -> list[float]:
        return self.metrics.get("loss", [])

    @property
    def train_accuracy(self) -> list[float]:
        return self.metrics.get("accuracy", [])

    @property
    def val_loss(self) -> list[float]:
        return self.metrics.get("val_loss", [])

    @property
    def val_accuracy(self) -> list[float]:
        return self.metrics.get("val_accuracy", [])

    def last(self) -> dict[str, float]:
        """The metrics of the last epoch (empty before the first)."""
        return {name: values[-1] for name, values in self.metrics.items() if values}

    def summary(self) -> str:
        """One line per epoch, e.g. for a terminal or a plain-text notebook output."""
        lines = []
        for i, epoch in enumerate(self.epochs):
            parts = [f"{name} {values[i]:.4f}" for name, values in self.metrics.items()
                     if i < len(values) and not math.isnan(values[i])]
            lines.append(f"epoch {epoch}: " + ", ".join(parts) + f" ({self.seconds[i]:.1f} s)")
        return "\n".join(lines)

    def plot(self, *, title: str | None = None, figsize: tuple[float, float] | None = None) -> Figure:
        """Learning curves: loss (and accuracy, when recorded) per epoch, train vs. validation.

        Drawn by :func:`helpers.plots.learning_curves.plot_learning_curves`, which draws Keras
        histories the same way. Returns a matplotlib ``Figure`` (shown by Jupyter when it is a
        cell's last value; save it with ``fig.savefig``). Raises ``ValueError`` before the first epoch.
        """
        return plot_learning_curves(self, metrics=METRICS, title=title, figsize=figsize)
