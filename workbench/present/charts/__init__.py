"""Plotly figure builders, one module per chart family: each returns a ``go.Figure``
and never shows it. Every builder is importable from here (``charts.coverage_timeline``)."""

from .amplification import amplification_chart
from .coverage import coverage_timeline, distinctive_terms_chart, heatmap
from .network import co_mention_chart
from .scatter import statements_scatter
from .style import (
    NEUTRAL,
    PALETTE,
    SIDE_COLOURS,
    colour_for,
    colours_for,
    escape,
    side_colours,
    stance_colours,
)
from .voices import actor_picker, outlet_lean, share_of_voice_chart

__all__ = [
    "NEUTRAL",
    "PALETTE",
    "SIDE_COLOURS",
    "actor_picker",
    "amplification_chart",
    "co_mention_chart",
    "colour_for",
    "colours_for",
    "coverage_timeline",
    "distinctive_terms_chart",
    "escape",
    "heatmap",
    "outlet_lean",
    "share_of_voice_chart",
    "side_colours",
    "stance_colours",
    "statements_scatter",
]
