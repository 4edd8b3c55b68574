"""The caches' code fingerprints cover whole rooms of the package: editing any file under
the rooms a cache depends on invalidates it, editing anywhere else does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import workbench
from workbench.storage.files import (
    ANNOTATION_ROOMS,
    LOADING_ROOMS,
    code_fingerprint,
    tree_fingerprint,
)

PACKAGE = Path(workbench.__file__).parent


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the installed package to edit."""
    copy = tmp_path / "workbench"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def fingerprints(root: Path) -> tuple[str, str]:
    return tree_fingerprint(root, ANNOTATION_ROOMS), tree_fingerprint(root, LOADING_ROOMS)


def test_the_installed_package_is_fingerprinted_as_its_files():
    assert code_fingerprint() == tree_fingerprint(PACKAGE, ANNOTATION_ROOMS)
    assert code_fingerprint(LOADING_ROOMS) == tree_fingerprint(PACKAGE, LOADING_ROOMS)


@pytest.mark.parametrize(
    ("edited", "annotation_changes", "loading_changes"),
    [
        ("annotation/attribution.py", True, False),
        ("annotation/speakers.py", True, False),
        ("profile/world.py", True, False),
        ("resources/acts.yaml", True, True),
        ("core/schema.py", True, True),
        ("ingest/clean.py", False, True),
        ("ingest/readers/tables.py", False, True),
        ("present/charts/coverage.py", False, False),
        ("analysis/timeseries.py", False, False),
        ("cli.py", False, False),
    ],
)
def test_editing_a_file_invalidates_exactly_the_caches_that_read_it(
    package, edited, annotation_changes, loading_changes
):
    before = fingerprints(package)
    edit(package / edited)
    annotation, loading = fingerprints(package)
    assert (annotation != before[0], loading != before[1]) == (annotation_changes, loading_changes)


def test_a_new_module_in_a_new_subpackage_counts(package):
    before = fingerprints(package)
    (package / "annotation" / "extra").mkdir()
    (package / "annotation" / "extra" / "rules.py").write_text("RULE = 1\n", encoding="utf-8")
    assert fingerprints(package)[0] != before[0]


def test_compiled_caches_do_not_count(package):
    before = fingerprints(package)
    (package / "annotation" / "__pycache__").mkdir(exist_ok=True)
    (package / "annotation" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprints(package) == before
