"""Countries and generic institutions in context: when a country's name is its
government (the subject of a statement or an act) and when only a place, and whose
'the Foreign Ministry' a sentence means.
"""

from __future__ import annotations

import re

from ..profile.model import Profile
from .mentions import Mention


def generic_index(profile: Profile) -> dict[str, tuple[str, str]]:
    """Actor name -> (generic template, affiliation), e.g. 'Russian Foreign Ministry'."""
    index = {}
    for generic in profile.generic_actors:
        for affiliation in profile.demonyms:
            actor = profile.resolve_generic(generic.phrases[0], affiliation)
            if actor is not None:
                index[actor.name] = (generic.template, affiliation)
    return index


def state_index(profile: Profile) -> dict[str, str]:
    """Country name as written -> its government actor ('Armenia' -> 'Armenian government')."""
    index = {}
    members = [m for side in profile.sides.values() for m in side]
    for affiliation in dict.fromkeys([*members, *profile.demonyms]):
        government = profile.resolve_generic("the government", affiliation)
        if government is None:
            continue
        demonym = profile.demonyms.get(affiliation, "")
        # An all-capital demonym is the country's abbreviation too ("the US said").
        acronym = (demonym,) if demonym.isupper() else ()
        for name in (affiliation, *profile.country_names.get(affiliation, ()), *acronym):
            index[name.casefold()] = government.name
    return index


def with_states(
    text: str, mentions: list[Mention], places: list[Mention], state_actor: dict[str, str]
) -> list[Mention]:
    """Add country names not inside an actor mention: as a mention of their government
    where the country can be the subject of a statement or act ('Azerbaijan stated …',
    'according to Ukraine'), else as a mention of the state as a place ('fighting in
    Armenia', 'Russia's war'; annotation guide), kind ``place`` with the state as actor.
    """
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for p in places:
        government = state_actor.get(p.alias.casefold())
        if government is None or any(a < p.end and p.start < b for a, b in taken):
            continue
        if _as_subject(text, p.start, p.end):
            extra.append(Mention(p.start, p.end, government, p.alias, "state"))
        else:
            extra.append(Mention(p.start, p.end, p.actor, p.alias, "place"))
    return sorted(mentions + extra, key=lambda m: m.start)


_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|of|over|to|on|at|from|against|into|between|with|near|across|around|for|by|"
    r"about|through|towards?|under|within|inside|outside|via|toward|throughout|its|"
    r"their|his|her|our|pro|anti|post|pre)(?:\s+the)?\s*[-–]?\s*|[-–])$",
    re.IGNORECASE,
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+$", re.IGNORECASE)
# After a subject: a verb or adverb in lower case, a comma (an apposition or a list),
# 'and'/'or' and another name ('Russia and China vetoed'); not a noun it qualifies. Also the
# state as agent ('Iran-backed') or as the owner of a title or body ('the US President').
_SUBJECT_AFTER = re.compile(
    r"^(?:\s+(?:and|or)\s+[A-Z]|,\s|\s+[a-z]|[-–](?:backed|led|sponsored|supported|funded|"
    r"controlled|installed|allied|aligned|appointed|imposed)\b|\s+(?:President|Prime|Foreign|"
    r"Defen[cs]e|Minister|Secretary|Ambassador|Embassy|Government|Army|Navy|Air|Forces|Military|"
    r"Treasury|State|Department|Ministry|Congress|Senate|Parliament|Officials|Authorities)\b)"
)
# Before a subject: the start of a sentence, clause or quote, or a conjunction.
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?\n\"“”:;(,—]|\s[-–]{1,2}|\b(?:and|but|or|that|as|while|when|after|before|because|since|if|"
    r"although|though|whereas|where|so|then|also|yet|now|meanwhile|instead|said|says|say|"
    r"told|added|warned|stressed|noted|insisted|believes?|thinks?|hopes?|claimed|who|which|"
    r"whom)\b)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_QUALIFIED_NOUN = re.compile(
    r"^\s+(?:war|wars|conflict|crisis|border|borders|region|regions|front|frontline|invasion|"
    r"talks|deal|policy|troops|forces|army|gas|oil|grain|embassy|issue|question|coverage|"
    r"attack|attacks|offensive|campaign|aid|relief|fund|visit|trip|summit|news|time|war's)\b"
)


def _as_subject(text: str, start: int, end: int) -> bool:
    """Whether a country name at text[start:end] reads as the subject of a clause."""
    before = text[max(0, start - 30) : start]
    if _ACCORDING_TO.search(before):
        return True
    if _PLACE_BEFORE.search(before.rstrip(" ") + (" " if before.endswith(" ") else "")):
        return False
    if not _SUBJECT_BEFORE.search(before):
        return False  # the object of a verb ('invaded Ukraine')
    after = text[end : end + 40]
    if after[:2] in ("'s", "’s") or after[:1] in ("'", "’"):
        return False  # a possessive: the state's people, places or officials
    return bool(_SUBJECT_AFTER.match(after)) and not _QUALIFIED_NOUN.match(after)


_ATTACHED = re.compile(r"^\s+(?:of|in|from)\s+(?:the\s+)?(?:Republic of\s+)?")


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|of|over|to|on|at|from|against|into|between|with|near|across|around|and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts (after '. ' or a line break)."""
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a country opens its sentence (at most 'The'/'But' before it): its subject."""
    return len(text[_sentence_start(text, at) : at].split()) <= 1


def context_affiliation(
    text: str,
    m: Mention,
    places: list[Mention],
    recent: str | None,
    title_places: list[Mention],
) -> str | None:
    """Whose 'the Foreign Ministry' is, from the words around it (most telling first):
    attached ('of Armenia', 'in Baku'), adjacent ('Azerbaijan's'), 'the country's' (the
    sentence's subject), a country opening a sentence just before, the same institution
    named last with its country, then the nearest country named as an actor (not after a
    preposition: 'in Karabakh' is a place, not an owner).
    """
    attached = _ATTACHED.match(text[m.end : m.end + 30])
    if attached:
        after = m.end + attached.end()
        place = next((p for p in places if p.start == after), None)
        if place:
            return place.actor
    before = [p for p in places if p.end <= m.start and m.start - p.end <= 3]
    if before:
        return before[-1].actor
    sentence_start = _sentence_start(text, m.start)
    owners = [
        p
        for p in places
        if p.end <= m.start and not _PREPOSITION_BEFORE.search(text[max(0, p.start - 15) : p.start])
    ]
    if re.search(
        r"\b(?:the country's|its)\s*$", text[max(0, m.start - 20) : m.start], re.IGNORECASE
    ):
        in_sentence = [p for p in owners if p.start >= sentence_start]
        if in_sentence:
            return in_sentence[0].actor
    nearby = [p for p in owners if m.start - p.end < 250]
    if nearby and (not recent or _opens_sentence(text, nearby[-1].start)):
        return nearby[-1].actor  # "Pakistan threw its weight behind … the ministry said"
    if recent:  # "Britain's Ministry of Defence said Russia … The Ministry added": Britain's
        return recent
    if title_places:
        return title_places[0].actor
    return owners[0].actor if owners else None
