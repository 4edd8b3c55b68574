"""Measuring statements against annotated attributions (BRAT standoff, as in PolNeAR).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) and any corpus annotated in BRAT with
``Source``, ``Cue`` and ``Content`` spans can measure the workbench: for each attribution
whose Source names someone, is there a statement of that article whose evidence sentence
overlaps the Content and whose actor is that Source? These are the definitions of
``../shared/tools/score_polnear.py``, the project's outside yardstick:

- *named*: the Source has a capitalised word that is not a pronoun, determiner, title or
  quantity ("Trump", "The New York Post", "Clinton's campaign", "the FBI"; not
  "sources", "a source", "he"); an attribution without Content is not counted;
- *overlap*: with case, accents and punctuation folded, one text holds the other when
  either is 40 characters or shorter; otherwise one holds one of the other's consecutive
  40-character pieces (a leading "that" of the Content set aside);
- *actor match*: a name of the Source is one of the actor's words, so "Trump" is
  matched by "Donald Trump" and "Donald J. Trump" (a name with punctuation inside,
  "U.S." or "O'Brien", folds to two words and so matches no actor, as in the script);
- *direct*: the Content opens with a quote mark; every other Content is *indirect*;
- *precision*: the share of statements whose evidence overlaps a named attribution's
  Content and whose actor matches its Source. A floor: PolNeAR's anonymous and pronoun
  sources, and its beliefs and polls, are not there to support a statement.

An article is the ``NAME.txt`` whose stem is the stem of the article's ``path``; its
annotation is ``NAME.ann``, or the first (sorted) ``NAME_<annotator>.ann`` when several
annotators worked on it (PolNeAR), so a doubly annotated article counts once.

Where the files are read, two details differ from the script, by less than 0.005 on
PolNeAR train and not at all on dev: an ``E`` line may refer to spans defined after it
(BRAT allows it; the script misses those), and precision counts the statements of
annotated articles only (the script counts every statement it is given).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core import schema as S
from ..core.errors import LoadError

WINDOW = 40  # characters of one text that must be found in the other

# Capitalised words of a Source that name no one: pronouns, determiners, titles,
# anonymous sources, quantities (folded).
NOT_NAMES = frozenset(
    "he she it they we i you his her its their our my the a an this that these those mr mrs "
    "ms dr sen rep gov president senator secretary sources source officials aides one some "
    "many both other another others who which two three four five six seven eight nine ten "
    "twelve percent half most all poll polls survey according".split()
)

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_OPENS_WITH_QUOTE = re.compile(r"^\W*[\"“”‘'«]")
_ROLES = {S.GOLD_SOURCE: "Source", S.GOLD_CUE: "Cue", S.GOLD_CONTENT: "Content"}
# Relations, attributes, normalisations, notes, equivalences: not needed, not read.
_OTHER_LINE = re.compile(r"[RAMN#]\d*|\*")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (accents and punctuation gone)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()


def source_names(source: str) -> frozenset[str]:
    """The folded capitalised words of a Source that name someone (empty: not named).

    Examples
    --------
    >>> sorted(source_names("Hillary Clinton's campaign"))
    ['clinton', 'hillary']
    >>> source_names("a source close to him")
    frozenset()
    """
    names = set()
    for word in _WORD.findall(source):
        base = re.sub(r"['’]s$", "", word).strip(".")
        folded = fold(base)
        if base[:1].isupper() and folded and folded not in NOT_NAMES:
            names.add(folded)
    return frozenset(names)


def is_direct(content: str) -> bool:
    """Whether a Content is direct speech: it opens with a quote mark."""
    return bool(_OPENS_WITH_QUOTE.search(content))


def _pieces(text: str, size: int) -> Iterator[str]:
    """Consecutive ``size``-character pieces of ``text`` (the whole of a shorter one)."""
    return (text[i : i + size] for i in range(0, max(1, len(text) - size + 1), size))


def overlaps(content: str, evidence: str, *, window: int = WINDOW) -> bool:
    """Whether two folded texts (see :func:`fold`) share text, as the module defines it.

    Examples
    --------
    >>> overlaps(fold("“We will win,”"), fold("“We will win,” she said on Monday."))
    True
    """
    if not content or not evidence:
        return False
    if len(content) <= window or len(evidence) <= window:
        return content in evidence or evidence in content
    content = content.removeprefix("that ")
    return any(piece in evidence for piece in _pieces(content, window)) or any(
        piece in content for piece in _pieces(evidence, window)
    )


# -- reading BRAT standoff --------------------------------------------------


Spans = tuple[tuple[int, int], ...]


def _spans(field: str, text: str) -> Spans:
    """The (start, end) spans of ``start end;start end`` within ``text``; ValueError if bad."""
    spans = []
    for piece in field.split(";"):
        numbers = piece.split()
        if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
            raise ValueError(f"'{field.strip()}' is not 'start end' (or 'start end;start end')")
        start, end = int(numbers[0]), int(numbers[1])
        if start > end:
            raise ValueError(f"span {start}-{end} ends before it starts")
        if end > len(text):
            raise ValueError(f"span {start}-{end} runs past the text ({len(text)} characters)")
        spans.append((start, end))
    return tuple(spans)


def _span_text(spans: Spans, text: str) -> str:
    """The text of a span, the pieces of a discontinuous one joined by a space."""
    return " ".join(text[start:end] for start, end in spans)


def _text_bound(ident: str, rest: str, text: str, following: list[str]) -> tuple[Spans, int]:
    """The spans of a ``T`` line and how many of the ``following`` lines its text runs
    over (a span across a line break is written across as many lines); ValueError if bad."""
    middle, tab, written = rest.partition("\t")
    kind, _, offsets = middle.partition(" ")
    if not tab or not kind:
        raise ValueError(f"expected '{ident}<TAB>Type start end<TAB>text', got {rest[:60]!r}")
    spans = _spans(offsets, text)
    actual = _span_text(spans, text)
    extra = actual.count("\n")
    written = "\n".join([written, *following[:extra]])
    if written != actual:
        raise ValueError(
            f"{ident}'s text {written[:40]!r} is not the text at its offsets {actual[:40]!r} "
            "(the .ann of another .txt?)"
        )
    return spans, extra


def _read_text(path: Path) -> str:
    """A UTF-8 file's text, or a LoadError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(str(path), f"not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or str(exc)) from exc


def read_brat(ann_path: str | Path, text: str) -> pd.DataFrame:
    """The attributions of one BRAT standoff file, one row per ``E`` line.

    ``text`` is the article the offsets point into (its ``.txt`` file, read as UTF-8).
    Text-bound lines (``T1<TAB>Source 89 106<TAB>The New York Post``, a discontinuous span
    written ``Content 10 20;25 40``) give each attribution's Source, Cue and Content (see
    :data:`workbench.core.schema.BRAT_COLUMNS`); the text of a discontinuous span is its pieces
    joined by a space. Notes, attributes and relations are passed over, and so are roles
    other than Source, Cue and Content (PolNeAR's rare ``Content2``).

    Raises
    ------
    LoadError
        Naming the file and line: a line that is not BRAT standoff, bad offsets, a span
        whose text is not the text at its offsets (the .ann of another .txt?), an ``E``
        line referring to an id the file does not define.

    Examples
    --------
    >>> text = Path("a.txt").read_text(encoding="utf-8")  # doctest: +SKIP
    >>> read_brat("a.ann", text)[["source", "cue", "content"]]  # doctest: +SKIP
    """
    path = Path(ann_path)
    lines = _read_text(path).split("\n")
    spans: dict[str, Spans] = {}
    events: dict[str, tuple[int, dict[str, str]]] = {}  # id: (line number, role: id)
    i = 0
    while i < len(lines):
        line_number, line = i + 1, lines[i]
        i += 1
        ident, _, rest = line.partition("\t")
        try:
            if not line.strip() or re.fullmatch(_OTHER_LINE, ident):
                continue
            if ident in spans or ident in events:
                raise ValueError(f"{ident} is defined twice")
            if re.fullmatch(r"T\d+", ident):
                spans[ident], extra = _text_bound(ident, rest, text, lines[i:])
                i += extra
            elif re.fullmatch(r"E\d+", ident):
                arguments = rest.split()
                if not arguments or not all(re.fullmatch(r"[^:]+:\S+", a) for a in arguments):
                    raise ValueError(f"expected '{ident}<TAB>Type:T1 Role:T2 …', got {rest!r}")
                events[ident] = (line_number, dict(a.split(":", 1) for a in arguments))
            elif re.match(r"[TE]\d+ ", line):
                raise ValueError(f"{line.split()[0]}'s fields are separated by spaces, not tabs")
            else:
                raise ValueError(f"not a BRAT standoff line (T…, E…, A…, R…, #…): {line[:60]!r}")
        except ValueError as exc:
            raise LoadError(str(path), str(exc), f"line {line_number}") from exc
    rows = []
    for ident, (line_number, roles) in events.items():
        unknown = sorted(set(roles.values()) - set(spans) - set(events))
        if unknown:
            raise LoadError(
                str(path),
                f"{ident} refers to {unknown[0]}, not defined in the file",
                f"line {line_number}",
            )
        row: dict[str, object] = {S.GOLD_ID: ident, S.GOLD_LINE: line_number}
        for part, role in _ROLES.items():
            where = spans.get(roles.get(role, ""), ())
            row[part] = _span_text(where, text)
            row[f"{part}_start"] = where[0][0] if where else None
            row[f"{part}_end"] = where[-1][1] if where else None
            row[f"{part}_spans"] = where
        rows.append(row)
    return S.as_table(rows, S.BRAT_COLUMNS, S.BRAT_DTYPES)


def annotation_files(corpus_dir: str | Path) -> list[tuple[Path, Path]]:
    """(.txt, .ann) pairs of a corpus folder, in the order of the .txt names.

    PolNeAR's layout (``text/NAME.txt``, ``attributions/NAME_<annotator>.ann``) or BRAT's
    own (``NAME.txt`` beside ``NAME.ann``); a .txt without an annotation is left out.
    """
    root = Path(corpus_dir)
    if not root.is_dir():
        raise LoadError(str(root), "no such folder")
    text_dir = root / "text" if (root / "text").is_dir() else root
    ann_dir = root / "attributions" if (root / "attributions").is_dir() else text_dir
    by_annotator: dict[str, list[Path]] = {}  # NAME: [NAME_<annotator>.ann, ...]
    for ann in sorted(ann_dir.glob("*.ann")):
        by_annotator.setdefault(ann.stem.rpartition("_")[0], []).append(ann)
    pairs = []
    for txt in sorted(text_dir.glob("*.txt")):
        own = ann_dir / f"{txt.stem}.ann"
        candidates = [own] if own.is_file() else by_annotator.get(txt.stem, [])
        if candidates:
            pairs.append((txt, candidates[0]))
    if not pairs:
        raise LoadError(
            str(root),
            "no annotated articles: expected text/NAME.txt with attributions/NAME_<annotator>.ann "
            "(PolNeAR) or NAME.txt beside NAME.ann",
        )
    return pairs


def read_attributions(corpus_dir: str | Path) -> pd.DataFrame:
    """Every attribution of a corpus folder (see :func:`annotation_files`), one per row.

    The columns of :func:`read_brat` after ``article`` (the .txt file's stem) and
    ``ann_path``. ``attrs["articles"]`` lists every annotated article, those whose
    annotation holds no attribution too (their statements count against precision).

    Examples
    --------
    >>> gold = read_attributions("../shared/corpora/polnear-2016/dev")  # doctest: +SKIP
    >>> gold.groupby("article").size()  # doctest: +SKIP
    """
    pairs = annotation_files(corpus_dir)
    parts = [
        read_brat(ann, _read_text(txt)).assign(
            **{S.GOLD_ARTICLE: txt.stem, S.GOLD_ANN_PATH: str(ann)}
        )
        for txt, ann in pairs
    ]
    gold = pd.concat(parts, ignore_index=True)[S.GOLD_ATTRIBUTION_COLUMNS]
    gold = gold.astype(S.GOLD_ATTRIBUTION_DTYPES)
    gold.attrs[S.GOLD_ARTICLES_ATTR] = [txt.stem for txt, _ in pairs]
    return gold


# -- scoring ----------------------------------------------------------------


@dataclass(frozen=True)
class AttributionScores:
    """Statements scored against annotated attributions (see the module docstring).

    ``overall`` holds ``recall``, ``recall_direct``, ``recall_indirect`` and
    ``precision`` with their counts; ``attributions`` has one row per named attribution
    (``article``, ``source``, ``content``, ``names``, ``direct``, ``found``);
    ``statements`` one row per statement of an annotated article (``supported``).
    """

    overall: dict[str, float]
    attributions: pd.DataFrame
    statements: pd.DataFrame

    @property
    def misses(self) -> pd.DataFrame:
        """The named attributions no statement found, for error analysis."""
        missed = self.attributions[~self.attributions[S.GOLD_FOUND]]
        columns = [S.GOLD_ARTICLE, S.GOLD_SOURCE, S.GOLD_CONTENT, S.GOLD_DIRECT]
        return missed[columns].reset_index(drop=True)

    def summary(self, *, misses: int = 20) -> str:
        """The scores as a short Markdown report, with the first ``misses`` misses."""
        o = self.overall
        lines = [
            "# Statements against annotated attributions",
            "",
            "| measure | value | counted |",
            "|---|--:|--:|",
            f"| recall, named sources | {o['recall']:.3f} | {o['found']:.0f} of {o['named']:.0f} |",
            f"| recall, direct (Content opens with a quote) | {o['recall_direct']:.3f} | "
            f"{o['direct_found']:.0f} of {o['direct']:.0f} |",
            f"| recall, indirect | {o['recall_indirect']:.3f} | "
            f"{o['indirect_found']:.0f} of {o['indirect']:.0f} |",
            f"| precision (a floor) | {o['precision']:.3f} | "
            f"{o['supported']:.0f} of {o['statements']:.0f} statements |",
            "",
            f"{o['articles']:.0f} annotated articles. Precision is a floor: statements "
            "whose speaker the annotators left unnamed, or who said something the "
            "annotation does not hold, count against it.",
        ]
        first = self.misses.head(misses)
        if len(first):
            lines += [
                "",
                f"## First misses ({len(first)} of {len(self.misses)})",
                "",
                "| article | source | content |",
                "|---|---|---|",
                *(
                    f"| {a} | {_cell(s)} | {_cell(c[:100])} |"
                    for a, s, c in zip(
                        first[S.GOLD_ARTICLE],
                        first[S.GOLD_SOURCE],
                        first[S.GOLD_CONTENT],
                        strict=True,
                    )
                ),
            ]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text fit for a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _article_stems(articles: pd.DataFrame) -> dict[str, str]:
    """Each article id with the stem of the file it came from."""
    return {
        str(article_id): Path(str(path)).stem
        for article_id, path in zip(articles[S.ARTICLE_ID], articles[S.PATH], strict=True)
    }


def evaluate_attributions(
    statements: pd.DataFrame,
    articles: pd.DataFrame,
    attributions: str | Path | pd.DataFrame,
) -> AttributionScores:
    """Recall of named sources (overall, direct, indirect) and precision of statements.

    Measured against annotated attributions, with the definitions of the module
    docstring.

    Parameters
    ----------
    statements, articles
        The workbench's tables (``corpus.statements``, ``corpus.articles``); articles
        are matched to the annotated .txt files by the stem of their ``path``.
    attributions
        A corpus folder (see :func:`annotation_files`) or the table
        :func:`read_attributions` returns.

    Examples
    --------
    >>> dev = Path("../shared/corpora/polnear-2016/dev")  # doctest: +SKIP
    >>> corpus = workbench.load(dev / "text")  # doctest: +SKIP
    >>> scores = evaluate_attributions(corpus.statements, corpus.articles, dev)  # doctest: +SKIP
    >>> scores.overall["recall"], scores.misses.head()  # doctest: +SKIP
    """
    missing = {S.ARTICLE_ID, S.ACTOR, S.SENTENCE} - set(statements.columns)
    missing |= {S.ARTICLE_ID, S.PATH} - set(articles.columns)
    if missing:
        raise ValueError(f"statements or articles lack columns: {', '.join(sorted(missing))}")
    gold = (
        attributions if isinstance(attributions, pd.DataFrame) else read_attributions(attributions)
    )
    named = _named(gold)
    annotated = set(gold[S.GOLD_ARTICLE]) | set(gold.attrs.get(S.GOLD_ARTICLES_ATTR, ()))
    stems = _article_stems(articles)
    scored = pd.DataFrame(
        {
            S.ARTICLE_ID: statements[S.ARTICLE_ID],
            S.GOLD_ARTICLE: statements[S.ARTICLE_ID].astype(str).map(stems),
            S.ACTOR: statements[S.ACTOR].fillna(""),
            S.SENTENCE: statements[S.SENTENCE].fillna(""),
        }
    )
    scored = scored[scored[S.GOLD_ARTICLE].isin(annotated)].reset_index(drop=True)
    found, supported = _match(named, scored)
    named[S.GOLD_FOUND] = found
    scored[S.GOLD_SUPPORTED] = supported
    return AttributionScores(_overall(named, scored, len(annotated)), named, scored)


def _named(gold: pd.DataFrame) -> pd.DataFrame:
    """The attributions with a Content and a named Source, with their names and kind."""
    has_content = gold[S.GOLD_CONTENT].fillna("") != ""
    names = gold[S.GOLD_SOURCE].fillna("").map(source_names)
    named = gold[has_content & names.map(bool)].assign(**{S.GOLD_NAMES: names})
    named[S.GOLD_DIRECT] = named[S.GOLD_CONTENT].map(is_direct).astype(bool)
    return named.reset_index(drop=True)


def _match(named: pd.DataFrame, scored: pd.DataFrame) -> tuple[list[bool], list[bool]]:
    """Which attributions a statement finds, and which statements an attribution supports."""
    found = [False] * len(named)
    supported = [False] * len(scored)
    contents = [fold(c) for c in named[S.GOLD_CONTENT]]
    names = list(named[S.GOLD_NAMES])
    evidence = [fold(str(e)) for e in scored[S.SENTENCE]]
    actors = [set(fold(str(a)).split()) for a in scored[S.ACTOR]]
    gold_by_article = named.groupby(S.GOLD_ARTICLE).indices
    for article, rows in scored.groupby(S.GOLD_ARTICLE).indices.items():
        targets = gold_by_article.get(article, [])
        for i in rows:
            for j in targets:
                if names[j] & actors[i] and overlaps(contents[j], evidence[i]):
                    found[j] = supported[i] = True
    return found, supported


def _overall(named: pd.DataFrame, scored: pd.DataFrame, articles: int) -> dict[str, float]:
    """Recall (overall, direct, indirect) and precision with their counts."""
    direct = named[named[S.GOLD_DIRECT]]
    indirect = named[~named[S.GOLD_DIRECT]]
    out = {
        "articles": float(articles),
        "named": float(len(named)),
        "found": float(named[S.GOLD_FOUND].sum()),
        "direct": float(len(direct)),
        "direct_found": float(direct[S.GOLD_FOUND].sum()),
        "indirect": float(len(indirect)),
        "indirect_found": float(indirect[S.GOLD_FOUND].sum()),
        "statements": float(len(scored)),
        "supported": float(scored[S.GOLD_SUPPORTED].sum()),
    }
    out["recall"] = out["found"] / out["named"] if out["named"] else 0.0
    out["recall_direct"] = out["direct_found"] / out["direct"] if out["direct"] else 0.0
    out["recall_indirect"] = out["indirect_found"] / out["indirect"] if out["indirect"] else 0.0
    out["precision"] = out["supported"] / out["statements"] if out["statements"] else 0.0
    return out
