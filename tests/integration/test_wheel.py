"""The built wheel works with no checkout around: profiles, the world layer, the
lexicons and the notebooks are package data."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ..conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # The dependencies' data (nbconvert's templates) stay where they were installed.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel built from this checkout; its dependencies come
    from the test's own environment (a path in a .pth file, so the checkout's editable
    install is not seen)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy of the tracked tree: building writes nothing here
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        work / "dist",
        source,
        cwd=work,
    )
    wheel = next((work / "dist").glob("workbench-*.whl"))
    venv = work / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=work)
    python = venv / "bin" / "python"
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work
    )
    dependencies = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    Path(purelib.stdout.strip(), "dependencies.pth").write_text("\n".join(dependencies) + "\n")
    run(python, "-m", "pip", "install", "--no-deps", "-q", wheel, cwd=work)
    return venv


def test_the_wheel_holds_the_package_data(installed):
    code = (
        "import workbench, pathlib; from workbench.profile.library import available_profiles; "
        "from workbench.present.html_report import NOTEBOOKS; "
        "print(pathlib.Path(workbench.__file__).parent); print(available_profiles()); "
        "print(sorted(p.name for p in NOTEBOOKS.glob('*.ipynb')))"
    )
    out = run(installed / "bin" / "python", "-c", code, cwd=installed).stdout.splitlines()
    assert Path(out[0]).is_relative_to(installed)  # the wheel, not the checkout
    assert "karabakh" in out[1] and "russia_ukraine" in out[1]
    assert "01_corpus_overview.ipynb" in out[2]


def test_annotate_and_report_run_from_the_wheel(installed, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    workbench = installed / "bin" / "workbench"
    result = run(workbench, "annotate", corpus, "--out", tmp_path / "out", cwd=tmp_path)
    assert "annotated 5 articles" in result.stdout
    assert (tmp_path / "out" / "statements.parquet").stat().st_size > 0
    run(workbench, "report", "--corpus", corpus, "--out", tmp_path / "report", cwd=tmp_path)
    assert (tmp_path / "report" / "index.html").exists()
    assert len(list((tmp_path / "report").glob("0*.html"))) == 4
