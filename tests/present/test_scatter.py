"""The statements scatter's own menus: outlet and actor filters that need no kernel."""

from __future__ import annotations

import pandas as pd

from workbench.core import schema as S
from workbench.present.charts import statements_scatter

STATEMENTS = pd.DataFrame(
    {
        S.DATE: pd.to_datetime(
            ["2022-03-01", "2022-03-02", "2022-03-05", "2022-04-01", "2022-04-02", "2022-05-01"]
        ),
        S.ACTOR: ["Mayor Ostrov", "Mayor Ostrov", "Minister Vale", "Minister Vale", "Ostrov", "X"],
        S.STANCE: ["neutral", "pro_a", "neutral", "neutral", "pro_a", "neutral"],
        S.ACT: ["appeal"] * 6,
        S.SOURCE: ["Daily Lark", "Daily Lark", "Morning Owl", "Daily Lark", "Morning Owl", None],
        S.SENTENCE: [f"sentence {i}" for i in range(6)],
    }
)


def _menu(fig, first_label):
    return next(m for m in fig.layout.updatemenus if m.buttons[0].label == first_label)


def test_the_outlet_menu_shows_one_outlets_traces():
    fig = statements_scatter(STATEMENTS)
    assert {t.meta for t in fig.data} == {"Daily Lark", "Morning Owl", "no outlet"}
    menu = _menu(fig, "all outlets")
    assert [b.label for b in menu.buttons] == [
        "all outlets",
        "Daily Lark",
        "Morning Owl",
        "no outlet",
    ]
    lark = menu.buttons[1].args[0]["visible"]
    assert [t.meta for t, shown in zip(fig.data, lark, strict=True) if shown] == ["Daily Lark"] * 2
    # one legend entry per stance, however many outlets
    assert sorted(t.name for t in fig.data if t.showlegend) == ["neutral", "pro_a"]


def test_the_actor_menu_swaps_every_traces_points_for_one_actors():
    fig = statements_scatter(STATEMENTS)
    menu = _menu(fig, "all actors")
    assert [b.label for b in menu.buttons][1:3] == ["Mayor Ostrov", "Minister Vale"]
    vale = menu.buttons[2].args[0]
    assert len(vale["y"]) == len(fig.data)  # one entry per trace: combines with the outlets
    assert [y for ys in vale["y"] for y in ys] == ["Minister Vale"] * 2
    every = menu.buttons[0].args[0]
    assert [list(ys) for ys in every["y"]] == [list(t.y) for t in fig.data]
    assert all("Daily Lark" in h or "Morning Owl" in h for h in fig.data[0].hovertext)


def test_small_outlets_are_grouped_and_a_table_without_outlets_still_draws():
    fig = statements_scatter(STATEMENTS, top_outlets=1)
    labels = [b.label for b in _menu(fig, "all outlets").buttons]
    assert labels == ["all outlets", "Daily Lark", "other outlets"]
    bare = statements_scatter(STATEMENTS.drop(columns=[S.SOURCE]))
    assert {t.meta for t in bare.data} == {"no outlet"}
    assert not statements_scatter(STATEMENTS, menus=False).layout.updatemenus
    assert statements_scatter(STATEMENTS.head(0)).data == ()


def test_one_day_of_statements_gets_a_days_wide_axis():
    fig = statements_scatter(STATEMENTS.head(1))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert end - start >= pd.Timedelta(days=7)


def test_the_rows_stay_in_place_whatever_the_menus_leave():
    fig = statements_scatter(STATEMENTS)
    assert list(fig.layout.yaxis.range) == [-0.5, len(fig.layout.yaxis.categoryarray) - 0.5]
