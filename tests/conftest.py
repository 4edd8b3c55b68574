"""Shared fixtures: the bundled sample corpus, copies of it, and the ../shared corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from workbench.core.reports import load_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
UKRAINE = SHARED / "corpora" / "ukraine-war-media-2022"
POLNEAR = SHARED / "corpora" / "polnear-2016"
SCORE_POLNEAR = SHARED / "tools" / "score_polnear.py"


def report_rows(df: pd.DataFrame, *, basename: bool = False) -> list[tuple[str, str, str, str]]:
    """The load report as (path, location, level, message) tuples; the file name only if asked."""
    from workbench.core import schema as S

    report = load_report(df)
    return [
        (Path(p).name if basename else p, location, level, message)
        for p, location, level, message in zip(
            report[S.REPORT_PATH],
            report[S.REPORT_LOCATION],
            report[S.REPORT_LEVEL],
            report[S.REPORT_MESSAGE],
            strict=True,
        )
    ]


def sample_copy(folder: Path) -> Path:
    """A copy of the sample corpus as ``folder/articles``: what loads it through the
    default workspace (``folder/.workbench``) then leaves the checkout alone."""
    return Path(shutil.copytree(SAMPLE, folder / "articles"))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_metadata() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "metadata.csv", dtype=str)


@pytest.fixture
def bare_sample(tmp_path: Path) -> Path:
    """The five sample articles without their metadata sidecar."""
    folder = tmp_path / "bare"
    folder.mkdir()
    for file in sorted(SAMPLE.glob("0*.txt")):
        shutil.copy(file, folder / file.name)
    return folder


@pytest.fixture(scope="session")
def sample_articles() -> pd.DataFrame:
    import workbench

    return workbench.load_articles(SAMPLE)


@pytest.fixture(scope="session")
def ukraine_dir() -> Path:
    if not UKRAINE.is_dir():
        pytest.skip("../shared/corpora/ukraine-war-media-2022 is not present")
    return UKRAINE


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    """PolNeAR (train/ and dev/, BRAT attributions) with the project's yardstick script."""
    if not POLNEAR.is_dir() or not SCORE_POLNEAR.is_file():
        pytest.skip("../shared/corpora/polnear-2016 or ../shared/tools/score_polnear.py is absent")
    return POLNEAR
