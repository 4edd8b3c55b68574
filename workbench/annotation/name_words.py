"""The words names are read with: the packaged lists of ``resources/names.yaml`` (first
names, roles, honorifics, places) and the patterns of institution and title words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..core.resources import resource_text


@dataclass(frozen=True)
class NameWords:
    """The packaged word lists of ``resources/names.yaml``."""

    honorifics: dict[str, str]
    roles: dict[str, str]
    role_of: dict[str, str]  # abbreviated title -> role ("sen" -> "senator")
    collectives: frozenset[str]
    places: frozenset[str]
    not_names: frozenset[str]
    function_words: frozenset[str]
    female: frozenset[str]
    male: frozenset[str]


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """Read ``resources/names.yaml`` and ``stopwords.txt`` once."""
    data = yaml.safe_load(resource_text("names.yaml"))
    stop = resource_text("stopwords.txt").split()
    female, male = set(data["female"]), set(data["male"])
    return NameWords(
        honorifics={k.casefold(): v for k, v in data["honorifics"].items()},
        roles={k.casefold(): v for k, v in data["roles"].items()},
        role_of={k.casefold(): v for k, v in data["role_of"].items()},
        collectives=frozenset(data["collectives"]),
        places=frozenset(data["places"]),
        not_names=frozenset(data["not_names"]),
        function_words=frozenset(w for w in stop if not w.startswith("#")),
        female=frozenset(female - male),
        male=frozenset(male - female),
    )


ORG_WORDS = re.compile(
    r"^(?:ministry|department|treasury|duma|directorate|command|council|government|office|agency|organi[sz]ation|group|union|"
    r"nations|forces|army|navy|committee|service|services|administration|parliament|assembly|"
    r"authorities|house|kremlin|court|bank|commission|presidency|press|news|media|times|post|"
    r"tv|radio|center|centre|institute|institution|university|college|foundation|fund|"
    r"association|party|campaign|corporation|corp|inc|company|co|network|journal|bureau|senate|"
    r"congress|church|school|watch|international|coalition|alliance|league|federation|board|"
    r"police|guard|society|project|initiative|trust|club|museum|hospital|magazine|review|"
    r"tribune|herald|gazette|daily|telegraph|guardian|observer|reuters|channel|broadcasting|"
    r"cnn|bbc|nbc|cbs|abc|fox|msnbc|pac|programme|program|secretariat|mission|embassy|"
    r"consulate|command|staff|chiefs|brigade|battalion|regiment|division|unit|directorate|caucus|"
    r"commerce|chamber|poll|survey|study|report|index|monitor|observatory|cross|crescent|republic|"
    r"station|airlines|airways|railway|railways|airport)$",
    re.IGNORECASE,
)
TITLE_WORDS = re.compile(
    r"^(?:president|prime|minister|secretary|general|foreign|defen[cs]e|chancellor|spokes\w+|"
    r"(?:secretary|attorney|governor|director|solicitor|inspector)-general|"
    r"ambassador|governor|mayor|deputy|chief|director|head|senator|representative|king|queen|"
    r"pope|patriarch|commander|colonel|lieutenant|lt|gen|former|acting|vice|press|affairs|state|"
    r"interior|justice|economy|finance|energy|agriculture|health|security|national|"
    r"attorney|judge|speaker|leader|chairman|chairwoman|chair|sen|rep|gov|mr|mrs|ms|dr|prof|"
    r"professor|"
    r"rev|sir|dame|lord|lady|adm|col|maj|capt|sgt|cpl|cmdr|supt|amb|atty|pres|madam|mister|"
    r"miss|candidate|nominee|democratic|republican|democrat|gop|labour|conservative|liberal|"
    r"presidential|chairperson|envoy|minority|majority|whip|house|white|top|senior|u\.?s\.?|"
    r"uk|un|eu|nato|emir|crown|prince|princess|archbishop|bishop|cardinal|rabbi|imam|"
    r"ombudsman|commissioner|mp|mep|congressman|congresswoman|businessman|billionaire|ceo|cfo|coo|"
    r"american|british|european|african|asian|arab|western|eastern|northern|southern)\.?$",
    re.IGNORECASE,
)


BODY_WORDS = re.compile(
    r"^(?:ministry|department|office|agency|bureau|council|committee|commission|directorate|"
    r"service|institute|secretariat|court)$",
    re.IGNORECASE,
)


def is_title_word(token: str) -> bool:
    """A capitalised word of a title written before a name ("Foreign", "Secretary", "Gen.")."""
    return token[:1].isupper() and TITLE_WORDS.match(token) is not None


def first_name_gender(first: str, words: NameWords) -> str:
    first = first.strip(".")
    if first in words.female:
        return "f"
    if first in words.male:
        return "m"
    return ""
