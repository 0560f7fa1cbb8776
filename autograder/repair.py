"""Rebuild a re-created submission on the released notebook instead of rejecting it.

Students open notebooks in editors that drop ``metadata.nbgrader`` (Colab, VS Code, a plain
nbformat round trip), give cells new ids, copy, reorder and insert cells, or turn a code cell
into markdown. nbgrader then refuses the notebook or grades the wrong cells.
:func:`repair_submission` starts from the released notebook (its cells, ids and nbgrader
metadata are authoritative) and puts the student's answers into it:

* **answer cells** (``metadata.nbgrader.solution``), each in this order:

  1. *identity*: a student cell with the answer cell's ``id`` or nbgrader ``grade_id`` whose
     source is not the untouched stub (when copies carry it, the last one; a cell that defines
     another exercise's function and not this one's is not taken);
  2. *the function it defines*: a student cell that defines, at top level, the function or class
     named in the released stub (parsed with :mod:`ast`); when several do, the last one (what a
     kernel run top to bottom keeps); code cells before markdown ones, and a markdown cell
     (type changed) is turned back into code;
  3. *position*: the only unmatched student code cell between the neighbouring locked cells;

  else the stub stays (the exercise scores 0).
* **locked cells** (tests, setup) always come from the released notebook; edited, deleted and
  copied ones are restored.
* **other released cells** (text, demos) keep the student's version when found (by id, content
  or near-identical content), else the released one is restored.
* the student's **extra cells** (helpers, imports, scratch) are kept in their order, right
  before the answer cell they preceded (or at the end), without nbgrader metadata.

A submission that is already fine (same ids, intact metadata, graded cells once each and in
order) comes back unchanged with no repair lines (edited locked cells are restored in place).
The rebuild is refused (``notebook`` is None, ``error`` says why and what the student should
do) only when the notebook has no code cells, or when the cell that would answer an exercise is
ambiguous in a way that could give points for code written for another exercise.

Repair lines number the student's cells from 1, as a reader counts them in the notebook.
"""

from __future__ import annotations

import ast
import copy
import difflib
import re
import uuid
from dataclasses import dataclass, field

import nbformat
from nbformat import NotebookNode

__all__ = ["Repair", "repair_submission"]

#: Cell ids valid in nbformat 4.5.
_VALID_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
#: Fenced code in a markdown cell (a code cell turned into markdown and then formatted).
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```\s*$", re.S | re.M)
#: Top-level definitions, for code that does not parse.
_TOP_DEF = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)", re.M)
#: Near-identical: a released locked or text cell the student edited a little.
_SIMILAR = 0.75


@dataclass
class Repair:
    """What :func:`repair_submission` made of a submission."""

    notebook: NotebookNode | None
    repairs: list[str] = field(default_factory=list)
    error: str | None = None


def _meta(cell: NotebookNode) -> dict:
    metadata = cell.get("metadata") or {}
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return nbgrader if isinstance(nbgrader, dict) else {}


def _norm(source: str) -> str:
    """Source compared for identity: trailing spaces and surrounding blank lines ignored."""
    return "\n".join(line.rstrip() for line in source.replace("\r\n", "\n").split("\n")).strip()


def _python_text(cell: NotebookNode) -> str | None:
    """The Python a cell holds: a code cell's source; a markdown/raw cell's (fenced) code if it parses."""
    source = cell.get("source", "")
    if cell.cell_type == "code":
        return source
    blocks = [block[:-1] if block.endswith("\n") else block for block in _FENCE.findall(source)]
    text = "\n\n".join(blocks) if blocks else source
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    return text


def _top_level_names(text: str) -> set[str]:
    """Functions and classes a piece of code defines at top level (IPython magics tolerated)."""
    cleaned = "\n".join(
        (line[: len(line) - len(line.lstrip())] + "pass") if line.lstrip().startswith(("%", "!")) else line
        for line in text.split("\n")
    )
    try:
        tree = ast.parse(cleaned)
    except (SyntaxError, ValueError):
        return set(_TOP_DEF.findall(text))
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


@dataclass
class _Answer:
    index: int          # in the released notebook
    gid: str
    cid: str | None
    names: set[str]     # what the stub defines
    stub: str           # normalized stub source


@dataclass
class _Cell:
    """One cell of the student's notebook, with what is known about it."""

    index: int
    cell: NotebookNode
    norm: str
    cid: str | None
    gid: str | None
    python: str | None
    defines: set[str]          # exercise names it defines at top level

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def kind(self) -> str:
        return self.cell.cell_type


class _Released:
    def __init__(self, nb: NotebookNode) -> None:
        self.nb = nb
        self.answers: list[_Answer] = []
        self.locked: dict[int, str] = {}   # released index -> grade_id (or id) of locked/nbgrader cells
        self.plain: list[int] = []
        for index, cell in enumerate(nb.cells):
            meta = _meta(cell)
            if meta.get("solution"):
                names = _top_level_names(cell.source) if cell.cell_type == "code" else set()
                self.answers.append(_Answer(index, meta.get("grade_id") or cell.get("id") or f"cell-{index}",
                                            cell.get("id"), names, _norm(cell.source)))
            elif meta:
                self.locked[index] = meta.get("grade_id") or cell.get("id") or f"cell-{index}"
            else:
                self.plain.append(index)
        self.by_gid = {a.gid: a for a in self.answers}
        self.exercise_of: dict[str, list[str]] = {}
        for answer in self.answers:
            for name in answer.names:
                self.exercise_of.setdefault(name, []).append(answer.gid)
        self.stubs = {a.stub for a in self.answers}

    def locked_neighbours(self, index: int) -> tuple[int | None, int | None]:
        before = [i for i in self.locked if i < index]
        after = [i for i in self.locked if i > index]
        return (max(before) if before else None), (min(after) if after else None)


def _student_cells(nb: NotebookNode, released: _Released) -> list[_Cell]:
    cells = []
    for index, cell in enumerate(nb.cells):
        python = _python_text(cell) if cell.cell_type in ("code", "markdown", "raw") else None
        defines = _top_level_names(python) & set(released.exercise_of) if python else set()
        cid = cell.get("id")
        cells.append(_Cell(index, cell, _norm(cell.get("source", "")), cid if isinstance(cid, str) else None,
                           _meta(cell).get("grade_id"), python, defines))
    return cells


def _count(n: int, what: str, plural: str | None = None) -> str:
    if plural is None:
        head, _, tail = what.partition(" of ")
        plural = head + "s" + (" of " + tail if tail else "")
    return f"{n} {what}" if n == 1 else f"{n} {plural}"


def _numbers(cells: list[_Cell]) -> str:
    numbers = [str(c.number) for c in cells]
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]


def _fine(student: NotebookNode, cells: list[_Cell], released: _Released) -> list[int] | None:
    """For a notebook nbgrader can grade as it is, the student indices of edited locked cells; else None."""
    try:
        nbformat.validate(student)
    except Exception:  # noqa: BLE001 - any invalidity means it needs a rebuild
        return None
    expected = [i for i, c in enumerate(released.nb.cells) if _meta(c).get("grade_id")]
    graded = [c for c in cells if c.gid is not None]
    if [c.gid for c in graded] != [_meta(released.nb.cells[i])["grade_id"] for i in expected]:
        return None
    edited = []
    for mine, index in zip(graded, expected):
        theirs = released.nb.cells[index]
        if mine.cid != theirs.get("id") or mine.kind != theirs.cell_type:
            return None
        if any(_meta(mine.cell).get(k) != _meta(theirs).get(k) for k in ("solution", "locked", "grade", "points")):
            return None
        answer = released.by_gid.get(mine.gid) if _meta(theirs).get("solution") else None
        if answer is not None and mine.norm == answer.stub:
            # An untouched stub while another cell defines its function: the answer is elsewhere.
            if any(c.defines & answer.names and c.kind == "code" for c in cells if c is not mine):
                return None
        if answer is None and mine.norm != _norm(theirs.source):
            edited.append(mine.index)
    return edited


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions (in ``values``) of one longest non-decreasing subsequence."""
    best: list[list[int]] = []
    for position, value in enumerate(values):
        chain = max((b for b in best if values[b[-1]] <= value), key=len, default=[])
        best.append(chain + [position])
    return set(max(best, key=len, default=[]))


def _new_id(taken: set[str], wanted: str | None) -> str:
    if wanted and _VALID_ID.match(wanted) and wanted not in taken:
        taken.add(wanted)
        return wanted
    while True:
        candidate = "extra-" + uuid.uuid4().hex[:8]
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def _code_cell_from(student: _Cell, template: NotebookNode) -> NotebookNode:
    """The released answer cell ``template`` holding the student's answer (outputs kept)."""
    cell = copy.deepcopy(template)
    if student.kind == "code":
        cell.source = student.cell.source
        cell.outputs = copy.deepcopy(student.cell.get("outputs", []))
        cell.execution_count = student.cell.get("execution_count")
    else:
        cell.source = student.python if student.python is not None else student.cell.source
        cell.outputs = []
        cell.execution_count = None
    return cell


def _extra_cell(student: _Cell, taken: set[str]) -> NotebookNode:
    cell = copy.deepcopy(student.cell)
    metadata = dict(cell.get("metadata") or {})
    for key in ("nbgrader", "deletable", "editable"):
        metadata.pop(key, None)
    cell.metadata = nbformat.from_dict(metadata)
    cell.id = _new_id(taken, student.cid)
    if cell.cell_type == "code":
        cell.setdefault("outputs", [])
        cell.setdefault("execution_count", None)
    return cell


def repair_submission(student_nb: NotebookNode, released_nb: NotebookNode) -> Repair:
    """Rebuild ``student_nb`` on ``released_nb``; see the module's docstring for the rules."""
    released = _Released(released_nb)
    cells = _student_cells(student_nb, released)
    if not any(c.kind == "code" for c in cells):
        return Repair(None, [], "the notebook has no code cells (it was saved as text, or every cell was turned "
                                "into markdown); ask the student to paste their answers into the code cells of a "
                                "fresh copy of the released notebook")
    edited = _fine(student_nb, cells, released)
    if edited is not None:
        notebook = copy.deepcopy(student_nb)
        lines = []
        for index in edited:
            gid = _meta(notebook.cells[index])["grade_id"]
            original = next(c for c in released_nb.cells if _meta(c).get("grade_id") == gid)
            notebook.cells[index].source = original.source
            lines.append(f"locked cell {gid} was edited (cell {index + 1}); the released version is restored")
        return Repair(notebook, lines)
    return _rebuild(cells, released)


def _rebuild(cells: list[_Cell], released: _Released) -> Repair:  # noqa: C901 - one pass per rule
    rnb = released.nb
    used: dict[int, str] = {}                     # student index -> role
    located: dict[int, list[int]] = {}            # released locked index -> student indices
    edited_locked: set[int] = set()
    chosen: dict[str, _Cell] = {}                 # answer gid -> student cell
    how: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    superseded: dict[int, str] = {}               # student index -> the answer that replaces it
    dropped_copies = 0
    dropped_stubs = 0
    untouched: set[str] = set()                   # answers whose own cell holds the untouched stub

    def identity(cell: _Cell) -> str | None:
        """The released grade_id this student cell claims (by metadata, else by id)."""
        if cell.gid is not None and (cell.gid in released.by_gid or cell.gid in released.locked.values()):
            return cell.gid
        for answer in released.answers:
            if cell.cid is not None and cell.cid == answer.cid:
                return answer.gid
        for index, gid in released.locked.items():
            if cell.cid is not None and cell.cid == rnb.cells[index].get("id"):
                return gid
        return None

    # Locked cells found by their exact content (a re-save keeps it even when it drops metadata).
    locked_sources = {index: _norm(rnb.cells[index].source) for index in released.locked}
    for cell in cells:
        for index, source in locked_sources.items():
            if cell.norm == source and cell.kind == rnb.cells[index].cell_type:
                located.setdefault(index, []).append(cell.index)
                used[cell.index] = "locked"
                break

    # Rule 1: the answer cell's id or grade_id.
    for answer in released.answers:
        group = [c for c in cells if c.index not in used and identity(c) == answer.gid]
        real = [c for c in group if c.norm and c.norm != answer.stub
                and (c.defines & answer.names or not c.defines)]
        for c in group:
            if not c.norm:
                used[c.index] = "empty"
            elif c not in real and c.norm == answer.stub:
                used[c.index] = "stub"
                untouched.add(answer.gid)
        if not real:
            continue
        defining = [c for c in real if c.defines & answer.names]
        winner = (defining or real)[-1]
        chosen[answer.gid] = winner
        used[winner.index] = "answer"
        via = "its nbgrader metadata" if winner.gid == answer.gid else "its cell id"
        how[answer.gid] = f"found by {via} (cell {winner.number})"
        others = [c for c in real if c is not winner]
        if others:
            notes.setdefault(answer.gid, []).append(
                f"{len(real)} cells carry it (cells {_numbers(real)}, copied cells); cell {winner.number} is used, "
                "the last " + ("that defines " + "/".join(sorted(answer.names)) if defining else "one"))
        for c in others:
            if c.norm == winner.norm:
                used[c.index] = "copy"
                dropped_copies += 1
            else:
                superseded[c.index] = answer.gid
                used[c.index] = "superseded"

    # Rule 2: the function or class the released stub defines.
    for answer in released.answers:
        if answer.gid in chosen or not answer.names:
            continue
        defining = [c for c in cells if c.defines & answer.names and c.norm not in released.stubs
                    and used.get(c.index) in (None, "answer", "superseded")]
        code = [c for c in defining if c.kind == "code"]
        pool = code or defining
        if not pool:
            continue
        winner = pool[-1]
        name = "/".join(f"{n}()" for n in sorted(answer.names))
        others_defined = sorted(winner.defines - answer.names)
        if len(pool) > 1 and others_defined:
            return Repair(None, [], (
                f"cannot tell which cell answers {answer.gid}: {name} is defined in cells {_numbers(pool)}, and the "
                f"last of them (cell {winner.number}) also defines {', '.join(n + '()' for n in others_defined)}, "
                "the function of another exercise, so taking it could grade code written for that exercise; ask the "
                f"student to keep one definition of {name} in its own answer cell of a fresh copy of the released "
                "notebook (and each other exercise's function in its own answer cell)"))
        chosen[answer.gid] = winner
        if used.get(winner.index) == "superseded":
            superseded.pop(winner.index, None)
        used[winner.index] = "answer"
        how[answer.gid] = f"found by the function it defines (cell {winner.number})"
        if len(pool) > 1:
            notes.setdefault(answer.gid, []).append(
                f"{name} is defined in cells {_numbers(pool)}; the last one is used, as a run from top to bottom keeps it")
        if others_defined:
            notes.setdefault(answer.gid, []).append(
                f"cell {winner.number} also defines {', '.join(n + '()' for n in others_defined)}, the function of "
                "another exercise")
        for c in pool[:-1]:
            if used.get(c.index) is None or used.get(c.index) == "superseded":
                if c.norm == winner.norm:
                    used[c.index] = "copy"
                    superseded.pop(c.index, None)
                    dropped_copies += 1
                else:
                    used[c.index] = "superseded"
                    superseded[c.index] = answer.gid

    # Locked cells found by id or grade_id with edited content.
    for cell in cells:
        if cell.index in used:
            continue
        claim = identity(cell)
        for index, gid in released.locked.items():
            if claim == gid:
                located.setdefault(index, []).append(cell.index)
                used[cell.index] = "locked"
                edited_locked.add(index)
                break

    # Text and demo cells: by id, then by exact content.
    plain_match: dict[int, _Cell] = {}
    for index in released.plain:
        original = rnb.cells[index]
        for cell in cells:
            if cell.index not in used and cell.cid is not None and cell.cid == original.get("id") \
                    and cell.kind == original.cell_type and not cell.defines:
                plain_match[index] = cell
                used[cell.index] = "plain"
                break
    for index in released.plain:
        if index in plain_match:
            continue
        original = rnb.cells[index]
        source = _norm(original.source)
        for cell in cells:
            if cell.index not in used and cell.norm == source and cell.kind == original.cell_type:
                plain_match[index] = cell
                used[cell.index] = "plain"
                break
    for cell in cells:  # further exact copies of released cells
        if cell.index not in used and cell.norm and any(
                cell.norm == _norm(rnb.cells[i].source) for i in released.plain):
            used[cell.index] = "copy"
            dropped_copies += 1

    # Near-identical cells: an edited locked cell, or a text/demo cell the student changed a little.
    unmatched = [i for i in released.locked if i not in located] + [i for i in released.plain if i not in plain_match]
    pairs = []
    for cell in cells:
        if cell.index in used or not cell.norm or cell.defines or cell.norm in released.stubs:
            continue
        for index in unmatched:
            original = rnb.cells[index]
            if cell.kind != original.cell_type:
                continue
            matcher = difflib.SequenceMatcher(None, cell.norm, _norm(original.source), autojunk=False)
            if matcher.real_quick_ratio() >= _SIMILAR and matcher.quick_ratio() >= _SIMILAR:
                ratio = matcher.ratio()
                if ratio >= _SIMILAR:
                    pairs.append((ratio, cell.index, index))
    for _ratio, student_index, index in sorted(pairs, reverse=True):
        if student_index in used or index in located or index in plain_match:
            continue
        if index in released.locked:
            located[index] = [student_index]
            edited_locked.add(index)
            used[student_index] = "locked"
        else:
            plain_match[index] = cells[student_index]
            used[student_index] = "plain"

    # Rule 3: the only unmatched code cell between the neighbouring locked cells.
    for answer in released.answers:
        if answer.gid in chosen:
            continue
        before, after = released.locked_neighbours(answer.index)
        if (before is not None and before not in located) or (after is not None and after not in located):
            continue
        low = min(located[before]) if before is not None else -1
        high = min(located[after]) if after is not None else len(cells)
        slot = [c for c in cells if low < c.index < high and c.index not in used and c.kind == "code"
                and c.norm and c.norm not in released.stubs and not c.defines]
        if len(slot) == 1:
            winner = slot[0]
            chosen[answer.gid] = winner
            used[winner.index] = "answer"
            between = " and ".join(released.locked[i] for i in (before, after) if i is not None)
            how[answer.gid] = (f"found by its position (cell {winner.number}, the only unmatched code cell "
                               f"next to {between})")

    # Leftovers: untouched stubs and empty cells go; everything else is an extra cell.
    extras: list[_Cell] = []
    dropped_empty = 0
    for cell in cells:
        role = used.get(cell.index)
        if role == "empty":
            dropped_empty += 1
        elif role is None:
            if not cell.norm:
                dropped_empty += 1
                continue
            if cell.norm in released.stubs:
                dropped_stubs += 1
                continue
            extras.append(cell)
        elif role == "superseded":
            extras.append(cell)

    # Where each extra goes: before the answer cell it preceded in the student's notebook.
    order = {a.gid: k for k, a in enumerate(released.answers)}
    answer_at: dict[int, str] = {}
    for gid, cell in chosen.items():
        if cell.index not in answer_at or order[gid] < order[answer_at[cell.index]]:
            answer_at[cell.index] = gid
    extras_before: dict[str, list[_Cell]] = {}
    trailing: list[_Cell] = []
    for cell in extras:
        following = [i for i in sorted(answer_at) if i > cell.index]
        if cell.index in superseded:  # an earlier version of an answer: right before the answer that replaces it
            extras_before.setdefault(superseded[cell.index], []).append(cell)
        elif following:
            extras_before.setdefault(answer_at[following[0]], []).append(cell)
        else:
            trailing.append(cell)

    # Build the notebook.
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = copy.deepcopy(rnb.metadata)
    notebook.nbformat, notebook.nbformat_minor = 4, max(5, rnb.get("nbformat_minor", 5))
    taken = {c.get("id") for c in rnb.cells if c.get("id")}
    answers_by_index = {a.index: a for a in released.answers}
    restored_plain = 0
    for index, original in enumerate(rnb.cells):
        answer = answers_by_index.get(index)
        if answer is not None:
            notebook.cells.extend(_extra_cell(c, taken) for c in extras_before.get(answer.gid, []))
            if answer.gid in chosen and original.cell_type == "code":
                notebook.cells.append(_code_cell_from(chosen[answer.gid], original))
            elif answer.gid in chosen:
                cell = copy.deepcopy(original)
                cell.source = chosen[answer.gid].cell.source
                notebook.cells.append(cell)
            else:
                notebook.cells.append(copy.deepcopy(original))
        elif index in released.locked:
            notebook.cells.append(copy.deepcopy(original))
        elif index in plain_match:
            cell = copy.deepcopy(original)
            mine = plain_match[index].cell
            cell.source = mine.source
            if cell.cell_type == "code":
                cell.outputs = copy.deepcopy(mine.get("outputs", []))
                cell.execution_count = mine.get("execution_count")
            if "attachments" in mine:
                cell.attachments = copy.deepcopy(mine.attachments)
            notebook.cells.append(cell)
        else:
            restored_plain += 1
            notebook.cells.append(copy.deepcopy(original))
    notebook.cells.extend(_extra_cell(c, taken) for c in trailing)

    # What was done, one line per thing.
    lines = []
    matched = [(released.answers[order[g]].index, c) for g, c in chosen.items() if how[g].startswith("found by its")
               and not how[g].startswith("found by its position")]
    matched += [(i, cells[s[0]]) for i, s in located.items()]
    lost = sum(1 for i, c in matched if c.gid != _meta(rnb.cells[i]).get("grade_id"))
    if not any(c.gid for c in cells):
        lines.append("no cell carried its nbgrader metadata (the notebook was re-saved by another editor); cells "
                     "were matched by id, content, the functions they define and position, and the released "
                     "notebook's metadata and cell ids are restored")
    elif lost:
        lines.append(f"{lost} of the {len(matched)} matched graded and locked cells had lost their nbgrader "
                     "metadata; it is restored from the released notebook")
    answered = [a for a in released.answers if a.gid in chosen]
    in_order = _longest_increasing([chosen[a.gid].index for a in answered])
    moved = {a.gid for k, a in enumerate(answered) if k not in in_order}
    for answer in released.answers:
        if answer.gid not in chosen and answer.gid in untouched:
            continue
        if answer.gid not in chosen:
            name = "/".join(f"{n}()" for n in sorted(answer.names)) or "an answer"
            lines.append(f"answer cell {answer.gid}: no answer found (no cell with its id, none defines {name}, and "
                         "no single unmatched code cell in its place); it stays the stub and scores 0")
            continue
        cell = chosen[answer.gid]
        done = []
        if cell.kind != rnb.cells[answer.index].cell_type:
            done.append(f"turned back from {cell.kind} into {rnb.cells[answer.index].cell_type}")
        restored = [what for what, lost in (("cell id", cell.cid != answer.cid), ("metadata", cell.gid != answer.gid))
                    if lost]
        if restored:
            done.append(" and ".join(restored) + " restored")
        if answer.gid in moved:
            done.append("moved back to its place")
        if not done and not notes.get(answer.gid) and how[answer.gid].startswith("found by its nbgrader"):
            continue
        lines.append(f"answer cell {answer.gid} {how[answer.gid]}"
                     + "".join(", " + d for d in done) + "".join("; " + n for n in notes.get(answer.gid, [])))
    blank = [a.gid for a in released.answers if a.gid not in chosen and a.gid in untouched]
    if blank:
        lines.append(("answer cell " if len(blank) == 1 else "answer cells ") + ", ".join(blank)
                     + ": not answered (the untouched stub); " + ("it stays" if len(blank) == 1 else "they stay")
                     + " the stub and " + ("scores" if len(blank) == 1 else "score") + " 0")
    edited_names = [released.locked[i] for i in sorted(edited_locked)]
    deleted_names = [gid for i, gid in sorted(released.locked.items()) if i not in located]
    copied = [f"{released.locked[i]} ({len(s)} copies)" for i, s in sorted(located.items()) if len(s) > 1]
    if edited_names:
        lines.append("locked cells edited by the student, restored from the released notebook: " + ", ".join(edited_names))
    if deleted_names:
        lines.append("locked cells deleted from the student's notebook, restored: " + ", ".join(deleted_names))
    if copied:
        lines.append("copies of locked cells dropped (the released cell is kept once): " + ", ".join(copied))
    if restored_plain:
        lines.append(f"{_count(restored_plain, 'released text or demo cell')} missing from the student's notebook "
                     "restored")
    older = [c for c in extras if c.index in superseded]
    others = [c for c in extras if c.index not in superseded]
    def kept(group: list[_Cell], what: str, where: str) -> str:
        one = len(group) == 1
        return (f"{_count(len(group), what)} kept ({'cell' if one else 'cells'} {_numbers(group)}) as "
                f"{'a plain unlocked cell' if one else 'plain unlocked cells'} without nbgrader metadata, {where}")

    if others:
        lines.append(kept(others, "extra cell", "at the end" if len(trailing) == len(others) else
                          "right before the answer cell " + ("it" if len(others) == 1 else "each") + " preceded"
                          + (" (or at the end)" if trailing else "")))
    if older:
        lines.append(kept(older, "earlier version of an answer",
                          "right before the answer cell that replaces " + ("it" if len(older) == 1 else "them")))
    if dropped_stubs:
        lines.append(f"{_count(dropped_stubs, 'untouched answer stub', 'untouched answer stubs')} (copied or "
                     "left over) dropped")
    if dropped_copies:
        lines.append(f"{_count(dropped_copies, 'identical copy', 'identical copies')} of a cell dropped")
    if dropped_empty:
        lines.append(f"{_count(dropped_empty, 'empty cell')} dropped")
    try:
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001 - a bug here must not stop intake of the other students
        return Repair(None, lines, f"the rebuilt notebook is not valid ({type(error).__name__}: {str(error)[:200]}); "
                                   "grade this submission by hand")
    return Repair(notebook, lines)
