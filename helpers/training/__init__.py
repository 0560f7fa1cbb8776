"""GPU-aware training for PyTorch: fast in-memory batches, ``fit``/``evaluate``/``predict``, history.

Import it explicitly (``from helpers.training import fit``): it imports PyTorch, which
``import helpers`` deliberately does not.

Typical use::

    from helpers.device import pick_device
    from helpers.training import fit, evaluate, mnist_tensors
    choice = pick_device(); print(choice)
    x, y = mnist_tensors(train, device=choice.device)
    optimizer = make_optimizer(torch.optim.Adam, model.parameters(), lr=1e-3)  # fused if possible
    history = fit(model, nn.CrossEntropyLoss(), optimizer, (x, y), epochs=3,
                  batch_size=256, val=mnist_tensors(test, device=choice.device),
                  device=choice.device)
    history.plot()
"""

from helpers.training.batches import (
    Batches,
    EpochOrder,
    LoaderBatches,
    SeededSampler,
    TensorBatches,
    make_batches,
)
from helpers.training.history import History
from helpers.training.loop import Callback, EarlyStopping, Evaluation, evaluate, fit, predict
from helpers.training.mnist import mnist_tensors
from helpers.training.optimizers import fused_devices, make_optimizer

__all__ = [
    "Batches",
    "Callback",
    "EarlyStopping",
    "EpochOrder",
    "Evaluation",
    "History",
    "LoaderBatches",
    "SeededSampler",
    "TensorBatches",
    "evaluate",
    "fit",
    "fused_devices",
    "make_batches",
    "make_optimizer",
    "mnist_tensors",
    "predict",
]
