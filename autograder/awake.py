"""Keep a kernel reading its requests while a notebook runs: a workaround for lost wake-ups.

Seen here while grading (ipykernel 6.31 and 7.4, pyzmq 27): now and then a kernel sits idle with
the next ``execute_request`` unread in its shell socket, and nbclient waits out the cell's whole
timeout (600 s for a ``slow`` cell) before interrupting it, which costs a correct answer its
points. Any further message on that socket wakes the kernel up, and the request then runs at
once (checked by hand on a stuck grading kernel: one ``kernel_info_request`` and the cell ran;
the mechanism is described in ipykernel issue #1554).

:class:`KeepsKernelAwake` therefore sends a ``kernel_info_request`` every few seconds while a cell
runs. A kernel that is awake answers them after the cell, and nbclient ignores replies to
requests it did not make, so outputs and grades are unchanged.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from jupyter_core.utils import run_sync
from nbformat import NotebookNode

#: Seconds between two nudges while a cell runs.
NUDGE_INTERVAL_S = 5.0


class KeepsKernelAwake:
    """Mixin for an ``nbclient.NotebookClient`` (or a preprocessor built on it): see the module doc."""

    kc: Any

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        nudger = asyncio.ensure_future(self._nudge_kernel())
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count,  # type: ignore[misc]
                                                    store_history)
        finally:
            nudger.cancel()

    # nbclient binds ``execute_cell`` to its own coroutine; bind it to this one.
    execute_cell = run_sync(async_execute_cell)

    async def _nudge_kernel(self) -> None:
        while True:
            await asyncio.sleep(NUDGE_INTERVAL_S)
            if self.kc is not None:
                self.kc.kernel_info()


@functools.cache
def awake_execute_preprocessor() -> type:
    """nbgrader's ``Execute`` preprocessor with :class:`KeepsKernelAwake`; built once, on first call (nbgrader
    is imported then, not when this module is)."""
    from nbgrader.preprocessors import Execute

    return type("AwakeExecute", (KeepsKernelAwake, Execute), {"__doc__": "nbgrader's Execute, kernel kept awake."})


@functools.cache
def awake_notebook_client() -> type:
    """``nbclient.NotebookClient`` with :class:`KeepsKernelAwake`, for running whole notebooks."""
    from nbclient import NotebookClient

    return type("AwakeNotebookClient", (KeepsKernelAwake, NotebookClient), {"__doc__": "NotebookClient, kernel kept awake."})
