"""Helpers for opening reports in headless Chromium with every network request blocked.

Uses Debian's Chromium (/usr/bin/chromium) through playwright; playwright never
downloads a browser here.  Where ``unshare -n`` works, Chromium is started in a
network namespace without any interface, so even a request that slipped past
route interception could not leave the machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Counts the drawn charts: for every spec block, does its chart div hold exactly one
# svg or canvas (vega-embed draws one per view)?
_COUNT_JS = """() => {
  const specs = document.querySelectorAll('script.cjr-spec');
  const drawn = Array.from(specs).map(s => {
    const div = document.getElementById(s.id.replace(/-spec$/, ''));
    return div ? div.querySelectorAll(':scope svg.marks, :scope canvas.marks').length : -1;
  });
  return {specs: specs.length, drawn: drawn};
}"""


@dataclass
class PageCheck:
    """What the browser saw."""

    specs: int = 0
    drawn: list[int] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    tooltip: str = ""
    extra: Any = None


def unshare_works() -> bool:
    """True when ``unshare -n`` can start a process without network."""
    if shutil.which("unshare") is None:
        return False
    try:
        return (
            subprocess.run(
                ["unshare", "-n", "-r", "true"], capture_output=True, timeout=10, check=False
            ).returncode
            == 0
            or subprocess.run(
                ["unshare", "-n", "true"], capture_output=True, timeout=10, check=False
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def _unshare_wrapper(directory: str) -> str:
    """A script that runs Chromium inside ``unshare -n``."""
    root = (
        subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0
    )
    prefix = "unshare -n" if root else "unshare -n -r"
    path = os.path.join(directory, "chromium-offline")
    with open(path, "w") as fh:
        fh.write(f'#!/bin/sh\nexec {prefix} {CHROMIUM} "$@"\n')
    os.chmod(path, 0o755)
    return path


def check_page(
    html_file: Path,
    *,
    screenshot: Path | None = None,
    offline_namespace: bool = False,
    wait_ms: int = 15000,
    hover: bool = False,
    full_page: Path | None = None,
    then: Callable[[Any], Any] | None = None,
    viewport: tuple[int, int] = (1200, 900),
) -> PageCheck:
    """Open ``html_file``, block and record non-file requests, count drawn charts.

    ``screenshot`` keeps the first screen, ``full_page`` the whole page.  With
    ``hover``, the mouse rests on the first bar of the first chart and the
    text of Vega's tooltip is recorded.  ``then(page)`` runs last; its result
    is kept in ``extra``.  ``viewport`` is the window's width and height in pixels.
    """
    from playwright.sync_api import sync_playwright

    result = PageCheck()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        exe = _unshare_wrapper(tmp) if offline_namespace else CHROMIUM
        browser = pw.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})

            def route(r: Any) -> None:
                if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                    r.continue_()
                else:
                    result.blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on(
                "console",
                lambda m: result.console_errors.append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: result.page_errors.append(str(e)))
            page.goto(html_file.resolve().as_uri())
            with contextlib.suppress(Exception):  # charts not drawn are counted below
                page.wait_for_function(
                    f"() => {{ const r = ({_COUNT_JS})(); return r.drawn.every(n => n > 0); }}",
                    timeout=wait_ms,
                )
            page.wait_for_timeout(300)
            counts = page.evaluate(_COUNT_JS)
            result.specs, result.drawn = counts["specs"], counts["drawn"]
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
            if full_page is not None:
                page.screenshot(path=str(full_page), full_page=True)
            if hover:
                bar = page.query_selector(".cjr-chart svg .mark-rect path")
                if bar is not None:
                    bar.hover()
                    page.wait_for_timeout(500)
                    tip = page.query_selector("#vg-tooltip-element")
                    result.tooltip = tip.inner_text() if tip is not None else ""
            if then is not None:
                result.extra = then(page)
        finally:
            browser.close()
    return result
