"""Small result types that cross the rooms of the package."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .reports import LoadReport


@dataclass
class AnnotatedTables:
    """The three tables an engine returns (the articles with lean and tone added);
    :func:`workbench.load` builds the Corpus from them."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    statements: pd.DataFrame
    cache: Any = field(default=None, repr=False)  # the workspace's Cached, when one was used
    report: LoadReport = field(default_factory=LoadReport, repr=False)  # what loading found
