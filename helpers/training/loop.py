"""``fit``, ``evaluate`` and ``predict`` for any ``nn.Module``, loss and optimizer.

Why a helper and not the loop every tutorial writes? Because that loop is slow in ways that
are invisible to beginners - a ``loss.item()`` per batch waits for the GPU every step, a
per-sample data pipeline dominates small models - and because its mistakes (wrong label dtype,
forgotten ``model.eval()``, a model left on the GPU) surface as cryptic errors later. Here:

* metrics are accumulated on the device and read once per epoch (one synchronisation);
* ``zero_grad(set_to_none=True)``, ``torch.inference_mode()`` for evaluation, no extra copies;
* the first batch is checked (:mod:`helpers.training.checks`) before the first step;
* a model's train/eval mode is restored afterwards, and ``evaluate``/``predict`` also put it
  back on the device it came from; results are plain floats or CPU tensors;
* ``seed`` fixes the batch order and, inside ``fit`` only, PyTorch's RNG (dropout), which is
  forked so the caller's global random state is left as it was: on the CPU two runs with the
  same seed and the same initial weights are bitwise identical.
"""

from __future__ import annotations

import contextlib
import math
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol

import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from helpers.device import DeviceChoice, as_device, module_device, to_device
from helpers.training.batches import Batches, make_batches
from helpers.training.checks import check_inputs, check_loss, check_targets, task_of
from helpers.training.history import History

LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
DeviceLike = str | torch.device | DeviceChoice | None


class Callback(Protocol):
    """Called after every epoch with its number (from 1) and metrics; return True to stop."""

    def __call__(self, epoch: int, metrics: dict[str, float]) -> bool | None: ...


class EarlyStopping:
    """Stop when ``monitor`` has not improved by ``min_delta`` for ``patience`` epochs.

    ``mode`` is ``"min"`` for losses and ``"max"`` for accuracies (guessed from the name).
    """

    def __init__(self, monitor: str = "val_loss", *, patience: int = 3, min_delta: float = 0.0,
                 mode: str | None = None) -> None:
        self.monitor = monitor
        self.patience = patience
        self.min_delta = min_delta
        self.mode = mode or ("max" if "acc" in monitor else "min")
        if self.mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_epoch = 0
        self.waited = 0

    def __call__(self, epoch: int, metrics: dict[str, float]) -> bool:
        if self.monitor not in metrics:
            raise KeyError(
                f"EarlyStopping monitors {self.monitor!r}, but the metrics are "
                f"{sorted(metrics)} (val_* metrics need a validation set)"
            )
        value = metrics[self.monitor]
        improved = (value < self.best - self.min_delta) if self.mode == "min" else (
            value > self.best + self.min_delta)
        if improved:
            self.best, self.best_epoch, self.waited = value, epoch, 0
            return False
        self.waited += 1
        return self.waited >= self.patience


class Evaluation(NamedTuple):
    """Result of :func:`evaluate`: mean loss per sample, accuracy (NaN when not a
    classification loss), and the number of samples."""

    loss: float
    accuracy: float
    samples: int


# --------------------------------------------------------------------------------------------
# shared pieces


@contextlib.contextmanager
def preserved_state(model: nn.Module, device: torch.device | None = None) -> Iterator[None]:
    """Restore every submodule's train/eval flag afterwards, and the device when ``device`` moves it."""
    modes = [(m, m.training) for m in model.modules()]
    original = module_device(model)
    moved = device is not None and device != original
    if moved:
        model.to(device)
    try:
        yield
    finally:
        if moved:
            model.to(original)
        for module, mode in modes:
            module.training = mode


def _resolve_device(model: nn.Module, device: DeviceLike) -> torch.device:
    target = as_device(device)
    return module_device(model) if target is None else target


def _as_batches(data: Any, *, batch_size: int, shuffle: bool, seed: int,
                device: torch.device) -> tuple[Iterable, bool]:
    """Turn what the user passed into batches; also say whether batches still need moving."""
    if isinstance(data, Batches):
        if data.device != device:
            raise ValueError(
                f"the batches are on {data.device} but training/evaluation runs on {device}; "
                f"make them with make_batches(..., device={str(device)!r})"
            )
        return data, False
    if isinstance(data, tuple) and len(data) in (1, 2):
        return make_batches(*data, batch_size=batch_size, shuffle=shuffle, seed=seed,
                            device=device), False
    if isinstance(data, torch.utils.data.Dataset):
        return make_batches(data, batch_size=batch_size, shuffle=shuffle, seed=seed,
                            device=device), False
    if isinstance(data, Iterable):  # a DataLoader or any iterable of (inputs, targets)
        return data, True
    raise TypeError(
        f"data must be (x, y), a Dataset, make_batches(...) or a DataLoader, got {type(data).__name__}"
    )


def _split(batch: Any) -> tuple[Any, Any]:
    if isinstance(batch, (tuple, list)) and len(batch) == 2:
        return batch[0], batch[1]
    if isinstance(batch, (tuple, list)) and len(batch) == 1:
        return batch[0], None
    raise TypeError(
        f"each batch must be (inputs, targets); got a {type(batch).__name__}"
        + (f" of length {len(batch)}" if isinstance(batch, (tuple, list)) else "")
    )


class _Tally:
    """Sums of loss and correct predictions kept on the device; read once (one sync)."""

    def __init__(self, loss_fn: LossFn | None, device: torch.device, classify: bool = False) -> None:
        self.task = task_of(loss_fn)
        if self.task == "other" and classify:
            self.task = "classes"
        self.summed = getattr(loss_fn, "reduction", "mean") == "sum"
        # BCELoss takes probabilities (threshold 0.5); BCEWithLogitsLoss takes logits (0).
        probabilities = isinstance(loss_fn, nn.BCELoss) or loss_fn is F.binary_cross_entropy
        self.threshold = 0.5 if probabilities else 0.0
        self.loss = torch.zeros((), dtype=torch.float64, device=device)
        self.correct = torch.zeros((), dtype=torch.int64, device=device)
        self.samples = 0
        self.compared = 0

    def add(self, loss: torch.Tensor | None, outputs: torch.Tensor, targets: torch.Tensor) -> None:
        n = outputs.shape[0]
        self.samples += n
        if loss is not None:
            self.loss.add_(loss.detach(), alpha=1 if self.summed else n)
        if targets is None:
            return
        if self.task == "classes" and outputs.ndim >= 2:
            if targets.is_floating_point():  # class probabilities
                self.correct.add_((outputs.argmax(1) == targets.argmax(1)).sum())
            else:
                self.correct.add_((outputs.argmax(1) == targets).sum())
            self.compared += targets.numel() if not targets.is_floating_point() else (
                targets.numel() // targets.shape[1])
        elif self.task == "binary" and outputs.shape == targets.shape:
            self.correct.add_(((outputs > self.threshold) == (targets > 0.5)).sum())
            self.compared += targets.numel()

    def metrics(self, prefix: str = "", with_loss: bool = True) -> dict[str, float]:
        out: dict[str, float] = {}
        if with_loss:
            out[prefix + "loss"] = self.loss.item() / max(self.samples, 1)
        if self.compared:
            out[prefix + "accuracy"] = self.correct.item() / self.compared
        return out


def _forward_checked(model: nn.Module, inputs: Any) -> torch.Tensor:
    """The first forward pass, with PyTorch's error put in context."""
    check_inputs(model, inputs)
    try:
        return model(inputs)
    except RuntimeError as error:
        raise RuntimeError(
            f"the model failed on the first batch: inputs of shape {tuple(inputs.shape)}, "
            f"dtype {inputs.dtype}, on {inputs.device}. PyTorch says: {error}"
        ) from error


# --------------------------------------------------------------------------------------------
# fit


def fit(
    model: nn.Module,
    loss_fn: LossFn,
    optimizer: torch.optim.Optimizer,
    train: Any,
    *,
    epochs: int = 1,
    val: Any = None,
    batch_size: int = 64,
    device: DeviceLike = None,
    seed: int | None = 0,
    callbacks: Sequence[Callback] = (),
    progress: bool = True,
    amp: bool = False,
    history: History | None = None,
) -> History:
    """Train ``model`` for ``epochs`` epochs; return a :class:`History` of per-epoch metrics.

    ``train``/``val``: ``(x, y)`` tensors or arrays (the fast tensor path), a ``Dataset``,
    ``make_batches(...)``, or any iterable of ``(inputs, targets)`` such as a ``DataLoader``.
    ``device``: where to train (the model is moved there and stays there); None trains where
    the model is. ``seed`` fixes the shuffling and the RNG used inside the model (dropout)
    without changing the caller's global RNG; None uses the global RNG. ``callbacks`` are
    called after each epoch as ``callback(epoch, metrics)`` and stop training by returning
    True (see :class:`EarlyStopping`). ``progress=False`` prints nothing at all. ``amp=True``
    uses float16 mixed precision on a CUDA GPU and is ignored elsewhere (with a warning).
    ``history``: the :class:`History` of an earlier ``fit`` of the same model, to continue
    it: epochs are numbered on, and with the same ``seed`` and ``(x, y)``/``Dataset`` data the
    batch order and the model's RNG carry on where they stopped, so 2 + 2 epochs equal 4.
    Calling ``fit`` again without it starts the seed's sequence of orders afresh.
    The model's train/eval mode is restored when ``fit`` returns. ``optimizer`` is used as
    given; build it with :func:`helpers.training.make_optimizer` to get PyTorch's fused kernel,
    which matters on a CPU once the data pipeline is no longer the bottleneck.
    """
    if epochs < 0:
        raise ValueError(f"epochs must be non-negative, got {epochs}")
    target = _resolve_device(model, device)
    if module_device(model) != target:
        model.to(target)
    history = History() if history is None else history
    use_amp = amp and target.type == "cuda"
    if amp and not use_amp:
        note = f"amp=True ignored: mixed precision is used only on CUDA GPUs, and this runs on {target}"
        history.notes.append(note)
        warnings.warn(note, UserWarning, stacklevel=2)
    batch_seed = int(torch.randint(0, 2**62, ()).item()) if seed is None else seed
    train_batches, move_train = _as_batches(train, batch_size=batch_size, shuffle=True,
                                            seed=batch_seed, device=target)
    val_batches, move_val = (None, False) if val is None else _as_batches(
        val, batch_size=max(batch_size, 256), shuffle=False, seed=0, device=target)

    # Continuing a seeded run (history=h from an earlier fit with the same seed): pick the
    # batch order and PyTorch's RNG up where they stopped instead of replaying the seed's start.
    resume = history.resume_state
    if seed is None or resume is None or resume["seed"] != seed:
        resume = None
    built_here = isinstance(train_batches, Batches) and train_batches is not train
    if resume is not None and built_here:
        train_batches.order.generator.set_state(resume["order"])
    rng = contextlib.nullcontext() if seed is None else _seeded_rng(
        seed, target, None if resume is None else resume["rng"])
    bar = None
    if progress:
        total = epochs * len(train_batches) if hasattr(train_batches, "__len__") else None
        bar = tqdm(total=total, desc=f"epoch 1/{epochs}", unit="batch", dynamic_ncols=True)
    scaler = torch.amp.GradScaler("cuda") if use_amp else None
    autocast = (lambda: torch.autocast("cuda", dtype=torch.float16)) if use_amp else contextlib.nullcontext
    first_epoch = len(history) + 1
    try:
        with rng, preserved_state(model):
            for epoch in range(first_epoch, first_epoch + epochs):
                started = time.perf_counter()
                if bar is not None:
                    bar.set_description(f"epoch {epoch - first_epoch + 1}/{epochs}")
                model.train()
                tally = _train_epoch(model, loss_fn, optimizer, train_batches, move_train, target,
                                     scaler, autocast, bar, check=epoch == first_epoch)
                metrics = tally.metrics()
                if val_batches is not None:
                    metrics.update(_evaluate_batches(model, loss_fn, val_batches, move_val,
                                                     target, check=epoch == first_epoch).metrics("val_"))
                history.record(epoch, metrics, time.perf_counter() - started)
                if bar is not None:
                    bar.set_postfix({k: round(v, 4) for k, v in metrics.items()}, refresh=True)
                    bar.write(f"epoch {epoch}: " + ", ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
                stops = [bool(callback(epoch, dict(metrics))) for callback in callbacks]  # all run
                if any(stops):
                    history.stopped_early = epoch
                    if bar is not None:
                        bar.write(f"stopped early after epoch {epoch}")
                    break
            if seed is not None and built_here:
                history.resume_state = {"seed": seed, "order": train_batches.order.generator.get_state(),
                                        "rng": _rng_state(target)}
    finally:
        if bar is not None:
            bar.close()
    return history


@contextlib.contextmanager
def _seeded_rng(seed: int, device: torch.device,
                state: dict[str, torch.Tensor] | None = None) -> Iterator[None]:
    """Seed the CPU generator (and the training GPU's) inside a fork of the RNG state, or
    set them to ``state`` (from :func:`_rng_state`) to continue an earlier run.

    Only the generators that are forked are seeded, so the caller's random state is exactly
    as before afterwards. (Apple's MPS generator is left alone: runs there are not bitwise
    reproducible anyway.)
    """
    devices = [device.index or 0] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=devices):
        if state is None:
            torch.random.default_generator.manual_seed(seed)
        else:
            torch.set_rng_state(state["cpu"])
        if devices:
            with torch.cuda.device(devices[0]):
                if state is not None and "cuda" in state:
                    torch.cuda.set_rng_state(state["cuda"])
                else:
                    torch.cuda.manual_seed(seed)
        yield


def _rng_state(device: torch.device) -> dict[str, torch.Tensor]:
    """The states of the generators :func:`_seeded_rng` seeds, to continue from later."""
    state = {"cpu": torch.get_rng_state()}
    if device.type == "cuda":
        state["cuda"] = torch.cuda.get_rng_state(device)
    return state


def _train_epoch(model: nn.Module, loss_fn: LossFn, optimizer: torch.optim.Optimizer,
                 batches: Iterable, move: bool, device: torch.device,
                 scaler: torch.amp.GradScaler | None, autocast: Callable[[], Any],
                 bar: Any, check: bool) -> _Tally:
    """One pass over the training batches; the hot loop, so it does as little as it can."""
    tally = _Tally(loss_fn, device)
    for batch in batches:
        if move:
            batch = to_device(batch, device, non_blocking=True)
        inputs, targets = _split(batch)
        with autocast():
            if check:
                outputs = _forward_checked(model, inputs)
                check_targets(outputs, targets, loss_fn)
                loss = loss_fn(outputs, targets)
                check_loss(loss, loss_fn)
                check = False
            else:
                outputs = model(inputs)
                loss = loss_fn(outputs, targets)
        optimizer.zero_grad(set_to_none=True)
        if scaler is None:
            loss.backward()
            optimizer.step()
        else:
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        with torch.no_grad():
            tally.add(loss, outputs.detach(), targets)
        if bar is not None:
            bar.update(1)
    return tally


# --------------------------------------------------------------------------------------------
# evaluate / predict


def _evaluate_batches(model: nn.Module, loss_fn: LossFn | None, batches: Iterable, move: bool,
                      device: torch.device, check: bool = True, classify: bool = False) -> _Tally:
    tally = _Tally(loss_fn, device, classify)
    model.eval()
    with torch.inference_mode():
        for batch in batches:
            if move:
                batch = to_device(batch, device, non_blocking=True)
            inputs, targets = _split(batch)
            if check:
                outputs = _forward_checked(model, inputs)
                if targets is not None:
                    check_targets(outputs, targets, loss_fn)
                check = False
            else:
                outputs = model(inputs)
            loss = None
            if loss_fn is not None and targets is not None:
                loss = loss_fn(outputs, targets)
            tally.add(loss, outputs, targets)
    return tally


def evaluate(
    model: nn.Module,
    loss_fn: LossFn | None,
    data: Any,
    *,
    batch_size: int = 256,
    device: DeviceLike = None,
) -> Evaluation:
    """Mean loss and accuracy of ``model`` on ``data`` (same forms as ``fit``'s ``train``).

    Runs in eval mode under ``torch.inference_mode()``; afterwards the model's train/eval
    mode and its device are what they were. ``loss_fn=None`` skips the loss (NaN) and treats
    integer targets as class indices. Accuracy is NaN for non-classification losses.
    """
    target = _resolve_device(model, device)
    with preserved_state(model, target):
        batches, move = _as_batches(data, batch_size=batch_size, shuffle=False, seed=0, device=target)
        tally = _evaluate_batches(model, loss_fn, batches, move, target, classify=loss_fn is None)
        metrics = tally.metrics(with_loss=loss_fn is not None)
    return Evaluation(
        loss=metrics.get("loss", math.nan),
        accuracy=metrics.get("accuracy", math.nan),
        samples=tally.samples,
    )


def predict(
    model: nn.Module,
    x: Any,
    *,
    batch_size: int = 256,
    device: DeviceLike = None,
) -> torch.Tensor:
    """The model's outputs for inputs ``x`` (tensor/array, Dataset or batches), as one CPU tensor.

    On the CPU so that NumPy and matplotlib can use it directly; the model's mode and device
    are restored afterwards, as in :func:`evaluate`.
    """
    target = _resolve_device(model, device)
    outputs: list[torch.Tensor] = []
    with preserved_state(model, target):
        data = (x,) if isinstance(x, (torch.Tensor,)) or hasattr(x, "__array__") else x
        batches, move = _as_batches(data, batch_size=batch_size, shuffle=False, seed=0, device=target)
        model.eval()
        check = True
        with torch.inference_mode():
            for batch in batches:
                if move:
                    batch = to_device(batch, target, non_blocking=True)
                inputs = batch[0] if isinstance(batch, (tuple, list)) else batch
                if check:
                    outputs.append(_forward_checked(model, inputs).cpu())
                    check = False
                else:
                    outputs.append(model(inputs).cpu())
    if not outputs:
        raise ValueError("predict got no inputs")
    return torch.cat(outputs)
