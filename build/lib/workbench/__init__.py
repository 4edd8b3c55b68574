"""workbench: news coverage of a conflict, as pandas DataFrames and notebooks.

The entry points are here; the analysis and chart modules (``workbench.charts``,
``workbench.timeseries``, …) and the review widget are imported on first use, so
``import workbench`` loads neither plotly nor ipywidgets.
"""

from importlib import import_module

from .analysis.attribution_gold import (
    AttributionScores,
    evaluate_attributions,
    read_attributions,
    read_brat,
)
from .analysis.evaluate import Evaluation, evaluate
from .core.errors import LoadError, ProfileError
from .core.reports import cleaning_report, load_report
from .corpus import Corpus, annotate, load, load_statements, unresolved_speakers
from .corrections.agreement import agreement
from .corrections.apply import apply_corrections
from .corrections.log import CorrectionLog, read_log
from .ingest.pipeline import load_articles
from .profile.library import load_profile
from .profile.model import Profile
from .scale.stream import ArticleStream, stream_articles
from .storage.store import PIPELINE_VERSION, Store, content_hash

__version__ = "0.1.0"
__all__ = [
    "ArticleStream",
    "AttributionScores",
    "CorrectionLog",
    "Corpus",
    "Evaluation",
    "LoadError",
    "PIPELINE_VERSION",
    "Profile",
    "ProfileError",
    "Review",
    "Store",
    "__version__",
    "agreement",
    "annotate",
    "apply_corrections",
    "cleaning_report",
    "content_hash",
    "evaluate",
    "evaluate_attributions",
    "load",
    "load_articles",
    "load_profile",
    "load_report",
    "load_statements",
    "read_attributions",
    "read_brat",
    "read_log",
    "review",
    "stream_articles",
    "unresolved_speakers",
]

# Public modules and names imported on first use: name -> (module under workbench, attribute).
_LAZY: dict[str, tuple[str, str | None]] = {
    "amplification": ("analysis.amplification", None),
    "charts": ("present.charts", None),
    "compare": ("analysis.compare", None),
    "kwic": ("analysis.kwic", None),
    "network": ("analysis.network", None),
    "overview": ("analysis.overview", None),
    "schema": ("core.schema", None),
    "timeseries": ("analysis.timeseries", None),
    "widgets": ("present.widgets", None),
    "Review": ("present.review", "Review"),
    "review": ("present.review", "review"),
}


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
