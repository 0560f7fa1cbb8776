"""A progress summary for the student: every exercise, its state, and the points at stake.

In the spirit of otter-grader's ``check_all``: :func:`progress` (the last cell of every chapter)
runs the **visible** tests of each exercise again and prints one line per exercise, *not
answered* / *not run yet* / *visible tests fail* (with the first line of the message) / *visible
tests pass*, then a total. Hidden tests never run here: the released test cells hold none, and
an instructor's source notebook has its hidden-test regions cut out before running.

The tests run in a *copy* of the notebook's namespace, so that the names a test cell assigns
(``x``, ``got``, ...) never replace the student's, and random generators are copied so that the
student's ``rng`` does not advance. The test cells come from the notebook itself, found where
each front end says it is: JupyterLab and Jupyter Notebook (``JPY_SESSION_NAME``, which ipykernel
also exposes as ``__session__``), VS Code (``__vsc_ipynb_file__``), Colab (its ``get_ipynb``
request, which returns the notebook as it is in the browser), and finally the notebook in the
kernel's working folder. When none is found it says how to see progress instead; it never raises.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOT_ANSWERED = "not answered"
NOT_RUN = "not run yet"
FAILS = "visible tests fail"
PASSES = "visible tests pass"
STATES = (NOT_ANSWERED, NOT_RUN, FAILS, PASSES)
_MARKS = {PASSES: "✓", FAILS: "✗", NOT_ANSWERED: "·", NOT_RUN: "?"}

#: Seconds one exercise's visible tests may run before the summary gives up on it.
TEST_TIMEOUT = 120
#: Arrays up to this size are copied for the tests (bigger ones, such as datasets, are shared).
_COPY_ARRAY_BYTES = 1 << 20

# nbgrader's hidden-test markers, spelt in two pieces so that this file never looks like a source cell.
_HIDDEN_WORDS = "HIDDEN" + " TESTS"
_HIDDEN = re.compile(rf"^[ \t]*### BEGIN {_HIDDEN_WORDS}.*?^[ \t]*### END {_HIDDEN_WORDS}[^\n]*\n?", re.S | re.M)
_PASSED_PRINT = re.compile(r"""print\(\s*f?["']([A-Za-z_]\w*): visible tests passed""")
_FILENAME = "<visible tests: {}>"


@dataclass(frozen=True)
class TestCell:
    """One exercise's test cell, as the notebook holds it."""

    exercise: str
    grade_id: str
    points: float | None
    source: str


@dataclass(frozen=True)
class ExerciseState:
    """What running one exercise's visible tests gave."""

    exercise: str
    points: float | None
    state: str
    message: str = ""


# --- the notebook's test cells --------------------------------------------------------------------


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _nbgrader(cell: Mapping[str, Any]) -> Mapping[str, Any]:
    return (cell.get("metadata") or {}).get("nbgrader") or {}


def visible_part(source: str) -> str:
    """A test cell's source without its hidden tests (released test cells have none)."""
    return _HIDDEN.sub("", source)


def visible_test_cells(notebook: Mapping[str, Any]) -> list[TestCell]:
    """The test cells of a notebook (JSON as a dict), in order, each with its exercise's name.

    Test cells are nbgrader's ``grade: true`` code cells; the exercise is the answer cell's id
    (the test's id without ``_tests``, else the nearest answer cell above). A notebook that lost
    nbgrader's metadata (some editors drop it) still has the ``print("<name>: visible tests
    passed")`` that ends every test cell: those cells are used, with unknown points.
    """
    cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    answers = {_nbgrader(c).get("grade_id") for c in cells if _nbgrader(c).get("solution")}
    found: list[TestCell] = []
    last_answer: str | None = None
    for cell in cells:
        meta = _nbgrader(cell)
        if meta.get("solution") and meta.get("grade_id"):
            last_answer = str(meta["grade_id"])
        if not meta.get("grade") or not meta.get("grade_id"):
            continue
        grade_id = str(meta["grade_id"])
        stem = re.sub(r"_tests?$", "", grade_id)
        exercise = stem if stem in answers else (last_answer or grade_id)
        points = meta.get("points")
        found.append(TestCell(exercise, grade_id, float(points) if points is not None else None,
                              visible_part(_source(cell))))
    if found:
        return found
    for cell in cells:
        match = _PASSED_PRINT.search(_source(cell))
        if match:
            found.append(TestCell(match.group(1), f"{match.group(1)}_tests", None, visible_part(_source(cell))))
    return found


# --- finding the notebook -------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any] | None:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return notebook if isinstance(notebook, dict) else None


def _colab_notebook() -> dict[str, Any] | None:
    if "google.colab" not in sys.modules:
        return None
    try:
        from google.colab import _message  # type: ignore[import-not-found]

        reply = _message.blocking_request("get_ipynb", request="", timeout_sec=30)
    except Exception:  # noqa: BLE001 - any failure means: ask elsewhere
        return None
    notebook = reply.get("ipynb") if isinstance(reply, dict) else None
    return notebook if isinstance(notebook, dict) else None


def _candidate_paths(namespace: Mapping[str, Any], environ: Mapping[str, str]) -> Iterator[Path]:
    named = [namespace.get("__vsc_ipynb_file__"), namespace.get("__session__"), environ.get("JPY_SESSION_NAME")]
    cwd = Path.cwd()
    for name in named:
        if isinstance(name, str) and name.endswith(".ipynb"):
            path = Path(name).expanduser()
            yield path if path.is_absolute() else cwd / path
            yield cwd / path.name  # a path relative to the server's root, or a renamed folder
    # The kernel runs in the notebook's folder: its notebooks with test cells, newest first.
    try:
        here = sorted(cwd.glob("*.ipynb"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        here = []
    yield from here


def find_notebook(namespace: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> tuple[dict[str, Any] | None, str]:
    """The running notebook as a dict, and where it was found (``None`` and ``""`` if nowhere).

    Only a notebook with test cells counts: a file found under a stale name is skipped.
    """
    namespace = _user_namespace() if namespace is None else namespace
    environ = os.environ if environ is None else environ
    notebook = _colab_notebook()
    if notebook is not None and visible_test_cells(notebook):
        return notebook, "Colab"
    seen: set[Path] = set()
    for path in _candidate_paths(namespace, environ):
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        notebook = _read(path)
        if notebook is not None and visible_test_cells(notebook):
            return notebook, path.name
    return None, ""


# --- running the visible tests --------------------------------------------------------------------


def _user_namespace() -> MutableMapping[str, Any]:
    shell = _shell()
    if shell is not None:
        return shell.user_ns
    frame = sys._getframe(2)  # progress() -> here: the caller's module namespace
    return frame.f_globals


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _copy_namespace(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """A namespace whose assignments and random draws do not reach the student's."""
    copied = dict(namespace)
    np = sys.modules.get("numpy")
    generators: tuple[type, ...] = ()
    if np is not None:
        generators = (np.random.Generator, np.random.RandomState, np.random.BitGenerator)
    for name, value in copied.items():
        try:
            if generators and isinstance(value, generators):
                copied[name] = copy.deepcopy(value)
            elif type(value) in (list, dict, set, bytearray):
                copied[name] = copy.copy(value)
            elif np is not None and type(value) is np.ndarray and value.nbytes <= _COPY_ARRAY_BYTES:
                copied[name] = value.copy()
        except Exception:  # noqa: BLE001 - an object that cannot be copied is shared
            pass
    return copied


class _TimedOut(BaseException):  # not an Exception: a student's ``except Exception`` cannot swallow it
    pass


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _quiet(shell: Any) -> Iterator[None]:
    """No prints, warnings, displays or leftover figures from the tests in the summary's output."""
    plt = sys.modules.get("matplotlib.pyplot")
    figures = set(plt.get_fignums()) if plt is not None else set()
    publisher = getattr(shell, "display_pub", None)
    publish = getattr(publisher, "publish", None)
    sink = io.StringIO()
    try:
        if publish is not None:
            publisher.publish = lambda *args, **kwargs: None
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        if publish is not None:
            publisher.publish = publish
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            for number in set(plt.get_fignums()) - figures:
                plt.close(number)


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _raised_in_test_cell(error: BaseException, filename: str) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].filename == filename


def run_visible_tests(cell: TestCell, namespace: Mapping[str, Any], *, timeout: float | None = TEST_TIMEOUT,
                      shell: Any = None) -> ExerciseState:
    """Run one test cell's visible tests in a copy of ``namespace`` and say what happened."""
    filename = _FILENAME.format(cell.grade_id)
    source = cell.source
    if shell is not None:
        with contextlib.suppress(Exception):
            source = shell.transform_cell(source)
    try:
        code = compile(source, filename, "exec")
    except SyntaxError as error:
        return ExerciseState(cell.exercise, cell.points, FAILS, _first_line(error))
    scope = _copy_namespace(namespace)
    try:
        with _quiet(shell), _time_limit(timeout):
            exec(code, scope)  # noqa: S102 - the notebook's own, locked test cell
    except NotImplementedError as error:
        other = re.match(r"(\w+) is not answered yet", str(error))
        if other and other.group(1) != cell.exercise:  # the stub of another exercise this one calls
            return ExerciseState(cell.exercise, cell.points, FAILS,
                                 f"it calls {other.group(1)}, which is not answered yet")
        return ExerciseState(cell.exercise, cell.points, NOT_ANSWERED)
    except NameError as error:
        if _raised_in_test_cell(error, filename):  # a name the cells above define: they have not run
            return ExerciseState(cell.exercise, cell.points, NOT_RUN,
                                 f"{_first_line(error)}: run the cells above it (or Run All)")
        return ExerciseState(cell.exercise, cell.points, FAILS, _first_line(error))
    except _TimedOut:
        return ExerciseState(cell.exercise, cell.points, FAILS, f"the visible tests did not finish in {timeout:g} s")
    except (Exception, SystemExit) as error:  # noqa: BLE001 - a failing test is a result, not a crash
        return ExerciseState(cell.exercise, cell.points, FAILS, _first_line(error))
    return ExerciseState(cell.exercise, cell.points, PASSES)


def progress_report(notebook: Mapping[str, Any], namespace: Mapping[str, Any], *,
                    timeout: float | None = TEST_TIMEOUT, shell: Any = None) -> list[ExerciseState]:
    """Every exercise of ``notebook`` with the state of its visible tests, in the notebook's order.

    An exercise with several test cells takes the state of the first one that does not pass.
    """
    states: dict[str, ExerciseState] = {}
    for cell in visible_test_cells(notebook):
        state = run_visible_tests(cell, namespace, timeout=timeout, shell=shell)
        earlier = states.get(cell.exercise)
        if earlier is None:
            states[cell.exercise] = state
            continue
        points = None if earlier.points is None or state.points is None else earlier.points + state.points
        worst = earlier if earlier.state != PASSES else state
        states[cell.exercise] = ExerciseState(cell.exercise, points, worst.state, worst.message)
    return list(states.values())


def _points(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def format_report(states: list[ExerciseState], source: str = "") -> str:
    """The summary as text: one line per exercise, then the total."""
    where = f" in {source}" if source and source != "Colab" else ""
    lines = [f"Your progress{where} (visible tests only: grading runs more tests, on inputs you have not seen)", ""]
    width = max([len(s.exercise) for s in states] + [8])
    lines.append(f"    {'exercise':<{width}}  points  state")
    for s in states:
        text = s.state + (f": {s.message}" if s.message else "")
        lines.append(f"  {_MARKS[s.state]} {s.exercise:<{width}}  {_points(s.points):>6}  {text}")
    count = {state: [s for s in states if s.state == state] for state in STATES}
    known = all(s.points is not None for s in states)
    passing = sum(s.points or 0 for s in count[PASSES])
    total = sum(s.points or 0 for s in states)
    stake = f" ({passing:g} of {total:g} points)" if known else ""
    short = {FAILS: "fail", NOT_ANSWERED: "not answered", NOT_RUN: "not run yet"}
    rest = [f"{len(count[state])} {short[state]}" for state in (FAILS, NOT_ANSWERED, NOT_RUN) if count[state]]
    lines += ["", f"Total: visible tests pass for {len(count[PASSES])} of {len(states)} exercises{stake}"
              + ("; " + ", ".join(rest) if rest else "") + "."]
    return "\n".join(lines)


NOT_FOUND = (
    "The progress summary could not find this notebook's file, so it cannot list the exercises "
    "(it asks JupyterLab, Jupyter Notebook, VS Code or Colab where the notebook is, then looks in "
    "the kernel's folder, {cwd}). To see your progress instead, run each exercise's test cell and "
    "look for its line \"...: visible tests passed\" (or press Validate in JupyterLab with nbgrader), "
    "or give the file's name: helpers.checking.progress(\"<notebook>.ipynb\")."
)
UNDER_NBGRADER = "Progress summary skipped: nbgrader is running this notebook, and its own report lists the tests."


def progress(notebook: str | os.PathLike[str] | None = None, *, timeout: float | None = TEST_TIMEOUT,
             namespace: Mapping[str, Any] | None = None) -> None:
    """Print every exercise of this notebook with its state and the points at stake, then a total.

    ``notebook`` names the ``.ipynb`` file when the summary cannot find it by itself;
    ``namespace`` is where the student's functions live (default: the notebook's, or the caller's
    globals outside IPython). Returns nothing, so that the cell shows only what it prints; never
    raises (but an interrupt stops it).
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        print(UNDER_NBGRADER)
        return
    try:
        if namespace is None:
            namespace = _user_namespace()
        if notebook is not None:
            path = Path(notebook).expanduser()
            found, source = _read(path), path.name
            if found is None or not visible_test_cells(found):
                print(f"{path} is not a notebook with test cells. " + NOT_FOUND.format(cwd=Path.cwd()))
                return
        else:
            found, source = find_notebook(namespace)
            if found is None:
                print(NOT_FOUND.format(cwd=Path.cwd()))
                return
        states = progress_report(found, namespace, timeout=timeout, shell=_shell())
        print(format_report(states, source))
    except KeyboardInterrupt:
        raise
    except Exception as error:  # noqa: BLE001 - the summary must never be what breaks a notebook
        print(f"The progress summary failed ({_first_line(error)}). " + NOT_FOUND.format(cwd=Path.cwd()))
