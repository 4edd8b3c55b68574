"""workbench: news coverage of a conflict, as pandas DataFrames and notebooks."""

from .agreement import agreement
from .attribution_gold import (
    AttributionScores,
    evaluate_attributions,
    read_attributions,
    read_brat,
)
from .corpus import Corpus, annotate, load, load_statements, unresolved_speakers
from .corrections import CorrectionLog, read_log
from .errors import LoadError
from .evaluate import Evaluation, evaluate
from .load import load_articles
from .profile import Profile, ProfileError, load_profile
from .replay import apply_corrections
from .reports import cleaning_report, load_report
from .review import Review, review
from .store import PIPELINE_VERSION, Store, content_hash
from .stream import ArticleStream, stream_articles

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
