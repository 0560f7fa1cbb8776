"""The kernel half of grading (helpers.checking) and the judge's reading of it, without nbgrader.

Student code is simulated by executing source in a module registered as ``__main__``, which is
what a notebook kernel's namespace is.
"""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from helpers.checking import check_rules, exercise
from helpers.checking.encoding import Described, decode, encode
from helpers.checking.guards import RuleBroken, guard_arrays, guarded
from helpers.checking.recording import cases_of, run_case


@pytest.fixture
def student(monkeypatch):
    """Run source as the notebook's __main__ and return its namespace."""
    module = types.ModuleType("__main__")
    module.__dict__["np"] = np
    monkeypatch.setitem(sys.modules, "__main__", module)

    def run(source: str) -> dict:
        exec(compile(source, "<cell>", "exec"), module.__dict__)
        return module.__dict__

    return run


ALIASES = {
    "module alias": "import numpy.linalg as la\ndef f(x):\n    return la.norm(x)",
    "from-import alias": "from numpy.linalg import norm as n\ndef f(x):\n    return n(x)",
    "getattr": "def f(x):\n    return getattr(np.linalg, 'norm')(x)",
    "function in a dict": "OPS = {'length': np.linalg.norm}\ndef f(x):\n    return OPS['length'](x)",
    "default argument": "def f(x, measure=np.linalg.norm):\n    return measure(x)",
    "closure": "def make():\n    from numpy.linalg import norm\n    return lambda x: norm(x)\nf = make()",
    "import inside the function": "def f(x):\n    from numpy.linalg import norm\n    return norm(x)",
    "scipy's twin": "import scipy.linalg\ndef f(x):\n    return scipy.linalg.norm(x)",
}


@pytest.mark.parametrize("how", ALIASES)
def test_a_forbidden_function_is_caught_however_it_is_reached(student, how):
    f = student(ALIASES[how])["f"]
    with pytest.raises(AssertionError, match=r"called (numpy|scipy)\.linalg\.norm; compute the norm"):
        check_rules("p_norm", lambda x: f(x), np.array([3.0, 4.0]))
    assert np.linalg.norm(np.array([3.0, 4.0])) == 5.0, "the original is back afterwards"


def test_local_names_that_match_forbidden_functions_are_just_names(student):
    f = student("def f(x, p):\n    norm = 0.0\n    dot = sum\n    inner = [abs(v) ** p for v in x]\n"
                "    norm = dot(inner) ** (1 / p)\n    return norm")["f"]
    assert check_rules("p_norm", f, np.array([3.0, 4.0]), 2) == pytest.approx(5.0)


def test_a_library_may_use_a_forbidden_function_internally(student):
    f = student("def f(x, p):\n    return float(np.linalg.cond(np.diag(x)))")["f"]  # cond calls norm inside
    assert check_rules("p_norm", f, np.array([3.0, 4.0]), 2) == pytest.approx(4 / 3)


LOOPS = {
    "an operator": "def f(x):\n    return x * (x > 0)",
    "a ufunc": "def f(x):\n    return np.maximum(x, 0)",
    "a method": "def f(x):\n    return x.clip(0)",
    "np.asarray first": "def f(x):\n    y = np.asarray(x, dtype=float)\n    return np.maximum(y, 0)",
    "a copy first": "def f(x):\n    y = x.copy()\n    y[y < 0] = 0\n    return y",
    "np.where": "def f(x):\n    return np.where(x > 0, x, 0)",
    "a copy through tolist()": "def f(x):\n    return np.maximum(np.array(x.tolist(), dtype=x.dtype), 0)",
    "a ufunc on tolist()": "def f(x):\n    return np.array(np.maximum(x.tolist(), 0))",
    "an array of its rows": "def f(x):\n    return np.maximum(np.array(list(x)), 0)",
}


@pytest.mark.parametrize("how", LOOPS)
def test_whole_array_operations_are_caught_in_a_loops_only_exercise(student, how):
    f = student(LOOPS[how])["f"]
    with pytest.raises(AssertionError, match="used the whole-array operation"):
        check_rules("naive_relu", f, np.array([[1.0, -2.0]]))


@pytest.mark.parametrize("source", [
    "def f(x):\n    out = np.zeros_like(x)\n    for i, j in np.ndindex(x.shape):\n        out[i, j] = max(x[i, j], 0)\n    return out",
    "def f(x):\n    maximum = np.array([[max(v, 0) for v in row] for row in x.tolist()])\n    return maximum.astype(x.dtype)",
    "def f(x):\n    out = x.copy()\n    i = 0\n    while i < x.shape[0]:\n        for j, v in enumerate(x[i]):\n"
    "            out[i, j] = v if v > 0 else 0\n        i += 1\n    return out",
    "def f(x):\n    out = np.array(x.tolist())\n    for i, j in np.ndindex(out.shape):\n        out[i, j] = max(out[i, j], 0)\n"
    "    return np.reshape(np.ravel(out), x.shape)",
])
def test_element_by_element_code_passes_a_loops_only_exercise(student, source):
    f = student(source)["f"]
    out = check_rules("naive_relu", f, np.array([[1.5, -2.0], [0.0, -0.5]]))
    assert type(out) is np.ndarray and out.tolist() == [[1.5, 0.0], [0.0, 0.0]]


def test_a_broken_rule_cannot_be_swallowed(student):
    f = student("def f(x):\n    try:\n        return np.maximum(x, 0)\n    except BaseException:\n"
                "        return x.copy()")["f"]
    outcome = run_case(exercise("naive_relu"), cases_of(exercise("naive_relu"), 0)[0], f)
    assert outcome["broke"] == [["vectorised", "np.maximum"]]


def test_changed_inputs_and_exceptions_are_recorded(student):
    ns = student("def bad(x):\n    x[0, 0] = 5\n    return x\ndef boom(x):\n    raise KeyError('k')")
    case = cases_of(exercise("naive_relu"), 0)[0]
    assert run_case(exercise("naive_relu"), case, ns["bad"])["changed"] == ["x"]
    raised = run_case(exercise("naive_relu"), case, ns["boom"])["raised"]
    assert raised["type"] == "KeyError" and "LookupError" in raised["bases"]


def test_guards_are_removed_after_the_call():
    with guarded(forbidden=["numpy.linalg.norm"], loops_only=True):
        pass
    assert type(np.linalg.norm).__name__ != "Tripwire" and type(np.asarray).__name__ != "function"
    x = guard_arrays([np.ones(2)])[0]
    assert (x + x).tolist() == [2.0, 2.0], "outside a guard the array behaves normally"


@pytest.mark.parametrize("value", [
    None, True, 3, 2.5, float("nan"), float("-inf"), 1 + 2j, "text", np.float32(1.5), np.True_, np.int64(-7),
    np.arange(6, dtype=np.int16).reshape(2, 3), np.array([np.nan, 1.0]), np.zeros((0, 3)),
    [1, (2.0, np.ones(2))], {"w": np.eye(2), "b": 0.5},
])
def test_encoding_round_trips_exactly(value):
    back = decode(encode(value))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        assert np.array_equal(back, value, equal_nan=True)
    elif isinstance(value, float) and value != value:
        assert back != back
    elif isinstance(value, (list, dict)):
        assert repr(back) == repr(value)
    else:
        assert back == value


def test_encoding_refuses_to_carry_code():
    assert isinstance(decode(encode(object())), Described)
    assert isinstance(decode(encode(np.array([object()]))), Described)
    for forged in [{"t": "ndarray", "dtype": "O", "shape": [1], "b64": "AAAAAAAAAAA="},
                   {"t": "ndarray", "dtype": "<f8", "shape": [2], "b64": "AAAAAAAAAAA="},
                   {"t": "pickle", "v": "gASVAAAA"}]:
        with pytest.raises(ValueError):
            decode(forged)


def test_the_judge_fails_a_wrong_record_and_flags_a_forged_one(student):
    from autograder.judge import judge_record

    ex = exercise("naive_relu")
    right = student("def f(x):\n    out = x.copy()\n    for i, j in np.ndindex(x.shape):\n"
                    "        out[i, j] = max(x[i, j], 0)\n    return out")["f"]
    wrong = student("def g(x):\n    return x.copy()")["g"]

    def payload(func, seed):
        return {"exercise": "naive_relu", "seed": str(seed), "version": 1,
                "cases": [run_case(ex, c, func) for c in cases_of(ex, seed)]}

    assert judge_record("naive_relu", payload(right, 7), 7) == (None, None)
    message, review = judge_record("naive_relu", payload(wrong, 7), 7)
    assert "entries are wrong" in message and review is None
    message, review = judge_record("naive_relu", payload(right, 8), 7)
    assert message and "seed" in review, "a record made for other inputs is not accepted"
    forged = payload(right, 7)
    forged["cases"] = forged["cases"][:2]
    assert judge_record("naive_relu", forged, 7)[1]


def test_rule_broken_is_a_base_exception():
    assert not issubclass(RuleBroken, Exception)


def test_the_tamper_scan_flags_no_correct_answer_mistake_or_solution_cell():
    """A REVIEW BY HAND flag on ordinary code would bury the real ones (x[np.arange(n)] = ... changes x)."""
    import glob

    import nbformat

    from autograder.examples import alternatives_for, mistakes_for
    from autograder.tamper import scan_cells
    from conftest import CHAPTERS, REPO

    sources = {"subscript": "import numpy as np\nx = np.zeros(3)\nx[np.arange(2)] = 1\na, x[0] = 1, 2"}
    for chapter in CHAPTERS:
        sources.update({f"{chapter}:{a.style}:{a.cell}": a.code for a in alternatives_for(chapter)})
        sources.update({f"{chapter}:{m.name}": m.code for m in mistakes_for(chapter)})
        for path in glob.glob(str(REPO / "solutions" / chapter / "*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            sources.update({f"{chapter}:cell {i}": c.source for i, c in enumerate(nb.cells) if c.cell_type == "code"
                            and not c.get("metadata", {}).get("nbgrader", {}).get("locked")})
    flagged = scan_cells(sources)
    assert not flagged, {k: [str(f) for f in v] for k, v in flagged.items()}
    assert scan_cells({"patch": "import numpy as np\nnp.linalg.norm, a = len, 2"})
    aliases = {"alias": "m = np\nm.isclose = lambda *a, **k: True",
               "submodule": "lin = np.linalg\nlin.norm = len",
               "walrus": "if (m := np):\n    m.allclose = lambda *a, **k: True",
               "chain": "a = np\nb = a\ndel b.array_equal"}
    flagged = scan_cells(aliases)
    assert set(flagged) == set(aliases), {k: [str(f) for f in v] for k, v in flagged.items()}


def test_the_tamper_scan_flags_what_could_rewrite_a_test_cells_output():
    """A test cell calls print after its hidden checks: a student's print could replace the record."""
    from autograder.tamper import scan_cells

    flagged = {"def_print": "def print(*args):\n    pass",
               "assign_len": "len = lambda x: 3",
               "import_as": "from math import floor as isinstance",
               "in_if": "if True:\n    def print(*a):\n        pass",
               "clear": "from IPython.display import clear_output\nclear_output()",
               "raw": "display({'text/plain': 'x'}, raw=True)",
               "recorder": "from helpers.checking.recording import check_seed",
               "recorder_module": "from helpers.checking import recording"}
    found = scan_cells(flagged)
    assert set(found) == set(flagged), sorted(set(flagged) - set(found))
    assert "replaces the builtin print" in str(found["def_print"][0])
    fine = {"local": "def f(x):\n    max = 0\n    for sum in x:\n        max = max + sum\n    return max",
            "method": "class A:\n    def print(self):\n        return 1",
            "public": "from helpers.checking import exercise"}
    assert not scan_cells(fine), {k: [str(f) for f in v] for k, v in scan_cells(fine).items()}


def test_a_judge_that_cannot_decide_scores_0_and_flags_the_submission_for_review(student, monkeypatch):
    from autograder.checks import JUDGES, CannotJudge
    from autograder.judge import judge_record

    ex = exercise("naive_relu")
    right = student("def f(x):\n    out = x.copy()\n    for i, j in np.ndindex(x.shape):\n"
                    "        out[i, j] = max(x[i, j], 0)\n    return out")["f"]
    payload = {"exercise": "naive_relu", "seed": "7", "version": 1,
               "cases": [run_case(ex, c, right) for c in cases_of(ex, 7)]}

    def cannot(ex, results):
        raise CannotJudge("MNIST could not be loaded by the grader")

    monkeypatch.setitem(JUDGES, "naive_relu", cannot)
    message, review = judge_record("naive_relu", payload, 7)
    assert "could not be graded" in message and "by hand" in message
    assert review == "naive_relu not judged: MNIST could not be loaded by the grader"


def test_the_mnist_recipe_judge_cannot_decide_without_mnist():
    pytest.importorskip("torch")
    from autograder.checks import JUDGES, CannotJudge

    ex = exercise("mnist_recipe")
    (case,) = cases_of(ex, 7)
    with pytest.raises(CannotJudge, match="MNIST could not be loaded in the grading kernel"):
        JUDGES["mnist_recipe"](ex, [(case, {"raised": {"type": "DataError", "message": "no copy here"}})])
