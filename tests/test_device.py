"""Device choice (argument > $COURSE_DEVICE > CUDA > MPS > CPU) and moving nested batches."""

from __future__ import annotations

import subprocess
import sys
from collections import OrderedDict, namedtuple

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from helpers.device import DEVICE_VARIABLE, DeviceChoice, module_device, pick_device, to_device  # noqa: E402


@pytest.fixture
def no_gpu(monkeypatch):
    """Pretend that neither CUDA nor MPS exists, whatever this machine has."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    monkeypatch.delenv(DEVICE_VARIABLE, raising=False)


def test_cpu_when_no_gpu_and_the_reason_says_so(no_gpu):
    choice = pick_device()
    assert isinstance(choice, DeviceChoice)
    assert choice.device == torch.device("cpu")
    assert "no CUDA or MPS" in choice.reason
    assert "cpu" in str(choice)


def test_cuda_preferred_when_available(no_gpu, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "Fake GPU")
    choice = pick_device()
    assert choice.device.type == "cuda"
    assert "Fake GPU" in choice.reason


def test_mps_when_no_cuda(no_gpu, monkeypatch):
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert pick_device().device.type == "mps"


def test_argument_overrides_automatic_choice(no_gpu, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "Fake GPU")
    choice = pick_device("cpu")
    assert choice.device == torch.device("cpu")
    assert "argument" in choice.reason


def test_environment_variable_overrides_automatic_choice(no_gpu, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "Fake GPU")
    monkeypatch.setenv(DEVICE_VARIABLE, "cpu")
    choice = pick_device()
    assert choice.device == torch.device("cpu")
    assert DEVICE_VARIABLE in choice.reason
    # ... and the argument beats the variable; "auto" defers to the next rule
    assert pick_device("auto").device == torch.device("cpu")
    assert pick_device("cpu", environ={DEVICE_VARIABLE: "cuda"}).device.type == "cpu"
    assert pick_device(environ={DEVICE_VARIABLE: "auto"}).device.type == "cuda"


def test_unavailable_request_is_an_error_not_a_silent_fallback(no_gpu):
    with pytest.raises(RuntimeError, match="no CUDA GPU"):
        pick_device("cuda")
    with pytest.raises(RuntimeError, match=DEVICE_VARIABLE):
        pick_device(environ={DEVICE_VARIABLE: "cuda"})
    with pytest.raises(RuntimeError, match="MPS"):
        pick_device("mps")
    with pytest.raises(ValueError, match="not a device name"):
        pick_device("gpu please")


def test_to_device_moves_nested_batches_and_keeps_their_types():
    Pair = namedtuple("Pair", "x y")
    batch = {
        "pair": Pair(torch.zeros(2), torch.ones(2)),
        "list": [torch.zeros(1), "name", 3],
        "ordered": OrderedDict(a=torch.zeros(1)),
        "none": None,
    }
    moved = to_device(batch, "cpu")
    assert isinstance(moved["pair"], Pair) and moved["pair"].x.device.type == "cpu"
    assert moved["list"][1:] == ["name", 3]
    assert isinstance(moved["ordered"], OrderedDict)
    assert moved["none"] is None
    model = nn.Linear(2, 2)
    assert to_device(model, pick_device("cpu")) is model
    assert module_device(model) == torch.device("cpu")
    assert module_device(nn.ReLU()) == torch.device("cpu")


def test_import_helpers_does_not_import_torch():
    code = "import sys, helpers; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
