"""Searchable tables in the notebooks and the shared HTML (itables, offline)."""

from __future__ import annotations

import pandas as pd

from ..core import schema as S
from .empty import Why

# The articles table as shown: the columns an analyst scans first, then the provenance.
ARTICLE_TABLE_COLUMNS = [
    S.PUBLISHED,
    S.SOURCE,
    S.TITLE,
    S.N_WORDS,
    S.DATE_BASIS,
    S.SOURCE_BASIS,
    S.DUPLICATE_OF,
    S.ARTICLE_ID,
]


def article_rows(
    articles: pd.DataFrame, *, max_bytes: int = 3_000_000
) -> tuple[pd.DataFrame, Why | None]:
    """The articles table to show (the key columns, dates as days) and, when it would
    be larger than ``max_bytes`` in the page, the rows that fit and a sentence saying how
    many are left out and where the complete table is.

    Examples
    --------
    >>> rows, note = article_rows(corpus.articles)  # doctest: +SKIP
    """
    frame = articles[[c for c in ARTICLE_TABLE_COLUMNS if c in articles.columns]].copy()
    frame[S.PUBLISHED] = frame[S.PUBLISHED].dt.strftime("%Y-%m-%d").fillna("")
    frame = frame.rename(columns={S.SOURCE: "outlet"})
    # what the page carries per row: the values as JSON text, roughly
    sizes = frame.astype("string").fillna("").apply(lambda c: c.str.len() + 4).sum(axis=1)
    fits = int((sizes.cumsum() <= max_bytes).sum())
    if fits >= len(frame):
        return frame, None
    note = Why(
        f"{len(frame) - fits:,} of {len(frame):,} articles are left out of this page to keep "
        f"it under {max_bytes / 1e6:.0f} MB: the complete table is articles.csv, beside "
        "this page (written by `workbench report`)."
    )
    return frame.head(fits), note


def show_articles(articles: pd.DataFrame, *, max_bytes: int = 3_000_000) -> None:
    """Display the articles as a searchable, paged table holding every article (or as
    many as fit in ``max_bytes``, saying how many are left out and where they are)."""
    from IPython.display import display
    from itables import show

    rows, note = article_rows(articles, max_bytes=max_bytes)
    if note is not None:
        display(note)
    show(
        rows,
        caption=f"{len(rows):,} articles: type in the search box to filter, click a header to sort",
        table_id="articles",  # a fixed id: the same corpus gives the same page
        maxBytes=0,  # every row: the size budget is held above, not by downsampling
        classes="display compact",  # long titles wrap: no column is scrolled off
        style="table-layout:auto;width:100%;caption-side:bottom",
        pageLength=25,
        # not itables' default layout, which drops the search box when all rows fit
        layout={"topStart": "info", "topEnd": "search", "bottomStart": "pageLength"},
        columnDefs=[{"className": "dt-left", "targets": "_all"}],
        showIndex=False,
    )


def as_percent(table: pd.DataFrame, *, digits: int = 1) -> object:
    """The table styled with its share columns as percentages (12.5%) and its change in
    percentage points (+2.0 pts), captioned with ``attrs["caption"]`` if it has one.

    Examples
    --------
    >>> as_percent(compare.voice_change(statements, before, after))  # doctest: +SKIP
    """
    shares = [c for c in table.columns if str(c).startswith("share")]
    changes = [c for c in table.columns if str(c) == "change"]
    formats: dict[object, object] = dict.fromkeys(shares, f"{{:.{digits}%}}")
    formats.update(dict.fromkeys(changes, lambda v: f"{100 * v:+.{digits}f} pts"))
    styled = table.style.format(formats).hide(axis="index")
    caption = table.attrs.get("caption")
    return styled.set_caption(caption) if caption else styled
