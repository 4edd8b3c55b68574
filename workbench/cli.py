"""Command line: ``workbench load PATH --out DIR`` (also ``python -m workbench``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from . import __version__
from .analysis.overview import load_summary
from .core import schema as S
from .core.errors import LoadError, WorkbenchError
from .core.reports import cleaning_report, load_report
from .ingest.pipeline import load_articles


def _write_load(loaded: object, out: Path) -> list[Path]:
    """Write articles (.parquet, .csv) and the load and cleaning reports into ``out``, of a
    Corpus or an articles table of ``load_articles``."""
    df: pd.DataFrame = getattr(loaded, "articles", loaded)
    out.mkdir(parents=True, exist_ok=True)
    written = [
        out / "articles.parquet",
        out / "articles.csv",
        out / "load_report.csv",
        out / "cleaning_report.csv",
        out / "load_report.md",
    ]
    plain = df.copy()
    plain.attrs = {}
    plain.to_parquet(written[0], index=False)
    plain.to_csv(written[1], index=False)
    load_report(loaded).to_csv(written[2], index=False)
    cleaning_report(loaded).to_csv(written[3], index=False)
    written[4].write_text(load_summary(loaded), encoding="utf-8")
    return written


def _write_corpus(corpus, out: Path) -> list[Path]:
    """Write articles, mentions and statements (.parquet and .csv) and the load report."""
    written = _write_load(corpus, out)
    for name, frame in (("mentions", corpus.mentions), ("statements", corpus.statements)):
        plain = frame.copy()
        plain.attrs = {}
        plain.to_parquet(out / f"{name}.parquet", index=False)
        plain.to_csv(out / f"{name}.csv", index=False)
        written += [out / f"{name}.parquet", out / f"{name}.csv"]
    return written


@contextmanager
def _cluster_client(address: str | None) -> Iterator[object | None]:
    """A dask client connected to ``address`` (None without one); closed afterwards."""
    if address is None:
        yield None
        return
    from distributed import Client

    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise LoadError(address, f"cannot reach the dask scheduler: {exc}") from exc
    with client:
        yield client


def _workspace(given: Path | None, paths: list[str]) -> Path | None:
    """The workspace to use: the one given, else the default beside the corpus if it can
    be used (a read-only corpus folder or a URL runs without a cache, saying so)."""
    if given is not None:
        return given
    from .storage.workspace import usable_default_workspace

    folder, reason = usable_default_workspace(_source(paths))
    if folder is None:
        print(
            f"workbench: no workspace ({reason}); annotating without a cache "
            "(--workspace DIR to keep one)",
            file=sys.stderr,
        )
    return folder


def _write_attribution_scores(corpus, attributions: pd.DataFrame, out: Path) -> list[Path]:
    """Score the statements against the attributions; print and write the summary and misses."""
    from .analysis.attribution_gold import evaluate_attributions

    scores = evaluate_attributions(corpus.statements, corpus.articles, attributions)
    summary = scores.summary()
    written = [out / "attributions.md", out / "attribution_misses.csv"]
    written[0].write_text(summary, encoding="utf-8")
    scores.misses.to_csv(written[1], index=False)
    print()
    print(summary)
    return written


def _source(paths: list[str]) -> str | list[str]:
    """One path as itself (so messages name it plainly), several as a list."""
    return paths if len(paths) > 1 else paths[0]


def _parser() -> argparse.ArgumentParser:
    """The three commands and their options."""
    parser = argparse.ArgumentParser(prog="workbench", description=__doc__)
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    load_cmd = commands.add_parser(
        "load", help="load articles and write the articles table and load report"
    )
    load_cmd.add_argument("paths", nargs="+", help="files, folders, globs or http(s) URLs")
    load_cmd.add_argument("--out", required=True, type=Path, help="output folder")
    load_cmd.add_argument(
        "--metadata", type=Path, help="metadata sidecar CSV (title, source, published, url)"
    )
    load_cmd.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    load_cmd.add_argument(
        "--max-mb", type=float, default=50, help="refuse files larger than this (MB)"
    )
    _fetch_arguments(load_cmd)
    annotate = commands.add_parser(
        "annotate", help="load and annotate: articles, mentions and statements tables"
    )
    annotate.add_argument("paths", nargs="+", help="files, folders, globs or http(s) URLs")
    annotate.add_argument("--out", required=True, type=Path, help="output folder")
    annotate.add_argument("--profile", default="karabakh", help="profile name or YAML path")
    annotate.add_argument("--metadata", type=Path, help="metadata sidecar CSV")
    _fetch_arguments(annotate)
    annotate.add_argument(
        "--gold", type=Path, help="hand-annotated statements CSV: print and write the evaluation"
    )
    annotate.add_argument(
        "--attributions",
        metavar="DIR",
        type=Path,
        help="attributions annotated in BRAT standoff (PolNeAR: DIR/text/NAME.txt, "
        "DIR/attributions/NAME_<annotator>.ann): print and write the recall of named "
        "sources and the precision",
    )
    annotate.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a dask scheduler (tcp://host:8786): read and annotate on that cluster",
    )
    annotate.add_argument(
        "--workspace",
        type=Path,
        help="folder of the load cache and annotation store (default: .workbench in the "
        "corpus folder); an unchanged corpus is read from it, only new or edited "
        "articles are annotated",
    )
    annotate.add_argument(
        "--no-cache", action="store_true", help="annotate everything in memory, no workspace"
    )
    annotate.add_argument(
        "--rebuild",
        action="store_true",
        help="empty the workspace first: reload, relearn the sentence splitter, re-annotate",
    )
    annotate.add_argument(
        "--no-progress", action="store_true", help="no progress bar while annotating"
    )
    annotate.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="processes reading and annotating at once (default: every usable core for a "
        "large corpus, one for a small one; 1: one process); the tables are the same",
    )
    report_cmd = commands.add_parser("report", help="run every notebook and write the shared HTML")
    report_cmd.add_argument(
        "--corpus", type=Path, help="corpus for the notebooks (default: their own)"
    )
    report_cmd.add_argument("--profile", help="profile name or YAML path")
    report_cmd.add_argument("--out", type=Path, default=Path("reports"), help="output folder")
    report_cmd.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter (repeatable): FREQ=week, "
        "BEFORE=\"('2022-03-01', '2022-05-31')\", TERM='special operation'; "
        "a Python literal, else text",
    )
    report_cmd.add_argument("--hide-code", action="store_true", help="leave the code cells out")
    return parser


def _positive(text: str) -> int:
    """A whole number of at least 1 (``--workers``)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return number


def _fetch_arguments(command: argparse.ArgumentParser) -> None:
    """--fetch and --fetch-interval, for the commands that load."""
    command.add_argument(
        "--fetch",
        action="store_true",
        help="download the pages of URL lists (Media Cloud, GDELT exports), one request at "
        "a time, cached in the workspace so a rerun fetches nothing twice",
    )
    command.add_argument(
        "--fetch-interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds between two requests to the same host (default 1)",
    )


def _report(args: argparse.Namespace) -> int:
    """``workbench report``: run every notebook and write the shared HTML."""
    from .present.html_report import build_report, parse_parameter

    parameters = dict(parse_parameter(p) for p in args.param)
    rendered = build_report(
        args.out,
        corpus=args.corpus,
        profile=args.profile,
        parameters=parameters,
        hide_code=args.hide_code,
    )
    for item in rendered:
        print(f"  wrote {item.html} ({item.html.stat().st_size / 1e6:.1f} MB): {item.title}")
    print(f"  wrote {args.out / 'index.html'}")
    if args.corpus is not None:
        _write_articles(args.out / "articles.csv", args.corpus, args.profile, parameters)
        print(f"  wrote {args.out / 'articles.csv'}")
    return 0


def _write_articles(
    target: Path, corpus: Path, profile: str | None, parameters: dict[str, object]
) -> None:
    """The complete articles table beside the pages (the page's table may leave rows out
    to stay small), read through the workspace the notebooks just filled; without the
    text (too large) and the path (where the files are on this machine)."""
    import warnings

    from .corpus import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notebooks have said it all already
        loaded = load(
            corpus,
            profile=profile or str(parameters.get("PROFILE") or "karabakh"),
            metadata=parameters.get("METADATA"),
            progress=False,
        )
    loaded.articles.drop(columns=[S.TEXT, S.PATH]).to_csv(target, index=False)


def _annotate(args: argparse.Namespace) -> int:
    """``workbench annotate``: load, annotate and write the three tables (and scores)."""
    from .analysis.attribution_gold import read_attributions
    from .corpus import load

    workspace = None if args.no_cache else _workspace(args.workspace, args.paths)
    # Read before annotating, so a bad annotation file stops the run at once.
    attributions = read_attributions(args.attributions) if args.attributions else None
    with _cluster_client(args.scheduler) as client:
        corpus = load(
            _source(args.paths),
            profile=args.profile,
            metadata=args.metadata,
            client=client,
            workspace=workspace,
            cache=workspace is not None,
            rebuild=args.rebuild and workspace is not None,
            progress=False if args.no_progress else None,
            workers=args.workers,
            fetch=args.fetch,
            fetch_interval=args.fetch_interval,
        )
    written = _write_corpus(corpus, args.out)
    st = corpus.statements
    print(
        f"annotated {len(corpus.articles)} articles: {len(corpus.mentions)} mentions, "
        f"{len(st)} statements ({int((~st[S.RESOLVED]).sum())} by speakers not in the "
        f"profile '{corpus.profile.name}')"
    )
    if corpus.cache is not None:
        print(f"  cache: {corpus.cache.report}")
    if args.gold:
        from .analysis.evaluate import evaluate

        evaluation = evaluate(corpus.statements, args.gold)
        summary = evaluation.summary()
        (args.out / "evaluation.md").write_text(summary, encoding="utf-8")
        written.append(args.out / "evaluation.md")
        print()
        print(summary)
    if attributions is not None:
        written += _write_attribution_scores(corpus, attributions, args.out)
    for path in written:
        print(f"  wrote {path}")
    return _summary(corpus, args.out / "load_report.md")


def _load(args: argparse.Namespace) -> int:
    """``workbench load``: read the articles and write the articles table and reports."""
    df = load_articles(
        _source(args.paths),
        metadata=args.metadata,
        errors="raise" if args.strict else "collect",
        max_bytes=int(args.max_mb * 1024 * 1024),
        fetch=args.fetch,
        fetch_interval=args.fetch_interval,
    )
    written = _write_load(df, args.out)
    for path in written:
        print(f"  wrote {path}")
    return _summary(df, written[4])


def _summary(loaded: object, full: Path, *, shown: int = 5) -> int:
    """Print what loaded and what could not be read (the first few, with their reasons, and
    where the full report is); the exit status: 0 when anything loaded, 2 when nothing did."""
    articles: pd.DataFrame = getattr(loaded, "articles", loaded)
    report = load_report(loaded)
    errors = report[report[S.REPORT_LEVEL] == "error"]
    failed = errors[S.REPORT_MESSAGE].str.startswith("could not be annotated")
    skipped = report[
        (report[S.REPORT_LEVEL] == "info") & report[S.REPORT_MESSAGE].str.startswith("skipped")
    ]
    warned = int((report[S.REPORT_LEVEL] == "warning").sum())
    print(
        f"loaded {len(articles)} articles; could not read {int((~failed).sum())} file(s) or row(s)"
        + (f"; could not annotate {int(failed.sum())} article(s)" if failed.any() else "")
        + (f"; skipped {len(skipped)} file(s) that are not articles" if len(skipped) else "")
        + (f"; {warned} warning(s)" if warned else "")
    )
    for mark, rows in (("✗", errors), ("-", skipped)):
        for row in rows.head(shown).itertuples(index=False):
            where = f" ({row.location})" if row.location else ""
            print(f"  {mark} {row.path}{where}: {row.message}")
        if len(rows) > shown:
            print(f"  … and {len(rows) - shown} more")
    unread = report[report[S.REPORT_MESSAGE].str.startswith("not read: ")]
    if len(unread):  # formats the loader does not read (.doc, images): how to convert them
        kinds = sorted({Path(p).suffix.lower() or Path(p).name for p in unread[S.REPORT_PATH]})
        print(f"  not read: {len(unread)} file(s) ({', '.join(kinds)}); how to convert: {full}")
    if len(report):
        print(f"  full report: {full}")
    if len(articles) == 0:
        print("workbench: no article could be loaded", file=sys.stderr)
        return 2
    return 0


_COMMANDS = {"load": _load, "annotate": _annotate, "report": _report}


def main(argv: list[str] | None = None) -> int:
    """Run one command; any :class:`WorkbenchError` is one line on stderr and exit code 2."""
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except WorkbenchError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return 2
