"""Sphinx configuration: the API reference from the numpydoc docstrings, the README as the
guide, and the section notebooks as worked examples, built offline (``make docs``)."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))  # the package of this checkout, not an installed copy

import cjresearch

project = "cjresearch"
author = "cjresearch developers"
copyright = "cjresearch developers"
release = version = cjresearch.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",  # numpy-style docstrings (Parameters, Returns, Examples)
    "sphinx.ext.viewcode",
    "myst_nb",  # Markdown pages and the notebooks (myst-parser comes with it)
]

# CONTRACTS.md is contributors' notes on internal interfaces, not for researchers;
# examples/notebooks/*.ipynb are copies made below and their folder is not committed.
exclude_patterns = ["_build", "CONTRACTS.md", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}

# --- the API reference ------------------------------------------------------------------
autosummary_generate = True  # reference/generated/*.rst, rewritten by every build
# `python -m cjresearch.sample` runs the generator's command line when imported: mocked, so
# that the recursive listing (which imports every module) skips it instead of running it
autosummary_mock_imports = ["cjresearch.sample.__main__"]
autosummary_imported_members = False  # a room's re-exports are documented where they live


def _own_public_members() -> dict[str, list[str]]:
    """Per module with ``__all__``: the names in it that the module defines itself.

    ``__all__`` is the public API, but some modules list a name they import (the sample
    generator re-exports the simulator's configs, ``timetoevent.progression`` the
    durations): autodoc would describe those twice.  They are documented where they are
    defined; _templates/autosummary/module.rst passes this list to ``:members:``.
    """
    own: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(cjresearch.__path__, "cjresearch."):
        if info.ispkg or info.name.endswith(".__main__") or info.name == "cjresearch._moved":
            continue
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is None:
            continue  # autodoc skips imported names by itself there
        own[info.name] = [
            n
            for n in names
            if not (inspect.isfunction(v := getattr(module, n)) or inspect.isclass(v))
            or v.__module__ == info.name
        ]
    return own


autosummary_context = {"own_members": _own_public_members()}
autodoc_default_options = {  # `:members:` is set by _templates/autosummary/module.rst
    "show-inheritance": True,
    "member-order": "bysource",
}
# type hints in the signature, one parameter a line when long ("description" would append
# them after a docstring's Examples where the docstring has no Parameters section)
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
python_maximum_signature_line_length = 90
autodoc_class_signature = "separated"
autodoc_preserve_defaults = True  # `unit="auto"`, not the evaluated default
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True
# Types written in docstrings ("DataFrame", "str, optional", "alt.Chart") are prose for the
# reader, not targets: with no intersphinx inventories (nothing is downloaded at build
# time) pandas, numpy and altair names cannot resolve, so missing targets are not reported.
nitpicky = False

# --- notebooks and Markdown --------------------------------------------------------------
nb_execution_mode = "off"  # the notebooks are committed without outputs and shown as such
myst_heading_anchors = 3  # links to the README's sections: guide.md#the-event-engine

# --- HTML ----------------------------------------------------------------------------------
html_theme = "furo"  # its fonts, CSS and JS are in the package: the pages work offline
html_title = f"cjresearch {release}"
html_static_path: list[str] = []
html_show_sourcelink = False

# --- the worked examples: notebooks/ copied in with a title and a note ---------------------
EXAMPLES = {
    "overview": (
        "Overview: the inputs, the funnel and the steps",
        "cjresearch.report.sections.overview",
    ),
    "survey": (
        "Survey: scores, comparisons, drivers and comments",
        "cjresearch.report.sections.survey",
    ),
    "progression": (
        "Progression: conversion and waiting times between stages",
        "cjresearch.report.sections.progression",
    ),
    "painpoints": (
        "Pain points: drop-off, paths, touchpoints and the journey map",
        "cjresearch.report.sections.painpoints",
    ),
}


def _copy_notebooks() -> None:
    """Copy each section notebook to ``examples/notebooks/`` with a title cell on top.

    The notebooks themselves carry no Markdown (each part shows its own heading in the
    report language), so the title and the note live here; the copies are written only
    when they change, so that an unchanged notebook is not read again.
    """
    found = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    if found != set(EXAMPLES):
        raise RuntimeError(
            f"docs/conf.py EXAMPLES lists {sorted(EXAMPLES)} but notebooks/ holds "
            f"{sorted(found)}: give each section notebook a title there (and a line in "
            "docs/examples/index.md)"
        )
    out = DOCS / "examples" / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    for name, (title, module) in EXAMPLES.items():
        nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        intro = (
            f"# {title}\n\n"
            f"The `notebooks/{name}.ipynb` section notebook, shown **without executing it**: "
            "the notebooks are committed without outputs, so no tables or charts appear here. "
            "Run `make report` for the sample client's report, or open the notebook in "
            "JupyterLab and run it.\n\n"
            "The first cell holds the parameters that papermill replaces when the report is "
            f"built; each later cell calls one part of {{py:mod}}`{module}`."
        )
        cell = {"cell_type": "markdown", "id": f"{name}-docs", "metadata": {}, "source": intro}
        nb["cells"] = [cell, *nb["cells"]]
        text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        target = out / f"{name}.ipynb"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


_copy_notebooks()
