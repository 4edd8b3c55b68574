"""Keyword in context: concordance lines for a term or an actor, linked to their articles."""

from __future__ import annotations

import re

import pandas as pd

from ..core import schema as S


def concordance(
    articles: pd.DataFrame,
    term: str | None,
    *,
    width: int = 60,
    regex: bool = False,
    limit: int | None = 500,
) -> pd.DataFrame:
    """Every occurrence of ``term`` with ``width`` characters of context on each side.

    The match is case-insensitive and on word boundaries (``Iran`` not in ``Iranian``).
    Offsets point into the article's ``text``, so a line leads back to its sentence.
    No term (None or "") gives no lines.

    Examples
    --------
    >>> concordance(corpus.articles, "Upper Karabakh").head()  # doctest: +SKIP
    """
    if not term:
        return pd.DataFrame(columns=_COLUMNS)
    pattern = re.compile(rf"(?<!\w)(?:{term if regex else re.escape(term)})(?!\w)", re.IGNORECASE)
    rows = []
    for article_id, source, published, text in zip(
        articles[S.ARTICLE_ID],
        articles[S.SOURCE],
        articles[S.PUBLISHED],
        articles[S.TEXT],
        strict=True,
    ):
        for m in pattern.finditer(str(text)):
            left = text[max(0, m.start() - width) : m.start()].replace("\n", " ")
            right = text[m.end() : m.end() + width].replace("\n", " ")
            rows.append(
                {
                    S.ARTICLE_ID: article_id,
                    S.SOURCE: source,
                    S.PUBLISHED: published,
                    "left": left.rjust(width),
                    "match": m.group(0),
                    "right": right.ljust(width),
                    S.START: m.start(),
                    S.END: m.end(),
                }
            )
            if limit is not None and len(rows) >= limit:
                return pd.DataFrame(rows)
    return pd.DataFrame(rows, columns=_COLUMNS)


_COLUMNS = [S.ARTICLE_ID, S.SOURCE, S.PUBLISHED, "left", "match", "right", S.START, S.END]
