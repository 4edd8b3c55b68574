"""What a statement does and whom it favours: act (with CAMEO code), target, stance; and
an article's framing lean.

Acts come from the cue lexicon in ``resources/acts.yaml`` (English, not conflict-specific);
sides, affiliations and framing terms come from the profile. Every label carries the cue
that produced it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from ..core.resources import resource_text
from ..profile.model import FramingTerm, Profile, fold
from .prefixes import PrefixIndex, literal_prefixes, lowered_for_prefixes

OTHER = "qqotherqq"
_PLACEHOLDER = re.compile(r"\{(?:other|side|other_demonym)\}")
_BOTH = re.compile(
    r"\b(?:both (?:sides|parties|countries)|"
    r"the (?:two |conflicting )?(?:sides|parties)(?: to the conflict)?|"
    r"(?:the )?two countries|each other)\b",
    re.IGNORECASE,
)
_COMMUNITY = re.compile(r"\binternational community\b|\bworld community\b", re.IGNORECASE)


@dataclass(frozen=True)
class Act:
    """One act of the guide with its CAMEO root code and compiled cues: ``cues`` name the
    act (a cue verb, a set phrase), ``content`` recognises it from what the statement says
    and is tried only when no act's cue fired; ``verbs`` read the reporting verb itself
    ("accused X of", "urged X to"), which stands outside the quote or clause."""

    name: str
    cameo: str
    cues: tuple[tuple[str, re.Pattern[str]], ...]
    unless: re.Pattern[str] | None = None
    content: tuple[tuple[str, re.Pattern[str]], ...] = ()
    verbs: tuple[tuple[str, re.Pattern[str]], ...] = ()


@lru_cache(maxsize=4)
def load_acts(path: str | None = None) -> tuple[Act, ...]:
    """The act cue lexicon, packaged or from ``path``; order is priority order."""
    if path is None:
        raw = resource_text("acts.yaml")
        origin = "workbench/resources/acts.yaml"
    else:
        raw, origin = Path(path).read_text("utf-8"), str(path)
    data = yaml.safe_load(raw)
    acts = []
    for name, spec in data.items():
        cues = {
            key: _compile(spec.get(key, []), origin, name) for key in ("cues", "content", "verbs")
        }
        unless = [_PLACEHOLDER.sub(OTHER, str(u)) for u in spec.get("unless", [])]
        acts.append(
            Act(
                str(name),
                str(spec.get("cameo", "")),
                cues["cues"],
                re.compile("|".join(f"(?:{u})" for u in unless), re.IGNORECASE) if unless else None,
                cues["content"],
                cues["verbs"],
            )
        )
    return tuple(acts)


def _compile(cues: list, origin: str, act: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for cue in cues:
        pattern = _PLACEHOLDER.sub(OTHER, str(cue))
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{origin}: act {act!r}: bad cue {cue!r}: {exc}") from exc
        _PREFIXES[id(compiled)] = (compiled, literal_prefixes(compiled))
        out.append((str(cue), compiled))
    return tuple(out)


# Each cue's literal prefixes: a content holding none of them is not searched (same result).
# Keyed by id, with the pattern held so that its id is never reused: a compiled pattern
# hashes its whole program on every lookup.
_PREFIXES: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}
# The prefixes of every cue of an act lexicon, to find those a content holds in one pass
# (keyed by id, the lexicon held, for the same reason).
_INDEXES: dict[int, tuple[tuple[Act, ...], _CueIndex]] = {}


class _CueIndex:
    """The cues of an act lexicon by prefix: the prefixes a content holds (one pass), and
    then, for a list of cues, the cues that may match (a set test per prefix held, not one
    per cue). A cue without prefixes is always searched."""

    def __init__(self, acts: tuple[Act, ...]) -> None:
        self.always: dict[int, tuple[int, ...]] = {}
        self.owners: dict[str, list[tuple[int, int]]] = {}
        for act in acts:
            for cues in (act.cues, act.content, act.verbs):
                always = []
                for i, (_, pattern) in enumerate(cues):
                    prefixes = _PREFIXES.get(id(pattern), (pattern, None))[1]
                    if prefixes is None:
                        always.append(i)
                    for prefix in prefixes or ():
                        self.owners.setdefault(prefix, []).append((id(cues), i))
                self.always[id(cues)] = tuple(always)
        self.prefixes = PrefixIndex(self.owners)

    def held(self, lowered: str | None) -> dict[int, set[int]] | None:
        """For each list of cues (by id), the cues whose prefixes ``lowered`` holds; None
        when the text could not be lower-cased for the test (every cue is searched)."""
        if lowered is None:
            return None
        found: dict[int, set[int]] = {}
        for prefix in self.prefixes.held(lowered):
            for key, i in self.owners[prefix]:
                found.setdefault(key, set()).add(i)
        return found

    def candidates(
        self, cues: tuple[tuple[str, re.Pattern[str]], ...], held: dict[int, set[int]] | None
    ) -> Iterable[int]:
        """The positions of ``cues`` to search, in order: those the content may match."""
        if held is None or id(cues) not in self.always:
            return range(len(cues))
        hits, always = held.get(id(cues)), self.always[id(cues)]
        return always if hits is None else sorted(hits.union(always))


def _prefix_index(acts: tuple[Act, ...]) -> _CueIndex:
    """The cue index of ``acts``, built once per lexicon."""
    entry = _INDEXES.get(id(acts))
    if entry is None:
        entry = _INDEXES[id(acts)] = (acts, _CueIndex(acts))
    return entry[1]


@dataclass(frozen=True)
class ActLabel:
    act: str
    cameo: str
    cue: str
    strength: float
    others_in_cue: tuple[int, ...] = ()  # which replaced party names (by order) the cue matched
    at: int = 0  # where the cue fired in the content (-1: in the reporting verb)


def classify_acts(
    content: str,
    *,
    acts: tuple[Act, ...],
    max_acts: int = 2,
    verb: str = "",
    witness: bool = False,
) -> list[ActLabel]:
    """Acts whose cues fire in ``content`` (others already replaced by ``OTHER``), strongest first.

    ``verb`` is the reporting verb with the words after it ("accused the West of"); an act
    it names comes first ('verb: …' in the rule). What follows a denial ("denied claims it
    would retake the town by force") is what is denied, so no act fires after a ``deny``.
    'statement' is returned only when no other act fires, except from a ``witness`` (a
    private person), whose account of events lived (the first person, the past tense) is
    a ``report``.
    """
    labels: list[ActLabel] = []
    verb = verb.replace("’", "'")
    index = _prefix_index(acts)
    held = index.held(lowered_for_prefixes(content))
    if verb:
        verb_held = index.held(lowered_for_prefixes(verb))
        for act in acts:
            label = _first_cue(
                act, act.verbs, verb, 0.9, 0.75, index.candidates(act.verbs, verb_held)
            )
            if label is not None:
                labels.append(replace(label, cue=f"verb: {label.cue}", at=-1))
                break
    # an act whose 'unless' fires in the content is never its act (searched once per act)
    barred = [act.unless is not None and act.unless.search(content) is not None for act in acts]
    for act, bar in zip(acts, barred, strict=True):
        if bar:
            continue
        label = _first_cue(act, act.cues, content, 0.9, 0.75, index.candidates(act.cues, held))
        if label is not None and all(label.act != other.act for other in labels):
            labels.append(label)
    denied = min((label.at for label in labels if label.act == "deny"), default=None)
    if denied is not None:  # what is denied runs to the end of the clause
        end = _CLAUSE_END.search(content, max(denied, 0))
        until = end.start() if end else len(content)
        labels = [lb for lb in labels if lb.act == "deny" or not denied <= lb.at < until]
    # 'statement' is the fallback, unless concern or alarm is said in so many words; a
    # sanction (a statement aimed at a party) only when no other act fired.
    acted = any(label.act != "statement" for label in labels)
    specific = [
        label
        for label in labels
        if label.act != "statement" or (label.cue != "." and not (acted and label.others_in_cue))
    ]
    if specific:
        return specific[:max_acts]
    for act, bar in zip(acts, barred, strict=True):  # no cue: what the statement says
        if bar:
            continue
        label = _first_cue(act, act.content, content, 0.6, 0.5, index.candidates(act.content, held))
        if label is not None:
            return [label]
    if witness and _FIRST_PERSON.search(content) and _ACCOUNT.search(content):
        report = next((act for act in acts if act.name == "report"), None)
        if report is not None:
            return [ActLabel("report", report.cameo, "a private person's account of events", 0.5)]
    return labels[:max_acts]


# An account of events lived: the first person and a verb in the past tense ("we hid in
# the cellar for a week"); "-ed" but not "need", "indeed", "joined-up".
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|us|me)\b")  # not "the US"
_ACCOUNT = re.compile(
    r"\b(?:was|were|had|saw|heard|came|went|left|fled|lost|took|ran|hid|spent|slept|ate|"
    r"drank|fell|began|found|got|kept|brought|thought|felt|(?<!-)[a-z]{2,}[a-df-z]ed(?!-))\b",
    re.IGNORECASE,
)


# Where a denied clause ends: "denied X, and accused Y", "denied X but said Y".
_CLAUSE_END = re.compile(r"[;:]|,? (?:and|but|while|whereas) (?!that\b)|, (?=\w+ (?:said|added))")


def _first_cue(
    act: Act,
    cues: tuple[tuple[str, re.Pattern[str]], ...],
    content: str,
    named: float,
    plain: float,
    searched: Iterable[int],
) -> ActLabel | None:
    """The label of the first of ``cues`` that fires in ``content``, strength ``named`` when
    the cue names the other party, ``plain`` otherwise (0.4 for the catch-all); only the
    cues at ``searched`` (in order) are searched: the others cannot match (see
    ``_CueIndex.candidates``)."""
    for i in searched:
        cue, pattern = cues[i]
        m = pattern.search(content)
        if m:
            strength = 0.4 if cue == "." else (named if "{" in cue else plain)
            before = content.count(OTHER, 0, m.start())
            inside = tuple(range(before, before + m.group(0).count(OTHER)))
            return ActLabel(act.name, act.cameo, cue, strength, inside, m.start())
    return None


def mark_others(
    content: str, places: Iterable[tuple[int, int, str]], own: str | None
) -> tuple[str, list[str]]:
    """Replace names of parties other than the speaker's own (offsets relative to content).

    Returns the marked text and the affiliations replaced, in order.
    """
    out, cursor, replaced = [], 0, []
    for start, end, affiliation in sorted(places):
        if start < cursor or affiliation == own:
            continue
        out.append(content[cursor:start])
        out.append(OTHER)
        replaced.append(affiliation)
        cursor = end
    out.append(content[cursor:])
    return "".join(out), replaced


def find_target(
    content: str, affiliations: list[str], own: str | None, profile: Profile
) -> str | None:
    """The affiliation an act is aimed at: 'both sides', the 'international community', or one."""
    others = [a for a in dict.fromkeys(affiliations) if a != own and a != "none"]
    sides = {profile.side_of(a) for a in others if profile.side_of(a)}
    if len(sides) >= 2 or _BOTH.search(content):
        return "both sides"
    if others:
        return others[0]
    if _COMMUNITY.search(content):
        return "international community"
    return None


# A call to help or arm a party: "the allies must help {other} win", "send weapons to {other}".
_BACKING = re.compile(
    rf"\b(?:help\w*|arm(?:s|ed|ing)?|support\w*|back(?:s|ed|ing)?|assist\w*|defend\w*|"
    rf"(?:send|supply|provide|deliver)\w* (?:more )?(?:weapons|arms|aid|tanks|jets|"
    rf"air defen[cs]es?))(?: to| for)? {OTHER}\b",
    re.IGNORECASE,
)


def calls_for_measures(marked: str, acts: tuple[Act, ...]) -> tuple[int, ...]:
    """Which other parties (by order in ``marked``) an appeal asks a measure against ("urged
    the allies to stop issuing visas to X"): those inside the first statement cue that
    names a party (sanctions, bans, visas); () when none fires."""
    for act in acts:
        if act.name != "statement":
            continue
        for cue, pattern in act.cues:
            m = pattern.search(marked) if "{" in cue else None
            if m:
                before = marked.count(OTHER, 0, m.start())
                return tuple(range(before, before + m.group(0).count(OTHER)))
    return ()


def backs_other(marked: str) -> bool:
    """Whether a statement (others replaced by ``OTHER``) calls for backing another party."""
    return bool(_BACKING.search(marked))


# A party named after these is at the receiving end ("the war against X", "aid to X").
_RECEIVING_BEFORE = re.compile(
    r"\b(?:against|in|on|into|to|from|of|for|with|behind|towards?|over)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def one_side_aimed_at(marked: str, replaced: list[str], act: str, profile: Profile) -> str | None:
    """When a statement names both sides, the one an act is aimed at, or None.

    ``marked`` is the content with other parties replaced by ``OTHER`` (``replaced``
    their affiliations, in order). An accusation or threat is aimed at the first side named
    as a doer ("X is trying to split the allies who back Y": X), not at a side named after
    a preposition ("the war against Y"), and at neither when both are named together ("X
    and Y broke the truce"); support goes to the side named after one ("help for Y")."""
    if _BOTH.search(marked):
        return None  # "the warring sides accuse each other": both, in so many words
    receiving = act == "support"
    picked: list[tuple[int, int, str]] = []
    for m, affiliation in zip(re.finditer(OTHER, marked), replaced, strict=False):
        before = _RECEIVING_BEFORE.search(marked, max(0, m.start() - 20), m.start())
        if bool(before) == receiving and profile.side_of(affiliation):
            picked.append((m.start(), m.end(), affiliation))
    if not picked:
        return None
    between = marked[picked[0][1] : picked[1][0]] if len(picked) > 1 else ""
    if re.fullmatch(r",?\s+(?:and|or)\s+|,\s*", between):
        return None  # "X and Y broke the truce": both sides
    first = picked[0][2]
    if receiving and len({profile.side_of(a) for _, _, a in picked}) > 1:
        return None
    return first


def stance_of(
    act: str,
    affiliation: str | None,
    target: str | None,
    profile: Profile,
    *,
    against: bool = False,
    backing: bool = False,
) -> tuple[str, str]:
    """The stance a statement takes, and why (annotation guide, 'Stance').

    A side's own actors favour that side; a third party accusing or threatening one
    side, or acting ``against`` it (sanctions named by the cue), favours the other, and
    backing a side favours it, also by calling on others to back it (an appeal that is
    ``backing``); anything else is neutral.
    """
    own = profile.side_of(affiliation)
    if own:
        return f"pro_{own}", f"speaker's side ({affiliation})"
    target_side = profile.side_of(target) if target else None
    if target_side is None:
        return "neutral", "third party, no side targeted"
    if act in ("accuse", "threaten") or against:
        others = [s for s in profile.sides if s != target_side]
        if len(others) == 1:
            return f"pro_{others[0]}", f"{'sanctions' if against else act} aimed at {target}"
    if act == "support":
        return f"pro_{target_side}", f"support for {target}"
    if backing:
        return f"pro_{target_side}", f"a call to back {target}"
    return "neutral", f"{act} addressed to {target}"


@lru_cache(maxsize=8)
def _framing_pattern(profile: Profile) -> tuple[re.Pattern[str] | None, dict[str, FramingTerm]]:
    """One pattern for all framing terms (longest first), and each folded term's entry."""
    by_key = {fold(t.term): t for t in profile.framing_terms}
    if not by_key:
        return None, {}
    alternatives = "|".join(re.escape(k) for k in sorted(by_key, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), by_key


def article_lean(
    narration: str, profile: Profile, *, threshold: float = 2.0, margin: float = 1.5
) -> tuple[str, str, dict[str, float]]:
    """An article's lean from the framing terms in its own wording (quotes excluded).

    Returns the lean (``pro_<side>`` or ``neutral``), the terms that drove it
    ("Upper Karabakh x4; occupied x2") and the score per side.
    """
    pattern, by_key = _framing_pattern(profile)
    scores = dict.fromkeys(profile.sides, 0.0)
    counts: dict[str, int] = {}
    if pattern is not None:
        for m in pattern.finditer(fold(narration)):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    found: list[tuple[str, int, str]] = []
    for key, n in counts.items():
        term = by_key[key]
        scores[term.side] = scores.get(term.side, 0.0) + n * term.weight
        found.append((term.term, n, term.side))
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    lean = "neutral"
    if ranked and ranked[0][1] >= threshold:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] >= margin * runner_up:
            lean = f"pro_{ranked[0][0]}"
    terms = "; ".join(f"{t} x{n} ({side})" for t, n, side in sorted(found, key=lambda f: -f[1]))
    return lean, terms, scores
