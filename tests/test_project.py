"""Project hygiene: environment.yml agrees with pyproject, notebooks are logic- and output-free."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import yaml

from cjresearch.core.paths import NOTEBOOKS_DIR, PROJECT_DIR

# conda-forge names that differ from the PyPI names
CONDA_TO_PYPI = {"python-duckdb": "duckdb"}
NOT_PYTHON_PACKAGES = {"python", "pip", "openjdk"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(spec: str) -> str:
    return re.sub(r"\s+", "", spec.split(";")[0].split("#")[0]).lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    wanted = {_spec(d) for d in project["project"]["dependencies"]}
    wanted |= {_spec(d) for d in project["dependency-groups"]["dev"]}
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    listed = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= {_spec(d) for d in dep["pip"] if not d.startswith("-e")}
        elif _name(dep) not in NOT_PYTHON_PACKAGES:
            name = _name(dep)
            spec = _spec(dep).replace(name, CONDA_TO_PYPI.get(name, name), 1)
            listed.add(re.sub(r"^([a-z0-9.-]+)=(?!=)", r"\1==", spec))
    assert {_name(s) for s in listed} == {_name(s) for s in wanted}
    assert listed == wanted  # same version ranges too


def test_notebooks_have_no_outputs_and_no_logic():
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    for path in notebooks:
        nb = json.loads(path.read_text())
        tags = [c.get("metadata", {}).get("tags", []) for c in nb["cells"]]
        assert any("parameters" in t for t in tags), f"{path.name}: no 'parameters' cell"
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            assert not cell.get("outputs"), f"{path.name}: committed with outputs"
            assert not re.search(
                r"^\s*(def|class)\s|^\s*for .+:\s*$|^\s*while\s", src, re.MULTILINE
            ), f"{path.name}: logic in a notebook cell: {src[:60]!r}"


def test_atomic_path_replaces_whole_or_leaves_the_old_file(tmp_path):
    """One helper writes every file that must appear whole (report, study, sample)."""
    import stat

    from cjresearch.core.paths import _umask, atomic_path, atomic_write

    target = tmp_path / "report.html"
    atomic_write(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError("killed while writing")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    with atomic_path(tmp_path / "study.pkl", mode=0o600) as tmp:
        tmp.write_bytes(b"rows")
    assert stat.S_IMODE((tmp_path / "study.pkl").stat().st_mode) == 0o600
