"""Finding a profile by name or path, and caching it until its file changes.

``load_profile(name)`` reads ``data/profiles/<name>.yaml`` (any other value is a path to
the analyst's own file), checks the whole file and reports every problem with its line in
one :class:`~workbench.core.errors.ProfileError`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..core.errors import ProfileError
from ..core.resources import packaged_folder
from .model import Profile
from .reader import read_profile

DEFAULT_PROFILE = "karabakh"


def available_profiles() -> list[str]:
    """Names of the built-in profiles.

    Examples
    --------
    >>> "russia_ukraine" in available_profiles()
    True
    """
    return sorted({p.stem for d in _builtin_dirs() if d.is_dir() for p in d.glob("*.yaml")})


def _builtin_dirs() -> list[Path]:
    """Where built-in profiles live: ``data/profiles`` of the checkout, shipped in the
    wheel as ``workbench.profile.profiles``."""
    return [packaged_folder("workbench.profile.profiles", "data/profiles")]


def load_profile(name_or_path: str | Path | Profile = DEFAULT_PROFILE) -> Profile:
    """Load and validate a conflict profile; cached until the file changes.

    Parameters
    ----------
    name_or_path
        A built-in profile name (see :func:`available_profiles`), a path to the analyst's
        own YAML file, or an already loaded :class:`Profile`, returned as it is.

    Returns
    -------
    Profile

    Raises
    ------
    ProfileError
        Naming the file and, for every problem found, its line and entry.

    Examples
    --------
    >>> profile = load_profile("russia_ukraine")
    >>> profile.stances, load_profile("russia_ukraine") is profile
    (('pro_ukraine', 'pro_russia', 'neutral'), True)
    """
    if isinstance(name_or_path, Profile):
        return name_or_path
    path = Path(name_or_path).expanduser()
    if isinstance(name_or_path, str) and re.fullmatch(r"[\w-]+", name_or_path):
        builtin = [d / f"{name_or_path}.yaml" for d in _builtin_dirs()]
        path = next((p for p in builtin if p.is_file()), path)
    if not path.is_file():
        known = ", ".join(available_profiles())
        raise ProfileError(path, [(0, f"no such profile file (built-in profiles: {known})")])
    stat = path.resolve().stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Profile:
    """Parse a profile; mtime and size are in the key so an edited file is read again."""
    return read_profile(Path(path))
