"""Front matter read without the YAML parser must be what YAML reads, or not be read so."""

from __future__ import annotations

import random

import yaml

from workbench.ingest.readers.pages import (
    _FrontMatterLoader,
    simple_front_matter,
    split_front_matter,
)

_KEYS = ["title", "date", "source", "url", "Title", "yes", "on", "null", "a-b", "x_1", "1st"]
_PIECES = [
    "Talks resume",
    "2020-09-27",
    "2020-09-27 10:00:00",
    "12",
    "1.5",
    "0x1F",
    "yes",
    "no",
    "~",
    "null",
    ".inf",
    "<<",
    "=",
    "a: b",
    "a:b",
    "C#",
    "a #b",
    "ends:",
    "it's",
    'say "hi"',
    "a, b",
    "[a, b]",
    "{a: 1}",
    "- item",
    "?q",
    "!tag x",
    "&anchor x",
    "*alias",
    "|",
    ">",
    "%d",
    "@x",
    "`x`",
    "'single'",
    '"double"',
    '"esc \\" quote"',
    '"back \\\\ slash"',
    '"bad \\n escape"',
    '"unclosed',
    '"a" trailing',
    "http://example.org/a?b=c#d",
    "Ünïcödé — “quotes”",
    "tab\there",
    "nel\x85here",
    "ctl\x07here",
    "bom\ufeffhere",
    "   ",
    "",
]


def _yaml(body: str) -> object:
    try:
        data = yaml.load(body, Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError, TypeError):
        return "error"
    return data


def _bodies(n: int) -> list[str]:
    rng = random.Random(11)
    bodies = []
    for _ in range(n):
        lines = []
        for _ in range(rng.randint(1, 4)):
            value = rng.choice(_PIECES if rng.random() < 0.3 else _PIECES[:2] + _PIECES[13:24])
            if rng.random() < 0.3:
                value = f"{value} {rng.choice(_PIECES)}"
            sep = rng.choice([": ", ": ", ":  ", ":", ":\t"])
            lines.append(f"{rng.choice(_KEYS)}{sep}{value}{rng.choice(['', ' ', '  '])}")
        bodies.append("\n".join(lines))
    return bodies


def test_read_without_yaml_only_as_yaml_reads_it():
    bodies = _bodies(8000)
    read = [(b, simple_front_matter(b)) for b in bodies]
    differ = [(b, s, _yaml(b)) for b, s in read if s is not None and s != _yaml(b)]
    assert differ == []
    # the generated bodies exercise both ways
    assert 300 < sum(s is not None for _, s in read) < len(bodies) - 300  # about 400


def test_the_usual_front_matter_is_read_without_yaml():
    body = (
        'title: "A \\"quoted\\" title"\ndate: 2020-09-27\nsource: Valley Post\nurl: https://x.org/a'
    )
    assert simple_front_matter(body) == {
        "title": 'A "quoted" title',
        "date": "2020-09-27",
        "source": "Valley Post",
        "url": "https://x.org/a",
    }
    fields, lines, warnings = split_front_matter(f"---\n{body}\n---\n\nText.\n")
    assert fields["title"] == 'A "quoted" title' and lines == 6 and warnings == []
