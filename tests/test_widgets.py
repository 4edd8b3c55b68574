"""Widgets: changing a control filters the statements and redraws the output area."""

from __future__ import annotations

import datetime as dt

import pytest

import workbench
from workbench import schema as S
from workbench.widgets import StatementExplorer

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def statements():
    return workbench.load(SAMPLE).statements


def test_controls_filter_and_redraw(statements):
    explorer = StatementExplorer(statements)
    assert len(explorer.filtered()) == len(statements)
    explorer.actors.value = ("Nikol Pashinyan",)
    assert set(explorer.filtered()[S.ACTOR]) == {"Nikol Pashinyan"}
    assert explorer.output.outputs  # redrawn: the figure and the table are in the output area
    explorer.start.value = dt.date(2023, 1, 1)
    assert (explorer.filtered()[S.DATE] >= "2023-01-01").all() and len(explorer.filtered()) > 0
    explorer.end.value = dt.date(2023, 1, 2)
    assert explorer.filtered().empty
    assert "No statements" in str(explorer.output.outputs)


def test_statements_table_is_not_changed(statements):
    before = statements.copy()
    explorer = StatementExplorer(statements)
    explorer.outlets.value = (statements[S.SOURCE].iloc[0],)
    assert statements.equals(before)
    assert explorer.widget.children[-1] is explorer.output


def test_affiliation_filter_and_the_figure_is_in_the_output_area(statements, monkeypatch):
    import plotly.io as pio

    # What a Jupyter kernel uses; outside one plotly renders nothing.
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")
    explorer = StatementExplorer(statements)
    explorer.affiliations.value = ("Armenia",)
    chosen = explorer.filtered()
    assert len(chosen) and set(chosen[S.AFFILIATION]) == {"Armenia"}
    figure = next(
        o for o in explorer.output.outputs if "application/vnd.plotly.v1+json" in o["data"]
    )
    drawn = figure["data"]["application/vnd.plotly.v1+json"]
    assert drawn["layout"]["title"]["text"] == f"{len(chosen)} statements"
    shown = {y for trace in drawn["data"] for y in trace["y"]}
    assert shown == set(chosen[S.ACTOR])
