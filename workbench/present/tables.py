"""Searchable tables in the notebooks and the shared HTML (itables, offline)."""

from __future__ import annotations

import hashlib
import html
from typing import TYPE_CHECKING

import pandas as pd

from ..core import schema as S
from .empty import Why

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

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


def init_interactive_tables() -> None:
    """Searchable tables offline (no CDN): itables' DataTables bundle, then its theme script.

    itables 2.9 displays the theme script first, and that script reads the bundle before
    the bundle has run, which JupyterLab reports as a script error; shown in this order,
    the bundle has run when the script reads it (the HTML export is the same either way).
    """
    from IPython.display import display
    from IPython.utils.capture import capture_output
    from itables import init_notebook_mode

    with capture_output(stdout=False, stderr=False) as captured:
        init_notebook_mode(all_interactive=False, connected=False)
    bundle_first = sorted(
        captured.outputs, key=lambda out: "injectModule" not in str(out.data.get("text/html"))
    )
    for output in bundle_first:
        display(output)


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


class Searchable:
    """A table shown searchable and paged, every row in the page (itables, offline):
    ``data`` is the frame, so :func:`~workbench.present.empty.or_why` sees an empty one."""

    def __init__(self, data: pd.DataFrame, caption: str, table_id: str) -> None:
        self.data, self.caption, self.table_id = data, caption, table_id

    def _repr_html_(self) -> str:
        from itables import to_html_datatable

        return to_html_datatable(
            self.data,
            caption=self.caption,
            table_id=self.table_id,  # fixed: the same corpus gives the same page
            connected=False,  # the DataTables library inline, no CDN
            maxBytes=0,
            classes="display compact",
            style="table-layout:auto;width:100%;caption-side:bottom",
            pageLength=10,
            layout={"topStart": "info", "topEnd": "search", "bottomStart": "pageLength"},
            columnDefs=[{"className": "dt-left", "targets": "_all"}],
            showIndex=False,
        )


def searchable(table: pd.DataFrame, *, caption: str, table_id: str) -> Searchable:
    """``table`` as a searchable, paged table holding every row (dates as days).

    Examples
    --------
    >>> searchable(kwic.concordance(articles, "truce"), caption="...", table_id="kwic")
    ... # doctest: +SKIP
    """
    shown = table.copy()
    for column in shown.columns:
        if shown[column].dtype.kind == "M":
            shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("")
    return Searchable(shown, html.escape(caption), table_id)


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
    styled = styled_table(table).format(formats, escape="html").hide(axis="index")
    caption = table.attrs.get("caption")
    return styled.set_caption(caption) if caption else styled


def captioned(table: pd.DataFrame) -> object:
    """The table without its index, captioned with ``attrs["caption"]`` if it has one."""
    styled = styled_table(table).hide(axis="index")
    caption = table.attrs.get("caption")
    return styled.set_caption(caption) if caption else styled


def styled_table(table: pd.DataFrame) -> Styler:
    """``table.style`` with its cells HTML-escaped and an id from the table's content, not
    a random one: the same corpus gives the same page, and two tables of a page never
    share their CSS. Every later ``.format`` must pass ``escape="html"`` too."""
    digest = hashlib.sha1(table.to_csv().encode("utf-8")).hexdigest()[:10]
    # escaped: a Styler writes cells as raw HTML, and article text is untrusted
    return table.style.set_uuid(f"wb{digest}").format(escape="html")
