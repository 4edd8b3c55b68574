"""Packaged data, read on first use: the lexicons in ``workbench/resources/``, the
built-in profiles and the notebooks.

Nothing is read at import; each loader that uses a resource caches what it builds
from it, and takes the analyst's own file instead where an override makes sense.
"""

from __future__ import annotations

from importlib import import_module, resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]  # the repository, when run from one


def resource_path(name: str) -> Path:
    """The packaged resource ``workbench/resources/<name>``."""
    return Path(str(resources.files("workbench.resources").joinpath(name)))


def resource_text(name: str, override: str | Path | None = None) -> str:
    """The text of a packaged resource, or of ``override`` (the analyst's file) if given."""
    path = Path(override).expanduser() if override is not None else resource_path(name)
    return path.read_text(encoding="utf-8")


def packaged_folder(package: str, checkout: str) -> Path:
    """A folder shipped as a package (``workbench.notebooks``, the built-in profiles),
    or its place in the checkout when the package is not installed."""
    try:  # a folder without __init__.py: a namespace package, with a __path__
        folder = Path(next(iter(import_module(package).__path__)))
    except (ModuleNotFoundError, StopIteration):
        return _CHECKOUT / checkout
    return folder if folder.is_dir() else _CHECKOUT / checkout
