"""workbench: news coverage of a conflict, as pandas DataFrames and notebooks.

The public entry points, imported on first use, so ``import workbench`` reads no
resource and loads neither pandas' heavy friends, plotly nor ipywidgets:

- loading and annotating: :func:`load` (a :class:`Corpus`), :func:`load_articles`,
  :func:`annotate`, :func:`stream_articles`, :func:`load_profile`;
- what a load found: :func:`load_report`, :func:`cleaning_report`;
- measuring: :func:`evaluate`, :func:`evaluate_attributions`, :func:`agreement`;
- the analysts' corrections: :func:`review`, :class:`CorrectionLog`;
- the analysis and chart modules: ``workbench.timeseries``, ``compare``,
  ``amplification``, ``kwic``, ``network``, ``overview``, ``charts``, ``widgets``,
  ``derive`` (parameters that follow the corpus), ``tables``, ``words`` (labels in
  words, the glossary) and :func:`or_why` (a sentence instead of an empty output).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names below are, for type checkers and editors
    from .analysis.attribution_gold import (
        AttributionScores,
        evaluate_attributions,
        read_attributions,
        read_brat,
    )
    from .analysis.evaluate import Evaluation, evaluate
    from .core.errors import LoadError, ProfileError, WorkbenchError
    from .core.reports import cleaning_report, load_report
    from .corpus import Corpus, annotate, load, load_statements, unresolved_speakers
    from .corrections.agreement import agreement
    from .corrections.apply import apply_corrections
    from .corrections.log import CorrectionLog, read_log
    from .ingest.pipeline import load_articles
    from .present.empty import or_why
    from .present.review import Review, review
    from .profile.library import load_profile
    from .profile.model import Profile
    from .scale.stream import stream_articles

__version__ = "0.1.0"

# name -> (module under workbench, attribute; None for the module itself)
_LAZY: dict[str, tuple[str, str | None]] = {
    "AttributionScores": ("analysis.attribution_gold", "AttributionScores"),
    "evaluate_attributions": ("analysis.attribution_gold", "evaluate_attributions"),
    "read_attributions": ("analysis.attribution_gold", "read_attributions"),
    "read_brat": ("analysis.attribution_gold", "read_brat"),
    "Evaluation": ("analysis.evaluate", "Evaluation"),
    "evaluate": ("analysis.evaluate", "evaluate"),
    "LoadError": ("core.errors", "LoadError"),
    "ProfileError": ("core.errors", "ProfileError"),
    "WorkbenchError": ("core.errors", "WorkbenchError"),
    "cleaning_report": ("core.reports", "cleaning_report"),
    "load_report": ("core.reports", "load_report"),
    "Corpus": ("corpus", "Corpus"),
    "annotate": ("corpus", "annotate"),
    "load": ("corpus", "load"),
    "load_statements": ("corpus", "load_statements"),
    "unresolved_speakers": ("corpus", "unresolved_speakers"),
    "agreement": ("corrections.agreement", "agreement"),
    "apply_corrections": ("corrections.apply", "apply_corrections"),
    "CorrectionLog": ("corrections.log", "CorrectionLog"),
    "read_log": ("corrections.log", "read_log"),
    "load_articles": ("ingest.pipeline", "load_articles"),
    "Review": ("present.review", "Review"),
    "review": ("present.review", "review"),
    "load_profile": ("profile.library", "load_profile"),
    "Profile": ("profile.model", "Profile"),
    "stream_articles": ("scale.stream", "stream_articles"),
    # the analysis and chart modules
    "amplification": ("analysis.amplification", None),
    "compare": ("analysis.compare", None),
    "derive": ("analysis.derive", None),
    "kwic": ("analysis.kwic", None),
    "network": ("analysis.network", None),
    "overview": ("analysis.overview", None),
    "timeseries": ("analysis.timeseries", None),
    "charts": ("present.charts", None),
    "widgets": ("present.widgets", None),
    "tables": ("present.tables", None),
    "words": ("present.words", None),
    "or_why": ("present.empty", "or_why"),
    "schema": ("core.schema", None),
}
__all__ = [
    "AttributionScores",
    "CorrectionLog",
    "Corpus",
    "Evaluation",
    "LoadError",
    "Profile",
    "ProfileError",
    "Review",
    "WorkbenchError",
    "__version__",
    "agreement",
    "annotate",
    "apply_corrections",
    "cleaning_report",
    "evaluate",
    "evaluate_attributions",
    "load",
    "load_articles",
    "load_profile",
    "load_report",
    "load_statements",
    "or_why",
    "read_attributions",
    "read_brat",
    "read_log",
    "review",
    "stream_articles",
    "unresolved_speakers",
]


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = import_module(f"{__name__}.{module_name}")
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
