"""Run a notebook in a real JupyterLab, in headless Chromium, and say what was drawn.

Used by tests/test_jupyterlab_offline.py, which starts this file as a script
inside a network namespace without network (``unshare -n``), so that the
server, the kernel and Chromium reach nothing but their own loopback::

    python tests/labrun.py NOTEBOOK RESULT.json SCREENSHOT.png

It starts ``jupyter lab`` on 127.0.0.1 (its settings, workspaces and runtime
files in a temporary folder), opens the notebook, runs all cells with
JupyterLab's own command ``notebook:run-all-cells``, waits for the kernel and
the charts, picks a value in the explorer's "Segment" dropdown, and writes
what the page showed as JSON.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from browser import CHROMIUM, FLAGS

TOKEN = "cjr-offline-test"

# The open notebook, its kernel status and whether every code cell has run.
_STATE_JS = """() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget;
  if (!nb || !nb.sessionContext || !nb.content) { return null; }
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  return {status: nb.sessionContext.kernelDisplayStatus,
          ran: cells.filter(c => c.model.executionCount).length, cells: cells.length};
}"""

# Every chart div of the page: the svg vega-embed drew and how many marks it holds.
_CHARTS_JS = """() => Array.from(document.querySelectorAll('.cjr-nb-chart, .cjr-chart')).map(div => {
  const svgs = div.querySelectorAll('svg.marks');
  const marks = div.querySelectorAll('svg.marks [class*="mark-"] path,' +
      'svg.marks [class*="mark-"] line, svg.marks [class*="mark-"] rect');
  return {kind: div.className, svgs: svgs.length, marks: marks.length,
          text: div.innerText.slice(0, 200),
          in_widget: !!div.closest('.jupyter-widgets-output-area, .widget-output')};
})"""

# The tables of the explorer: headers, cells, and whether a row carries an index cell.
_TABLES_JS = """() => Array.from(document.querySelectorAll('table.cjr-table')).map(t => ({
  headers: Array.from(t.querySelectorAll('thead th')).map(th => th.innerText.trim()),
  cells: Array.from(t.querySelectorAll('tbody td')).map(td => td.innerText.trim()),
  row_headers: t.querySelectorAll('tbody th').length,
}))"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _internet_reachable() -> bool:
    """Can this process open a TCP connection to a public address (it must not)?"""
    try:
        with socket.create_connection(("1.1.1.1", 443), timeout=3):
            return True
    except OSError:
        return False


def _wait_for_server(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"jupyter lab did not answer {url} within {seconds} s")


def run(notebook: Path, screenshot: Path) -> dict[str, Any]:
    """Open ``notebook`` in JupyterLab, run it, and return what the page showed."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {"internet": _internet_reachable(), "requests": [], "console": []}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        for var, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ]:
            env[var] = os.path.join(tmp, sub)
        here = str(Path(__file__).resolve().parent)  # the tests: not on the kernel's path
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != here
        )
        log = open(os.path.join(tmp, "server.log"), "wb")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={notebook.parent}",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                _wait_for_server(f"{base}/api/status?token={TOKEN}", server, 60)
            except RuntimeError as exc:
                log.flush()
                tail = Path(tmp, "server.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{exc}; its log ends:\n{tail}") from None
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
                try:
                    seen.update(_drive(browser, f"{base}/lab/tree/{notebook.name}", screenshot))
                finally:
                    browser.close()
            seen["requests"] = [u for u in seen["requests"] if not u.startswith(base)]
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
            seen["server_log"] = Path(tmp, "server.log").read_text(errors="replace")[-3000:]
    return seen


def _drive(browser: Any, url: str, screenshot: Path) -> dict[str, Any]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    out: dict[str, Any] = {"requests": [], "console": []}
    page = browser.new_page(viewport={"width": 1300, "height": 1300})
    page.on("request", lambda r: out["requests"].append(r.url))
    page.on("console", lambda m: out["console"].append(f"{m.type}: {m.text}"))
    page.goto(f"{url}?token={TOKEN}")
    page.wait_for_function(
        f"() => {{ const s = ({_STATE_JS})(); return s && s.status === 'idle'; }}",
        timeout=60000,
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"""() => {{ const s = ({_STATE_JS})();
          return s && s.status === 'idle' && s.ran === s.cells; }}""",
        timeout=60000,
    )
    out["state"] = page.evaluate(_STATE_JS)
    with_marks = f"() => {{ const c = ({_CHARTS_JS})(); return c.length > 0 && "
    try:
        page.wait_for_function(with_marks + "c.every(x => x.svgs > 0); }", timeout=30000)
    except PlaywrightTimeout as exc:  # what was drawn is recorded below, the test asserts
        out["wait_error"] = str(exc).splitlines()[0]
    page.wait_for_timeout(500)
    out["charts"] = page.evaluate(_CHARTS_JS)
    out["tables"] = page.evaluate(_TABLES_JS)
    out["text"] = page.evaluate("() => document.body.innerText")
    page.screenshot(path=str(screenshot))
    # the explorer's Segment dropdown: a kernel round trip redraws its chart and table
    picked = page.evaluate("""() => {
      const box = Array.from(document.querySelectorAll('.widget-dropdown'))
        .find(d => d.innerText.trim().startsWith('Segment'));
      const sel = box && box.querySelector('select');
      if (!sel) { return null; }
      const last = sel.options[sel.options.length - 1];
      sel.value = last.value;
      sel.dispatchEvent(new Event('change', {bubbles: true}));
      return last.text;
    }""")
    out["picked"] = picked
    if picked is not None:
        before = json.dumps(out["tables"])
        try:
            page.wait_for_function(
                f"() => JSON.stringify(({_TABLES_JS})()) !== {json.dumps(before)} && "
                f"({_CHARTS_JS})().every(x => x.svgs > 0)",
                timeout=30000,
            )
        except PlaywrightTimeout as exc:
            out["pick_error"] = str(exc).splitlines()[0]
        page.wait_for_timeout(500)
        out["charts_after"] = page.evaluate(_CHARTS_JS)
        out["tables_after"] = page.evaluate(_TABLES_JS)
        page.screenshot(path=str(screenshot.with_name(screenshot.stem + "-picked.png")))
    return out


if __name__ == "__main__":
    nb, result, shot = (Path(a).resolve() for a in sys.argv[1:4])
    Path(result).write_text(json.dumps(run(nb, shot), indent=1), encoding="utf-8")
