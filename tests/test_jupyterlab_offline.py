"""Charts and explorers draw in a real JupyterLab with no network at all.

A small notebook calls :func:`cjresearch.charts.enable_offline`, shows a chart
of :mod:`cjresearch.charts` and a :class:`~cjresearch.charts.widgets.ScoreExplorer`.
tests/labrun.py runs JupyterLab, its kernel and Chromium inside a network
namespace whose only interface is its own loopback, runs every cell through
JupyterLab's UI, and reports what the page drew.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cjresearch.core.paths import PACKAGE_DIR, SAMPLE_DIR

TESTS = Path(__file__).resolve().parent

CELLS = [
    (
        "import pandas as pd\n"
        "import cjresearch.charts as charts\n"
        "from cjresearch.charts.widgets import ScoreExplorer\n"
        "from cjresearch.core.paths import SAMPLE_DIR\n"
        "from cjresearch.survey.scores import nps\n"
        "charts.enable_offline()"
    ),
    (
        "responses = pd.read_csv(SAMPLE_DIR / 'survey.csv')\n"
        "charts.score_chart(nps(responses, by='stage'), group='stage')"
    ),
    "ScoreExplorer(responses, design={'weights': 'weight'}, language='ro')",
    (
        "from cjresearch.report.display import show\n"
        "show(charts.score_chart(nps(responses, by='wave'), group='wave'))"
    ),
]


def _offline_prefix() -> list[str] | None:
    """``unshare -n`` (as root) or ``unshare -n -r`` (a user namespace), if one works."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return None
    for prefix in (["unshare", "-n"], ["unshare", "-n", "-r"]):
        done = subprocess.run(
            [*prefix, "sh", "-c", "ip link set lo up"], capture_output=True, check=False
        )
        if done.returncode == 0:
            return prefix
    return None


@pytest.mark.slow
def test_charts_and_explorer_draw_in_jupyterlab_without_network(
    tmp_path: Path, artifacts_dir: Path
) -> None:
    import nbformat
    from browser import CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM}")
    prefix = _offline_prefix()
    if prefix is None:
        pytest.skip("no network namespace: 'unshare -n' does not work here")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "offline.ipynb"
    nbformat.write(nb, str(path))
    result = artifacts_dir / "jupyterlab-offline.json"
    result.unlink(missing_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PACKAGE_DIR.parent), str(TESTS), env.get("PYTHONPATH", "")]
    )
    # its own session, so that a hung run is stopped with everything it started
    proc = subprocess.Popen(
        [
            *prefix,
            "sh",
            "-c",
            'ip link set lo up && exec "$0" "$@"',
            sys.executable,
            str(TESTS / "labrun.py"),
            str(path),
            str(result),
            str(artifacts_dir / "jupyterlab-offline.png"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = proc.communicate(timeout=110)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("JupyterLab and Chromium took more than 110 s")
    assert proc.returncode == 0, stderr[-3000:]
    seen = json.loads(result.read_text(encoding="utf-8"))
    log = f"\nserver log:\n{seen['server_log']}\nconsole:\n" + "\n".join(seen["console"])

    # nothing could leave the machine, and nothing tried to
    assert seen["internet"] is False
    assert seen["requests"] == [], seen["requests"]
    # every cell ran; the three charts drew marks: the notebook's (altair's renderer),
    # the explorer's (inside its output widget) and a report block of show()
    assert seen["state"]["ran"] == seen["state"]["cells"] == len(CELLS), seen["state"]
    charts = seen["charts"]
    kinds = [(c["kind"].split()[0], c["in_widget"]) for c in charts]
    assert kinds == [("cjr-nb-chart", False), ("cjr-nb-chart", True), ("cjr-chart", False)], (
        json.dumps(charts) + log
    )
    assert all(c["svgs"] == 1 and c["marks"] >= 20 for c in charts), json.dumps(charts) + log
    assert "2025-Q1" in charts[2]["text"] and "advocacy" in charts[0]["text"]
    for bad in ("Error loading script", "Vega is not loaded", "could not be drawn", "drawn in"):
        assert bad not in seen["text"], bad + log
    # the explorer's table reads like the report's: labels, no index, da/nu, not True/False
    (table,) = seen["tables"]
    assert table["row_headers"] == 0 and table["headers"][0] == "Etapă"
    assert {"Estimare", "IÎ 95% inf.", "Bază mică"} <= set(table["headers"]), table["headers"]
    assert "small_base" not in table["headers"] and "estimate" not in table["headers"]
    assert not {"True", "False"} & set(table["cells"])
    assert "nu" in table["cells"]
    # a segment picked in the browser goes through the kernel: chart and table redrawn for
    # that segment's respondents (some of its stages have small bases: "da")
    assert "pick_error" not in seen, seen.get("pick_error")
    responses = pd.read_csv(SAMPLE_DIR / "survey.csv")
    (after,) = seen["tables_after"]
    width = len(after["headers"])
    n = [int(v) for v in after["cells"][after["headers"].index("n") :: width]]
    assert sum(n) == int((responses["segment"] == seen["picked"]).sum()) < len(responses)
    assert "da" in after["cells"] and not {"True", "False"} & set(after["cells"])
    assert all(c["svgs"] == 1 and c["marks"] >= 20 for c in seen["charts_after"])
