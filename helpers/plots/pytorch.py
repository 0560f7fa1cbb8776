"""Figures of the PyTorch chapter: autograd graphs, loss curves and timings, predictions, confusion matrices.

Every function returns a matplotlib ``Figure`` and draws with the object API (``Figure`` and its
axes), so nothing here changes pyplot's current figure; a notebook shows a figure by making it the
last value of a cell or with ``display``. Nothing here imports PyTorch: the autograd functions only
read attributes that every tensor and ``grad_fn`` node has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch


@dataclass(frozen=True)
class GraphNode:
    """One node of a backward graph: its name, its depth from the output, and its parents' indices."""

    name: str
    depth: int
    inputs: tuple[int, ...]


def _node_name(node: Any, names: Mapping[int, str]) -> str:
    kind = type(node).__name__
    variable = getattr(node, "variable", None)  # an AccumulateGrad node holds the leaf tensor it fills
    if variable is not None:
        return f"{names.get(id(variable), 'leaf')}.grad ({kind})"
    return kind


def backward_graph(output: Any, names: Mapping[str, Any] | None = None) -> list[GraphNode]:
    """The nodes of ``output.grad_fn``'s graph, outputs first (each node once, at its greatest depth).

    ``names`` maps a label to each leaf tensor (``{"x": x}``), so that the AccumulateGrad node that
    fills ``x.grad`` shows as ``x.grad``. A tensor without ``grad_fn`` gives an empty list.
    """
    by_id = {id(t): label for label, t in (names or {}).items()}
    root = getattr(output, "grad_fn", None)
    if root is None:
        return []
    order: list[Any] = []
    edges: dict[int, list[Any]] = {}
    queue = [root]
    while queue:  # every node once, in breadth-first order
        node = queue.pop(0)
        if id(node) in edges:
            continue
        children = [child for child, _ in getattr(node, "next_functions", ()) if child is not None]
        edges[id(node)] = children
        order.append(node)
        queue.extend(children)
    depth = {id(root): 0}
    for _ in range(len(order)):  # longest path from the output (the graph has no cycles)
        changed = False
        for node in order:
            for child in edges[id(node)]:
                if id(node) in depth and depth.get(id(child), -1) < depth[id(node)] + 1:
                    depth[id(child)] = depth[id(node)] + 1
                    changed = True
        if not changed:
            break
    index = {id(node): i for i, node in enumerate(order)}
    return [GraphNode(_node_name(node, by_id), depth[id(node)], tuple(index[id(c)] for c in edges[id(node)]))
            for node in order]


def grad_fn_chain(output: Any, names: Mapping[str, Any] | None = None) -> str:
    """The backward graph as indented text, one node per line, from the output down to the leaves."""
    nodes = backward_graph(output, names)
    if not nodes:
        return "(no grad_fn: this tensor is a leaf or was computed without recording a graph)"
    lines: list[str] = []

    def walk(i: int, indent: int, seen: frozenset[int]) -> None:
        lines.append("    " * indent + nodes[i].name)
        for j in nodes[i].inputs:
            if j not in seen:
                walk(j, indent + 1, seen | {j})

    walk(0, 0, frozenset({0}))
    return "\n".join(lines)


def plot_backward_graph(output: Any, names: Mapping[str, Any] | None = None, *, title: str | None = None,
                        figsize: tuple[float, float] | None = None) -> Figure:
    """Draw ``output``'s backward graph: the output's node on the left, the leaves' on the right,
    arrows pointing the way gradients flow."""
    nodes = backward_graph(output, names)
    if not nodes:
        raise ValueError("this tensor has no grad_fn: build it from tensors with requires_grad=True")
    depths = max(n.depth for n in nodes) + 1
    columns: dict[int, list[int]] = {}
    for i, node in enumerate(nodes):
        columns.setdefault(node.depth, []).append(i)
    height = max(len(c) for c in columns.values())
    fig = Figure(figsize=figsize or (3.0 * depths + 1.0, 1.3 * height + 1.2), layout="constrained")
    ax = fig.subplots()
    position = {}
    for d, members in columns.items():
        for k, i in enumerate(members):
            position[i] = (d * 3.0, (height - 1) / 2 - k + (len(members) - 1) / 2 - (height - 1) / 2)
    for i, node in enumerate(nodes):
        x, y = position[i]
        leaf = ".grad" in node.name
        ax.add_patch(FancyBboxPatch((x - 1.2, y - 0.28), 2.4, 0.56, boxstyle="round,pad=0.05",
                                    facecolor="#d8ecd3" if leaf else "#dbe6f5", edgecolor="0.3"))
        ax.text(x, y, node.name, ha="center", va="center", fontsize=8)
        for j in node.inputs:
            x2, y2 = position[j]
            ax.annotate("", xy=(x2 - 1.25, y2), xytext=(x + 1.25, y),
                        arrowprops={"arrowstyle": "->", "color": "0.35"})
    ax.set_xlim(-1.5, 3.0 * (depths - 1) + 1.5)
    ax.set_ylim(-(height + 1) / 2, (height + 1) / 2)
    ax.set_xticks([3.0 * d for d in range(depths)], [f"depth {d}" for d in range(depths)])
    ax.set_yticks([])
    ax.set_xlabel("distance from the output (gradients flow left to right)")
    ax.set_title(title or "Backward graph (grad_fn nodes); green: gradients stored in leaves")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return fig


def plot_loss_curves(curves: Mapping[str, Sequence[float]], *, title: str, xlabel: str = "epoch",
                     ylabel: str = "loss", log: bool = True, figsize: tuple[float, float] = (7.0, 4.0)) -> Figure:
    """One line per named curve (x from 1), optionally on a logarithmic loss axis."""
    if not curves:
        raise ValueError("no curves to plot")
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    styles = ["-", "--", "-.", ":"]
    for k, (name, values) in enumerate(curves.items()):
        ax.plot(np.arange(1, len(values) + 1), values, styles[k % len(styles)], lw=2 if k < 4 else 1.5, label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel + (" (log scale)" if log else ""))
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def plot_timings(seconds: Mapping[str, float], *, title: str, unit: str = "ms per epoch",
                 scale: float = 1000.0, figsize: tuple[float, float] = (7.0, 3.2)) -> Figure:
    """A horizontal bar per named timing (``seconds`` times ``scale``, labelled with ``unit``)."""
    if not seconds:
        raise ValueError("no timings to plot")
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    names = list(seconds)
    values = [seconds[n] * scale for n in names]
    bars = ax.barh(names[::-1], values[::-1], color="tab:blue")
    ax.bar_label(bars, fmt="%.2f", padding=3, fontsize=8)
    ax.set_xlabel(unit)
    ax.set_ylabel("version")
    ax.set_title(title)
    ax.set_xlim(0, max(values) * 1.25 if max(values) > 0 else 1)
    return fig


def prediction_grid(images: np.ndarray, predicted: Sequence[int], true: Sequence[int], *, ncols: int = 5,
                    title: str = "Predictions on test images", size: float = 1.7) -> Figure:
    """Images in a grid titled "pred p / true t"; wrong predictions in red with a red frame."""
    images = np.asarray(images)
    if images.ndim == 2 and images.shape[1] == 784:
        images = images.reshape(-1, 28, 28)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width) or (n, 784), got {images.shape}")
    predicted, true = np.asarray(predicted), np.asarray(true)
    if not len(images) == len(predicted) == len(true):
        raise ValueError(f"{len(images)} images, {len(predicted)} predictions and {len(true)} labels")
    n = len(images)
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    fig = Figure(figsize=(size * ncols, size * nrows + 0.5), layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    wrong = 0
    for k, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= n:
            ax.axis("off")
            continue
        ax.imshow(images[k], cmap="gray_r")
        right = predicted[k] == true[k]
        wrong += not right
        color = "black" if right else "red"
        ax.set_title(f"pred {predicted[k]} / true {true[k]}", fontsize=9, color=color)
        for spine in ax.spines.values():
            spine.set_color(color)
            spine.set_linewidth(1 if right else 3)
    fig.suptitle(f"{title}: {n - wrong} of {n} right (mistakes in red)")
    return fig


def confusion_matrix(true: Sequence[int], predicted: Sequence[int], n_classes: int) -> np.ndarray:
    """Counts: entry (i, j) is how many samples of class i were predicted as class j."""
    true, predicted = np.asarray(true, dtype=np.int64), np.asarray(predicted, dtype=np.int64)
    if true.shape != predicted.shape:
        raise ValueError(f"true {true.shape} and predicted {predicted.shape} differ in shape")
    if true.size and (min(true.min(), predicted.min()) < 0 or max(true.max(), predicted.max()) >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (true, predicted), 1)
    return matrix


def plot_confusion_matrix(matrix: np.ndarray, *, title: str = "Confusion matrix",
                          class_names: Sequence[str] | None = None, figsize: tuple[float, float] = (6.0, 5.2)) -> Figure:
    """The matrix as a heat map with counts; off-diagonal cells are the mistakes."""
    matrix = np.asarray(matrix)
    k = matrix.shape[0]
    names = list(class_names) if class_names is not None else [str(i) for i in range(k)]
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    shown = np.log1p(matrix)
    image = ax.imshow(shown, cmap="Blues")
    for i in range(k):
        for j in range(k):
            if matrix[i, j]:
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if shown[i, j] > shown.max() / 2 else "black")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="log(1 + count)")
    return fig


def plot_weight_histograms(weights: Mapping[str, np.ndarray], *, title: str, bins: int = 80,
                           figsize: tuple[float, float] = (7.0, 4.0)) -> Figure:
    """Overlaid histograms (densities) of several weight arrays, each labelled with its std."""
    if not weights:
        raise ValueError("no weights to plot")
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    for name, values in weights.items():
        values = np.asarray(values, dtype=float).ravel()
        ax.hist(values, bins=bins, density=True, histtype="step", lw=2, label=f"{name} (std {values.std():.4f})")
    ax.set_xlabel("weight value")
    ax.set_ylabel("density")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return fig
