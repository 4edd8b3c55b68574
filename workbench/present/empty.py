"""Never a silent empty: a table or chart with nothing to show says why, in one sentence."""

from __future__ import annotations

import pandas as pd


class Why:
    """A sentence shown instead of an empty table or chart (Markdown in a notebook and in
    the shared HTML, plain text elsewhere)."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence

    def __repr__(self) -> str:
        return self.sentence

    def _repr_markdown_(self) -> str:
        return f"*{self.sentence}*"


def is_empty(shown: object) -> bool:
    """True when a table, series, styled table or plotly figure has nothing to show."""
    data = getattr(shown, "data", None)  # a pandas Styler holds its frame as .data
    if isinstance(data, pd.DataFrame):
        shown = data
    if isinstance(shown, pd.DataFrame | pd.Series):
        return shown.empty or (isinstance(shown, pd.DataFrame) and shown.shape[1] == 0)
    traces = getattr(shown, "data", None)
    if isinstance(traces, tuple):  # a plotly figure: empty when no trace has a point
        return not any(_points(t) for t in traces)
    return shown is None


def _points(trace: object) -> int:
    """How many values a plotly trace draws."""
    for name in ("x", "y", "z", "values"):
        values = getattr(trace, name, None)
        if values is not None and len(values):
            return len(values)
    return 0


def or_why(shown: object, why: str) -> object:
    """``shown`` when it has something to show, else ``why`` as a sentence.

    Examples
    --------
    >>> or_why(pd.DataFrame(), "No statements between 2022-01-01 and 2022-02-01.")
    No statements between 2022-01-01 and 2022-02-01.
    """
    return Why(why) if is_empty(shown) else shown
