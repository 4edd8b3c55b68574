"""What a load produced, in words and small tables: counts, date provenance, problems.

Each function takes a Corpus or an articles table of :func:`workbench.load_articles`.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ..core import schema as S
from ..core.reports import cleaning_report, load_report


def _articles(loaded: object) -> pd.DataFrame:
    """The articles table of a Corpus, or the table itself."""
    return loaded if isinstance(loaded, pd.DataFrame) else loaded.articles  # type: ignore[attr-defined]


def date_provenance(loaded: object) -> pd.DataFrame:
    """Articles per ``date_basis``, in order of trust, with their share.

    Examples
    --------
    >>> date_provenance(articles)  # doctest: +SKIP
    """
    articles = _articles(loaded)
    counts = articles[S.DATE_BASIS].value_counts().reindex(list(S.DATE_BASES), fill_value=0)
    return pd.DataFrame(
        {"articles": counts, "share": (counts / max(len(articles), 1)).round(3)}
    ).rename_axis(S.DATE_BASIS)


def problems(loaded: object, *, level: str | None = None) -> pd.DataFrame:
    """The load report (files, rows or URLs not read, and why), optionally one level only."""
    report = load_report(loaded)
    return (
        report if level is None else report[report[S.REPORT_LEVEL] == level].reset_index(drop=True)
    )


# Markdown that would make a link, an image, emphasis or a table cell of the text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]!|~])")


def _md(value: object) -> str:
    """Text from an article or a file as literal Markdown: no HTML, links or emphasis."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def load_summary(loaded: object) -> str:
    """A short Markdown account of a load: counts, dates, outlets, problems."""
    df = _articles(loaded)
    report = problems(loaded)
    cleaning = cleaning_report(loaded)
    lines = [
        "# Load report",
        "",
        f"- articles loaded: {len(df)}",
        f"- duplicates: {(df[S.DUPLICATE_OF] != '').sum()}",
        f"- lines removed by cleaning: {len(cleaning)}",
        f"- errors: {(report[S.REPORT_LEVEL] == 'error').sum()}, "
        f"warnings: {(report[S.REPORT_LEVEL] == 'warning').sum()}",
        "",
        "## How dates were found",
        "",
    ]
    for basis in S.DATE_BASES:
        lines.append(f"- {basis}: {(df[S.DATE_BASIS] == basis).sum()}")
    lines += ["", "## Outlets", ""]
    counts = df[S.SOURCE].fillna("(unknown)").value_counts()
    lines += [f"- {_md(name)}: {n}" for name, n in counts.items()]
    if len(report):
        lines += ["", "## Problems", "", "| level | file | where | message |", "|---|---|---|---|"]
        for row in report.itertuples(index=False):
            cells = (row.level, row.path, row.location, row.message)
            lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    if len(cleaning):
        lines += ["", "## Lines removed by cleaning", ""]
        for rule, n in cleaning[S.CLEAN_RULE].value_counts().sort_index().items():
            lines.append(f"- {rule}: {n}")
    return "\n".join(lines) + "\n"
