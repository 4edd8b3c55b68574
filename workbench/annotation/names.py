"""Names in any English news text, without a profile: runs of capitalised words read as
people or organisations, with titles, initials, particles and possessives.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count
from operator import itemgetter

from .name_words import (
    BODY_WORDS,
    ORG_WORDS,
    TITLE_WORDS,
    NameWords,
    first_name_gender,
    name_words,
)

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’´ʼ.-]*[\w.])?|\d[\w-]*|\S")  # O´Brien: ´ and ʼ too
_PARTICLES = frozenset(
    "de da del della di du van von der den bin ibn al el la le dos das y".split()
)
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


@dataclass(frozen=True)
class Name:
    """A name written at [start, end): the name proper, its honorific and role, its kind."""

    start: int
    end: int
    text: str
    kind: str  # person, organisation, collective, title (a role with no name)
    honorific: str = ""
    role: str = ""


def fold_word(word: str) -> str:
    return word.strip(".,").replace("’", "'").removesuffix("'s").casefold()


_CONTRACTION = re.compile(r"^(?:I|We|You|They|He|She|It|That|There|What|Let)['’]\w+$")
_CAMEL = re.compile(r"^(?!Mc|Mac|O['’]|D['’]|De|Di|La|Le|Van|Von|Du|St)[A-Z][a-z]+[A-Z]")


# "New" is a function word ("New sanctions…") but begins place names ("New York Times").
_PLACE_PREFIX = re.compile(r"^New$")


# Possessives inside a name ("Donetsk People's Republic", "Children's Fund"), not its end.
_PLURAL_OWNERS = frozenset({"People", "Peoples", "Women", "Children", "Workers", "Veterans"})


def _opens_with_body(run: list[tuple[int, int, str]]) -> bool:
    """A run that opens with a body and 'of' ("Ministry of Infrastructure"): all one name."""
    return len(run) > 2 and run[1][2] in ("of", "for", "on") and bool(BODY_WORDS.match(run[0][2]))


def _bare(token: str) -> str:
    """A token without its stop and possessive ("Wednesday’s" -> "Wednesday")."""
    return token.rstrip(".").removesuffix("’s").removesuffix("'s")


def _is_cap(token: str) -> bool:
    """A capitalised word that can be part of a name (not "I'm", not a handle "JaneDoe")."""
    return token[:1].isupper() and _capital_word(token)


# Words recur across articles: each is matched against the word patterns once.
@lru_cache(maxsize=16384)
def _capital_word(token: str) -> bool:
    # "Russian-installed", "Kremlin-backed": an adjective, not a name ("Kara-Murza" is one)
    return not _CONTRACTION.match(token) and not _CAMEL.match(token) and not _COMPOUND.match(token)


_COMPOUND = re.compile(
    r"^[A-Z][\w'’]*-(?:[a-z]+(?:ed|ing)|born|era|style|wide|like|run|made|led|owned)$"
)  # not a Korean given name ("Ban Ki-moon", "Go Myong-hyun")


@lru_cache(maxsize=16384)
def _org_word(token: str) -> bool:
    """A word of an organisation's name ('Ministry', 'Institute')."""
    return ORG_WORDS.match(token) is not None


@lru_cache(maxsize=16384)
def _org_word_bare(token: str) -> bool:
    """:func:`_org_word` of a token without its stop and possessive ("Ministry's")."""
    return _org_word(token.rstrip(".").replace("’s", "").replace("'s", ""))


@lru_cache(maxsize=16384)
def _title_word(token: str) -> bool:
    return TITLE_WORDS.match(token) is not None


def names_in(
    text: str, start: int = 0, end: int | None = None, *, demonyms: frozenset[str] = frozenset()
) -> list[Name]:
    """Every name written in text[start:end], in order (remembered: attribution asks
    about the same spans of an article many times).

    Examples
    --------
    >>> [(n.text, n.kind, n.role) for n in names_in("Longtime pollster Pat Caddell said.")]
    [('Pat Caddell', 'person', 'pollster')]
    >>> [(n.text, n.honorific) for n in names_in("Sen. Heidi Doe (D-N.D.) and Mr. Roe")]
    [('Heidi Doe', 'Sen'), ('Roe', 'Mr')]
    """
    return list(_names_in(text, start, len(text) if end is None else end, demonyms))


# Small: the calls of one article cluster, and each entry keeps its article's text alive.
@lru_cache(maxsize=1024)
def _names_in(text: str, start: int, end: int, demonyms: frozenset[str]) -> tuple[Name, ...]:
    words = name_words()
    tokens, upper = _tokens(text, start, end)
    found: list[Name] = []
    i = 0
    for k in upper:  # a name opens with a capital: the other tokens are passed over
        if k < i or not _is_cap(tokens[k][2]) or not tokens[k][2][0].isalpha():
            continue
        i = k
        j = i + 1
        while j < len(tokens):
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            tok, prev = tokens[j][2], tokens[j - 1][2]
            if (
                gap not in (" ", "\u00a0")
                or (prev.endswith(("'s", "’s")) and prev[:-2] not in _PLURAL_OWNERS)
                or (
                    prev.endswith(".")
                    and not _abbreviation(prev, words)
                    and not _INITIALS.match(prev)  # "U.S. Treasury", "J.J. Doe"
                )
            ):
                break
            if _is_cap(tok) and tok[0].isalpha():
                j += 1
            elif tok in _PARTICLES and j + 1 < len(tokens) and _is_cap(tokens[j + 1][2]):
                j += 1
            elif tok in ("for", "of", "on") and any(_org_word(t) for _, _, t in tokens[i:j]):
                # "Office for National Statistics", "Institute for the Study of War"
                k = j + 2 if j + 1 < len(tokens) and tokens[j + 1][2] == "the" else j + 1
                if k < len(tokens) and _is_cap(tokens[k][2]) and " " == text[tokens[k - 1][1]]:
                    j = k
                else:
                    break
            else:
                break
        run = tokens[i:j]
        i = j
        if len(run) == 1 and _never_alone(run[0][2]):
            continue  # "The", "It", "Monday": no name, wherever written
        name = _classified(text, tuple(run), demonyms)
        if name is not None:
            found.append(name)
    return tuple(found)


def _tokens(text: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The tokens of text[start:end] and where those that begin with a capital are: those
    of the whole text between the two, when neither cuts a token (the same tokens), else
    the span's own."""
    starts, ends, tokens, upper = _text_tokens(text)
    first, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if (first and ends[first - 1] > start) or (stop and ends[stop - 1] > end):
        own = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
        return own, [k for k, t in enumerate(own) if t[2][0].isupper()]
    a, b = bisect.bisect_left(upper, first), bisect.bisect_left(upper, stop)
    return tokens[first:stop], [k - first for k in upper[a:b]]


# Small: an article's spans are looked up while it is annotated.
@lru_cache(maxsize=16)
def _text_tokens(
    text: str,
) -> tuple[list[int], list[int], list[tuple[int, int, str]], list[int]]:
    """Where each token of a whole text starts and ends, the tokens, and which of them
    begin with a capital: the tokens of ``_TOKEN.finditer``, each found with the spaces
    before it (a token never begins with a space), so that the places are sums of
    lengths, not a match object's methods called per token."""
    pairs = _SPACE_TOKEN.findall(text)
    places = list(accumulate(map(len, chain.from_iterable(pairs))))
    starts, ends, words = places[0::2], places[1::2], list(map(itemgetter(1), pairs))
    upper = list(compress(count(), map(str.isupper, map(itemgetter(0), words))))
    return starts, ends, list(zip(starts, ends, words, strict=True)), upper


_SPACE_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")


@lru_cache(maxsize=16384)
def _never_alone(token: str) -> bool:
    """Whether a token alone is never a name, wherever it is written: :func:`_classify`
    drops it as a word that is no name ("Monday"), a function word ("The"; not "New"),
    or "I" and "A"."""
    words = name_words()
    return (
        _bare(token) in words.not_names
        or (token.casefold() in words.function_words and not _PLACE_PREFIX.match(token))
        or token in ("I", "A")
    )


# An article's spans share runs of capitals (a name, then the clause it opens): each is
# read once.
@lru_cache(maxsize=4096)
def _classified(
    text: str, run: tuple[tuple[int, int, str], ...], demonyms: frozenset[str]
) -> Name | None:
    """:func:`_classify` of a run, remembered."""
    return _classify(text, list(run), name_words(), demonyms)


def _classify(
    text: str, run: list[tuple[int, int, str]], words: NameWords, demonyms: frozenset[str]
) -> Name | None:
    """A run of capitalised tokens as a name: titles set aside, kind decided."""
    if _in_parentheses(text, run[0][0]):
        return None  # "(D-N.D.)", "(AP Photo/Jane Doe)": a party tag or a credit
    if run[0][0] and text[run[0][0] - 1] in "@#/":
        return None  # a handle, a hashtag or part of a URL
    if (
        " ".join([t for _, _, t in run]).rstrip(".").replace("’s", "").replace("'s", "")
        in words.places
    ):
        return None  # a place the profile does not list ("Ohio", "Vermont")
    lead_role = ""
    while (
        run
        and not _opens_with_body(run)
        and (
            (
                _bare(run[0][2]) in words.not_names  # "Wednesday’s holiday"
                # "Jan Ott", "June Carter": a first name that is also a month's
                and not (
                    len(run) > 1 and run[0][2][-1] != "." and first_name_gender(run[0][2], words)
                )
            )
            or (run[0][2].casefold() in words.function_words and not _PLACE_PREFIX.match(run[0][2]))
            or (_sentence_initial(text, run[0][0]) and _common_word(text, run[0][2], words))
        )
    ):
        if run[0][2].casefold() in words.roles:
            lead_role = run[0][2].casefold()
        run = run[1:]
    while run and run[-1][2] in ("I", "A"):
        run = run[:-1]
    if not run:
        return None
    last = run[-1][2].rstrip(".").replace("’s", "").replace("'s", "")
    if run[-1][2].endswith(("'s", "’s")) and _SPEECH_AFTER.match(text, run[-1][1]):
        # "McDonald's said": a possessive must own a noun; before a verb it is the name
        return Name(run[0][0], run[-1][1], text[run[0][0] : run[-1][1]], "organisation")
    if _BODY_BEFORE.search(text, max(0, run[0][0] - 30), run[0][0]):
        # "activist group Crimea SOS", "the consultancy Acme": named by what it is
        return Name(run[0][0], _end_of(run), _written(text, run), "organisation")
    single = len(run) == 1  # one word: no honorific, role or title before a name
    honorific_at = (
        -1
        if single
        else max(
            (
                k
                for k, (_, _, t) in enumerate(run[:-1])
                if t.rstrip(".").casefold() in words.honorifics
            ),
            default=-1,
        )
    )
    org_words = [_org_word_bare(t) for _, _, t in run]
    # "House Speaker Jane Doe": a role and a first name after the body's name
    role_at = (
        -1
        if len(run) < 3
        else max(
            (
                k
                for k, (_, _, t) in enumerate(run[:-2])
                if t.rstrip(".").casefold() in words.roles
                and first_name_gender(run[k + 1][2], words)
            ),
            default=-1,
        )
    )
    honorific_at = max(honorific_at, role_at)
    if (
        len(run) > 1
        and any(org_words)
        and run[-1][2].rstrip(".").casefold() in words.roles
        and not any(t in ("for", "of", "on") for _, _, t in run)  # "Center for Justice"
    ):
        role = run[-1][2].rstrip(".").casefold()  # "House Speaker": a title, not a body
        return Name(run[0][0], _end_of(run), _written(text, run), "title", role=role)
    if len(run) == 1 and _GENERIC_MEDIA.match(last):
        return None  # "according to Russian state TV": a kind of outlet, not its name
    if any(org_words[honorific_at + 1 :]):  # "Army Capt. Jane Doe" is a person, the Army hers
        return Name(run[0][0], _end_of(run), _written(text, run), "organisation")
    if len(run) == 1 and last in words.collectives:
        return Name(run[0][0], _end_of(run), last, "collective")
    honorific, titles = "", []
    # Everything up to the last title word is the title: "Treasury Secretary Jane Doe".
    last_title = (
        -1
        if single
        else max(
            (
                k
                for k, (_, _, t) in enumerate(run[:-1])
                if _title(t, demonyms) and not first_name_gender(t, words)
            ),
            default=-1,
        )
    )
    for _, _, t in run[: last_title + 1]:
        word = t.rstrip(".").casefold()
        if word in words.honorifics and not honorific:
            honorific = t.rstrip(".")
        titles.append(word)
    run = run[last_title + 1 :]
    if len(run) == 1 and _title(run[0][2], demonyms) and not honorific:
        return Name(run[0][0], run[0][1], run[0][2], "title", role=run[0][2].casefold())
    role = (
        lead_role
        or _role_before(text, run[0][0], words)
        or next(
            (
                words.role_of.get(t, t)
                for t in reversed(titles)
                if words.role_of.get(t, t) in words.roles
            ),
            "",
        )
    )
    if all(len(t.rstrip(".")) == 1 for _, _, t in run):
        return None  # initials alone ("U.S.")
    if len(run) == 1 and _org_word(run[0][2]):
        return None
    if (
        _title(run[-1][2], demonyms)
        and not honorific  # "Mr. Prince", "Ms. Bishop": a surname after an honorific
        and not first_name_gender(run[-1][2], words)
        and not (len(run) > 1 and first_name_gender(run[0][2], words))  # "Matthew Prince"
    ):
        return None  # "Longtime Democratic": a description, not a name
    if len(run) == 1 and not honorific and _sentence_initial(text, run[0][0]):
        bare = run[0][2].rstrip(".").replace("’s", "").replace("'s", "")  # "Romney's aides"
        apposed = (
            _APPOSITION_START.match(text, run[0][1])
            or _SPEECH_AFTER.match(text, run[0][1])
            or (text.startswith(" and ", run[0][1]) and first_name_gender(bare, words))
        )  # "Anna and Peter Doe fled": a first name
        if not apposed and not _written_mid_sentence(text, bare.title()):
            return None  # a sentence's first word, never written capitalised mid-sentence
    return Name(run[0][0], _end_of(run), _written(text, run), "person", honorific, role)


_GENERIC_MEDIA = re.compile(r"^(?:TV|Television|Radio|Media|Press|News|Channel)$", re.IGNORECASE)
_BODY_BEFORE = re.compile(
    r"\b(?:group|organi[sz]ation|charity|company|firm|foundation|think[- ]tank|network|"
    r"movement|consultancy|NGO|watchdog|monitor|outlet|broadcaster|newspaper|website)\s+$"
)
# "McDonough wrote …": a capitalised first word that speaks is a name
_SPEECH_AFTER = re.compile(
    r"\s+(?:said|says|told|tells|wrote|writes|added|adds|replied|explained|noted|argued|"
    r"(?:went|goes) on to (?:say|add|write)|"
    r"insisted|tweeted|posted|warned|claimed|stated|declared|announced)\b"
)
_APPOSITION_START = re.compile(r",\s+(?:a|an|the|now|who|whose|then|once|formerly)\s")


def _title(token: str, demonyms: frozenset[str]) -> bool:
    """A title, rank, party or demonym written before a name ('Sen.', 'Norwegian')."""
    return _title_word(token) or token.replace("’s", "").replace("'s", "") in demonyms


def _abbreviation(token: str, words: NameWords) -> bool:
    """A token whose dot does not end a sentence: an initial, an honorific, Jr., St."""
    bare = token.rstrip(".")
    return len(bare) == 1 or bare.casefold() in words.honorifics or bare in ("Jr", "Sr", "St")


def _in_parentheses(text: str, at: int) -> bool:
    opened = text.rfind("(", max(0, at - 80), at)
    return opened >= 0 and text.find(")", opened, at) < 0


def _sentence_initial(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at].rstrip(" \"“‘'")
    return not before or before[-1] in ".!?\n:—–-"


def _common_word(text: str, token: str, words: NameWords) -> bool:
    """A sentence's first word that the article also writes in lower case, or a role word."""
    word = token.rstrip(".").casefold()
    if word in words.roles:
        return True
    if first_name_gender(token, words):
        return False
    return _written_lower(text, word)


@lru_cache(maxsize=4096)
def _written_lower(text: str, word: str) -> bool:
    r"""Whether ``text`` writes ``word`` in lower case (each word looked up once per text):
    ``(?<![\w.])word\b``, found with ``str.find`` (a regex per word costs its compiling)."""
    return any(
        (at == 0 or not (_is_word_char(text[at - 1]) or text[at - 1] == "."))
        and _word_ends(text, at + len(word))
        for at in _places(text, word)
    )


@lru_cache(maxsize=4096)
def _written_mid_sentence(text: str, word: str) -> bool:
    r"""Whether ``text`` writes ``word`` (title case) capitalised mid-sentence, also after
    an initial ("Harry M. Reid … Reid said"): ``(?:[\w,;)]|\b[A-Z]\.) (?:word|WORD)\b``,
    found with ``str.find``."""
    for written in dict.fromkeys((word, word.upper())):
        for at in _places(text, " " + written):
            before = text[at - 1] if at else ""
            after_initial = (
                at >= 2
                and before == "."
                and "A" <= text[at - 2] <= "Z"
                and (at == 2 or not _is_word_char(text[at - 3]))
            )
            if (
                before
                and (_is_word_char(before) or before in ",;)" or after_initial)
                and _word_ends(text, at + 1 + len(written))
            ):
                return True
    return False


def _places(text: str, needle: str) -> Iterator[int]:
    """Where ``needle`` is written in ``text`` (overlapping places too)."""
    at = text.find(needle) if needle else -1
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _is_word_char(ch: str) -> bool:
    r"""A character of ``\w`` (``re``'s, for text)."""
    return ch.isalnum() or ch == "_"


def _word_ends(text: str, end: int) -> bool:
    r"""Whether ``\b`` holds at ``end`` after a non-empty word written up to ``end``."""
    return _is_word_char(text[end - 1]) != (end < len(text) and _is_word_char(text[end]))


def _end_of(run: list[tuple[int, int, str]]) -> int:
    start, end, tok = run[-1]
    for suffix in ("'s", "’s"):
        if tok.endswith(suffix):
            return end - 2
    return end - 1 if tok.endswith(".") and len(tok) > 2 else end


def _written(text: str, run: list[tuple[int, int, str]]) -> str:
    return text[run[0][0] : _end_of(run)]


_ROLE_BEFORE = re.compile(r"([A-Za-z-]+)(?:\s+[A-Za-z-]+)?\s+$")


def _role_before(text: str, at: int, words: NameWords) -> str:
    """A lower-case role word right before a name ('pollster Pat Doe', 'the senator Doe')."""
    before = text[max(0, at - 40) : at]
    tail = before.split()[-3:]
    for n in (2, 1):
        phrase = " ".join(tail[-n:]).casefold().strip(",")
        if phrase in words.roles:
            return phrase
    return ""
