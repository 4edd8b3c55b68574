"""An invented corpus of many shapes for the loader's table-equality tests.

Every word is made up here. The corpus mixes what the loader's fast paths must treat
exactly as before: Markdown with front matter (quoted and plain), plain text with a
headline, a masthead or a wire credit, dates in metadata, in the text or missing,
exact and near-duplicate copies (earlier and later published), curly quotes, mojibake,
HTML entities, control characters, captions, photo credits, boilerplate, repeated
paragraphs, hard-wrapped lines, Cyrillic and French text, CSV and JSON Lines exports,
an HTML page, and two files of the same name in two folders.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

_NAMES = ["Varnel", "Osk", "Tirane", "Belmor", "Kastro", "Lunde", "Ardel", "Morrow"]
_VERBS = ["said", "told reporters", "announced", "warned", "added", "insisted"]
_THINGS = [
    "the ceasefire held overnight along the river",
    "two convoys crossed the northern bridge before dawn",
    "talks would resume in the capital next week",
    "the shelling damaged a school and a water station",
    "prisoners were exchanged at the border post",
    "the ministry denied any troop movements near the hills",
    "farmers returned to fields close to the line of contact",
    "a curfew was imposed on the port city after the blasts",
    "the mediators proposed a new corridor for civilians",
    "the power plant was running at half capacity",
    "the delegation walked out of the second session",
    "aid agencies asked for access to the eastern villages",
]
_EXTRAS = [
    "Photo: Lena Morrow / Northern Ledger",
    "Please enter your comment!",
    "Share this article",
    "(Reporting by Ardel Kastro; editing by Tirane Osk)",
    "—",
]
_OUTLETS = ["The Northern Ledger", "Evening Courier", "Valley Post", "Harbour Times"]


def _sentence(rng: random.Random) -> str:
    name = rng.choice(_NAMES)
    thing = rng.choice(_THINGS)
    quote = rng.random() < 0.3
    if quote:
        return f"“{thing[0].upper()}{thing[1:]},” {name} {rng.choice(_VERBS)} on {_day(rng)}."
    return f"{name} {rng.choice(_VERBS)} that {thing} on {_day(rng)}."


def _day(rng: random.Random) -> str:
    return rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"])


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def _date(rng: random.Random) -> str:
    return f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_invented_corpus(root: Path, *, seed: int = 7, n: int = 60) -> Path:
    """Write the invented corpus under ``root`` (created); returns ``root``."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    bodies: list[list[str]] = []
    for i in range(n):
        paras = _paragraphs(rng, rng.randint(2, 7))
        if rng.random() < 0.3:
            paras.insert(rng.randint(1, len(paras)), rng.choice(_EXTRAS))
        if rng.random() < 0.15 and len(paras) > 2:
            paras.append(paras[1])  # a repeated paragraph
        bodies.append(paras)
        kind = i % 6
        title = f"{rng.choice(_NAMES)} {rng.choice(['reports', 'says', 'warns'])} on {i}"
        outlet = rng.choice(_OUTLETS)
        if kind == 0:  # Markdown, JSON-quoted front matter, Markdown markup
            body = "\n\n".join(paras)
            body = body.replace(_NAMES[0], f"[{_NAMES[0]}](https://example.org/{i})", 1)
            front = {"title": title, "date": _date(rng), "source": outlet}
            head = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
            text = f"---\n{head}\n---\n\n# {title}\n\n**{body}**\n"
            (root / f"md-{i:03d}.md").write_text(text, encoding="utf-8")
        elif kind == 1:  # Markdown, plain front matter, no date
            text = f"---\ntitle: {title}\nsource: {outlet}\n---\n\n" + "\n\n".join(paras) + "\n"
            (root / f"plain-{i:03d}.md").write_text(text, encoding="utf-8")
        elif kind == 2:  # text with a headline and a dateline date in the text
            lead = f"KASTRO, March {rng.randint(1, 28)}, 2021 (Valley Post) — {paras[0]}"
            text = title + "\n\n" + "\n\n".join([lead, *paras[1:]]) + "\n"
            (root / f"txt-{i:03d}.txt").write_text(text, encoding="utf-8")
        elif kind == 3:  # mojibake, entities, control characters, hard-wrapped lines
            body = "\n\n".join(paras).replace("“", "â€œ").replace("”", "â€\x9d")
            body = body.replace(" and ", " &amp; ", 2) + "\x07"
            wrapped = (
                "\n".join(body[k : k + 60] for k in range(0, min(len(body), 240), 60)) + body[240:]
            )
            text = f"{title}\n\nErdoÄŸan &amp; {outlet}\n\n{wrapped}\n"
            (root / f"moj-{i:03d}.txt").write_bytes(text.encode("utf-8"))
        elif kind == 4:  # a wire credit closing the text; an undated article
            text = title + " &amp; more\n\n" + "\n\n".join(paras) + "\n\n(dpa/NAN)\n"
            (root / f"wire-{i:03d}.txt").write_text(text, encoding="utf-8")
        else:  # a masthead line above the title
            text = f"valleypost.com{title}\n\n{title}\n\n" + "\n\n".join(paras) + "\n"
            (root / f"mast-{i:03d}.txt").write_text(text, encoding="utf-8")
    _copies(root, rng, bodies)
    _tables(root, rng, bodies)
    _others(root)
    return root


def _copies(root: Path, rng: random.Random, bodies: list[list[str]]) -> None:
    """Exact and near copies, dated before and after their originals, and undated."""
    copies = root / "copies"
    copies.mkdir()
    for j, paras in enumerate(bodies[:: max(1, len(bodies) // 12)]):
        near = list(paras)
        if j % 3 == 1 and near:
            near[-1] = near[-1] + " Officials gave no further details."
        date = f'date: "{_date(rng)}"\n' if j % 4 else ""
        text = f"---\ntitle: Copy {j}\n{date}---\n\n" + "\n\n".join(near) + "\n"
        (copies / f"copy-{j:02d}.md").write_text(text, encoding="utf-8")
    for sub in ("east", "west"):  # the same file name in two folders
        (root / sub).mkdir()
        text = f"Same name {sub}\n\n" + "\n\n".join(rng.choice(bodies)) + "\n"
        (root / sub / "bulletin.txt").write_text(text, encoding="utf-8")


def _tables(root: Path, rng: random.Random, bodies: list[list[str]]) -> None:
    rows = ["Date,URL,Title,Source,Text"]
    for k in range(14):
        text = " ".join(rng.choice(bodies)).replace('"', '""')
        url = f"https://news.example/{k % 11}"  # a repeated URL: a repeated key
        rows.append(f'{_date(rng)},{url},"Row {k}",Harbour Times,"{text}"')
    rows.append("2021-05-05,https://news.example/empty,Empty row,Harbour Times,")
    (root / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    lines = []
    for k in range(6):
        lines.append(
            json.dumps(
                {
                    "headline": f"Entry {k}",
                    "published": f"2021-07-{k + 1:02d}T10:00:00Z",
                    "body": "\n\n".join(rng.choice(bodies)),
                    "link": f"https://feed.example/{k}",
                }
            )
        )
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _others(root: Path) -> None:
    (root / "russian.txt").write_text(
        "Переговоры продолжаются\n\nМинистерство заявило в воскресенье, что переговоры "
        "в столице завершились без соглашения и что стороны снова встретятся в "
        "ближайшие недели, чтобы обсудить перемирие и обмен пленными.\n",
        encoding="utf-8",
    )
    (root / "french.txt").write_text(
        "Les pourparlers reprennent\n\nLe ministère a déclaré dimanche que les pourparlers "
        "s'étaient terminés sans accord et que les deux parties se retrouveraient dans les "
        "semaines à venir pour discuter du cessez-le-feu.\n",
        encoding="utf-8",
    )
    (root / "page.html").write_text(
        "<!doctype html><html><head><title>Bridge reopens after repairs</title>"
        '<meta property="article:published_time" content="2021-04-02T08:00:00Z">'
        "</head><body><article><h1>Bridge reopens after repairs</h1>"
        "<p>The northern bridge reopened on Friday after two weeks of repairs, the "
        "city council said in a statement to residents.</p><p>Traffic was light in the "
        "morning, and the council asked drivers to keep to the posted speed.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "short.txt").write_text("Tiny\n\nFour words only here.\n", encoding="utf-8")
