"""Shared fixtures (keep this file small)."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def artifacts_dir() -> Path:
    """tests/artifacts/ (gitignored) for screenshots and other test output."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
