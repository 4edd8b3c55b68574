"""The cues of attribution: reporting verbs and the patterns of the forms that
name a speaker (quotes, 'according to', transcripts, captions, appositions).

The verbs are the packaged ``reporting_verbs.txt``; every pattern is plain English
syntax, none is taken from an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.resources import resource_text
from .name_words import ORG_WORDS

PERSON_TYPES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "minister",
        "spokesperson",
        "party_politician",
        "religious",
    }
)


def is_person(name: str | None, actor_type: str) -> bool:
    """Whether an actor is a person ('he'/'she'), not an institution ('it'): by type, or for
    types that hold both (a UN Secretary-General is 'igo'), by a name with no institution word."""
    if not name:
        return False
    if actor_type in PERSON_TYPES:
        return True
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not INSTITUTION.search(name)
        and not any(ORG_WORDS.match(w) for w in words)  # "Amnesty International": 'it'
    )


def _verb_forms(raw: str) -> list[str]:
    """The verb forms of a lexicon, one per line ('#' starts a comment line)."""
    return [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]


def _alternatives(words: list[str]) -> str:
    """The words as one group that prefers the longest word written at a place.

    Case-sensitive even inside case-insensitive patterns: 'States' in 'the United States'
    is no verb. Written as a trie ('sa(?:id|ys|y)'): it matches what the longest-first
    list of words matches, in the same order of preference, and ``re`` tries a few
    letters at a place instead of hundreds of words (several times faster).
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return r"(?-i:" + _trie_pattern(trie) + ")"


def _trie_pattern(node: dict) -> str:
    """The pattern of a trie's node: longer words first, then the word ending here."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return body + "?" if len(branches) > 1 else "(?:" + body + ")?"


# Words that open a clause whose subject is not the sentence's ('who they believed', 'if we
# thought', 'that she hoped'), just before a position verb's subject.
SUBORDINATE_SUBJECT = re.compile(
    r"\b(?:who|whom|whose|which|that|if|when|whether|as|what|where|because|than)\s+"
    r"(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
IMPERSONAL = re.compile(r"\bit\s+(?:is|was|has been|had been|were)\s*$", re.IGNORECASE)
AUX = (
    r"(?:(?:has|have|had|also|further|reportedly|then|in turn|for (?:its|his|her|their) part|again|"
)
AUX += r"today|yesterday|on \w+day|on \w+|earlier|later|is|are|was|were|will|would|"
AUX += r"went on to|goes on to|continued to|continues to|"  # "Jane Doe went on to say"
AUX += r"(?:is |was )?trying to|tried to|tries to)\s+)*"  # "is trying to call for calm"
PRONOUN = re.compile(r"^(?:he|she|it|they|we)$", re.IGNORECASE)
# A form of 'be' just before a past participle: the subject is acted on, not speaking.
PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|being|be|get|gets|got)(?:\s+(?:also|not|never|reportedly|"
    r"publicly|officially|formally|repeatedly|widely|later|then|first))?$",
    re.IGNORECASE,
)
DEFINITE = re.compile(
    r"^(?:the|his|her|its|their) (?:(?:same|latter|former) )?"
    # "the company", "the state-owned gas company": the body last quoted
    r"(?:(?:[\w-]+ ){0,3}(?:company|firm|operator|watchdog|regulator|organi[sz]ation|charity|"
    r"utility|producer|group|embassy|committee|commission|council|mission)|"
    r"ministry|department|office|statement|document|report|"
    r"message|press service|spokes(?:man|woman|person)|agency|presidency|government|minister|"
    r"president|communiqu[ée]|text|declaration|post|letter)$",
    re.IGNORECASE,
)
# A noun phrase up to a comma or a full stop; the stops of "Mr.", "John F. Kerry" and
# "A.F.L.-C.I.O." do not end it.
_NP_STOPS = (
    r"(?:[^,.;:\"“”]|\.(?=\S)|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bDr)\.|(?<=\bSt)\.|"
    r"(?<=\bJr)\.|(?<=\bMrs)\.|(?<=\bSen)\.|(?<=\bRep)\.|(?<=\bGov)\.|(?<=\bGen)\.)"
)
ACCORDING = re.compile(rf"\baccording to\s+(?P<np>{_NP_STOPS}{{2,120}})", re.IGNORECASE)
STATEMENT_FROM = re.compile(
    r"\b(?:it is|it was|this is|this was|as)\s+(?:stated|said|noted|written|reported|announced)\s+"
    r"(?:in|on)\s+(?:a|an|the)\s+(?:statement|message|post|communiqu[ée]|release|letter|website)"
    r"(?:\s+(?:posted|published|issued|released))?\s*"
    # "from/by/of X" and "on X's website" give the author; "on Facebook" only where it was
    r"(?:on\s+(?![^,.;:\"“”]{0,60}?\b(?:website|site)\b)[^,.;:\"“”]{0,60}|"
    r"(?:on|from|by|of)?\s*(?P<np>[^,.;:\"“”]{0,120}))",
    re.IGNORECASE,
)
POSSESSIVE_STATEMENT = re.compile(
    r"(?P<np>[A-Z][^,.;:\"“”]{1,80}?)(?:'s|’s)\s+"
    r"(?:statement|communiqu[ée]|press service|spokes\w+)"
    r"\s+(?:said|says|added|stated|noted)",
)
# Up to nine words, none of them 'that'; words need whitespace between them so the
# pattern cannot split a word in many ways (catastrophic backtracking on long sentences).
_NP = r"(?!that\b)[^,;:\"“”\s]+(?:\s+(?!that\b)[^,;:\"“”\s]+){0,8}?"
# A speaker described, not named: "the designer", "another Republican", "one aide".
UNNAMED = re.compile(
    r"\s*(?:(?:the|his|her|their|its)\s+(?!(?:same|latter|former)\b)|"  # not "the latter"
    r"(?:a|an|another|one|some|several|many|two|three|four|most|other)\s+)\S"  # "a former aide"
)
QUOTE_MARK = re.compile(r"[\"“”]|''")
# 'Jane Doe: "…"', 'ON THE BUDGET - Jane Doe: "…"', 'Here is Jane Doe in May: "…"'
NAME_COLON = re.compile(
    r"(?:[^\"“”:]{0,120}?\s[-–—]\s+|\s*Here(?:'s|’s|\s+is|\s+was)\s+)?"
    r"\s*(?P<np>[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5})"
    r"(?:\s*\([^()\"“”]{1,20}\))?"  # a party tag: 'Rep. Jane Doe (R-Ohio): "…"'
    r"(?:\s+(?:in|at|on|during)\s+[^:\"“”]{1,60})?\s*:\s*[\"“‘'\u200b]*"
)
# Words after which a form like 'claims' or 'comments' is a plural noun.
NOUN_BEFORE = re.compile(
    r"(?:['’]s|\b(?:the|his|her|its|their|our|my|your|these|those|such|any|no|some|many|"
    r"several|recent|earlier|new|latest|repeated|similar|supportive|critical|public|false|"
    r"unfounded|baseless|official|other|further|whose|two|three|four|five|six|seven|eight|"
    r"nine|ten|few|dozens?|hundreds|thousands|about|of|over|amid|despite|among|without)|\d|"
    r"\b(?:anti|pro|non)-\S+)$",  # after a preposition: "asked about worries Russia …"
    re.IGNORECASE,
)
# A plural noun before a verb of its own: "reports say", "claims suggest".
NOUN_SUBJECT = re.compile(r"\s+(?:say|said|suggest|suggested|show|showed|indicate|claim)\b")
# A participle after a thing said ("a survey released Monday", "a video posted online"):
# it describes the thing, nobody speaks.
REDUCED_RELATIVE = re.compile(
    r"\b(?:polls?|surveys?|study|report|statement|video|data|letter|documents?|footage|"
    r"images?|photos?|memo|ads?|book|transcript|results|figures|essay|articles?|op-?ed|column|"
    r"piece|interview|(?-i:posts?|tweets?|messages?|paper)|speech|analysis|assessment|update|"
    r"bulletin|briefing|decree|recording|clip|documentary|episode|podcast)$",
    re.IGNORECASE,
)
RELAYING = frozenset({"reported", "reports", "reporting"})
# Verbs whose object is the one spoken to ("told reporters"), never the speaker.
TO_LISTENER = frozenset({"told", "tells", "tell", "telling", "informed", "assured", "reminded"})
# A verb that goes on with its own object: "denied targeting civilians", "said that …".
VERB_OBJECT = re.compile(
    r"\s+(?:that\b|(?!(?:during|including|according|regarding|concerning|following)\b)\w+ing\b)"
)
AFTER_ACCORDING = re.compile(
    rf"[\s,.;:!?–—\-\"”’'\u200b]*according to\s+(?P<np>{_NP_STOPS}{{2,120}})", re.IGNORECASE
)
OPENING_MARKS = " \"“'‘–—-\u200b"  # what may stand before a quotation that opens a sentence
TRAILING_AUX = re.compile(
    r"(?:[\s,]|\b(?:has|have|had|also|further|reportedly|then|in turn|"
    r"for (?:its|his|her|their) part|again|today|yesterday|on \w+day|"
    r"\w+day (?:morning|evening|night)|on \w+day (?:morning|evening|night)|"
    r"earlier|later|is|are|was|were|will|would|now|already|still|once again|"
    r"continued to|continues to|went on to|goes on to)\b)+$",
    re.IGNORECASE,
)
BOTH_SIDES = re.compile(
    r"^(?:both (?:sides|parties)|the two sides|the (?:warring|conflicting) (?:sides|parties))$",
    re.I,
)
AFTER_PREPOSITION = re.compile(
    r"\b(?:in|of|with|from|against|over|to|for|throughout|on|at|by|near|into|between|and)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish|i)|President|Prime|Minister|Secretary|General|Foreign|"
    r"Defen[cs]e|Chancellor|Spokes(?:man|woman|person)|Ambassador|Governor|Mayor|Deputy|Chief|"
    r"Director|Head|Senator|Representative|King|Queen|Pope|Commander|Colonel|General|Lt|Gen|Mr|Mrs|"
    r"Ms|Dr|Former|Acting|Vice|Press|Affairs|State|Interior|Justice|Economy|Finance|Energy|"
    r"Agriculture|Health|Security|National|Council|UN|EU|US|UK|NATO)\.?$"
)
RELAY = re.compile(r"press service|spokes|office|aide|representative", re.IGNORECASE)
LIST_RESIDUE = re.compile(
    r"^(?:[\s,]|\band\b|\bthe\b|\bboth\b|\bas well as\b|\bamong others\b|"
    r"\bother\s+(?:countries|states|nations|members|allies)\b)*$",  # "and other EU states"
    re.IGNORECASE,
)


# A sentence that opens with a name and a relative clause about it: "Jane Doe, who …,".
RELATIVE_AFTER_NAME = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]+,\s+(?:who|whose|whom|which)\b"
)
# A document whose findings a named organisation publishes: "a Northfield University poll
# found", "a report by the Center for X shows", "according to a survey by X", "in a X poll".
DOCUMENT_NOUN = re.compile(
    r"\b(?:polls?|polling|surveys?|study|studies|report|analysis|review|audit|investigation|"
    r"census|tally|count|data|research|assessment|estimates?|index|ratings?)\b",
    re.IGNORECASE,
)
FINDING_VERB = re.compile(
    r"(?<![\w-])(?:found|finds|find|shows|showed|show|shown|suggests|suggested|suggest|indicates|"
    r"indicated|indicate|concluded|concludes|revealed|reveals|estimated|estimates|put|puts)"
    r"(?![\w-])"
)
IN_DOCUMENT = re.compile(
    r"\b(?:in|In)\s+(?:a|an|the|its|their)\s+(?P<np>(?:[^,;:.\"“”\s]+\s+){0,8}?"
    r"(?:polls?|polling|surveys?|study|report|analysis|audit|ratings)"
    r"(?:\s+(?:by|from|of|for|conducted by|commissioned by)\s+[^,;:\"“”]{2,80}?)?)"
    r"(?=\s*[,.;]|\s+(?:released|published|conducted|taken|last|this|that|in|on|of|from|"
    r"among|earlier|shows?|showed|found|finds)\b)"
)


@dataclass(frozen=True)
class VerbCues:
    """The patterns built on the verbs of speech and of position: the packaged lexicons or
    a profile's own (``lexicons:`` in the profile)."""

    verb_re: re.Pattern[str]  # a verb of speech
    narrated_verb_re: re.Pattern[str]  # a verb of speech or position, in the narration
    position_verbs: frozenset[str]  # 'Jane Doe wants …': only with a named subject
    trailing: re.Pattern[str]  # "…, said Jane Doe." / "…, Jane Doe noted."
    after_quote: re.Pattern[str]  # '"…," said Jane Doe' / '"…," Jane Doe, the mayor, said'
    before_quote: re.Pattern[str]  # 'Jane Doe said on Monday: "…'
    forms: tuple[str, ...] = ()  # the verb forms of both lexicons, as written
    # the parts of ``trailing`` that ``trailing_match`` looks for first: a verb of speech
    # followed by the form's end, and a comma followed by a verb of speech
    verb_then_end: re.Pattern[str] | None = None
    comma_verb: re.Pattern[str] | None = None
    verb_before_quote: re.Pattern[str] | None = None  # the same for ``before_quote``
    speech_words: frozenset[str] = frozenset()  # the one-word verbs of speech ("accused")

    def trailing_match(self, outside: str) -> re.Match[str] | None:
        """``trailing.search(outside)``, tried only at the commas where it can match: a
        verb of speech right after the comma ("…, said Jane Doe"), or one written later
        that the form's end follows, with no ``;:"“”`` and at most two more commas (the
        form with a description and a name) between the comma and the verb."""
        if self.verb_then_end is None or self.comma_verb is None:
            return self.trailing.search(outside)
        comma = outside.find(",")
        ending = self.verb_then_end.search(outside, comma + 1) if comma >= 0 else None
        while comma >= 0:
            if ending is not None and ending.start() <= comma:
                ending = self.verb_then_end.search(outside, comma + 1)
            if ending is None:  # only "…, said Jane Doe" is left: a verb after the comma
                next_verb = self.comma_verb.search(outside, comma)
                if next_verb is None:
                    return None
                comma = next_verb.start()
            if self.comma_verb.match(outside, comma) or _verb_within(outside, comma, ending):
                found = self.trailing.match(outside, comma)
                if found:
                    return found
            comma = outside.find(",", comma + 1)
        return None

    def before_quote_search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """``before_quote.search(text, pos, endpos)``, from the first place it can start:
        after the last ``,;"“”`` before the first verb of speech that the form's end
        follows (none of them is in its noun phrase, auxiliaries or verb)."""
        if self.verb_before_quote is None:
            return self.before_quote.search(text, pos, endpos)
        verb = self.verb_before_quote.search(text, pos, endpos)
        if verb is None:
            return None
        start = max(text.rfind(mark, pos, verb.start()) for mark in ',;"“”') + 1
        return self.before_quote.search(text, max(pos, start), endpos)


def _verb_within(outside: str, comma: int, ending: re.Match[str] | None) -> bool:
    """Whether a verb that ends the trailing form starts before the first ``;:"“”`` and
    the third comma after ``comma``."""
    if ending is None:
        return False
    limit = _TRAILING_STOP.search(outside, comma + 1)
    limit_at = limit.start() if limit else len(outside)
    third = comma
    for _ in range(3):
        third = outside.find(",", third + 1)
        if third < 0:
            break
    return ending.start() < (limit_at if third < 0 else min(limit_at, third))


# What no noun phrase of ``VerbCues.trailing`` holds (nor its verbs and auxiliaries).
_TRAILING_STOP = re.compile(r"[;:\"“”]")


def verb_cues(reporting: str | Path | None = None, positions: str | Path | None = None) -> VerbCues:
    """The verb patterns from the packaged lexicons, or from the analyst's files
    (``reporting_verbs.txt``, ``position_verbs.txt`` formats), read when first needed."""
    return _verb_cues(
        resource_text("reporting_verbs.txt", reporting),
        resource_text("position_verbs.txt", positions),
    )


# What ends the trailing form after its verb (or the name after it): "in a statement",
# "…, adding that …" and the sentence's end.
_TRAILING_END = (
    r"(?:\s+(?:in|on|at|to|during|after|via|through|by)\b[^\"“”]{0,80})?"
    # "…, a Chinese official said, adding that …": her next words, hers too
    r"(?:,\s+(?:adding|saying|noting|explaining|stressing|insisting|arguing)\b.*)?"
    r"\s*[.!?]?\s*$"
)

_BEFORE_QUOTE_END = r"[^\"“”]{0,80}[:,]?\s*$"  # after the verb that opens a quote


@lru_cache(maxsize=8)
def _verb_cues(reporting: str, positions: str) -> VerbCues:
    speech, position = _verb_forms(reporting), frozenset(_verb_forms(positions))
    verb = _alternatives(speech)
    return VerbCues(
        verb_re=re.compile(rf"(?<![\w-]){verb}(?![\w-])"),
        narrated_verb_re=re.compile(
            rf"(?<![\w-]){_alternatives(speech + sorted(position))}(?![\w-])"
        ),
        position_verbs=position,
        trailing=re.compile(
            rf",\s*(?:(?P<verb1>{verb})\s+(?P<np1>{_NP})|(?P<np2>{_NP})\s*{AUX}(?P<verb2>{verb})|"
            # "…, the mayor of Lyon, Anne Morel, said": a description, the name, the verb
            rf"(?P<np3>{_NP},\s+{_NP}),\s*{AUX}(?P<verb3>{verb}))" + _TRAILING_END,
            re.IGNORECASE,
        ),
        after_quote=re.compile(
            rf"[\s,.;:!?–—\-\"”’'\u200b]*(?:(?P<verb1>{verb})\s+(?P<np1>[^,;:\"“”()]{{2,120}})|"
            rf"(?P<np2>[^,;:\"“”]{{2,100}}?)\s+{AUX}(?P<verb2>{verb})|"
            # '"…," Jane Doe, the mayor, said': the name, an apposition, the verb
            rf"(?P<np3>[^,;:\"“”]{{2,60}}?),\s+[^;:\"“”]{{2,120}}?,\s+{AUX}(?P<verb3>{verb}))"
            r"(?=[\s,.;:!?]|$)",
            re.IGNORECASE,
        ),
        before_quote=re.compile(
            rf"(?P<np>[^,;\"“”]{{2,120}}?)\s+{AUX}(?P<verb>{verb}){_BEFORE_QUOTE_END}",
            re.IGNORECASE,
        ),
        forms=(*speech, *sorted(position)),
        verb_then_end=re.compile(rf"{verb}(?={_TRAILING_END})", re.IGNORECASE),
        comma_verb=re.compile(rf",\s*{verb}\s", re.IGNORECASE),
        verb_before_quote=re.compile(rf"{verb}(?={_BEFORE_QUOTE_END})", re.IGNORECASE),
        speech_words=frozenset(w for w in speech if " " not in w),
    )


# A photo credit or caption line: never a statement (annotation guide).
CAPTION = re.compile(
    r"\b(?:AP|AFP|Reuters|Getty|EPA|Sputnik|TASS|Anadolu)\s*(?:Photo|Images|/)|"
    r"\((?:Photo|Image|Picture|Video|Credit)\b|\b(?:Photo|Image|Picture)\s*(?:credit)?\s*:|"
    r"\bHandout\b|\bvia Getty\b|\bGetty Images\b|/\s*(?:AP|AFP|Reuters|Getty Images)\s*\)",
)
# What every match of CAPTION holds (an agency's credit ends in 'Photo', 'Images' or '/').
_CAPTION_HINTS = ("(", "/", "Photo", "Image", "Picture", "Handout", "Getty")


def is_caption(sentence: str) -> bool:
    """Whether a sentence is a photo credit or caption (``CAPTION``), searched only when
    the sentence holds one of the words every caption holds."""
    return any(hint in sentence for hint in _CAPTION_HINTS) and bool(CAPTION.search(sentence))


# A dateline that opens a wire story: "KYIV, Ukraine (AP) — ", "ORLANDO, Fla. (Reuters) - ",
# "WASHINGTON — ". The place is where the story was filed, never a speaker.
DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,2})?"
    r"\s*(?:\([A-Za-z .&-]{2,30}\))?\s*[—–-]{1,2}\s+(?=\S)"
)
# "PENCE: Well, look …" — an interview transcript's speaker at the start of a paragraph.
TRANSCRIPT = re.compile(r"(?P<name>(?:[A-Z][A-Z'’.-]+\s){0,3}[A-Z][A-Z'’.-]{2,}):\s+(?=\S)")


SPOKEN_CLOSE = re.compile(r"[,?!]\s*(?:[\"”’]|'')$")  # '"…," said': the quote's end
SUBORDINATE = re.compile(
    r"\s*(?:while|whereas|because|although|though|as|when|if|since|after|before|and|but|which|"
    r"who|whom|where|until|unless|so)\b",
    re.IGNORECASE,
)
OPENING_CLAUSE = re.compile(
    r"^\s*(?:(?:but|and|yet|so|still)\s+)?"  # "But in an interview, Jane Doe said"
    r"(?:when|while|after|before|as|if|although|though|because|since|in|on|at|during|"
    r"asked|speaking|despite|with|for|from|by|according)\b",
    re.IGNORECASE,
)


INSTITUTION = re.compile(
    r"\b(?:Ministry|Department|Treasury|Service|Services|Guard|Agency|Council|Parliament|"
    r"Office|Committee|Court|Police|Forces|Army|Navy|Command|Administration|Duma|Senate|"
    r"Congress|Commission|Prosecutor|Prosecutor's|Bureau|Directorate|Cabinet|Embassy|Mission)\b"
)
