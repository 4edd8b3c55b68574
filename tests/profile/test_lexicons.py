"""A profile's own lexicons (``lexicons:``) in place of the packaged ones, read lazily.

Every sentence here is invented.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.annotation.sentences import sentence_spans, train_tokenizer
from workbench.core import schema as S
from workbench.core.errors import ProfileError
from workbench.core.resources import resource_text
from workbench.corpus import annotate
from workbench.profile.library import load_profile

from ..annotation.test_attribution import articles_of

QUOTE = '"The bridge will be closed for a month," Jane Doe harrumphed.'


def _profile_with(tmp_path: Path, lexicons: str) -> Path:
    """A copy of the karabakh profile with a ``lexicons:`` section."""
    source = load_profile("karabakh").path.read_text("utf-8")
    path = tmp_path / "my_profile.yaml"
    path.write_text(source + "\nlexicons:\n" + lexicons, encoding="utf-8")
    return path


def _speakers(profile, text: str) -> list[str]:
    return list(annotate(articles_of(text), profile=profile).statements[S.ACTOR])


def test_a_profile_brings_its_own_reporting_verbs(tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text(resource_text("reporting_verbs.txt") + "harrumphed\n", encoding="utf-8")
    own = load_profile(_profile_with(tmp_path, "  reporting_verbs: verbs.txt\n"))
    assert own.lexicons["reporting_verbs"] == verbs.resolve()
    assert _speakers(load_profile("karabakh"), QUOTE) == []
    assert _speakers(own, QUOTE) == ["Jane Doe"]


def test_an_edited_lexicon_is_a_new_profile_for_the_caches(tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("said\n", encoding="utf-8")
    path = _profile_with(tmp_path, "  reporting_verbs: verbs.txt\n")
    before = load_profile(path).profile_hash
    verbs.write_text("said\nharrumphed\n", encoding="utf-8")
    from workbench.profile.reader import read_profile

    assert read_profile(path).profile_hash != before
    assert before != load_profile("karabakh").profile_hash


def test_a_profile_brings_its_own_acts(tmp_path):
    acts = tmp_path / "acts.yaml"
    acts.write_text('aid:\n  cameo: "07"\n  cues:\n    - \\bbridge\\b\n', encoding="utf-8")
    own = load_profile(_profile_with(tmp_path, "  acts: acts.yaml\n"))
    text = '"The bridge will be closed for a month," Jane Doe said.'
    assert list(annotate(articles_of(text), profile=own).statements[S.ACT]) == ["aid"]


def test_a_profile_brings_its_own_abbreviations(tmp_path):
    abbreviations = tmp_path / "abbreviations.txt"
    abbreviations.write_text("# mine\nbrig\n", encoding="utf-8")
    text = "The bridge was closed by Brig. Doe on Monday. It reopened."
    packaged = train_tokenizer([text])
    own = train_tokenizer([text], abbreviations=abbreviations)
    assert len(sentence_spans(text, packaged)) == 3
    assert len(sentence_spans(text, own)) == 2
    profile = load_profile(_profile_with(tmp_path, "  abbreviations: abbreviations.txt\n"))
    assert profile.lexicons["abbreviations"] == abbreviations.resolve()


@pytest.mark.parametrize(
    ("lexicons", "message"),
    [
        ("  verbs: verbs.txt\n", "lexicons: verbs: is not one of"),
        ("  acts: missing.yaml\n", "lexicons: acts: 'missing.yaml' is not a file"),
    ],
)
def test_a_wrong_lexicon_is_named_with_its_line(tmp_path, lexicons, message):
    path = _profile_with(tmp_path, lexicons)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    line = len(load_profile("karabakh").path.read_text("utf-8").splitlines()) + 3
    assert [(n, m[: len(message)]) for n, m in caught.value.problems] == [(line, message)]


def test_the_annotation_modules_read_no_lexicon_when_imported():
    """Nothing is read or compiled from a lexicon until the first annotation."""
    code = (
        "import workbench.core.resources as r\n"
        "read = []\n"
        "original = r.resource_text\n"
        "r.resource_text = lambda *a, **k: read.append(a) or original(*a, **k)\n"
        "import workbench.annotation.annotator, workbench.annotation.cues\n"
        "print(read)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip() == "[]"
