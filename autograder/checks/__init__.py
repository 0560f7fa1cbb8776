"""Reference checks that hidden tests call while grading.

This package is importable only when the grading environment puts the repository root on
``PYTHONPATH`` (the CLI and the tests do); released notebooks never import it outside hidden
tests. Each ``check_*`` function returns ``None`` when a student's function is right and a
short message otherwise, so a hidden test is one line and its failure shows the message, not
reference code: ``assert (problem := check_x(x)) is None, problem``.
"""
