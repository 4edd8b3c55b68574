"""Articles -> statements: who said what, with act, target, stance, evidence and confidence.

This module assembles the stages: sentences (``sentences``), mentions (``mentions``),
states and generic phrases in context ('the Foreign Ministry' -> whose?, ``states``),
speakers (``attribution``), then acts and stance (``stance``). Every row carries its evidence
sentence with offsets, the rules that fired and a confidence.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from ..core import schema as S
from ..profile.model import Profile, fold
from .attribution import Attributed, Speaker, attribute
from .clause_shape import verb_frame
from .cues import verb_cues
from .mentions import Mention, MentionFinder, PlaceFinder
from .outlets import own_reporter, relayed_by_own_outlet
from .quotes import find_quotes
from .sentences import paragraph_numbers, profile_tokenizer, sentence_spans
from .stance import (
    article_lean,
    backs_other,
    calls_for_measures,
    classify_acts,
    find_target,
    load_acts,
    mark_others,
    one_side_aimed_at,
    stance_of,
)
from .states import context_affiliation, generic_index, state_index, with_states
from .tone import tone


class Annotator:
    """Holds what is built once per profile (matchers, lexicons) and annotates articles.

    Examples
    --------
    >>> annotator = Annotator(load_profile("karabakh"))  # doctest: +SKIP
    >>> statements = annotator.statements(articles)      # doctest: +SKIP
    """

    def __init__(self, profile: Profile, *, acts: str | None = None) -> None:
        self.profile = profile
        self.finder = MentionFinder(profile)
        self.places = PlaceFinder(profile)
        lexicons = profile.lexicons  # the profile's own lexicons, in place of the packaged
        own_acts = lexicons.get("acts")
        self.acts = load_acts(acts or (str(own_acts) if own_acts else None))
        self.verbs = verb_cues(lexicons.get("reporting_verbs"), lexicons.get("position_verbs"))
        self.actor_type = {a.name: a.type for a in profile.actors}
        self.affiliation = {a.name: a.affiliation for a in profile.actors}
        self.generic_of = generic_index(profile)
        self.state_actor = state_index(profile)
        self.demonym_words = frozenset(
            word
            for aff, demonym in profile.demonyms.items()
            for word in (demonym, aff, *profile.country_names.get(aff, ()))
            if fold(word) not in profile.ambiguous_names  # 'Chad Miller' is a person
        )
        self.side_governments = tuple(
            gov.name
            for members in profile.sides.values()
            if members
            and (gov := profile.resolve_generic("the government", members[0])) is not None
        )
        self.sides = frozenset(m for members in profile.sides.values() for m in members)

    # -- mentions ------------------------------------------------------------
    def article_mentions(
        self, text: str, date: pd.Timestamp | None, title: str = ""
    ) -> list[Mention]:
        """Mentions in one article, generic phrases resolved from context where possible."""
        raw = self.finder.find(text, date=date)
        places = self.places.find(text)
        title_places = self.places.find(title) if title else []
        resolved: list[Mention] = []
        recent: dict[str, str] = {}  # generic template -> last affiliation seen for it
        for m in self.finder.find(title, date=date) if title else []:
            if m.actor in self.generic_of:
                template, affiliation = self.generic_of[m.actor]
                recent[template] = affiliation
        for m in raw:
            if not m.actor:
                continue  # a role title with no holder on the article's date
            if m.kind != "generic":
                if m.actor in self.generic_of:
                    template, affiliation = self.generic_of[m.actor]
                    recent[template] = affiliation
                resolved.append(m)
                continue
            owner = context_affiliation(text, m, places, recent.get(m.actor), title_places)
            actor = self.profile.resolve_generic(m.alias, owner, date) if owner else None
            if actor is not None:
                recent[m.actor] = actor.affiliation
                resolved.append(replace(m, actor=actor.name))
        return with_states(text, resolved, places, self.state_actor)

    # -- statements ------------------------------------------------------------
    def annotate(
        self, articles: pd.DataFrame, *, tokenizer: PunktSentenceTokenizer | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Mentions, statements and per-article lean for an articles table.

        Returns ``(mentions, statements, lean)`` where ``lean`` has ``article_id``,
        ``lean``, ``lean_score`` (how far the leading side's framing terms outweigh the
        next side's), ``lean_terms`` and the article's ``tone``.

        The sentence splitter is trained on ``articles`` unless ``tokenizer`` is given:
        pass one to annotate parts of a corpus (a cache, a cluster) exactly as the whole.
        """
        if tokenizer is None:
            tokenizer = profile_tokenizer(self.profile, articles[S.TEXT].astype(str))
        mention_rows, statement_rows, lean_rows = [], [], []
        for row in articles.itertuples(index=False):
            article = row._asdict()
            text = str(article[S.TEXT])
            date = article[S.PUBLISHED]
            date = None if pd.isna(date) else date
            title = "" if pd.isna(article[S.TITLE]) else str(article[S.TITLE])
            mentions = self.article_mentions(text, date, title)
            mention_rows.extend(self._mention_rows(article[S.ARTICLE_ID], mentions))
            named_sides = [
                m
                for m in mentions
                if m.actor in self.sides or self.affiliation.get(m.actor or "") in self.sides
            ]
            mentions = [m for m in mentions if m.kind != "place"]  # a place does not speak
            spans = sentence_spans(text, tokenizer)
            places = self.places.find(text)
            attributed = attribute(
                text,
                spans,
                mentions,
                self.actor_type,
                side_governments=self.side_governments,
                places=places,
                affiliation=self.affiliation,
                demonyms=self.demonym_words,
                agencies=self.profile.news_agencies,
                verbs=self.verbs,
                state_of=self._state_of,
            )
            attributed = self._specific_sources(attributed, mentions)
            attributed = self._about_the_conflict(attributed, text, spans, named_sides, places)
            parties = places + [  # a side's people and bodies name that side too ('Putin's lies')
                replace(m, actor=self.affiliation[m.actor])
                for m in mentions
                if self.affiliation.get(m.actor or "") in self.sides
            ]
            statement_rows.extend(self._statement_rows(article, text, attributed, parties))
            lean, terms, scores = article_lean(_narration(title, text), self.profile)
            ranked = [*sorted(scores.values(), reverse=True), 0.0, 0.0]
            lean_rows.append(
                {
                    S.ARTICLE_ID: article[S.ARTICLE_ID],
                    S.LEAN: lean,
                    S.LEAN_SCORE: round(ranked[0] - ranked[1], 3),
                    S.LEAN_TERMS: terms,
                    S.ARTICLE_TONE: _article_tone(text),
                }
            )
        mentions_df = S.as_table(mention_rows, S.MENTION_COLUMNS, S.MENTION_DTYPES)
        statements_df = S.as_table(statement_rows, S.STATEMENT_COLUMNS, S.STATEMENT_DTYPES)
        lean_df = pd.DataFrame(lean_rows, columns=[S.ARTICLE_ID, *S.ANNOTATION_COLUMNS]).astype(
            {
                S.ARTICLE_ID: "string",
                S.LEAN: "string",
                S.LEAN_SCORE: "float64",
                S.LEAN_TERMS: "string",
                S.ARTICLE_TONE: "float64",
            }
        )
        return mentions_df, statements_df, lean_df

    def _about_the_conflict(
        self,
        attributed: list[Attributed],
        text: str,
        spans: list[tuple[int, int]],
        named_sides: list[Mention],
        places: list[Mention],
    ) -> list[Attributed]:
        """The statements about the conflict (the guide counts no other): in an article
        that names a side, those whose speaker is of a side or that are within
        ``TOPIC_WINDOW`` sentences, or in the same paragraph of at most ``TOPIC_PARAGRAPH``
        sentences, of a side named (an actor, state, capital, demonym).
        An article that never names a side is not judged: all its statements stay."""
        at = [m.start for m in named_sides] + [p.start for p in places if p.actor in self.sides]
        if not at or not attributed:
            return attributed
        starts = [a for a, _ in spans]
        paragraph = paragraph_numbers(text, spans)
        sentences_of: dict[int, list[int]] = {}
        for j, number in enumerate(paragraph):
            sentences_of.setdefault(number, []).append(j)
        near: set[int] = set()
        for position in at:
            i = max(0, bisect.bisect_right(starts, position) - 1)
            near.update(range(i - TOPIC_WINDOW, i + TOPIC_WINDOW + 1))
            if len(sentences_of[paragraph[i]]) <= TOPIC_PARAGRAPH:  # its whole (short) paragraph
                near.update(sentences_of[paragraph[i]])
        kept = []
        for item in attributed:
            i = max(0, bisect.bisect_right(starts, item.sentence[0]) - 1)
            if i in near or any(
                _affiliation(self.affiliation, sp) in self.sides for sp in item.speakers
            ):
                kept.append(item)
        return kept

    def _mention_rows(self, article_id: str, mentions: list[Mention]) -> list[dict]:
        rows: dict[str, dict] = {}
        for m in mentions:
            row = rows.get(m.actor)
            if row is None:
                rows[m.actor] = {
                    S.ARTICLE_ID: article_id,
                    S.ACTOR: m.actor,
                    S.AFFILIATION: m.actor if m.kind == "place" else self.affiliation.get(m.actor),
                    S.ACTOR_TYPE: "place" if m.kind == "place" else self.actor_type.get(m.actor),
                    S.MENTION_COUNT: 1,
                    S.FIRST_START: m.start,
                    S.FIRST_END: m.end,
                    S.ALIASES: {m.alias},
                }
            else:
                row[S.MENTION_COUNT] += 1
                row[S.ALIASES].add(m.alias)
        for row in rows.values():
            row[S.ALIASES] = "; ".join(sorted(row[S.ALIASES]))
        return list(rows.values())

    def _state_of(self, country: str) -> str | None:
        """The affiliation of a country named in full ('Ukraine'), as the profile spells it."""
        found = self.places.find(country)
        whole = [p for p in found if p.start == 0 and p.end == len(country)]
        return whole[0].actor if whole else None

    def _specific_sources(
        self, attributed: list[Attributed], mentions: list[Mention]
    ) -> list[Attributed]:
        """A state or capital as speaker gives way to a specific source of the same
        affiliation named in the same, previous or next statement (annotation guide),
        or naming itself at the head of the quote ("The Ministry of Defense gives …")."""
        for i, item in enumerate(attributed):
            new = []
            for sp in item.speakers:
                state_like = sp.kind in ("state", "metonym", "both sides") or (
                    sp.kind == "previous" and self.actor_type.get(sp.actor or "") == "government"
                )
                if sp.actor is None or not state_like:
                    new.append(sp)
                    continue
                affiliation = self.affiliation.get(sp.actor)
                specific = None
                if item.quoted:
                    specific = next(
                        (
                            Speaker(m.actor, m.alias, m.start, m.end, m.kind)
                            for m in mentions
                            if item.content[0] <= m.start < item.content[0] + 40
                            and self.affiliation.get(m.actor) == affiliation
                            and self.actor_type.get(m.actor) in _SPECIFIC_SOURCES
                        ),
                        None,
                    )
                for j in () if specific else (i + 1, i - 1):
                    if (
                        0 <= j < len(attributed)
                        and _gap(attributed[j].sentence, item.sentence) < 400
                    ):
                        specific = next(
                            (
                                other
                                for other in attributed[j].speakers
                                if other.actor
                                and other.actor != sp.actor
                                and self.affiliation.get(other.actor) == affiliation
                                and self.actor_type.get(other.actor) in _SPECIFIC_SOURCES
                            ),
                            None,
                        )
                        if specific:
                            break
                if specific is not None:
                    item.notes.append(f"{sp.actor} -> {specific.actor} (specific source nearby)")
                    new.append(
                        Speaker(specific.actor, sp.text, sp.start, sp.end, "specific source")
                    )
                else:
                    new.append(sp)
            item.speakers = list({(s.actor, s.text): s for s in new}.values())
        return attributed

    def _statement_rows(
        self, article: dict, text: str, attributed: list[Attributed], all_places: list[Mention]
    ) -> list[dict]:
        rows = []
        seen: set[tuple] = set()
        stance_for: dict[tuple, tuple[str, str]] = {}  # one stance per sentence and speaker
        date = article[S.PUBLISHED]
        for item in attributed:
            content_text = text[item.content[0] : item.content[1]]
            sentence = text[item.sentence[0] : item.sentence[1]]
            places = [
                (p.start - item.content[0], p.end - item.content[0], p.actor)
                for p in all_places
                if p.start >= item.content[0] and p.end <= item.content[1]
            ]
            co_speakers = {_affiliation(self.affiliation, s) for s in item.speakers}
            frame_at = verb_frame(text, item)
            frame_places = [
                (p.start - frame_at[0], p.end - frame_at[0], p.actor)
                for p in all_places
                if p.start >= frame_at[0] and p.end <= frame_at[1]
            ]
            for speaker in item.speakers:
                if relayed_by_own_outlet(article, sentence, speaker.actor or speaker.text):
                    continue  # "the Guardian reported" in the Guardian
                if own_reporter(article, text, speaker.actor or speaker.text):
                    continue  # "the BBC's Jane Doe reports" in the BBC: the outlet's voice
                affiliation = _affiliation(self.affiliation, speaker)
                marked, replaced = mark_others(content_text, places, affiliation)
                marked = marked.replace("’", "'")
                frame, frame_replaced = mark_others(
                    text[frame_at[0] : frame_at[1]], frame_places, affiliation
                )
                aimed_at = [p[2] for p in places if p[2] not in co_speakers or p[2] == affiliation]
                mentioned_target = find_target(content_text, aimed_at, affiliation, self.profile)
                witness = affiliation == "none"  # a private person: an account of events
                scored = []
                for label in classify_acts(marked, acts=self.acts, verb=frame, witness=witness):
                    # The party a cue names ("waged by Azerbaijan") is the act's target.
                    names = frame_replaced if label.at < 0 else replaced
                    named = [names[i] for i in label.others_in_cue if i < len(names)]
                    # "urged the allies to stop issuing visas to X": a call for a measure on X
                    measure = calls_for_measures(marked, self.acts) if label.act == "appeal" else ()
                    named += [replaced[i] for i in measure if i < len(replaced)]
                    target = (
                        named[0]
                        if named
                        else (mentioned_target if label.act in _ADDRESSED_ACTS else None)
                    )
                    if target == "both sides" and label.act in ("accuse", "threaten", "support"):
                        target = (
                            one_side_aimed_at(marked, replaced, label.act, self.profile) or target
                        )
                    stance, why = stance_of(
                        label.act,
                        affiliation,
                        target,
                        self.profile,
                        against=bool(named) and (label.act == "statement" or bool(measure)),
                        backing=label.act == "appeal" and bool(backs_other(marked)),
                    )
                    scored.append((label, target, stance, why))
                # one stance per sentence and speaker: the first act's, or the first that
                # takes a side ("condemned the strikes and sent arms to X" backs X)
                sided = [(st, wy) for _, _, st, wy in scored if st != "neutral"]
                lead = sided[0] if sided else (scored[0][2], scored[0][3]) if scored else ("", "")
                for label, target, stance, why in scored:
                    # the same sentence twice in an article (body and caption) counts once
                    key = (speaker.actor or speaker.text, label.act, sentence)
                    if key in seen:
                        continue
                    seen.add(key)
                    first = stance_for.setdefault(
                        (item.sentence, speaker.actor or speaker.text), lead
                    )
                    if stance != first[0]:
                        stance, why = first[0], f"{first[1]} (another act of the sentence)"
                    rule = f"{item.rule}" + (f" '{item.verb}'" if item.verb else "")
                    rule += f"; speaker: {speaker.kind}" + (
                        f" ({speaker.via})" if speaker.via else ""
                    )
                    rule += f"; act: {label.cue}; stance: {why}"
                    if item.notes:
                        rule += "; " + "; ".join(item.notes)
                    rows.append(
                        {
                            S.ARTICLE_ID: article[S.ARTICLE_ID],
                            S.DATE: date,
                            S.SOURCE: article[S.SOURCE],
                            S.ACTOR: speaker.actor or speaker.text,
                            S.AFFILIATION: affiliation,
                            S.ACTOR_TYPE: self.actor_type.get(speaker.actor)
                            if speaker.actor
                            else speaker.actor_type,
                            S.RESOLVED: speaker.actor is not None,
                            S.STANCE: stance,
                            S.ACT: label.act,
                            S.CAMEO: label.cameo,
                            S.TARGET: target,
                            S.SENTENCE: sentence,
                            S.START: item.sentence[0],
                            S.END: item.sentence[1],
                            S.RULE: rule,
                            S.CONFIDENCE: round(
                                min(item.confidence - _VIA_PENALTY.get(speaker.via, 0.0), 1.0)
                                * label.strength
                                + 0.1,
                                3,
                            ),
                            S.SPEAKER_TEXT: speaker.text,
                            S.ATTRIBUTION: item.rule,
                            S.QUOTED: item.quoted,
                            S.TONE: tone(content_text),
                        }
                    )
        return rows


# Sentences either side of a side's name within which a statement counts as about the
# conflict (measured on 150 hand-labelled ukraine statements outside the dev gold: two
# sets aside about half of the off-topic ones and 3% of the real ones).
TOPIC_WINDOW = 2
TOPIC_PARAGRAPH = 8  # a longer "paragraph" is a text without paragraph breaks


# A speaker found through the article's chain is less sure than one named where it speaks.
_VIA_PENALTY = {"name chain": 0.05, "role": 0.15, "pronoun": 0.15}


def _affiliation(affiliations: dict[str, str], speaker: Speaker) -> str | None:
    """A profile actor's affiliation, else the one the text gives an unknown speaker."""
    if speaker.actor:
        return affiliations.get(speaker.actor)
    return speaker.affiliation


# Who can be "the specific source" of a state's statement: its ministries and spokespeople.
_SPECIFIC_SOURCES = frozenset({"ministry", "spokesperson", "separatist_authority"})


# Acts that are addressed to someone, so a party named in the statement is their target;
# for a report or a declaration of mobilisation a named place is only where it happens.
_ADDRESSED_ACTS = frozenset(
    {"appeal", "diplomacy", "support", "accuse", "threaten", "deny", "condemn"}
)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _article_tone(text: str) -> float:
    """Mean VADER compound over an article's paragraphs: one score for a whole long text
    saturates towards -1 or 1, and paragraphs cost fewer calls than sentences."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        return 0.0
    return round(sum(tone(p) for p in paragraphs) / len(paragraphs), 4)


def _narration(title: str, text: str) -> str:
    """The outlet's own words: headline and text with quotations removed."""
    chars = list(text)
    for a, b in find_quotes(text, min_words=1):
        for i in range(a, b):
            chars[i] = " "
    return title + "\n\n" + "".join(chars)


def with_lean(articles: pd.DataFrame, lean: pd.DataFrame) -> pd.DataFrame:
    """The articles with their lean and tone columns (replacing any there), as every
    engine returns them; no ``attrs`` (the load report travels beside the tables)."""
    enriched = articles.drop(columns=S.ANNOTATION_COLUMNS, errors="ignore").merge(
        lean, on=S.ARTICLE_ID, how="left"
    )
    enriched.attrs = {}
    return enriched
