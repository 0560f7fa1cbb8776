"""Feedback preprocessing: hidden tests stay hidden, their failure messages do not.

nbgrader's ``ClearHiddenTests`` removes hidden-test code from the cell sources, but IPython
tracebacks quote several source lines around the failing one. This preprocessor, run before
``ClearHiddenTests``, deletes every quoted line that belongs to a hidden-test region, keeping
the exception's message (which the reference checks keep short and free of reference code).
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_QUOTED = re.compile(r"^\s*(?:-+>\s*)?\d+\s(.*)$")
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


def hidden_lines(source: str) -> set[str]:
    lines = {"### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"}
    for block in _HIDDEN.findall(source):
        lines.update(line.strip() for line in block.splitlines() if line.strip())
    return lines


def scrub_traceback(traceback: list[str], hidden: set[str]) -> list[str]:
    """Drop quoted source lines that are hidden-test code from each traceback entry."""
    cleaned = []
    for entry in traceback:
        kept = []
        for line in entry.split("\n"):
            quoted = _QUOTED.match(_ANSI.sub("", line))
            if quoted and quoted.group(1).strip() in hidden:
                continue
            kept.append(line)
        cleaned.append("\n".join(kept))
    return cleaned


class HideHiddenTestTracebacks(Preprocessor):
    """Remove hidden-test code quoted in the error outputs of test cells."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled")

    def preprocess_cell(self, cell, resources, index):  # type: ignore[override]
        if cell.cell_type == "code" and "BEGIN HIDDEN TESTS" in cell.source:
            hidden = hidden_lines(cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = scrub_traceback(output.get("traceback", []), hidden)
        return cell, resources
