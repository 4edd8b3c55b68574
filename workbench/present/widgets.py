"""ipywidgets wiring only: controls that filter the statements and redraw in place.

The analysis is done by the library (``charts``, ``timeseries``); this module connects
controls to it. Nothing is recomputed beyond filtering and redrawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as w
import numpy as np
import pandas as pd
import pyarrow as pa

from ..core import schema as S
from .charts import stance_colours, statements_scatter

_SHOWN = [
    S.ARTICLE_ID,
    S.DATE,
    S.SOURCE,
    S.ACTOR,
    S.AFFILIATION,
    S.STANCE,
    S.ACT,
    S.CONFIDENCE,
    S.SENTENCE,
]


@dataclass
class StatementExplorer:
    """Pick actors or affiliations, outlets and a date range; the chart and the evidence
    table follow.

    Examples
    --------
    >>> explorer = StatementExplorer(corpus.statements)  # doctest: +SKIP
    >>> explorer.widget  # displays in a notebook            # doctest: +SKIP
    """

    statements: pd.DataFrame
    max_rows: int = 20
    actors: w.SelectMultiple = field(init=False)
    affiliations: w.SelectMultiple = field(init=False)
    outlets: w.SelectMultiple = field(init=False)
    start: w.DatePicker = field(init=False)
    end: w.DatePicker = field(init=False)
    output: w.Output = field(init=False)
    _shown: pd.DataFrame = field(init=False, repr=False)
    _codes: dict[str, tuple[np.ndarray, pd.Index]] = field(init=False, repr=False)
    _colours: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        st = self.statements
        # Only the columns drawn or listed are carried through a selection, and the
        # picked names are matched as integer codes: a redraw on a million statements
        # copies only the rows it draws or lists.
        self._shown = _contiguous(st[[c for c in _SHOWN if c in st.columns]])
        self._codes = {c: pd.factorize(st[c]) for c in (S.ACTOR, S.AFFILIATION, S.SOURCE)}
        self._colours = stance_colours(st[S.STANCE].dropna().unique())
        counts = st[S.ACTOR].value_counts()
        self.actors = w.SelectMultiple(
            options=list(counts.index), description="actors", rows=8, layout={"width": "34%"}
        )
        self.affiliations = w.SelectMultiple(
            options=list(st[S.AFFILIATION].dropna().value_counts().index),
            description="affiliations",
            rows=8,
            layout={"width": "32%"},
        )
        self.outlets = w.SelectMultiple(
            options=sorted(st[S.SOURCE].dropna().unique()),
            description="source",
            rows=8,
            layout={"width": "32%"},
        )
        dates = st[S.DATE].dropna()
        self.start = w.DatePicker(
            description="from", value=dates.min().date() if len(dates) else None
        )
        self.end = w.DatePicker(description="to", value=dates.max().date() if len(dates) else None)
        self.output = w.Output()
        for control in (self.actors, self.affiliations, self.outlets, self.start, self.end):
            control.observe(lambda _change: self.redraw(), names="value")
        self.redraw()

    def filtered(self) -> pd.DataFrame:
        """The statements the controls select (none selected means all), with the columns
        the chart and the table show."""
        rows = self.selected_rows()
        return self._shown if rows is None else self._shown.iloc[rows]

    def selected_rows(self) -> np.ndarray | None:
        """Positions of the selected statements; None when everything is selected."""
        st = self._shown
        keep = np.ones(len(st), dtype=bool)
        for column, control in (
            (S.ACTOR, self.actors),
            (S.AFFILIATION, self.affiliations),
            (S.SOURCE, self.outlets),
        ):
            if control.value:
                codes, names = self._codes[column]
                picked = names.get_indexer(list(control.value))
                keep &= np.isin(codes, picked[picked >= 0])  # -1: missing, never picked
        if self.start.value is not None:
            keep &= (st[S.DATE] >= pd.Timestamp(self.start.value)).to_numpy()
        if self.end.value is not None:
            end = pd.Timestamp(self.end.value) + pd.Timedelta(days=1)
            keep &= (st[S.DATE] < end).to_numpy()
        return None if keep.all() else np.flatnonzero(keep)

    def redraw(self) -> None:
        """Redraw the chart and the evidence table for the current selection."""
        rows = self.selected_rows()
        total = len(self._shown) if rows is None else len(rows)
        # Appending to the output area (rather than printing inside it) works in a kernel
        # and outside one alike, and replaces what was shown in one step.
        self.output.outputs = ()
        if total == 0:
            self.output.append_stdout("No statements for this selection.\n")
            return
        # Not append_display_data(figure): IPython formats a plotly figure through its own
        # _ipython_display_, which shows it in the running cell (or nowhere, after a click)
        # and leaves the output area an empty entry. Its mime bundle goes in directly.
        # A few thousand points keep a redraw quick on a million statements.
        figure = statements_scatter(
            self._shown,
            rows=rows,
            title=f"{total:,} statements",
            max_points=5_000,
            colours=self._colours,
        )
        self.output.outputs += (
            {"output_type": "display_data", "data": figure._repr_mimebundle_(), "metadata": {}},
        )
        columns = [S.DATE, S.ACTOR, S.STANCE, S.ACT, S.CONFIDENCE, S.SENTENCE]
        st = self._shown  # rows first, then columns: only the listed rows are copied
        listed = st.head(self.max_rows) if rows is None else st.iloc[rows[: self.max_rows]]
        self.output.append_display_data(listed[columns])

    @property
    def widget(self) -> w.VBox:
        """The controls above the output area, ready to display."""
        return w.VBox(
            [
                w.HBox([self.actors, self.affiliations, self.outlets]),
                w.HBox([self.start, self.end]),
                self.output,
            ]
        )


def _contiguous(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each Arrow-backed column in one chunk.

    A table concatenated from many parts (a store's partitions, repeated samples) keeps
    one Arrow chunk per part, and picking a few thousand rows out of thousands of chunks
    took 40 times longer than out of one: most of a redraw.
    """
    out = frame.copy(deep=False)
    for column in out.columns:
        array = out[column].array
        if isinstance(array, pd.arrays.ArrowExtensionArray):
            chunked = pa.array(out[column])
            if isinstance(chunked, pa.ChunkedArray) and chunked.num_chunks > 1:
                whole = pa.chunked_array([chunked.combine_chunks()])
                out[column] = pd.Series(type(array)(whole), index=out.index, name=column)
    return out
