"""The package's layout holds: no import cycles, dependencies flow one way between the
rooms, only ``corpus.py`` builds a Corpus, modules stay small, and importing is cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"

# What each room may import (besides itself). The top level (``workbench``,
# ``corpus``, ``cli``, ``__main__``) composes the rooms and may import any of them.
ALLOWED = {
    "core": set(),
    "profile": {"core"},
    "ingest": {"core"},
    "annotation": {"core", "profile"},
    "corrections": {"core", "profile", "annotation"},
    "storage": {"core", "profile", "ingest", "annotation"},
    "scale": {"core", "profile", "ingest", "annotation", "storage"},
    "analysis": {"core", "profile"},
    "present": {"core", "profile", "annotation", "corrections", "analysis"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports anywhere in its code (functions too), except
    under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for node in ast.walk(branch)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
            found.add(next((t for t in targets if t in MODULES), module))
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {m for m in found if m in MODULES and m != name}


GRAPH = nx.DiGraph([(m, t) for m, p in MODULES.items() for t in imported(m, p)])


def room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else None


def test_the_rooms_are_all_known():
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms == set(ALLOWED)


def test_there_are_no_import_cycles():
    cycles = [" -> ".join(c) for c in nx.simple_cycles(GRAPH)]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_dependencies_flow_one_way_between_rooms():
    wrong = [
        f"{a} imports {b}"
        for a, b in GRAPH.edges
        if room(a) is not None and room(b) != room(a) and room(b) not in ALLOWED[room(a)]
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_corpus_module_builds_a_corpus():
    builders = [
        name
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Corpus"
    ]
    assert set(builders) == {"workbench.corpus"}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_under_500_lines(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines < 500, f"{name} has {lines} lines: split it by responsibility"


def test_importing_workbench_is_cheap():
    """No widgets, charts or notebook machinery at import, and no change to NLTK's data path."""
    code = (
        "import sys, nltk; before = list(nltk.data.path); import workbench; "
        "heavy = [m for m in ('ipywidgets', 'plotly', 'nbclient', 'distributed', 'duckdb', "
        "'pandas', 'yaml') "
        "if m in sys.modules]; "
        "print(heavy, nltk.data.path == before)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.split() == ["[]", "True"]


def test_every_imported_package_is_declared():
    """A third-party import of the package is a dependency in pyproject.toml."""
    import importlib.metadata
    import re
    import tomllib

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        re.split(r"[\[<>=! ]", d, maxsplit=1)[0].lower().replace("_", "-")
        for d in pyproject["project"]["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    imported = {
        node.module.split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name.split(".")[0]
        for path in MODULES.values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0)
        for alias in node.names
        if not isinstance(node, ast.ImportFrom) or node.module
    }
    third_party = imported - set(sys.stdlib_module_names) - {"workbench"}
    missing = {
        name: distributions.get(name)
        for name in third_party
        if not {d.lower().replace("_", "-") for d in distributions.get(name, [name])} & declared
    }
    assert not missing, f"imported but not declared: {missing}"


def test_the_package_list_in_pyproject_is_every_package_folder():
    import tomllib

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    folders = {module_name(p) for p in PACKAGE.rglob("__init__.py")}
    shipped = {"workbench.resources", "workbench.profile.profiles", "workbench.notebooks"}
    assert listed == folders | shipped


def test_the_public_names_are_the_lazy_entry_points():
    import workbench

    # A room named like a public function would replace it once imported.
    assert not set(ALLOWED) & set(workbench.__all__)
    entry_points = {name for name, (_, attribute) in workbench._LAZY.items() if attribute}
    assert set(workbench.__all__) == entry_points | {"__version__"}
    for name in workbench.__all__:
        assert getattr(workbench, name) is not None
