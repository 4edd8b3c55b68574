"""ipywidgets wiring only: controls that filter the statements and redraw in place.

The analysis is done by the library (``charts``, ``timeseries``); this module connects
controls to it. Nothing is recomputed beyond filtering and redrawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as w
import pandas as pd

from . import schema as S
from .charts import statements_scatter

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

    def __post_init__(self) -> None:
        st = self.statements
        # Only the columns drawn or listed are carried through a selection.
        self._shown = st[[c for c in _SHOWN if c in st.columns]]
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
            description="outlets",
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
        st = self._shown
        keep = pd.Series(True, index=st.index)
        if self.actors.value:
            keep &= st[S.ACTOR].isin(self.actors.value)
        if self.affiliations.value:
            keep &= st[S.AFFILIATION].isin(self.affiliations.value)
        if self.outlets.value:
            keep &= st[S.SOURCE].isin(self.outlets.value)
        if self.start.value is not None:
            keep &= st[S.DATE] >= pd.Timestamp(self.start.value)
        if self.end.value is not None:
            keep &= st[S.DATE] < pd.Timestamp(self.end.value) + pd.Timedelta(days=1)
        # One selection, and none when everything is kept: copying a million rows per
        # click was most of a redraw.
        return st if keep.all() else st[keep]

    def redraw(self) -> None:
        """Redraw the chart and the evidence table for the current selection."""
        st = self.filtered()
        # Appending to the output area (rather than printing inside it) works in a kernel
        # and outside one alike, and replaces what was shown in one step.
        self.output.outputs = ()
        if st.empty:
            self.output.append_stdout("No statements for this selection.\n")
            return
        # Not append_display_data(figure): IPython formats a plotly figure through its own
        # _ipython_display_, which shows it in the running cell (or nowhere, after a click)
        # and leaves the output area an empty entry. Its mime bundle goes in directly.
        # A few thousand points keep a redraw quick on a million statements.
        figure = statements_scatter(st, title=f"{len(st):,} statements", max_points=5_000)
        self.output.outputs += (
            {"output_type": "display_data", "data": figure._repr_mimebundle_(), "metadata": {}},
        )
        columns = [S.DATE, S.ACTOR, S.STANCE, S.ACT, S.CONFIDENCE, S.SENTENCE]
        self.output.append_display_data(st[columns].head(self.max_rows))

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
