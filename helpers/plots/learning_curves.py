"""Learning curves of any framework's training history, drawn the same way.

PyTorch's :class:`helpers.training.History` and Keras's ``History`` (what ``model.fit`` returns)
hold the same thing: a list of values per metric, one per epoch, with ``val_`` in front of the
validation metrics. :func:`plot_learning_curves` draws either one (or a plain dict of lists) as
one panel per metric, training against validation, so that both frameworks' curves look alike.
It uses matplotlib's object API: it returns a ``Figure`` and leaves pyplot's state alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.figure import Figure

#: Metrics drawn when present, in this order (each with its ``val_`` twin in the same panel).
METRICS = ("loss", "accuracy")


def history_metrics(history: Any) -> tuple[list[int], dict[str, list[float]], int | None]:
    """``(epochs, metrics, stopped_early)`` of a history, whatever framework produced it.

    Accepts a :class:`helpers.training.History` (``.epochs``, ``.metrics``), a Keras ``History``
    (``.history`` maps names to lists; ``.epoch`` counts from 0, shown here from 1) or a mapping
    of metric names to per-epoch values (epochs numbered from 1).
    """
    if hasattr(history, "metrics") and hasattr(history, "epochs"):
        epochs, metrics = list(history.epochs), dict(history.metrics)
        return epochs, {k: [float(v) for v in vs] for k, vs in metrics.items()}, history.stopped_early
    if hasattr(history, "history") and isinstance(history.history, Mapping):
        metrics = {str(k): [float(v) for v in vs] for k, vs in history.history.items()}
        length = max((len(v) for v in metrics.values()), default=0)
        epoch = list(getattr(history, "epoch", None) or range(length))
        return [int(e) + 1 for e in epoch], metrics, None
    if isinstance(history, Mapping):
        metrics = {str(k): [float(v) for v in vs] for k, vs in history.items()}
        length = max((len(v) for v in metrics.values()), default=0)
        return list(range(1, length + 1)), metrics, None
    raise TypeError(f"cannot read learning curves from a {type(history).__name__}: give a "
                    "helpers.training.History, a Keras History or a dict of per-epoch lists")


def plot_learning_curves(
    history: Any,
    *,
    metrics: Sequence[str] = METRICS,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Learning curves: each of ``metrics`` that was recorded, per epoch, training vs. validation.

    ``history`` is anything :func:`history_metrics` reads. An epoch where training stopped early
    (PyTorch's ``History.stopped_early``) is marked by a dotted line. Returns the ``Figure``
    (Jupyter shows it when it is a cell's last value). Raises ``ValueError`` when nothing was
    recorded yet.
    """
    epochs, recorded, stopped_early = history_metrics(history)
    if not epochs:
        raise ValueError("nothing to plot yet: the history has no epochs (call fit first)")
    panels = [m for m in metrics if m in recorded]
    if not panels:
        raise ValueError(f"none of the metrics {list(metrics)} was recorded; found {sorted(recorded)}")
    fig = Figure(figsize=figsize or (5.0 * len(panels), 3.6), layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, metric in zip(axes, panels):
        ax.plot(epochs, recorded[metric], marker="o", label="training")
        if f"val_{metric}" in recorded:
            ax.plot(epochs, recorded[f"val_{metric}"], marker="s", label="validation")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.set_title(f"{metric} per epoch")
        if len(epochs) <= 20:
            ax.set_xticks(epochs)
        if stopped_early is not None:
            ax.axvline(stopped_early, color="grey", linestyle=":", label="stopped early")
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    return fig


def mark_epoch(fig: Figure, epoch: int, *, label: str = "best epoch", color: str = "tab:red") -> Figure:
    """Draw a dashed vertical line at ``epoch`` on every panel of a learning-curve figure."""
    for ax in fig.get_axes():
        ax.axvline(epoch, color=color, linestyle="--", alpha=0.8, label=label)
        ax.legend()
    return fig
