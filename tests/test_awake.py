"""The kernel-awake workaround (autograder/awake.py) nudges a running kernel without changing what a
notebook produces."""

from __future__ import annotations

import asyncio
import datetime
import time
from queue import Empty

import nbformat
import pytest

from autograder import awake


@pytest.mark.slow
def test_nudges_while_a_cell_runs_leave_outputs_and_counts_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(awake, "NUDGE_INTERVAL_S", 0.2)
    nudges = []
    client_class = awake.awake_notebook_client()

    class Counting(client_class):  # type: ignore[misc, valid-type]
        async def _nudge_kernel(self) -> None:
            original = self.kc.kernel_info
            self.kc.kernel_info = lambda: nudges.append(original())
            await super()._nudge_kernel()

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import time\ntime.sleep(2)\nprint('slept')"),
        nbformat.v4.new_code_cell("print(1 + 1)"),
    ])
    Counting(nb, timeout=60, kernel_name="python3").execute()
    assert len(nudges) >= 5, "the kernel was nudged while the first cell ran"
    assert [c.execution_count for c in nb.cells] == [1, 2]
    assert [[o.get("text") for o in c.outputs] for c in nb.cells] == [["slept\n"], ["2\n"]]


@pytest.mark.slow
def test_a_reply_that_a_wait_missed_is_read_within_a_slice() -> None:
    """A client-side lost wake-up: the wait for the cell's reply never notices that the reply came.
    Simulated below the slicing: the first wait on the shell channel sleeps out whatever timeout it
    was given and reports nothing, as a poll that missed its wake-up does; a fresh wait sees the
    reply. Without slicing, that first wait is nbclient's own, for the cell's whole 30 s."""
    missed = []
    client_class = awake.awake_notebook_client()

    class MissesOneWakeUp(client_class):  # type: ignore[misc, valid-type]
        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            channel = self.kc.shell_channel
            if not missed and not getattr(channel, "_waits_in_slices", False):
                real_get_msg = channel.get_msg

                async def get_msg(timeout=None):
                    if not missed:
                        missed.append(timeout)
                        await asyncio.sleep(timeout)
                        raise Empty
                    return await real_get_msg(timeout=timeout)

                channel.get_msg = get_msg
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')")])
    started = time.monotonic()
    MissesOneWakeUp(nb, timeout=30, kernel_name="python3").execute()
    cell_seconds = time.monotonic() - started
    assert missed == [awake.POLL_SLICE_S], "the missed wait lasted one slice, not the cell's timeout"
    assert [o.get("text") for o in nb.cells[0].outputs] == ["ran\n"]
    assert cell_seconds < 15, f"the notebook took {cell_seconds:.1f} s: the missed reply waited for the timeout"


@pytest.mark.slow
def test_nudges_racing_the_wait_for_a_reply_cost_at_most_a_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real race, made frequent: a nudge sent on the shell socket while nbclient polls it for the
    cell's reply sometimes leaves that poll asleep with the reply in the socket. With a nudge every
    2 ms and each poll running for its whole timeout, 15 of these 99 waits took about a second here
    (the longest 0.96 s); with 0.1-s slices none lasts much longer than a slice."""
    monkeypatch.setattr(awake, "NUDGE_INTERVAL_S", 0.002)
    monkeypatch.setattr(awake, "POLL_SLICE_S", 0.1)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"import time\ntime.sleep(0.02)\nprint({i})")
                                         for i in range(100)])
    awake.awake_notebook_client()(nb, timeout=60, kernel_name="python3").execute()

    def when(stamp: str) -> datetime.datetime:
        return datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))

    times = [(when(c.metadata.execution["iopub.execute_input"]), when(c.metadata.execution["shell.execute_reply"]))
             for c in nb.cells]
    gaps = [(started - replied).total_seconds() for (_, replied), (started, _) in zip(times, times[1:])]
    assert max(gaps) < 0.5, f"{sum(g >= 0.5 for g in gaps)} of {len(gaps)} cells waited; the longest {max(gaps):.2f} s"
    # print() may reach the notebook in two stream messages ("90", "\n"): compare the text they make.
    assert ["".join(o.text for o in c.outputs) for c in nb.cells] == [f"{i}\n" for i in range(100)]


def test_the_grading_pipeline_uses_the_awake_executor() -> None:
    from autograder.config import course_config

    names = [p.__name__ for p in course_config().Autograde.autograde_preprocessors]
    assert "AwakeExecute" in names and "Execute" not in names
