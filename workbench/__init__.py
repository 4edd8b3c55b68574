"""workbench: news coverage of a conflict, as pandas DataFrames and notebooks."""

from .errors import LoadError
from .load import load_articles

__version__ = "0.1.0"
__all__ = ["LoadError", "load_articles", "__version__"]
