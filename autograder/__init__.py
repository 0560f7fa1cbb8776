"""Instructor tooling: nbgrader configuration, reference checks, example submissions, CLI.

Run ``python -m autograder --help`` from the repository root.
"""
