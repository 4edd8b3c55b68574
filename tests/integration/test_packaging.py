"""Set-up: pyproject and environment.yml agree, the README's commands exist, CI calls them."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from ..conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert conda == runtime
    assert "-e ." in pip


def test_python_requirement_and_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"]["workbench"] == "workbench.cli:main"
    for named in ("pandas", "plotly", "ipywidgets", "nltk", "jupyterlab"):
        assert named in {_name(r) for r in project["dependencies"]}


def test_readme_makefile_and_ci_agree():
    readme = (ROOT / "README.md").read_text()
    assert "make report" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text()
    for target in ("report", "test", "lab", "lint", "bench"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_top_level_layout():
    for name in (
        "pyproject.toml",
        "environment.yml",
        "notebooks",
        "workbench",
        "tests",
        "data",
        "README.md",
        "Makefile",
        ".ci/run",
        "CHANGELOG.md",
    ):
        assert (ROOT / name).exists(), name
    assert (ROOT / "data" / "articles" / "README.md").exists()


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make"
)
def test_fresh_clone_make_report(tmp_path):
    """A fresh clone, `make report` from nothing: venv, install, sample corpus loaded."""
    if subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True
    ).returncode:
        pytest.skip("not a git checkout with commits")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    result = subprocess.run(
        ["make", "report"], cwd=clone, capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "annotated 5 articles" in result.stdout
    for table in ("articles", "mentions", "statements"):
        assert (clone / "output" / f"{table}.parquet").exists()
    assert (clone / ".venv" / "bin" / "workbench").exists()
