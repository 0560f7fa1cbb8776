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

The client can lose a wake-up too: nbclient waits for a reply with one poll of the shell socket
for the whole timeout, and a poll that misses the message's arrival waits that long with the
reply already there. Seen in CI (pytest's folder of that run was left on the machine): the kernel
stamped its reply to a ``slow`` cell of chapter 5 0.27 s after the cell started, yet the next
cell started 600.0 s after it, within 0.01 s of that cell's deadline, when nbclient gives up
waiting and polls again. The nudges, sent on the same socket, make this frequent: with one every
2 ms, about one short cell in six waited about a second (tests/test_awake.py). So the client
waits in slices of ``POLL_SLICE_S``: each slice is a fresh poll, which looks at the socket before
it waits, so a missed wake-up costs at most one slice.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from queue import Empty
from typing import Any

from jupyter_core.utils import run_sync
from nbformat import NotebookNode

#: Seconds between two nudges while a cell runs.
NUDGE_INTERVAL_S = 5.0
#: Longest single poll of a kernel channel; a longer wait is made of fresh polls this long.
POLL_SLICE_S = 1.0


class KeepsKernelAwake:
    """Mixin for an ``nbclient.NotebookClient`` (or a preprocessor built on it): see the module doc."""

    kc: Any

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        if self.kc is not None:
            for channel in (self.kc.shell_channel, self.kc.iopub_channel):
                wait_in_slices(channel)
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


def wait_in_slices(channel: Any) -> None:
    """Make ``channel.get_msg`` (a jupyter_client async channel) wait in polls of at most
    ``POLL_SLICE_S`` seconds, with the same timeout and result as before; done once per channel."""
    if getattr(channel, "_waits_in_slices", False):
        return
    channel.get_msg = functools.partial(_get_msg_in_slices, channel.get_msg)
    channel._waits_in_slices = True


async def _get_msg_in_slices(get_msg: Callable[..., Awaitable[dict]], timeout: float | None = None) -> dict:
    """``get_msg(timeout)`` made of fresh, short polls: raises ``queue.Empty`` at the same deadline."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = POLL_SLICE_S if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            return await get_msg(timeout=min(POLL_SLICE_S, left))
        except Empty:
            if deadline is not None and time.monotonic() >= deadline:
                raise


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
