"""Chart builders: figures with the data asked for, stable colours, escaped hover text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from workbench.analysis.compare import distinctive_terms
from workbench.analysis.timeseries import coverage
from workbench.core import schema as S
from workbench.present.charts import (
    actor_picker,
    colour_for,
    colours_for,
    coverage_timeline,
    distinctive_terms_chart,
    escape,
    heatmap,
    outlet_lean,
    share_of_voice_chart,
    statements_scatter,
)

ARTICLES = pd.DataFrame(
    {
        S.ARTICLE_ID: ["a", "b", "c"],
        S.PUBLISHED: pd.to_datetime(["2020-09-28", "2020-09-29", "2020-10-13"]),
        S.SOURCE: ["AP", "<b>BBC</b>", "AP"],
        S.DATE_BASIS: ["metadata"] * 3,
    }
)


def test_coverage_timeline_one_trace_per_group_with_faded_sparse_periods():
    counts = coverage(ARTICLES, freq="week", by=S.SOURCE, min_articles=2)
    fig = coverage_timeline(counts, by=S.SOURCE)
    assert isinstance(fig, go.Figure)
    assert sorted(t.name for t in fig.data) == sorted(["AP", "&lt;b&gt;BBC&lt;/b&gt;"])
    ap = next(t for t in fig.data if t.name == "AP")
    assert list(ap.y) == [1, 0, 1]
    assert list(ap.marker.opacity) == [1.0, 0.35, 0.35]
    assert "few articles" in ap.hovertext[2]
    assert fig.layout.barmode == "stack"


def test_share_toggle_and_colours_are_stable_and_distinct():
    counts = coverage(ARTICLES, freq="week", by=S.SOURCE)
    outlets = colours_for(ARTICLES[S.SOURCE])
    fig = coverage_timeline(counts, by=S.SOURCE, share=True, colours=outlets)
    assert fig.layout.yaxis.tickformat == ".0%"
    assert next(t for t in fig.data if t.name == "AP").marker.color == outlets["AP"]
    many = colours_for(f"outlet {i}" for i in range(16))
    assert len(set(many.values())) == 16  # no two outlets share a colour
    assert colour_for("AP") == colour_for("AP")


def test_untrusted_text_is_escaped_everywhere():
    nasty = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    assert "<" not in escape(nasty) and "&lt;script&gt;" in escape(nasty)
    st = pd.DataFrame(
        {
            S.DATE: pd.to_datetime(["2020-09-28"]),
            S.ACTOR: [nasty],
            S.ACT: ["appeal"],
            S.STANCE: ["neutral"],
            S.SENTENCE: [nasty + " said the ministry"],
        }
    )
    fig = statements_scatter(st)
    dumped = fig.to_json()
    assert "<script>" not in dumped and "onerror=alert" not in dumped.replace(
        "onerror=alert(2)&gt;", ""
    )
    terms = distinctive_terms({"x": [nasty] * 5, "y": ["plain words here"] * 5}, top=3)
    assert "<script>" not in distinctive_terms_chart(terms).to_json()


def test_long_evidence_is_shortened_and_wrapped():
    assert len(escape("word " * 200)) <= 300
    wrapped = escape("<b>" + "word " * 40, width=50)
    assert wrapped.count("<br>") >= 3 and "<b>" not in wrapped.replace("<br>", "")


def test_heatmap_counts_and_row_shares():
    st = pd.DataFrame(
        {S.ACTOR: ["A", "A", "B", "<i>C</i>"], S.ACT: ["appeal", "accuse", "appeal", "deny"]}
    )
    from workbench.present.charts import heatmap

    counts = heatmap(st, rows=S.ACTOR, columns=S.ACT)
    # the row with most entries first, drawn at the top
    assert list(counts.data[0].y) == ["A", "&lt;i&gt;C&lt;/i&gt;", "B"]
    assert counts.layout.yaxis.autorange == "reversed"
    assert counts.data[0].z.tolist() == [[1, 1, 0], [0, 0, 1], [0, 1, 0]]
    shares = heatmap(st, rows=S.ACTOR, columns=S.ACT, normalise=True)
    assert shares.data[0].z.tolist()[0] == [0.5, 0.5, 0.0]


def test_outlet_lean_stacks_each_lean():
    from workbench.present.charts import outlet_lean

    articles = pd.DataFrame({S.SOURCE: ["AP", "AP", "RT"], S.LEAN: ["neutral", "pro_a", "pro_a"]})
    fig = outlet_lean(articles, stances=["pro_a", "pro_b", "neutral"])
    assert [t.name for t in fig.data] == ["pro_a", "neutral"]
    assert list(fig.data[0].x) == [0.5, 1.0]  # shares of each outlet's articles
    assert list(fig.data[0].y) == ["AP (2)", "RT (1)"]
    share, count = fig.layout.updatemenus[0].buttons
    assert [list(x) for x in count.args[0]["x"]] == [[1, 1], [1, 0]]
    assert count.args[1]["xaxis"]["title"] == "articles"


def test_count_share_toggle_lives_in_the_figure():
    counts = coverage(ARTICLES, freq="week", by=S.SOURCE)
    fig = coverage_timeline(counts, by=S.SOURCE)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["count", "share"]
    ap = [t.name for t in fig.data].index("AP")
    assert buttons[0].args[0]["y"][ap] == [1, 0, 1]
    assert [round(v, 2) for v in buttons[1].args[0]["y"][ap]] == [0.5, 0.0, 1.0]
    assert buttons[1].args[1]["yaxis.tickformat"] == ".0%"


def test_statements_per_article_are_not_shown_as_percentages():
    statements = pd.DataFrame(
        {
            S.ARTICLE_ID: ["a", "a", "a", "b"],
            S.STANCE: ["x", "x", "y", "x"],
            S.DATE: pd.to_datetime(["2020-09-28"] * 3 + ["2020-09-29"]),
        }
    )
    counts = coverage(statements, articles=ARTICLES, freq="week", by=S.STANCE)
    fig = coverage_timeline(counts, by=S.STANCE, share=True)
    assert fig.layout.yaxis.title.text == "per article in the period"
    assert fig.layout.updatemenus[0].buttons[1].args[1]["yaxis.tickformat"] == ".1f"


def _statements(rows):
    """(date, actor, stance, sentence) rows as a statements table dated by metadata."""
    st = pd.DataFrame(rows, columns=[S.DATE, S.ACTOR, S.STANCE, S.SENTENCE])
    st[S.DATE] = pd.to_datetime(st[S.DATE])
    st[S.ARTICLE_ID] = [f"a{i}" for i in range(len(st))]
    st[S.ACT] = "statement"
    articles = pd.DataFrame(
        {
            S.ARTICLE_ID: st[S.ARTICLE_ID],
            S.PUBLISHED: st[S.DATE],
            S.DATE_BASIS: "metadata",
        }
    )
    return st, articles


def test_share_of_voice_lines_break_at_sparse_periods_and_keep_others_grey():
    from workbench.analysis.timeseries import share_of_voice
    from workbench.present.charts import NEUTRAL, share_of_voice_chart

    st, articles = _statements(
        [("2020-09-28", "Aliyev", "pro_azerbaijan", "s")] * 3
        + [("2020-09-29", "Pashinyan", "pro_armenia", "s")]
        + [("2020-10-13", "<i>Lavrov</i>", "neutral", "s")] * 4
    )
    voice = share_of_voice(st, articles=articles, freq="week", top=2, rolling=2, min_articles=5)
    fig = share_of_voice_chart(voice, rolling=True)
    lines = {t.name: t for t in fig.data if t.mode == "lines+markers"}
    assert set(lines) == {"Aliyev", "&lt;i&gt;Lavrov&lt;/i&gt;", "others"}
    assert lines["others"].line.color == NEUTRAL
    aliyev = lines["Aliyev"]
    # Three weeks; the middle one has no statements (no point), none has 5 articles.
    assert len(aliyev.x) == 2 and all(pd.isna(y) for y in aliyev.y)
    dots = next(t for t in fig.data if t.legendgroup == "Aliyev" and t.mode == "markers")
    assert list(dots.y) == [0.75, 0.0]  # 3 of the first week's 4 statements, none after
    assert "few articles" in dots.hovertext[0] and "of 4 statements" in dots.hovertext[0]
    # With enough articles the line is the rolling mean over 3 weeks (the empty one left out).
    voice = share_of_voice(st, articles=articles, freq="week", top=2, rolling=3, min_articles=4)
    aliyev = next(t for t in share_of_voice_chart(voice, rolling=True).data if t.name == "Aliyev")
    assert list(aliyev.y) == [0.75, 0.375]


def test_amplification_chart_one_row_per_cluster_dots_at_their_delay():
    from workbench.present.charts import amplification_chart

    carried = pd.DataFrame(
        {
            "cluster": [1, 1, 2, 2],
            S.ACTOR: ["Lavrov", "Lavrov", "Aliyev", "Aliyev"],
            S.SOURCE: ["TASS", "<b>dpa</b>", "AP", "TASS"],
            S.DATE: pd.to_datetime(
                ["2023-09-20 00:00", "2023-09-21 12:00", "2020-10-01 00:00", "2020-10-01 00:00"]
            ),
            S.SENTENCE: ['We call "to stop"', "We urge to stop", "We will win", "We will win"],
            "similarity": [1.0, 0.6, 1.0, 1.0],
        }
    )
    fig = amplification_chart(carried)
    assert sorted(t.name for t in fig.data) == ["&lt;b&gt;dpa&lt;/b&gt;", "AP", "TASS"]
    dpa = next(t for t in fig.data if t.name == "&lt;b&gt;dpa&lt;/b&gt;")
    assert list(dpa.x) == [1.5]  # a day and a half after TASS
    # Earliest cluster first; quotes shown as numeric entities that plotly decodes.
    assert fig.layout.yaxis.ticktext[0].startswith("2020-10-01 Aliyev")
    assert "&#34;to stop&#34;" in fig.layout.yaxis.ticktext[1]
    assert "none found" in amplification_chart(carried.iloc[0:0]).layout.title.text
    assert "top" not in fig.layout.title.text  # both clusters shown
    one = amplification_chart(carried, top=1)
    assert one.layout.title.text.endswith(": the top 1 of 2 (carried by most outlets)")


def test_actor_picker_shows_one_actor_at_a_time_and_its_dropdown_switches():
    from workbench.present.charts import actor_picker

    st, _ = _statements(
        [("2020-09-28", "Aliyev", "pro_azerbaijan", "We will win")] * 2
        + [("2020-10-02", "Pashinyan", "pro_armenia", "<script>x</script>")]
    )
    fig = actor_picker(st, freq="week")
    # One trace per stance the actor has; only the first actor's are shown at first.
    assert [(t.name, t.visible) for t in fig.data] == [
        ("pro_azerbaijan", True),
        ("pro_armenia", False),
    ]
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["Aliyev", "Pashinyan"]
    assert menu.buttons[1].args[0]["visible"] == [False, True]
    pashinyan = [t for t in fig.data if not t.visible]
    assert list(pashinyan[0].y) == [1] and "<script>" not in pashinyan[0].hovertext[0]


def test_large_tables_are_drawn_light_and_say_so():
    from workbench.present.charts import heatmap

    n = 5_000
    st = pd.DataFrame(
        {
            S.DATE: pd.date_range("2022-01-01", periods=n, freq="h"),
            S.ACTOR: [f"actor {i % 60}" for i in range(n)],
            S.STANCE: ["neutral"] * n,
            S.ACT: [("appeal", "accuse")[i % 2] for i in range(n)],
            S.SENTENCE: ["said so"] * n,
        }
    )
    fig = statements_scatter(st, max_points=500, top_actors=10)
    drawn = sum(len(t.x) for t in fig.data)
    assert drawn == 500 and len({y for t in fig.data for y in t.y}) == 10
    assert f"{drawn:,} of 5,000 shown: the top 10 of 60 actors, sampled" in (fig.layout.title.text)
    # a date filter that works without a kernel
    labels = [b.label for b in fig.layout.xaxis.rangeselector.buttons]
    assert labels == ["last month", "last 3 months", "last year", "all"]
    # every actor row labelled: one tick per row, the most quoted at the top, room for each
    assert fig.layout.yaxis.dtick == 1 and len(fig.layout.yaxis.categoryarray) == 10
    assert fig.layout.yaxis.categoryarray[-1] == st[S.ACTOR].value_counts().index[0]
    again = statements_scatter(st, max_points=500, top_actors=10)
    assert [list(t.x) for t in again.data] == [list(t.x) for t in fig.data]  # same sample
    assert statements_scatter(st.head(10)).layout.title.text == "Statements"
    big = heatmap(st, rows=S.ACTOR, columns=S.ACT, top=25)
    assert len(big.data[0].y) == 25 and "(the 25 with most of 60)" in big.layout.title.text


def _points(fig: go.Figure) -> int:
    """Values a figure carries: for each trace, its longest x/y array, or its z cells."""
    total = 0
    for trace in fig.data:
        z = getattr(trace, "z", None)
        if z is not None:
            total += sum(len(row) for row in z)
            continue
        values = [getattr(trace, axis, None) for axis in ("x", "y")]
        total += max(0 if v is None else len(v) for v in values)
    return total


def test_every_chart_of_the_notebooks_stays_light_on_300k_statements(sample_dir):
    """Aggregate first, plot aggregates: no figure carries more than 50k values."""
    import numpy as np

    import workbench
    from workbench.analysis.timeseries import share_of_voice
    from workbench.present.charts import co_mention_chart

    corpus = workbench.load(sample_dir, cache=False, corrections=False)
    copies = -(-300_000 // len(corpus.statements))
    rng = np.random.default_rng(5)

    def repeated(table: pd.DataFrame) -> pd.DataFrame:
        big = pd.concat([table] * copies, ignore_index=True)
        copy = np.repeat(np.arange(copies), len(table)).astype(str)
        return big.assign(**{S.ARTICLE_ID: big[S.ARTICLE_ID] + "~" + copy})

    articles = repeated(corpus.articles)
    days = rng.integers(0, 365, len(articles))
    articles[S.PUBLISHED] = pd.Timestamp("2022-01-01") + pd.to_timedelta(days, unit="D")
    dates = articles.set_index(S.ARTICLE_ID)[S.PUBLISHED]
    statements, mentions = repeated(corpus.statements), repeated(corpus.mentions)
    statements[S.DATE] = statements[S.ARTICLE_ID].map(dates)
    assert len(statements) >= 300_000

    stances = list(corpus.profile.sides) + ["neutral"]
    figures = {
        "timeline": coverage_timeline(
            coverage(statements, articles=articles, by=S.STANCE), by=S.STANCE
        ),
        "share of voice": share_of_voice_chart(
            share_of_voice(statements, articles=articles, rolling=4), rolling=True
        ),
        "scatter": statements_scatter(statements),
        "actor x act": heatmap(statements, rows=S.ACTOR, columns=S.ACT, normalise=True),
        "affiliation x stance": heatmap(statements, rows=S.AFFILIATION, columns=S.STANCE),
        "outlet x lean": outlet_lean(articles, stances=stances),
        "actor picker": actor_picker(statements),
        "co-mentions": co_mention_chart(mentions, articles=articles),
    }
    carried = {name: _points(fig) for name, fig in figures.items()}
    print(carried)
    assert all(0 < n <= 50_000 for n in carried.values()), carried


def test_counts_are_whole_numbers_and_one_period_keeps_its_scale():
    from workbench.present.charts import actor_picker

    st = pd.DataFrame(
        {
            S.DATE: pd.to_datetime(["2022-03-03", "2022-03-05", "2022-07-01"]),
            S.ACTOR: ["Jane Doe", "Jane Doe", "John Roe"],
            S.STANCE: ["neutral"] * 3,
            S.SENTENCE: ["said so"] * 3,
        }
    )
    fig = actor_picker(st, freq="month")
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.yaxis.dtick == 1
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert (end - start).days >= 7 * 28  # months wide, whichever actor is picked


def test_share_of_voice_among_named_speakers_draws_others_apart():
    from workbench.analysis.timeseries import share_of_voice

    st = pd.DataFrame(
        {
            S.ARTICLE_ID: [f"a{i}" for i in range(12)],
            S.DATE: pd.to_datetime(["2022-01-03"] * 6 + ["2022-01-10"] * 6),
            S.ACTOR: ["Jane Doe", "John Roe"]
            + [f"minor {i}" for i in range(4)]
            + ["Jane Doe"] * 2
            + ["John Roe"]
            + [f"minor {i}" for i in range(3)],
        }
    )
    articles = pd.DataFrame(
        {S.ARTICLE_ID: st[S.ARTICLE_ID], S.PUBLISHED: st[S.DATE], S.DATE_BASIS: "metadata"}
    )
    voice = share_of_voice(st, articles=articles, freq="week", top=2, among_named=True)
    first = voice[voice["period"] == pd.Timestamp("2022-01-03")].set_index(S.ACTOR)["voice"]
    assert first["Jane Doe"] == 0.5 and first["John Roe"] == 0.5  # of the named only
    assert abs(first["others"] - 4 / 6) < 1e-9  # others: of all statements
    fig = share_of_voice_chart(voice)
    rows = {t.name: t.yaxis for t in fig.data}
    assert rows["others"] == "y2" and rows["Jane Doe"] == "y"
    assert fig.layout.title.text.endswith("the top 2 of 6 speakers, the rest as others")


def test_the_outlet_is_called_by_its_column_name_in_the_charts():
    counts = coverage(
        pd.DataFrame(
            {
                S.ARTICLE_ID: ["a", "b"],
                S.PUBLISHED: pd.to_datetime(["2022-01-01", "2022-02-01"]),
                S.DATE_BASIS: ["metadata"] * 2,
                S.SOURCE: ["The Daily Invention", "The Weekly Invention"],
            }
        ),
        freq="month",
        by=S.SOURCE,
    )
    assert coverage_timeline(counts, by=S.SOURCE).layout.legend.title.text == "source (outlet)"
