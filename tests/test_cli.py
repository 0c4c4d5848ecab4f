"""The cjresearch command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cjresearch.cli import build_parser, main


def test_parser_requires_a_command() -> None:
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args([])
    assert info.value.code == 2


def test_missing_config_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "no/such/report.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cjresearch: error: no/such/report.yaml: report configuration "
                          "not found")
    assert "Traceback" not in err


def test_unknown_key_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "r.yaml"
    cfg.write_text(yaml.safe_dump({"client": "X", "sections": ["overview"], "perod": "2025"}))
    assert main(["report", str(cfg), "--out", str(tmp_path / "out")]) == 2
    assert "unknown key 'perod'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_console_script_builds_report(tmp_path: Path) -> None:
    """The installed entry point runs end to end and reports where it wrote."""
    from test_report import OK_CELLS, write_nb

    (tmp_path / "events.csv").write_text("customer_id,event\nC1,ad_click\n")
    write_nb(tmp_path / "ok.ipynb", *OK_CELLS, params="language = 'en'\nevents = 'x.csv'")
    cfg = tmp_path / "r.yaml"
    cfg.write_text(yaml.safe_dump({"client": "X", "data": {"events": "events.csv"},
                                   "sections": ["ok.ipynb"]}))
    exe = Path(sys.executable).parent / "cjresearch"
    done = subprocess.run([str(exe), "report", str(cfg), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Report written to {tmp_path / 'out' / 'report.html'}"
    assert "C1,ad_click" in (tmp_path / "out" / "report.html").read_text()
