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
