"""The package's layers: no import cycles, no private names taken across modules.

Every ``import`` in a module counts, the lazy ones inside functions too (a
cycle hidden behind a lazy import is still a cycle), except

* imports under ``if TYPE_CHECKING:`` (they never run), and
* the body of a module ``__getattr__`` that warns with ``DeprecationWarning``:
  an old import path kept for one release, as the layout's deprecation rule says.

A private name is one with a leading underscore (not a dunder); modules whose
own name starts with an underscore (``_survtables``) are internal, but their
public names may be shared.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from cjresearch.core.paths import PACKAGE_DIR

ROOT = PACKAGE_DIR.parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = path.with_suffix("").relative_to(ROOT).parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _skipped(tree: ast.Module) -> set[int]:
    """ids of the nodes whose imports do not count (see the module docstring)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    for node in tree.body:
        if (
            isinstance(node, ast.FunctionDef)
            and node.name == "__getattr__"
            and "DeprecationWarning" in ast.unparse(node)
        ):
            skip |= {id(n) for n in ast.walk(node)}
    return skip


def _imports(name: str) -> Iterator[tuple[str, ast.ImportFrom | ast.Import, str | None]]:
    """(imported cjresearch module, node, the name taken from it or None) for every
    counted import of module ``name``."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    yield alias.name, node, None
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # ``from . import overview`` takes a module
                if f"{target}.{alias.name}" in MODULES:
                    yield f"{target}.{alias.name}", node, None
                elif target in MODULES:
                    yield target, node, alias.name


def _graph() -> dict[str, set[str]]:
    return {m: {t for t, _, _ in _imports(m) if t != m} for m in MODULES}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(v: str) -> list[str] | None:
        state[v] = 1
        stack.append(v)
        for w in sorted(graph[v]):
            if state.get(w) == 1:
                return stack[stack.index(w) :] + [w]
            if w not in state and (found := visit(w)):
                return found
        stack.pop()
        state[v] = 2
        return None

    for v in sorted(graph):
        if v not in state and (found := visit(v)):
            return found
    return None


def test_no_import_cycles() -> None:
    graph = _graph()
    edges = sum(len(v) for v in graph.values())
    print(f"{len(graph)} modules, {edges} import edges checked")
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_private_names_across_modules() -> None:
    taken = [
        f"{name} takes {target}.{what}"
        for name in MODULES
        for target, _, what in _imports(name)
        if target != name and what and what.startswith("_") and not what.startswith("__")
    ]
    assert not taken, "private names used across modules:\n" + "\n".join(taken)


def test_the_checker_sees_cycles_and_private_names(tmp_path: Path) -> None:
    """The checks can fail: a cycle through a lazy import is found."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n"
        "def __getattr__(n):\n    import y\n    warn(DeprecationWarning)\n"
        "def f():\n    import z\n"
    )
    skipped = _skipped(tree)
    kept = [
        n.names[0].name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import) and id(n) not in skipped
    ]
    assert kept == ["z"]


# The rooms in the order the data flows: a room imports only from rooms before it
# (and from itself). ``cjresearch`` itself is the package's front door.
ROOMS = [
    "core",
    "journey",
    "inputs",
    "engine",
    "survey",
    "timetoevent",
    "painpoints",
    "charts",
    "report",
    "sample",
]


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_lives_in_a_room() -> None:
    loose = sorted(
        m
        for m in MODULES
        if _room(m) not in ROOMS and m != "cjresearch" and not m.startswith("cjresearch._")
    )
    assert not loose, f"modules outside the rooms {ROOMS}: {loose}"


def test_rooms_import_only_rooms_before_them() -> None:
    order = {room: i for i, room in enumerate(ROOMS)}
    upward = [
        f"{m} imports {t}"
        for m, targets in _graph().items()
        if _room(m) in order
        for t in targets
        if _room(t) in order and order[_room(t)] > order[_room(m)]
    ]
    assert not upward, "imports against the data flow:\n" + "\n".join(sorted(upward))


def test_the_room_check_sees_an_upward_import() -> None:
    assert _room("cjresearch.core.columns") == "core"
    graph = {"cjresearch.core.stats": {"cjresearch.report.study"}}
    order = {room: i for i, room in enumerate(ROOMS)}
    assert any(order[_room(t)] > order[_room(m)] for m, ts in graph.items() for t in ts)


def test_old_module_paths_warn_and_give_the_new_modules() -> None:
    """Every path of the flat layout (before 0.2) imports the very module it moved to."""
    import importlib
    import subprocess
    import sys

    from cjresearch._moved import MOVED

    for old, new in MOVED.items():
        assert new in MODULES, f"{old} points at {new}, which does not exist"
    # a fresh interpreter: the old names must not be imported already
    code = (
        "import importlib, warnings\n"
        "from cjresearch._moved import MOVED\n"
        "for old, new in MOVED.items():\n"
        "    with warnings.catch_warnings(record=True) as w:\n"
        "        warnings.simplefilter('always')\n"
        "        assert importlib.import_module(old) is importlib.import_module(new), old\n"
        "    assert any(issubclass(x.category, DeprecationWarning) and new in str(x.message)\n"
        "               for x in w), old\n"
        "import cjresearch.sections.overview as a, cjresearch.report.sections.overview as b\n"
        "assert a is b\n"
        "print(len(MOVED))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(MOVED) > 40
    assert importlib.import_module("cjresearch.survey").score.__module__ == (
        "cjresearch.survey.scores"
    )


def _private_attributes(tree: ast.Module) -> set[str]:
    """Private names a module defines on its objects (methods, ``self._x = ...``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            found.add(node.attr)
        elif isinstance(node, (ast.AnnAssign, ast.Assign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found |= {t.id for t in targets if isinstance(t, ast.Name)}
    return {n for n in found if n.startswith("_") and not n.startswith("__")}


def _reached_private_attributes(tree: ast.Module, own: set[str]) -> list[tuple[int, str]]:
    """``x._name`` where ``x`` is not ``self``/``cls`` and ``_name`` is not this module's."""
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            and node.attr not in own
        ):
            out.append((node.lineno, ast.unparse(node)))
    return out


def test_no_private_attributes_reached_across_modules() -> None:
    """An object's underscore attributes belong to the module that defines them
    (``EventLog._prefix`` read by the engine's preparation module was one)."""
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}
    defined = {name: _private_attributes(tree) for name, tree in trees.items()}
    everywhere = set().union(*defined.values())
    reached = [
        f"{name}:{line}: {expr}"
        for name, tree in trees.items()
        for line, expr in _reached_private_attributes(tree, defined[name])
        if expr.rsplit(".", 1)[1] in everywhere  # a package object's, not a library's
    ]
    assert not reached, "private attributes used outside their module:\n" + "\n".join(reached)


def test_the_private_attribute_check_sees_one() -> None:
    owner = ast.parse("class Log:\n    def __init__(self):\n        self._prefix = 'x'\n")
    user = ast.parse("def prep(log):\n    return log._prefix + 'raw'\n")
    assert _private_attributes(owner) == {"_prefix"}
    assert _reached_private_attributes(user, _private_attributes(user)) == [(2, "log._prefix")]
