"""Project paths, built in one place from the package location."""
from __future__ import annotations

from pathlib import Path

__all__ = [
           "DATA_DIR",
           "NOTEBOOKS_DIR",
           "PACKAGE_DIR",
           "PRESETS_DIR",
           "PROJECT_DIR",
           "REPORTS_DIR",
           "SAMPLE_DIR",
]

PACKAGE_DIR = Path(__file__).resolve().parent
PRESETS_DIR = PACKAGE_DIR / "presets"
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
SAMPLE_DIR = DATA_DIR / "sample"
REPORTS_DIR = PROJECT_DIR / "reports"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
