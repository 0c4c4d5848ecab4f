"""The cjresearch command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cjresearch.core.formats import period
from cjresearch.core.i18n import column_label
from cjresearch.report.cli import build_parser, main


def test_parser_requires_a_command() -> None:
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args([])
    assert info.value.code == 2


def test_missing_config_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "no/such/report.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cjresearch: error: no/such/report.yaml: report configuration not found")
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
    cfg.write_text(
        yaml.safe_dump({"client": "X", "data": {"events": "events.csv"}, "sections": ["ok.ipynb"]})
    )
    exe = Path(sys.executable).parent / "cjresearch"
    done = subprocess.run(
        [str(exe), "report", str(cfg), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Report written to {tmp_path / 'out' / 'report.html'}"
    assert "C1,ad_click" in (tmp_path / "out" / "report.html").read_text()


# -- batches ---------------------------------------------------------------------------
@pytest.mark.slow
def test_batch_isolates_failures_and_speaks_each_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Four clients: Romanian and Bulgarian reports of the sample, one with broken data,
    one with a broken configuration.  The good ones are built, the summary says why
    the others failed (notebook, cell, cause), the exit status is 1."""
    import pandas as pd

    from cjresearch.core.paths import SAMPLE_DIR

    broken = tmp_path / "broken"
    broken.mkdir()
    events = pd.read_parquet(SAMPLE_DIR / "events.parquet")
    events.loc[[5, 17], "event"] = "teleport"  # not in the journey definition
    events.to_parquet(broken / "events.parquet")
    batch = {
        "base": str(SAMPLE_DIR / "report.yaml"),
        "reports": [
            {"client": "Client RO", "id": "client-ro", "language": "ro", "sections": ["overview"]},
            {"client": "Client BG", "id": "client-bg", "language": "bg", "sections": ["overview"]},
            {
                "client": "Client broken",
                "id": "client-broken",
                "sections": ["overview"],
                "data": {"events": "broken/events.parquet"},
            },
            {"client": "Client typo", "id": "client-typo", "langauge": "pl"},
        ],
    }
    (tmp_path / "batch.yaml").write_text(yaml.safe_dump(batch, allow_unicode=True))
    out = tmp_path / "out"
    status = main(["batch", str(tmp_path / "batch.yaml"), "--out", str(out), "--no-progress"])
    summary = capsys.readouterr().out
    assert status == 1
    lines = summary.strip().splitlines()
    assert lines[0].startswith("Built 2 of 4 reports")
    assert lines[1].startswith(f"  built   client-ro: {out / 'client-ro' / 'report.html'}")
    assert lines[2].startswith(f"  built   client-bg: {out / 'client-bg' / 'report.html'}")
    # bad input fails while the study is read, before any notebook runs
    assert lines[3].startswith(
        "  FAILED  client-broken: events.parquet, column 'event': 1 event "
        "names are not in the journey definition: 'teleport' (2 rows)"
    )
    assert lines[4].startswith("  FAILED  client-typo: ") and "'langauge' -> 'language'" in lines[4]
    assert "Traceback" not in summary
    assert sorted(p.name for p in out.iterdir()) == ["client-bg", "client-ro"]  # nothing ran
    assert not (out / "client-broken" / "report.html").exists()  # nothing half-written

    # the Romanian and Bulgarian reports carry translated fixed texts and stage labels
    expected = {
        "ro": [
            "Raport privind parcursul clienților",
            "Cuprins",
            "Perioada: " + period("2025-01 to 2025-12", "ro"),  # as Romanian writes it
            "Despre acest raport",
            "Fișiere de intrare (SHA-256)",
            "<th>Sursă</th>",
            "<th>Indicator</th>",
            "<th>Estimare</th>",
            "<th>Bază</th>",
            "Conversia în fiecare etapă din etapa anterioară",
            "Trecerea la etapa următoare în 90 de zile",
            "Conștientizare",
            "Achiziție",
        ],
        "bg": [
            "Доклад за пътя на клиента",
            "Съдържание",
            "Период: " + period("2025-01 to 2025-12", "bg"),
            "За този доклад",
            "Входни файлове (SHA-256)",
            "<th>Източник</th>",
            "<th>Показател</th>",
            "<th>Оценка</th>",
            "<th>База</th>",
            "Преминаване към всеки етап от предходния",
            "Преминаване към следващия етап до 90 дни",
            "Осведоменост",
            "Покупка",
        ],
    }
    for lang, texts in expected.items():
        page = (out / f"client-{lang}" / "report.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
        # spec JSON escapes nothing but <, >, & -- the labels appear verbatim
        missing = [t for t in texts if t not in page]
        assert missing == [], (lang, missing)
        assert "Awareness" not in page and "Conversion from previous stage" not in page
        # exported tables keep the data (full precision) under headers in the report language
        header = (out / f"client-{lang}" / "tables" / "funnel.csv").read_text().splitlines()[0]
        raw = ["stage", "n", "base", "estimate", "ci_low", "ci_high", "share", "n_inferred"]
        assert header == ",".join(column_label(c, lang) for c in [*raw, "definition"])


@pytest.mark.slow
@pytest.mark.xdist_group("batch-50")
def test_a_batch_of_50_clients_keeps_memory_bounded_and_survives_a_dying_kernel(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """50 small clients in one `cjresearch batch`: client 7's kernel dies mid-notebook;
    it is reported as failed and the other 49 are written.  The runner's memory after
    50 reports stays within 200 MB of its memory after 10 (no growth per client)."""
    from test_report import write_nb

    write_nb(tmp_path / "small.ipynb", "print(len(open(events).read()))", params="events = 'x'")
    write_nb(tmp_path / "dies.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    (tmp_path / "events.csv").write_text("customer_id,event\nC1,ad_click\n")
    configs = []
    for i in range(50):
        cfg = tmp_path / f"client{i:02d}.yaml"
        section = "dies.ipynb" if i == 7 else "small.ipynb"
        cfg.write_text(
            yaml.safe_dump(
                {
                    "client": f"Client {i}",
                    "id": f"c{i:02d}",
                    "data": {"events": "events.csv"},
                    "sections": [section],
                }
            )
        )
        configs.append(str(cfg))
    # the runner reports its own peak memory after 10 and after 50 clients
    probe = (
        "import resource, sys\n"
        "from cjresearch.report.cli import build_batch\n"
        "peaks = []\n"
        "for part in (sys.argv[2:12], sys.argv[12:]):\n"
        "    results = build_batch(part, out=sys.argv[1], progress=False)\n"
        "    print(*(r.name + ('' if r.ok else ' FAILED: ' + r.error) for r in results), sep='\\n')\n"
        "    peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "print('PEAKS', *peaks)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "out"), *configs],
        capture_output=True, text=True, timeout=1500, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    failed = [ln for ln in lines if " FAILED: " in ln]
    assert len(failed) == 1 and "07" in failed[0].split(" FAILED")[0], failed
    written = sorted(p.parent.name for p in (tmp_path / "out").glob("c*/report.html"))
    assert len(written) == 49 and "c07" not in written
    after_10, after_50 = (int(v) for v in lines[-1].split()[1:])  # kB
    assert after_50 - after_10 < 200_000, (after_10, after_50)
    request.node.user_properties.append(("fault points", 1))
