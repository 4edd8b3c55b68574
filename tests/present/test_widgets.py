"""Widgets: changing a control filters the statements and redraws the output area."""

from __future__ import annotations

import datetime as dt

import pytest

import workbench
from workbench.core import schema as S
from workbench.present.widgets import StatementExplorer

from ..conftest import SAMPLE


@pytest.fixture(scope="module")
def statements():
    return workbench.load(SAMPLE, cache=False).statements


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


def _drawn(explorer) -> dict:
    figure = next(
        o for o in explorer.output.outputs if "application/vnd.plotly.v1+json" in o["data"]
    )
    return figure["data"]["application/vnd.plotly.v1+json"]


def test_a_side_keeps_its_colour_when_the_other_side_is_filtered_out(statements, monkeypatch):
    import plotly.io as pio

    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")
    explorer = StatementExplorer(statements)
    everything = {t["name"]: t["marker"]["color"] for t in _drawn(explorer)["data"]}
    explorer.affiliations.value = ("Azerbaijan",)
    alone = {t["name"]: t["marker"]["color"] for t in _drawn(explorer)["data"]}
    assert set(alone) == {"pro_azerbaijan"}
    assert alone["pro_azerbaijan"] == everything["pro_azerbaijan"]
    assert everything["pro_azerbaijan"] != everything["pro_armenia"]


def test_a_table_of_many_parts_is_filtered_like_one(statements):
    """A table concatenated from many parts (one Arrow chunk each) selects the same rows."""
    import pandas as pd
    import pyarrow as pa

    one = pd.concat([statements] * 3, ignore_index=True)
    many = pd.concat([one.iloc[[i]] for i in range(len(one))], ignore_index=True)
    assert pa.array(many[S.ACTOR]).num_chunks > 100  # really many parts
    explorers = StatementExplorer(many), StatementExplorer(one)
    for explorer in explorers:
        explorer.actors.value = ("Nikol Pashinyan", "Ilham Aliyev")
        explorer.outlets.value = (statements[S.SOURCE].iloc[-1],)
    got, expected = (explorer.filtered() for explorer in explorers)
    assert len(got) and set(got[S.ACTOR]) <= {"Nikol Pashinyan", "Ilham Aliyev"}
    pd.testing.assert_frame_equal(got, expected)
