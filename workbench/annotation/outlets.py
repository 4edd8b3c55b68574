"""The outlet that published an article, as a would-be speaker: it relays ("the Guardian
reported", "a BBC investigation found"), so it is not the speaker of its own story, unless
it speaks in it as an actor ("a Guardian spokesperson said")."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..core import schema as S
from ..profile.model import fold

_SPEAKS_AS_ACTOR = re.compile(r"\b(?:spokes\w+|representatives?|in a statement)\b", re.I)


def relayed_by_own_outlet(article: dict, sentence: str, name: str) -> bool:
    """Whether ``name`` is the outlet that published ``article`` (its ``source``, or the
    name in its web address: "the Guardian" in theguardian.com, "BBC" in bbc.co.uk)
    reporting in its own voice in ``sentence``."""
    return is_own_outlet(article, name) and not _SPEAKS_AS_ACTOR.search(sentence)


def own_reporter(article: dict, text: str, name: str) -> bool:
    """Whether ``name`` is written in ``text`` as the outlet's own journalist ("the BBC's
    Jane Doe", "the Guardian's defence editor Jane Doe") of the outlet that published it."""
    if " " not in name.strip():
        return False
    source, url = (article.get(key) for key in (S.SOURCE, S.URL))
    source = source if isinstance(source, str) else None  # only strings name an outlet
    url = url if isinstance(url, str) else None
    return _own_reporter(text, name, source, url)


# Small: a speaker's statements of one article ask in turn, each about the whole text.
@lru_cache(maxsize=256)
def _own_reporter(text: str, name: str, source: str | None, url: str | None) -> bool:
    article = {S.SOURCE: source, S.URL: url}
    for found in re.finditer(re.escape(name), text):
        before = _OUTLET_BEFORE.search(text, max(0, found.start() - 80), found.start())
        words = before.group("outlet").split() if before else []
        if any(is_own_outlet(article, " ".join(words[k:])) for k in range(len(words))):
            return True  # "… Lavrov. The BBC's": the words that end at the possessive
    return False


_OUTLET_BEFORE = re.compile(
    r"(?P<outlet>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})['’]s\s+(?:[a-z][\w-]*\s+){0,5}$"
)


def is_own_outlet(article: dict, name: str) -> bool:
    letters = _letters(name)
    if len(letters) < 2:
        return False
    outlet = article.get(S.SOURCE)
    if isinstance(outlet, str) and letters == _letters(outlet):
        return True
    url = article.get(S.URL)
    if not isinstance(url, str):
        return False
    host = urlsplit(url).hostname or ""
    first = host.removeprefix("www.").split(".")[0]
    return first in (letters, "the" + letters)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name).removeprefix("the "))
