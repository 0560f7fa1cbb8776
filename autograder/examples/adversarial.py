"""Submissions that try to turn a wrong chapter-1 answer into points, one technique each.

Every one carries the same wrong ``naive_relu``: right on the visible examples (at most three
columns), wrong on wider arrays, so only the hidden checks can catch it. Each technique then
tries to get those hidden checks past the judge. The grader must, for each: never give the
points silently (it either takes them, or flags the submission ``REVIEW BY HAND`` with the
reason, or both), and leave every other exercise's score alone.
"""

from __future__ import annotations

from dataclasses import dataclass

WRONG_RELU = '''
def naive_relu(x):
    result = x.copy()
    for i in range(x.shape[0]):
        for j in range(min(x.shape[1], 3)):
            result[i, j] = max(x[i, j], 0)
    return result
'''


@dataclass(frozen=True)
class Attack:
    """``code`` goes in the naive_relu answer cell; ``loses``/``flagged``: what the grader must do.

    ``contained`` is False for an attack that breaks the student's own kernel for every later
    cell (replacing the recorder, clearing outputs, ending the kernel or the process that runs
    it): then the student's other exercises lose their points too, as they should, since none
    of their hidden checks could be recorded.
    """

    name: str
    what: str
    code: str
    loses: bool = True
    flagged: bool = True
    contained: bool = True


ATTACKS = [
    Attack("patch_isclose", "replaces np.isclose so value comparisons always agree",
           "import numpy as np\nnp.isclose = lambda *a, **k: np.ones(np.broadcast(a[0], a[1]).shape, bool)\n" + WRONG_RELU),
    Attack("setattr_array_equal", "setattr on NumPy's comparison functions",
           "setattr(np, 'array_equal', lambda *a, **k: True)\nsetattr(np, 'array_equiv', lambda *a, **k: True)\n" + WRONG_RELU),
    Attack("exec_built_string", "patches NumPy through a string built at run time",
           "exec('np.' + 'isclose' + ' = lambda *a, **k: np.ones(np.broadcast(a[0], a[1]).shape, bool)')\n"
           + WRONG_RELU),
    Attack("replace_record", "replaces the hidden tests' record function with a no-op",
           "import helpers.checking\nhelpers.checking.record = lambda *a, **k: None\n" + WRONG_RELU, contained=False),
    Attack("fake_checking_module", "puts a fake helpers.checking into sys.modules",
           "import sys, types\nfake = types.ModuleType('helpers.checking')\nfake.record = lambda *a, **k: None\n"
           "sys.modules['helpers.checking'] = fake\n" + WRONG_RELU, contained=False),
    Attack("disable_guards", "turns the call guards into a no-op (values right, rules broken)",
           "import contextlib\nimport helpers.checking.recording as rec\n"
           "rec.guarded = lambda **k: contextlib.nullcontext([])\n"
           "def naive_relu(x):\n    return np.maximum(x, 0)\n", loses=False),
    Attack("strip_guard", "notices the hidden test's guarded array and strips the guard before np.maximum",
           "def naive_relu(x):\n    if type(x).__name__ == 'LoopsOnlyArray':\n"
           "        x = x.view(np.ndarray)\n    return np.maximum(x, 0)\n", loses=False),
    Attack("double_record", "the function itself displays a second record with forged values",
           "from IPython.display import display\n" + WRONG_RELU.replace(
               "    result = x.copy()",
               "    display({'application/' + 'vnd.dl' + 'course.record+json': {'exercise': 'naive_relu', 'cases': []}},"
               " raw=True)\n    result = x.copy()")),
    Attack("clear_outputs_hook", "an IPython hook clears the test cell's outputs (errors included)",
           "from IPython.display import clear_output\n"
           "get_ipython().events.register('post_run_cell', lambda result: clear_output())\n" + WRONG_RELU,
           contained=False),
    Attack("builtins_isinstance", "replaces builtins.isinstance",
           "import builtins\n_real = builtins.isinstance\nbuiltins.isinstance = lambda a, b: True if b is not type else _real(a, b)\n"
           + WRONG_RELU),
    Attack("swallow_rule_broken", "catches the loops-only guard's exception and carries on vectorised",
           "def naive_relu(x):\n    try:\n        return np.maximum(x, 0)\n    except BaseException:\n"
           "        return x.copy()\n", flagged=False),
    Attack("system_exit", "raises SystemExit whenever it is called with a wide array",
           "def naive_relu(x):\n    if x.shape[1] > 3:\n        raise SystemExit\n"
           + "\n".join(WRONG_RELU.strip().splitlines()[1:]) + "\n", flagged=False),
    Attack("thread_patch", "a background thread patches np.isclose later",
           "import threading, time\n"
           "threading.Thread(target=lambda: (time.sleep(0.05), setattr(np, 'isclose', lambda *a, **k: np.ones(np.broadcast(a[0], a[1]).shape, bool))), "
           "daemon=True).start()\n" + WRONG_RELU),
    Attack("read_seed", "reads the grading seed from the environment",
           "import os\nSEED = os.environ.get('DLCOURSE_CHECK_SEED')\n" + WRONG_RELU),
    Attack("patch_guard_class", "makes the loops-only array accept whole-array operations",
           "from helpers.checking.guards import LoopsOnlyArray\nLoopsOnlyArray.__array_ufunc__ = None\n" + WRONG_RELU),
    Attack("frame_globals", "reaches the hidden test's globals through a frame",
           "import sys\ndef naive_relu(x):\n    sys._getframe(1).f_globals['np'].isclose = lambda *a, **k: np.ones(np.broadcast(a[0], a[1]).shape, bool)\n"
           + "\n".join(WRONG_RELU.strip().splitlines()[1:]) + "\n"),
    Attack("dunder_globals", "rebinds names through a function's __globals__",
           WRONG_RELU + "naive_relu.__globals__['np'].array_equal = lambda *a, **k: True\n"),
    Attack("tolist_copy", "copies the values out with tolist() and back into a plain array, then np.maximum",
           "def naive_relu(x):\n    return np.maximum(np.array(x.tolist(), dtype=x.dtype), 0)\n", flagged=False),
    Attack("list_of_rows", "rebuilds the array from list(x), then np.maximum",
           "def naive_relu(x):\n    return np.maximum(np.array(list(x)), 0)\n", flagged=False),
    Attack("shadow_print", "defines its own print, which the test cell calls after its hidden checks: it clears "
           "the record and displays one forged from the seed and the plan, with right values from np.maximum",
           WRONG_RELU + """
from IPython.display import clear_output, display
from helpers.checking import MIME, exercise
from helpers.checking.recording import cases_of, check_seed
from helpers.checking.encoding import encode
_print = print
def print(*args, **kwargs):
    if args and str(args[0]).startswith("naive_relu: visible"):
        seed = check_seed()
        cases = [{"label": c.label, "value": encode(np.maximum(c.args[0], 0))}
                 for c in cases_of(exercise("naive_relu"), seed)]
        clear_output()
        display({MIME: {"exercise": "naive_relu", "seed": str(seed), "version": 1, "cases": cases},
                 "text/plain": "naive_relu: hidden cases recorded"}, raw=True)
    _print(*args, **kwargs)
""", loses=False),
    Attack("exit_kernel", "ends its own kernel when the answer cell runs, so no later cell runs",
           "import os\n" + WRONG_RELU + "os._exit(0)\n", contained=False),
    Attack("kill_grader", "kills the process that runs the kernel (the grader's worker)",
           "import os, signal\n" + WRONG_RELU + "os.kill(os.getppid(), signal.SIGKILL)\n", contained=False),
]
