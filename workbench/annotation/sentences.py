"""Sentences with their character offsets: NLTK's Punkt, trained on the corpus, no downloads.

Punkt's pretrained English model is an NLTK data package that these machines do not
have (and must not download), so the tokenizer is trained on the articles themselves
and seeded with the abbreviations news text uses ("Sept.", "U.S.", "Gen."). When a
user has NLTK's ``punkt_tab`` data installed it is not needed, and not required.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
    PunktTrainer,
)

from ..core.resources import resource_text

if TYPE_CHECKING:
    from ..profile.model import Profile

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def seed_abbreviations(override: str | Path | None = None) -> frozenset[str]:
    """Abbreviations that end with a period but not a sentence: the packaged list, or the
    analyst's file in the same format (a profile's ``lexicons: abbreviations``)."""
    return _abbreviations(resource_text("abbreviations.txt", override))


@lru_cache(maxsize=4)
def _abbreviations(raw: str) -> frozenset[str]:
    return frozenset(
        line.strip().lower().rstrip(".")
        for line in raw.splitlines()
        if line.strip() and not line.startswith("#")
    )


def train_tokenizer(
    texts: Iterable[str],
    *,
    max_chars: int = 400_000,
    abbreviations: str | Path | None = None,
) -> PunktSentenceTokenizer:
    """A Punkt tokenizer trained on ``texts`` and seeded with news abbreviations (the
    packaged list, or the file ``abbreviations``).

    Training reads at most about ``max_chars`` characters, taken evenly across the
    texts (every n-th one, the same on every run): abbreviations are learnt long before
    that, and a large corpus would otherwise spend minutes here.

    Examples
    --------
    >>> tok = train_tokenizer(["Gen. Smith spoke. He left."])
    >>> tok.tokenize("Sept. 27 was a Sunday. The U.S. said so.")
    ['Sept. 27 was a Sunday.', 'The U.S. said so.']
    """
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    texts = list(texts)
    total = sum(len(t) for t in texts)
    step = max(1, -(-total // max_chars))
    for text in texts[::step]:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params: PunktParameters = trainer.get_params()
    params.abbrev_types |= set(seed_abbreviations(abbreviations))
    return PunktSentenceTokenizer(params)


def profile_tokenizer(profile: Profile, texts: Iterable[str]) -> PunktSentenceTokenizer:
    """:func:`train_tokenizer` with the profile's own abbreviations, if it brings them."""
    return train_tokenizer(texts, abbreviations=profile.lexicons.get("abbreviations"))


@lru_cache(maxsize=1)
def default_tokenizer() -> PunktSentenceTokenizer:
    """An untrained Punkt tokenizer that knows the seed abbreviations."""
    params = PunktParameters()
    params.abbrev_types = set(seed_abbreviations())
    return PunktSentenceTokenizer(params)


def sentence_spans(
    text: str, tokenizer: PunktSentenceTokenizer | None = None
) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``; a sentence never crosses a paragraph.

    Examples
    --------
    >>> text = "Title line\\n\\nHe said it. She agreed."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Title line', 'He said it.', 'She agreed.']
    """
    tokenizer = tokenizer or default_tokenizer()
    split = _splitter(tokenizer)
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        base = para.start()
        first = len(spans)
        for start, end in split(para.group(0)):
            start, end = base + start, base + end
            before, after = spans[-1] if len(spans) > first else (0, 0)
            tail = max(before, after - _END_REACH)  # where the *_END patterns can start
            if len(spans) > first and (
                _CONTINUES.match(text, start)
                and _ABBREVIATED.search(text, before, after)
                or _TITLE_END.search(text, tail, after)
                or _INITIALS_END.search(text, tail, after)
                and not _OPENER.match(text, start)
                or _COUNTRY_END.search(text, tail, after)
                and _BODY_AFTER.match(text, start)
            ):
                # "Sen. Jane Doe (R-Pa.) refused …", "… said Mr. Doe": one sentence
                start = spans.pop()[0]
            spans.extend(_split_inside(text, start, end))
    return spans


def _splitter(tokenizer: PunktSentenceTokenizer) -> Callable[[str], Iterable[tuple[int, int]]]:
    """``tokenizer.span_tokenize``, with a shortcut for the most common candidate end.

    Punkt decides every candidate end ("word. Next") by tokenising its context into
    annotated tokens. When the word before the period is two ASCII letters or more, is
    no abbreviation and starts no collocation, and a token follows (after whitespace,
    or a quote or bracket), Punkt's answer is always "a sentence ends here" (no
    abbreviation, initial or number rule applies), so it is given without the detour:
    the spans are Punkt's own (tests compare them).
    """
    if (
        type(tokenizer) is not PunktSentenceTokenizer
        or type(tokenizer._lang_vars) is not PunktLanguageVars
        or tokenizer._Token is not PunktToken
    ):
        return tokenizer.span_tokenize  # a tokenizer of its own kind: no shortcut
    params = tokenizer._params
    abbreviations = params.abbrev_types
    collocation_starts = {first for first, _ in params.collocations}

    def ends(context: str) -> bool:
        plain = _PLAIN_END.match(context)
        if plain:
            word = plain.group(1).lower()
            if word not in abbreviations and word not in collocation_starts:
                return True
        return tokenizer.text_contains_sentbreak(context)

    def slices(text: str) -> Iterator[slice]:  # Punkt's _slices_from_text, with `ends`
        last_break = 0
        for match, context in tokenizer._match_potential_end_contexts(text):
            if ends(context):
                yield slice(last_break, match.end())
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield slice(last_break, len(text.rstrip()))

    def split(text: str) -> Iterator[tuple[int, int]]:  # Punkt's span_tokenize
        for sentence in tokenizer._realign_boundaries(text, slices(text)):
            yield sentence.start, sentence.stop

    return split


# The context of a candidate end that Punkt always splits, unless the word is an
# abbreviation or starts a collocation: a word of ASCII letters, the period, and
# whitespace and a token ("attack. The") or a mark that cuts words ('attack."').
_PLAIN_END = re.compile(
    rf"([A-Za-z]{{2,}})\.(?:[ \t\n\r\f\v]+\S|{PunktLanguageVars()._re_non_word_chars})"
)


# Punkt may end a sentence at an abbreviation in brackets ("(R-Pa.)") or a quoted
# question; a piece that goes on in lower case after such an end is the same sentence.
_CONTINUES = re.compile(r"[)\],;:]*\s*[a-z]")
_ABBREVIATED = re.compile(r"\b[A-Z][A-Za-z]{0,5}\.\)?$|[?!][\"”’']+$")  # or '"…?" said'


# A title before a name never ends a sentence, whatever Punkt learnt of the next word.
_TITLE_END = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|"
    r"Rev|Ft|Mt|Supt)\.$"
)


# The longest match of _TITLE_END, _INITIALS_END or _COUNTRY_END ("Supt.", "A.B.C."),
# and a final newline that "$" may stand before: only a sentence's tail is searched.
_END_REACH = 8


# Initials before a surname ("J.J. Goldberg", "C.V. Starr") end no sentence unless a word
# that opens sentences follows; "U.S." ends none before a title or body ("U.S. Ambassador").
_INITIALS_END = re.compile(r"(?<![\w.])(?!(?:U\.S|U\.K|U\.N|E\.U)\.$)[A-Z]\.(?:[A-Z]\.){0,2}$")
_COUNTRY_END = re.compile(r"(?<![\w.])(?:U\.S|U\.K|U\.N|E\.U)\.$")
_OPENER = re.compile(
    r"(?:The|A|An|It|Its|He|She|They|We|I|You|His|Her|Their|Our|This|That|These|Those|There|"
    r"But|And|Or|So|Yet|In|On|At|As|If|When|While|After|Before|Since|For|With|By|From|To|Of|"
    r"Meanwhile|However|Still|Some|Many|Most|Other|Both|All|No|One|Two|Now|Then|What|Who|"
    r"Why|How|Where)\b"
)
_BODY_AFTER = re.compile(
    r"(?:Ambassador|Army|Navy|Air Force|Marines?|Secretary|Senator|Sen\.|Rep\.|President|"
    r"Attorney|Department|Embassy|Envoy|Forces|Mission|Command|Military|Defense|Treasury|"
    r"Supreme Court|Congress|House|Senate|Representative|Intelligence|Trade|Special|"
    r"Security Council|Secretary-General)\b"
)


# Punkt keeps `...," he said. "Next quote` together when the quote mark follows the
# period; split where a sentence-final mark and a closing quote precede a capital.
_QUOTE_BOUNDARY = re.compile(r"[.!?][\"”’]\s+(?=[\"“‘]?[A-Z])")


# Punkt learns "Calif." and "Inc." as abbreviations and then never ends a sentence there;
# such a word (not a title) followed by a word that opens sentences ends one:
# "… in Riverside, Calif. The group said …".
_ABBREVIATION_BOUNDARY = re.compile(
    r"(?<![\w.])(?!(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|"
    r"Rev|Ft|Mt|Supt|St|No|Nos|Fr|Sr|Jr|Messrs)\.)[A-Z][a-z]{1,5}\.\s+"
    rf"(?={_OPENER.pattern})"
)


_PERIOD_SPACE = re.compile(r"\.\s")


def _split_inside(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A Punkt sentence cut where a closing quote or an abbreviation ends a sentence."""
    pieces = []
    cursor = start
    boundaries = [(m.start() + 2, m.end()) for m in _QUOTE_BOUNDARY.finditer(text, start, end)]
    if _PERIOD_SPACE.search(text, start, end):  # which every abbreviation boundary holds
        boundaries += [
            (m.start() + len(m.group(0).rstrip()), m.end())
            for m in _ABBREVIATION_BOUNDARY.finditer(text, start, end)
        ]
        boundaries.sort()
    for cut, resume in boundaries:
        if cut - cursor > 1:
            pieces.append((cursor, cut))
        cursor = resume
    pieces.append((cursor, end))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def paragraph_numbers(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The paragraph number of each sentence (paragraphs end at a line break)."""
    out, number, previous_end = [], 0, None
    for start, end in spans:
        if previous_end is not None and "\n" in text[previous_end:start]:
            number += 1
        out.append(number)
        previous_end = end
    return out
