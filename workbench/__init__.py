"""workbench: news coverage of a conflict, as pandas DataFrames and notebooks."""

from .corpus import Corpus, annotate, load, load_statements, unresolved_speakers
from .errors import LoadError
from .evaluate import Evaluation, evaluate
from .load import load_articles
from .profile import Profile, ProfileError, load_profile

__version__ = "0.1.0"
__all__ = [
    "Corpus",
    "Evaluation",
    "LoadError",
    "Profile",
    "ProfileError",
    "__version__",
    "annotate",
    "evaluate",
    "load",
    "load_articles",
    "load_profile",
    "load_statements",
    "unresolved_speakers",
]
