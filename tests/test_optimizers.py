"""make_optimizer: fused where PyTorch has a kernel for it, the class's default otherwise."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from helpers.training import fused_devices, make_optimizer  # noqa: E402


def model(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 3))


def run_steps(net: nn.Module, optimizer: torch.optim.Optimizer, steps: int = 20) -> list[torch.Tensor]:
    g = torch.Generator().manual_seed(1)
    x, y = torch.randn(64, 5, generator=g), torch.randint(0, 3, (64,), generator=g)
    for _ in range(steps):
        optimizer.zero_grad()
        nn.functional.cross_entropy(net(x), y).backward()
        optimizer.step()
    return [p.detach().clone() for p in net.parameters()]


@pytest.mark.parametrize("cls, hyper", [
    (torch.optim.Adam, {"lr": 1e-2}),
    (torch.optim.AdamW, {"lr": 1e-2, "weight_decay": 0.1}),
    (torch.optim.SGD, {"lr": 0.1, "momentum": 0.9}),
    (torch.optim.Adagrad, {"lr": 0.1}),
])
def test_fused_on_the_cpu_and_the_same_algorithm(cls, hyper):
    assert "cpu" in fused_devices()
    fast = make_optimizer(cls, (net := model()).parameters(), **hyper)
    assert fast.defaults["fused"] is True
    plain = cls((reference := model()).parameters(), **hyper)
    assert not plain.defaults.get("fused")
    moved = run_steps(net, fast)
    for a, b, start in zip(moved, run_steps(reference, plain), model().parameters()):
        assert not torch.equal(a, start.detach())  # it trained
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)


def test_classes_without_a_fused_kernel_keep_their_default():
    optimizer = make_optimizer(torch.optim.RMSprop, model().parameters(), lr=1e-3)
    assert isinstance(optimizer, torch.optim.RMSprop)
    assert "fused" not in optimizer.defaults


@pytest.mark.parametrize("choice", [{"fused": False}, {"foreach": True}, {"foreach": False},
                                    {"differentiable": True}])
def test_the_callers_own_choice_wins(choice):
    optimizer = make_optimizer(torch.optim.Adam, model().parameters(), lr=1e-3, **choice)
    assert not optimizer.defaults["fused"]
    for key, value in choice.items():
        assert optimizer.defaults[key] is value


def test_parameter_groups_and_devices_without_kernels():
    net = model()
    groups = [{"params": net[0].parameters(), "lr": 1e-2}, {"params": net[2].parameters()}]
    optimizer = make_optimizer(torch.optim.Adam, groups, lr=1e-3)
    assert optimizer.defaults["fused"] is True
    assert [g["lr"] for g in optimizer.param_groups] == [1e-2, 1e-3]
    assert [len(g["params"]) for g in optimizer.param_groups] == [2, 2]  # generators not used up
    on_meta = nn.Linear(3, 2, device="meta")  # no fused kernels there: PyTorch would fail at step()
    assert not make_optimizer(torch.optim.Adam, on_meta.parameters()).defaults["fused"]


def test_clear_errors_for_what_cannot_become_an_optimizer():
    with pytest.raises(ValueError, match="no parameters.*already used up"):
        params = model().parameters()
        list(params)
        make_optimizer(torch.optim.Adam, params)
    with pytest.raises(TypeError, match="optimizer class such as torch.optim.Adam"):
        make_optimizer(torch.optim.Adam(model().parameters()), model().parameters())
