"""A student's way through every chapter, in a real browser: JupyterLab driven by headless Chromium.

For each released notebook: open it in JupyterLab, *Run > Run All Cells*, wait until the kernel
is idle, then check that execution reached the last cell (every code cell has run, and the
progress cell at the end lists every exercise), that every widget renders as a widget (not as
``HBox(...)``/``VBox(...)`` text or "Error displaying widget"), and that moving a slider with the
keyboard redraws its figure. On failure a screenshot is saved under the test's temporary folder
and its path printed.

The browser is Debian's Chromium at ``/usr/bin/chromium`` (``.ci/run`` installs it when it is
missing and ``apt-get`` is available), driven by the Python ``playwright`` package with
``executable_path``: no browser is downloaded. JupyterLab runs from this environment on
127.0.0.1, with a token, a free port and its own settings, on a temporary copy of ``notebooks/``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, REPO, require_mnist_for, why_no_browser

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Chapters with a released notebook, whatever their number.
RELEASED = sorted(p.name for p in (REPO / "notebooks").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))
RUN_ALL_TIMEOUT_S = 600
WIDGET_AS_TEXT = re.compile(r"\b[HV]Box\(|Error displaying widget|Error rendering")

#: JupyterLab settings for the test: no news or update pop-ups over the notebook, and every cell
#: kept in the page (no windowing), so that the checks see all outputs without scrolling.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

# The kernel's state, read from JupyterLab's own objects (the page is started with
# --LabApp.expose_app_in_browser), and a count of the execute requests sent to the kernel and of
# its replies (an aborted request is answered too), from the kernel connection's public
# ``anyMessage`` signal. Run All sends every cell at once; after the first failing cell JupyterLab
# takes the [*] off the cells still queued, and the kernel may look idle for seconds between two
# of them, so only "every request answered" says that Run All is over.
KERNEL_STATE = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const context = widget && widget.sessionContext;
  const kernel = context && context.session && context.session.kernel;
  if (!kernel) { return {ready: false, state: "no kernel", sent: 0, replied: 0}; }
  const counts = kernel.__browserTest || {sent: 0, replied: 0};
  return {ready: context.isReady, state: `${kernel.connectionStatus} ${kernel.status}`, ...counts};
}"""
COUNT_EXECUTIONS = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  kernel.__browserTest = {sent: 0, replied: 0};
  kernel.anyMessage.connect((_, args) => {
    const type = args.msg.header.msg_type;
    if (args.direction === "send" && type === "execute_request") { kernel.__browserTest.sent += 1; }
    if (args.direction === "recv" && type === "execute_reply") { kernel.__browserTest.replied += 1; }
  });
}"""
PROMPTS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))
                  .map(p => p.textContent.trim())"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _notebook(chapter: str) -> Path:
    (path,) = (REPO / "notebooks" / chapter).glob("*.ipynb")
    return path


def _exercises(chapter: str) -> list[str]:
    from helpers.checking.progress import visible_test_cells

    cells = visible_test_cells(json.loads(_notebook(chapter).read_text(encoding="utf-8")))
    return list(dict.fromkeys(cell.exercise for cell in cells))


class Lab:
    """JupyterLab serving a copy of the released notebooks, on 127.0.0.1 with a token."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.notebooks = root / "notebooks"
        for chapter in RELEASED:
            shutil.copytree(REPO / "notebooks" / chapter, self.notebooks / chapter,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        settings = root / "settings"
        for name, values in LAB_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(values), encoding="utf-8")
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.log = root / "jupyterlab.log"
        env = {**os.environ, "COURSE_FAST_MODE": "1", "JUPYTER_CONFIG_DIR": str(root / "config"),
               "JUPYTER_RUNTIME_DIR": str(root / "runtime"), "PYTHONUNBUFFERED": "1"}
        env.pop("JPY_SESSION_NAME", None)
        command = [
            str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            f"--notebook-dir={self.notebooks}", f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={root / 'workspaces'}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_until_up()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(self.url(path), method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            body = reply.read()
        return json.loads(body) if body else None

    def _wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({self.process.returncode}): {self.log.read_text()[-3000:]}")
            try:
                self.api("api/status")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer in {timeout} s: {self.log.read_text()[-3000:]}")

    def shutdown_kernels(self) -> None:
        for kernel in self.api("api/kernels") or []:
            self.api(f"api/kernels/{kernel['id']}", method="DELETE")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    reason = why_no_browser()
    if reason and os.environ.get("CI") == "true":  # .ci/run installs Chromium: CI must not skip this test
        pytest.fail(f"{reason} (on CI, .ci/run installs Chromium with apt-get; see /tmp/course-chromium-install.log)")
    if reason:
        pytest.skip(reason)
    server = Lab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        yield server
    finally:
        server.stop()


class LabPage:
    """One browser page with JupyterLab loaded once; notebooks are opened in it one at a time."""

    def __init__(self, browser: object, lab: Lab) -> None:
        self.browser, self.lab, self.page = browser, lab, None

    def get(self, timings: dict[str, float]):  # noqa: ANN201 - playwright's Page
        if self.page is None:
            start = time.monotonic()
            self.page = self.browser.new_page(viewport={"width": 1400, "height": 1000})
            self.page.goto(self.lab.url(f"lab/workspaces/browser-test?reset&token={self.lab.token}"))
            self.page.wait_for_function("() => window.jupyterapp && document.querySelector('#jp-main-dock-panel')",
                                        timeout=120_000)
            self.page.evaluate("() => window.jupyterapp.restored")
            timings["load JupyterLab"] = time.monotonic() - start
        return self.page

    def close_notebooks(self) -> None:
        if self.page is not None:
            self.page.evaluate("""() => { for (const w of Array.from(window.jupyterapp.shell.widgets('main'))) {
                                        if (w.context) { w.context.model.dirty = false; } w.dispose(); } }""")
        self.lab.shutdown_kernels()

    def discard(self) -> None:
        """After a failure: start the next chapter on a freshly loaded page."""
        if self.page is not None:
            self.page.close()
        self.page = None
        self.lab.shutdown_kernels()


@pytest.fixture(scope="module")
def lab_page(lab: Lab) -> Iterator[LabPage]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield LabPage(chromium, lab)
        finally:
            chromium.close()


def _kernel_idle(kernel: dict) -> bool:
    return bool(kernel["ready"]) and kernel["state"] == "connected idle"


def _ran(prompt: str) -> bool:
    """Whether a code cell's prompt shows an execution count (``[12]:``), not ``[ ]:`` or ``[*]:``."""
    return bool(re.fullmatch(r"\[\d+\]:?", prompt))


def _wait(page, what: str, condition, timeout_s: float, poll_s: float = 0.5):  # noqa: ANN001
    """Poll ``condition()`` until it returns something true; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout_s:g} s")
        page.wait_for_timeout(poll_s * 1000)


def _run_all_and_check(page, chapter: str, timings: dict[str, float]) -> None:  # noqa: ANN001
    start = time.monotonic()
    path = _notebook(chapter).relative_to(REPO / "notebooks").as_posix()
    # Open it as a double click in the file browser does.
    page.evaluate("path => window.jupyterapp.commands.execute('docmanager:open', {path})", path)
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=120_000)
    timings["open"] = time.monotonic() - start
    _wait(page, "the kernel became ready and idle", lambda: _kernel_idle(page.evaluate(KERNEL_STATE)), 120)
    timings["kernel ready"] = time.monotonic() - start - timings["open"]

    # Run > Run All Cells, as a student would.
    page.evaluate(COUNT_EXECUTIONS)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    _wait(page, "Run All sent the cells to the kernel", lambda: page.evaluate(KERNEL_STATE)["sent"] > 0, 60, 0.2)

    # Settled when the kernel is idle and has answered every request, twice in a row: then the
    # last cell has run, or Run All stopped before it.
    deadline, settled = time.monotonic() + RUN_ALL_TIMEOUT_S, 0
    while settled < 2:
        if time.monotonic() > deadline:
            raise AssertionError(f"Run All did not finish in {RUN_ALL_TIMEOUT_S} s")
        page.wait_for_timeout(500)
        kernel, prompts = page.evaluate(KERNEL_STATE), page.evaluate(PROMPTS)
        settled = settled + 1 if _kernel_idle(kernel) and kernel["replied"] >= kernel["sent"] else 0
    if not _ran(prompts[-1]):
        last = max((i for i, p in enumerate(prompts) if _ran(p)), default=-1)
        cell = page.locator(".jp-Notebook .jp-CodeCell").nth(max(last, 0))
        raise AssertionError(f"Run All stopped after code cell {last} of {len(prompts)}: the kernel is idle "
                             f"and the cells below did not run (prompts {prompts[last:last + 3]}...). That "
                             f"cell:\n{cell.locator('.jp-InputArea').inner_text()[:300]}\n...\nits output "
                             f"ends:\n{cell.locator('.jp-OutputArea').inner_text()[-1200:]}")
    timings["run all"] = time.monotonic() - start - timings["open"] - timings["kernel ready"]

    prompts = page.evaluate(PROMPTS)
    not_run = [i for i, p in enumerate(prompts) if not _ran(p)]
    assert not not_run, f"Run All left code cells {not_run} of {len(prompts)} unexecuted (prompts {prompts})"

    # The progress cell, last, lists every exercise of the chapter.
    progress = page.locator(".jp-Notebook .jp-CodeCell").last
    assert "helpers.checking.progress()" in progress.locator(".jp-InputArea").inner_text()
    summary = progress.locator(".jp-OutputArea").inner_text()
    exercises = _exercises(chapter)
    missing = [name for name in exercises if not re.search(rf"\b{re.escape(name)}\b", summary)]
    assert not missing and "Total:" in summary, f"the progress summary misses {missing}:\n{summary}"
    # Nothing is answered in the released notebook: every exercise says so, and none passes.
    unanswered = [name for name in exercises
                  if not re.search(rf"\b{re.escape(name)}\b.*\bnot answered\b", summary)]
    assert not unanswered, f"the summary does not call {unanswered} unanswered:\n{summary}"
    assert f"pass for 0 of {len(exercises)} exercises" in summary, summary

    # Widgets render as widgets, never as their text form or an error.
    outputs = page.locator(".jp-Notebook .jp-OutputArea-output").all_inner_texts()
    as_text = [text[:120] for text in outputs if WIDGET_AS_TEXT.search(text)]
    assert not as_text, f"widgets shown as text or errors instead of widgets: {as_text}"
    assert page.locator(".jp-Notebook .jupyter-widgets").count() >= 1, "no widget rendered"
    assert page.locator(".jp-Notebook .widget-slider").count() >= 1, "no slider rendered"

    # Moving a slider (keyboard on its handle) redraws the figure of its demo.
    demo = page.locator(".jp-Notebook .widget-vbox:has(.widget-slider):has(.widget-output img)").first
    assert demo.count() == 1, "no demo with a slider and a figure was found"
    demo.evaluate("box => box.setAttribute('data-browser-test', 'demo')")
    figure = "() => { const img = document.querySelector('[data-browser-test=demo] .widget-output img');" \
             " return img ? img.getAttribute('src') : null; }"
    before = page.evaluate(figure)
    readout = demo.locator(".widget-readout").first
    value = readout.inner_text()
    handle = demo.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    # A slider that starts at its maximum (the last epoch, say) moves left instead.
    at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    for _ in range(2):
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    _wait(page, f"the slider moved (readout {value!r})", lambda: readout.inner_text() != value, 20, poll_s=0.2)
    _wait(page, "the slider's figure was redrawn", lambda: (page.evaluate(figure) or before) != before, 60, 0.2)
    timings["checks"] = time.monotonic() - start - sum(timings[k] for k in ("open", "kernel ready", "run all"))


@pytest.mark.parametrize("chapter", RELEASED)
def test_run_all_reaches_the_end_and_widgets_work_in_jupyterlab(chapter, lab_page, tmp_path):
    require_mnist_for(chapter)
    timings: dict[str, float] = {}
    page = lab_page.get(timings)
    try:
        _run_all_and_check(page, chapter, timings)
    except BaseException:
        try:  # the page as it was, then the first error output and the last cell scrolled into view
            page.screenshot(path=str(tmp_path / f"{chapter}-failure.png"))
            for name, selector in (("first-error", ".jp-OutputArea-output[data-mime-type*=stderr]"),
                                   ("last-cell", ".jp-Notebook .jp-CodeCell >> nth=-1")):
                target = page.locator(selector).first
                if target.count():
                    target.scroll_into_view_if_needed(timeout=5000)
                    page.screenshot(path=str(tmp_path / f"{chapter}-{name}.png"))
        except Exception as error:  # noqa: BLE001 - the screenshots help; the failure is the point
            print(f"could not save every screenshot: {error}")
        print(f"screenshots of the failure: {sorted(str(p) for p in tmp_path.glob('*.png'))}; "
              f"JupyterLab's log: {lab_page.lab.log}")
        lab_page.discard()
        raise
    else:
        lab_page.close_notebooks()
    finally:
        print(f"{chapter}: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
