"""Find code in a student's cells that reaches for the grading machinery, by its syntax tree.

The hidden tests run in the student's kernel, where the student's code can change anything:
replace a NumPy function, hook IPython, forge the record a hidden test displays. The judge
already works in a process of its own, so most of that gains nothing; what could still turn a
wrong answer into points needs code of a few kinds, and each kind is looked for here in the
syntax tree of every cell the student wrote (magics are parsed the way IPython runs them):

- changing what an imported module, class or builtin holds: assigning to, deleting, or
  ``setattr``/``delattr`` on an attribute of an imported name (``np.isclose = ...``), or of a
  plain alias of one (``m = np; m.isclose = ...``);
- introspection that reaches past the language: ``globals()``, ``vars()``, frames
  (``sys._getframe``, ``inspect``), dunder attributes like ``__globals__`` or ``__code__``,
  ``gc``, ``ctypes``;
- the import system and code built at run time: ``sys.modules``, ``sys.path``, ``importlib``,
  ``__import__``, ``exec``/``eval``/``compile``;
- the kernel itself: ``get_ipython()`` (other than running a magic), ``IPython.display`` of
  raw data, clearing a cell's output, threads, tracing hooks, signals, process exits;
- what a test cell runs after its hidden checks: a builtin it calls (``print``) defined anew
  at the top level of a cell (names inside a function are the student's own business), and
  the recorder's internals (``helpers.checking.recording``, ``.encoding``) imported;
- the grading files and settings: paths naming ``autograder``, ``solutions``, the gradebook or
  the grading secret, and the variables ``DLCOURSE_CHECK_SEED``/``NBGRADER_EXECUTION``.

Each finding is a reason for a human to look, never a score by itself.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass

from IPython.core.inputtransformer2 import TransformerManager

_transformer = TransformerManager()

CALLS = {
    "globals": "reads globals()", "vars": "reads vars()", "exec": "runs code built at run time (exec)",
    "eval": "evaluates code built at run time (eval)", "compile": "compiles code at run time",
    "__import__": "imports with __import__", "setattr": "sets an attribute with setattr()",
    "delattr": "deletes an attribute with delattr()", "exit": "exits the process", "quit": "exits the process",
    "breakpoint": "starts a debugger",
}
MODULES = {
    "importlib": "uses the import machinery (importlib)", "builtins": "changes builtins",
    "inspect": "inspects frames", "gc": "walks the garbage collector's objects", "ctypes": "uses ctypes",
    "threading": "starts threads", "_thread": "starts threads", "multiprocessing": "starts processes",
    "signal": "handles signals", "atexit": "registers exit hooks", "subprocess": "runs programs",
    "autograder": "imports the grader", "nbgrader": "imports nbgrader",
}
ATTRIBUTES = {
    "modules": "sys.modules", "path": "sys.path", "meta_path": "sys.meta_path", "path_hooks": "sys.path_hooks",
    "_getframe": "frames (sys._getframe)", "settrace": "a tracing hook", "setprofile": "a profiling hook",
    "_exit": "exits the process (os._exit)", "exit": "exits the process", "kill": "kills a process",
    "environ": "environment variables", "events": "IPython's event hooks", "display_pub": "IPython's display",
    "publish_display_data": "raw display data", "displayhook": "the display hook", "excepthook": "the exception hook",
    "set_custom_exc": "IPython's exception handler",
}
DUNDERS = {"__globals__", "__code__", "__closure__", "__builtins__", "__subclasses__", "__dict__",
           "__defaults__", "__kwdefaults__", "__class__", "__bases__", "__mro__", "__loader__", "__spec__"}
GRADING_STRINGS = re.compile(r"autograder|solutions|gradebook|grading-secret|DLCOURSE|NBGRADER|vnd\.dlcourse"
                             r"|LoopsOnlyArray|RuleBroken|Tripwire|helpers\.checking",
                             re.IGNORECASE)
#: Changing matplotlib's settings (``plt.rcParams[...] = ...``) is ordinary plotting, not tampering.
PLOTTING = {"plt", "matplotlib", "mpl"}
#: ``get_ipython().run_line_magic(...)`` is what ``%timeit`` and friends become.
ALLOWED_MAGICS = {"timeit", "time", "matplotlib", "load_ext", "autoreload", "precision", "pprint", "config"}


#: Builtins a top-level binding may not replace: every callable one (``print``, ``len``,
#: ``isinstance``, ...); test cells call them after their hidden checks ran.
BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_") and callable(getattr(builtins, name)))
#: The recorder's own modules: no answer needs them (the public names are in ``helpers.checking``).
RECORDER_MODULES = ("helpers.checking.recording", "helpers.checking.encoding", "helpers.checking.guards")


@dataclass(frozen=True)
class Finding:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _imported_names(trees: list[ast.AST]) -> set[str]:
    """Names that hold an imported module or object, with their plain aliases (``m = np``,
    ``lin = np.linalg``, ``(m := np)``), wherever in the student's cells the alias is made."""
    names = {"np", "plt", "helpers", "sys", "os"}
    aliases: list[tuple[str, ast.AST]] = []
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                names.update(a.asname or a.name for a in node.names)
            elif isinstance(node, (ast.Assign, ast.NamedExpr)) and isinstance(node.value, (ast.Name, ast.Attribute)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                aliases += [(t.id, node.value) for t in targets if isinstance(t, ast.Name)]
    grown = True
    while grown:  # an alias of an alias is an alias too
        new = {name for name, value in aliases if name not in names and _root_name(value) in names}
        names |= new
        grown = bool(new)
    return names


def _module_scope(tree: ast.AST):
    """The statements of ``tree`` that run at module scope (not inside a function or class body)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.stmt):
            yield node
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                yield from _module_scope(node)
        elif isinstance(node, (ast.excepthandler, ast.match_case)):
            yield from _module_scope(node)


def _bound_names(node: ast.stmt) -> list[str]:
    """Names one module-scope statement binds (def, class, assignment, import, for, with)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    names = []
    for target in targets:
        names += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    if isinstance(node, (ast.Expr, ast.Assign, ast.If, ast.While)):  # (x := ...) at the top level
        names += [n.target.id for n in ast.walk(node) if isinstance(n, ast.NamedExpr)]
    return names


def parse_cell(source: str) -> ast.AST | None:
    try:
        return ast.parse(_transformer.transform_cell(source))
    except (SyntaxError, ValueError):
        return None


def _magic_call(node: ast.Call) -> bool:
    """``get_ipython().run_line_magic("timeit", ...)``: what an allowed magic turns into."""
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr in ("run_line_magic", "run_cell_magic")
            and isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "get_ipython" and bool(node.args)
            and isinstance(node.args[0], ast.Constant) and node.args[0].value in ALLOWED_MAGICS)


def findings(tree: ast.AST, imported: set[str]) -> list[Finding]:
    """What in one cell's syntax tree reaches for the grading machinery."""
    found: list[Finding] = []
    magic_parts: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _magic_call(node):
            magic_parts.update(id(n) for n in ast.walk(node.func))
    for statement in _module_scope(tree):
        for name in _bound_names(statement):
            if name in BUILTINS:
                found.append(Finding(statement.lineno, f"replaces the builtin {name}, which test cells call"))
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        targets: list[ast.AST] = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        # Only what is assigned to counts (x[np.arange(n)] = ... changes x, not np).
        flat = [t for target in targets for t in (target.elts if isinstance(target, (ast.Tuple, ast.List))
                                                  else [target])]
        for part in flat:
            if isinstance(part, ast.Starred):
                part = part.value
            if isinstance(part, (ast.Attribute, ast.Subscript)) and _root_name(part) in imported - PLOTTING:
                verb = "deletes" if isinstance(node, ast.Delete) else "changes"
                found.append(Finding(line, f"{verb} {ast.unparse(part)}, which belongs to an imported module"))
        if isinstance(node, ast.Call):
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if called == "clear_output":
                found.append(Finding(line, "clears a cell's output (clear_output)"))
            if any(k.arg == "raw" for k in node.keywords):
                found.append(Finding(line, "displays raw output data"))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in CALLS:
                found.append(Finding(line, CALLS[node.func.id]))
            if node.func.id == "get_ipython" and id(node.func) not in magic_parts:
                found.append(Finding(line, "uses the kernel through get_ipython()"))
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                top = module.split(".")[0]
                if top in MODULES:
                    found.append(Finding(line, MODULES[top]))
                if module.startswith(RECORDER_MODULES) or (isinstance(node, ast.ImportFrom) and module == "helpers.checking"
                                                           and any(a.name in ("recording", "encoding", "guards")
                                                                   for a in node.names)):
                    found.append(Finding(line, "imports the recorder of the hidden checks"))
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("IPython") and any(
                    a.name in ("publish_display_data", "get_ipython") for a in node.names):
                found.append(Finding(line, "reaches into IPython's display machinery"))
        if isinstance(node, ast.Attribute):
            if node.attr in DUNDERS:
                found.append(Finding(line, f"uses the special attribute {node.attr}"))
            elif node.attr in ATTRIBUTES and _root_name(node) in {"sys", "os", "IPython", "get_ipython"} | imported \
                    and id(node) not in magic_parts:
                root = _root_name(node)
                if node.attr != "path" or root == "sys":
                    found.append(Finding(line, f"uses {ATTRIBUTES[node.attr]}"))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "view"
                and any("ndarray" in ast.unparse(a) for a in node.args)):
            found.append(Finding(line, "strips an array's type (view as np.ndarray)"))
        if isinstance(node, ast.Name) and node.id in ("__builtins__",):
            found.append(Finding(line, "uses __builtins__"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and GRADING_STRINGS.search(node.value):
            found.append(Finding(line, f"names the grading machinery ({node.value[:40]!r})"))
    unique = {(f.line, f.what): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.line, f.what))


def scan_cells(sources: dict[str, str]) -> dict[str, list[Finding]]:
    """Cell name -> findings, for the student's own code cells (name -> source)."""
    trees = {name: parse_cell(source) for name, source in sources.items()}
    imported = _imported_names([t for t in trees.values() if t is not None])
    result = {}
    for name, tree in trees.items():
        if tree is None:
            continue
        found = findings(tree, imported)
        if found:
            result[name] = found
    return result
