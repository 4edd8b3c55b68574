"""Conflict profiles: both built-in profiles load, cover the gold and the sample corpus, resolve
spellings, titles and generic phrases, and every kind of mistake is reported with its line."""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import hashlib
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbench.profile.library as library_module
import workbench.profile.model as profile_module
from workbench.core.errors import ProfileError
from workbench.profile.library import available_profiles, load_profile
from workbench.profile.model import ACTOR_TYPES, Profile, fold
from workbench.profile.world import world

from ..conftest import FIXTURES, ROOT, SAMPLE

PROFILES = ROOT / "data" / "profiles"


@pytest.fixture(scope="module")
def karabakh() -> Profile:
    return load_profile("karabakh")


@pytest.fixture(scope="module")
def ukraine() -> Profile:
    return load_profile("russia_ukraine")


def _gold() -> list[dict[str, str]]:
    with open(FIXTURES / "dev_gold_statements.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _scan(profile: Profile, text: str, date: object = None) -> tuple[set[str], set[str]]:
    """A plain longest-match scan over the alias table (the real matcher lives in actors.py):
    the actors a text names, and the actors its generic phrases name given the places in it."""
    table: dict[str, list] = {}
    for entry in profile.alias_table(generic=True):
        table.setdefault(entry.folded, []).append(entry)
    places: dict[str, list[str]] = {}
    for written, affiliation in profile.place_table():
        places.setdefault(fold(written), []).append(affiliation)
    folded = "".join(fold(c) or " " for c in text)  # one character each, so offsets still match

    def hits(keys):
        alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
        return list(re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", folded))

    def exact(written: str, match: re.Match) -> bool:  # acronyms keep their case
        return written != written.upper() or text[match.start() : match.end()] == written

    actors, generics, affiliations = set(), set(), set()
    for match in hits(table):
        for entry in (e for e in table[match.group()] if exact(e.alias, match)):
            if entry.kind == "generic":
                generics.add(entry.alias)
            elif entry.kind == "title":
                holder = profile.resolve_title(entry.alias, date)
                actors |= {holder.name} if holder else set()
            else:
                actors.add(entry.actor)
    for match in hits(places):
        affiliations.update(places[match.group()])
    affiliations |= {a.affiliation for a in map(profile.get_actor, actors) if a}
    # a state or capital as speaker gives its government (annotation guide)
    phrases = generics | {"government"}
    from_context = {profile.resolve_generic(g, aff, date) for g in phrases for aff in affiliations}
    return actors, {a.name for a in from_context if a}


# ---------------------------------------------------------------- the built-in profiles


def test_both_profiles_load(karabakh, ukraine):
    assert {"karabakh", "russia_ukraine"} <= set(available_profiles())
    assert karabakh.name == "karabakh" and ukraine.name == "russia_ukraine"
    own = {p.name: [a for a in p.actors if a.line] for p in (karabakh, ukraine)}  # not the world's
    assert len(own["karabakh"]) > 100
    assert 40 <= len(own["russia_ukraine"]) < len(own["karabakh"])
    assert karabakh.stances == ("pro_armenia", "pro_azerbaijan", "neutral")
    assert ukraine.stances == ("pro_ukraine", "pro_russia", "neutral")
    assert issubclass(ProfileError, ValueError)
    for profile in (karabakh, ukraine):
        assert {a.type for a in profile.actors} <= set(ACTOR_TYPES)
        assert profile.framing_terms and profile.generic_actors and profile.demonyms
        # the cache key covers the file and the world layer under it
        expected = hashlib.sha256(profile.path.read_bytes() + world().digest.encode())
        assert profile.profile_hash == expected.hexdigest()


def test_default_profile_is_karabakh(karabakh):
    assert load_profile() is karabakh


@pytest.mark.parametrize(
    ("actor", "affiliation", "actor_type"),
    sorted({(r["actor"], r["affiliation"], r["actor_type"]) for r in _gold()}),
)
def test_every_gold_actor_is_in_the_karabakh_profile(karabakh, actor, affiliation, actor_type):
    found = karabakh.get_actor(actor)
    assert found is not None, actor
    assert (found.affiliation, found.type) == (affiliation, actor_type)


@pytest.mark.parametrize(
    ("affiliation", "side", "stance"),
    [
        ("Armenia", "armenia", "pro_armenia"),
        ("Nagorno-Karabakh", "armenia", "pro_armenia"),
        ("Azerbaijan", "azerbaijan", "pro_azerbaijan"),
        ("Turkey", None, "neutral"),
        ("United Nations", None, "neutral"),
        (None, None, "neutral"),
    ],
)
def test_sides_and_stances(karabakh, affiliation, side, stance):
    assert karabakh.side_of(affiliation) == side
    assert karabakh.stance_of(affiliation) == stance


@pytest.mark.parametrize(
    ("spelling", "actor"),
    [
        ("Pashinyan", "Nikol Pashinyan"),
        ("Pashinian", "Nikol Pashinyan"),
        ("Pasjinian", "Nikol Pashinyan"),
        ("Paşinyan", "Nikol Pashinyan"),
        ("pasinyan", "Nikol Pashinyan"),
        ("Nikol Pasjinian", "Nikol Pashinyan"),
        ("Aliyev", "Ilham Aliyev"),
        ("Aliev", "Ilham Aliyev"),
        ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("ERDOGAN", "Recep Tayyip Erdoğan"),
        ("Harutyunyan", "Arayik Harutyunyan"),
        ("Harutiunyan", "Arayik Harutyunyan"),
        ("Cavusoglu", "Mevlüt Çavuşoğlu"),
        ("Guterres", "António Guterres"),
        ("Khatibzadeh", "Saeed Khatibzadeh"),
        ("Stepanyan", "Shushan Stepanyan"),
        ("the separatist presidency", "Nagorno-Karabakh authorities"),
        ("The separatists", "Nagorno-Karabakh authorities"),
        ("the Upper Karabakh administration", "Nagorno-Karabakh authorities"),
        ("Artsakh Defense Ministry", "Nagorno-Karabakh Defence Ministry"),
        ("Artsakh Defence Ministry", "Nagorno-Karabakh Defence Ministry"),
        ("Anadolu Agency", "Anadolu Agency"),
        ("AA", "Anadolu Agency"),
        ("the Azerbaijani Ministry of Defense", "Azerbaijani Defence Ministry"),
        ("Azerbaijan’s Defense Ministry", "Azerbaijani Defence Ministry"),
        ("the Ministry of Defense of Armenia", "Armenian Defence Ministry"),
        ("Armenian Defense Ministry", "Armenian Defence Ministry"),
        ("the Russian Ministry of Foreign Affairs", "Russian Foreign Ministry"),
        ("the South Ossetian Foreign Ministry", "South Ossetian Foreign Ministry"),
        (
            "Ministry of Foreign Affairs of the Republic of South Ossetia",
            "South Ossetian Foreign Ministry",
        ),
        ("The US State Department", "US State Department"),
        ("Russian peacekeepers", "Russian peacekeepers"),
        ("RMK", "Russian peacekeepers"),
        ("NATO", "NATO"),
        ("Nato", "NATO"),
        ("TASS", "TASS"),
        ("news.am", "news.am"),
        ("Baku", "Azerbaijani government"),
        ("Yerevan", "Armenian government"),
        ("Stepanakert", "Nagorno-Karabakh authorities"),
        ("Ankara", "Turkish government"),
        ("Moscow", "Russian government"),
        ("the Kremlin", "Kremlin"),
        ("Tehran", "Iranian government"),
        ("Washington", "US government"),
        ("Nur-Sultan", "Kazakh government"),
    ],
)
def test_spellings_resolve(karabakh, spelling, actor):
    assert karabakh.lookup(spelling).name == actor


@pytest.mark.parametrize("spelling", ["aa", "ap", "un", "Foreign Ministry", "Aliyeva", "US"])
def test_ambiguous_or_lower_case_acronyms_do_not_resolve(karabakh, spelling):
    assert karabakh.lookup(spelling) is None


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("Foreign Ministry spokesman Saeed Khatibzadeh", "Saeed Khatibzadeh"),
        (
            "Shushan Stepanyan, the spokesperson of the Ministry of Defense of Armenia",
            "Shushan Stepanyan",
        ),
        (
            "Shushan Stepanyan, the spokesperson of the Ministry of Defense of Armenia",
            "Armenian Defence Ministry",
        ),
        (
            "the press service of the Artsakh Defense Ministry reported",
            "Nagorno-Karabakh Defence Ministry",
        ),
        ("according to Turkey's state-run Anadolu Agency (AA)", "Anadolu Agency"),
        ("Armenia’s Prime Minister Nikol Pasjinian has published", "Nikol Pashinyan"),
    ],
)
def test_spellings_are_found_in_running_text(karabakh, phrase, actor):
    assert actor in _scan(karabakh, phrase, "2020-09-28")[0]


@pytest.mark.parametrize(
    ("title", "date", "actor"),
    [
        ("Armenia's prime minister", "2020-09-27", "Nikol Pashinyan"),
        ("Armenia’s PM", dt.date(2023, 9, 20), "Nikol Pashinyan"),
        ("PM of Armenia", pd.Timestamp("2021-06-01"), "Nikol Pashinyan"),
        ("Armenian Prime Minister", "2017-01-01", None),
        ("Azerbaijan's President", "2020-09-27", "Ilham Aliyev"),
        ("President of Azerbaijan", dt.datetime(2023, 9, 19, 12), "Ilham Aliyev"),
        ("US President", "2020-09-27", "Donald Trump"),
        ("US President", "2021-01-19", "Donald Trump"),
        ("US President", "2021-01-20", "Joe Biden"),
        ("U.S. President", "2023-09-20", "Joe Biden"),
        ("US President", "2025-03-01", "Donald Trump"),
        ("Artsakh President", "2020-09-27", "Arayik Harutyunyan"),
        ("Artsakh President", "2023-09-05", None),
        ("Artsakh President", "2023-09-20", "Samvel Shahramanyan"),
        ("Armenian Foreign Minister", "2020-09-28", "Zohrab Mnatsakanyan"),
        ("Armenian Foreign Minister", "2023-09-20", "Ararat Mirzoyan"),
        ("Armenian Defence Minister", "2020-10-01", "Davit Tonoyan"),
        ("Armenian Defense Minister", "2023-09-20", "Suren Papikyan"),
        ("Turkish Foreign Minister", "2020-09-28", "Mevlüt Çavuşoğlu"),
        ("Turkish Foreign Minister", "2023-09-20", "Hakan Fidan"),
        ("Iranian President", "2020-09-28", "Hassan Rouhani"),
        ("Iranian President", "2023-09-20", "Ebrahim Raisi"),
        ("Pakistan's Prime Minister", "2020-09-28", "Imran Khan"),
        ("Pakistan's Prime Minister", "2023-09-20", "Anwaar-ul-Haq Kakar"),
        ("UN Secretary-General", "2020-09-27", "António Guterres"),
        ("UN chief", "2023-09-20", "António Guterres"),
        ("the Pope", "2020-10-01", "Pope Francis"),
    ],
)
def test_titles_resolve_within_their_dates(karabakh, title, date, actor):
    holder = karabakh.resolve_title(title, date)
    assert (holder.name if holder else None) == actor
    assert (karabakh.lookup(title, date) or holder) == holder


def test_undated_titles_resolve_only_when_unambiguous(karabakh):
    assert karabakh.resolve_title("Armenian Prime Minister").name == "Nikol Pashinyan"
    assert karabakh.resolve_title("US President") is None  # Trump or Biden: needs a date


@pytest.mark.parametrize(
    ("phrase", "affiliation", "date", "actor"),
    [
        (
            "the press service of the Defense Ministry",
            "Nagorno-Karabakh",
            None,
            "Nagorno-Karabakh Defence Ministry",
        ),
        ("the Foreign Ministry", "Pakistan", None, "Pakistani Foreign Ministry"),
        ("Foreign Ministry", "Kazakhstan", None, "Kazakh Foreign Ministry"),
        ("The Defence Ministry", "Azerbaijan", None, "Azerbaijani Defence Ministry"),
        ("the Ministry of Defense", "Azerbaijan", None, "Azerbaijani Defence Ministry"),
        ("the Ministry of Foreign Affairs", "Russia", None, "Russian Foreign Ministry"),
        ("the Foreign Ministry", "United States", None, "US State Department"),
        ("the foreign minister", "United States", "2020-09-28", "Mike Pompeo"),
        ("the foreign minister", "Azerbaijan", "2020-09-28", "Jeyhun Bayramov"),
        ("the president", "Azerbaijan", "2020-09-27", "Ilham Aliyev"),
        ("the president's office", "Azerbaijan", None, "Azerbaijani Presidential Administration"),
        ("the presidential administration", "Russia", None, "Kremlin"),
        ("the government", "Nagorno-Karabakh", None, "Nagorno-Karabakh authorities"),
        ("the army", "Nagorno-Karabakh", None, "Nagorno-Karabakh Defence Army"),
        ("the ombudsman", "Armenia", None, "Armenian ombudsman"),
        ("the Foreign Ministry", "United Nations", None, None),  # no demonym: no ministry
        ("the Foreign Ministry", None, None, None),
        ("the weather service", "Armenia", None, None),
    ],
)
def test_generic_actors_take_their_country_from_context(karabakh, phrase, affiliation, date, actor):
    found = karabakh.resolve_generic(phrase, affiliation, date)
    assert (found.name if found else None) == actor


@pytest.mark.parametrize(
    ("state", "government"),
    [
        ("Armenia", "Armenian government"),
        ("Azerbaijan", "Azerbaijani government"),
        ("Russia", "Russian government"),
        ("France", "French government"),
        ("Turkey", "Turkish government"),
        ("Iran", "Iranian government"),
        ("United States", "US government"),
    ],
)
def test_a_state_as_speaker_gives_its_government(karabakh, state, government):
    """Annotation guide: "Armenia claimed" gives `<demonym> government`."""
    assert karabakh.resolve_generic("government", karabakh.affiliation_of(state)).name == government


@pytest.mark.parametrize(
    ("word", "affiliation"),
    [
        ("Baku", "Azerbaijan"),
        ("Azeri", "Azerbaijan"),
        ("Azerbaijani", "Azerbaijan"),
        ("Artsakh", "Nagorno-Karabakh"),
        ("Türkiye", "Turkey"),
        ("Turkiye", "Turkey"),
        ("US", "United States"),
        ("the U.S.", "United States"),
        ("us", None),
        ("the Kremlin", "Russia"),
        ("Pashinyan", "Armenia"),
        ("Nur-Sultan", "Kazakhstan"),
        ("Atlantis", None),
    ],
)
def test_affiliation_from_context_words(karabakh, word, affiliation):
    assert karabakh.affiliation_of(word) == affiliation


def test_alias_table_rows(karabakh):
    table = karabakh.alias_table()
    assert {e.kind for e in table} == {"name", "alias", "title", "metonym"}
    assert ("Paşinyan", "pasinyan", "Nikol Pashinyan", "alias") in table
    assert ("Baku", "baku", "Azerbaijani government", "metonym") in table
    assert all(e.folded == fold(e.alias) for e in table)
    titles = {e.actor for e in table if e.folded == "us president"}
    assert titles == {"Donald Trump", "Joe Biden"}
    assert {e.kind for e in karabakh.alias_table(generic=True)} - {e.kind for e in table} == {
        "generic"
    }
    places = karabakh.place_table()
    assert ("Baku", "Azerbaijan") in places and ("Artsakh", "Nagorno-Karabakh") in places


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Paşinyan", "pasinyan"),
        ("Erdoğan", "erdogan"),
        ("İbrahim Kalın", "ibrahim kalin"),
        ("Azerbaijan’s  Defence\nMinistry", "azerbaijan's defence ministry"),
        ("Nagorno–Karabakh", "nagorno karabakh"),
        ("«Artsakh»", '"artsakh"'),
        ("Zelens\u0301kyy\u0327 said", "zelenskyy said"),  # combining marks written apart
        ("Plain  ASCII\ttext", "plain ascii text"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("article", sorted({r["article_id"] for r in _gold()}))
def test_every_gold_speaker_is_findable_in_its_sample_article(karabakh, article):
    """Each gold speaker is named in its article by a spelling of the profile, or by a generic
    phrase whose country the article names: the profile covers the sample corpus."""
    text = (SAMPLE / f"{article}.txt").read_text(encoding="utf-8")
    dates = pd.read_csv(SAMPLE / "metadata.csv", dtype=str).set_index("file")["published"]
    named, from_context = _scan(karabakh, text, dates[f"{article}.txt"])
    wanted = {r["actor"] for r in _gold() if r["article_id"] == article}
    assert wanted <= named | from_context


# ---------------------------------------------------------------- the second profile


def test_russia_ukraine_has_nothing_of_karabakh(ukraine, tmp_path):
    # the profile's own entries: the world layer under it knows every state
    own = tmp_path / "own.yaml"
    own.write_text(ukraine.path.read_text(encoding="utf-8") + "\nworld: false\n", "utf-8")
    ukraine = load_profile(own)
    words = ("armenia", "azerbaijan", "karabakh", "artsakh", "baku", "yerevan")
    spellings = [e.folded for e in ukraine.alias_table(generic=True)]
    members = [m for side in ukraine.sides.values() for m in side]
    spellings += [fold(a) for a in (*members, *ukraine.demonyms, *ukraine.organisations)]
    spellings += [fold(t.term) for t in ukraine.framing_terms]
    assert not [s for s in spellings if any(w in s for w in words)]


@pytest.mark.parametrize(
    ("spelling", "date", "actor"),
    [
        ("Zelenskyy", None, "Volodymyr Zelensky"),
        ("Zelenskiy", None, "Volodymyr Zelensky"),
        ("Ukraine's president", "2022-03-01", "Volodymyr Zelensky"),
        ("Podolyak", None, "Mykhailo Podolyak"),
        ("the Kremlin", None, "Kremlin"),
        ("Kremlin spokesman", "2022-05-01", "Dmitry Peskov"),
        ("Russian Defence Minister", "2022-05-01", "Sergei Shoigu"),
        ("Russian Defense Minister", "2024-06-01", "Andrei Belousov"),
        ("UN nuclear watchdog", None, "IAEA"),
        ("Kyiv", None, "Ukrainian government"),
        ("British Prime Minister", "2022-10-01", "Liz Truss"),
    ],
)
def test_russia_ukraine_spellings(ukraine, spelling, date, actor):
    assert ukraine.lookup(spelling, date).name == actor


def test_russia_ukraine_sides_and_terms(ukraine):
    assert ukraine.side_of("Donetsk People's Republic") == "russia"
    terms = {t.term: t.side for t in ukraine.framing_terms}
    assert terms["special military operation"] == "russia"
    assert terms["war of aggression"] == "ukraine"
    assert ukraine.resolve_generic("the General Staff", "Ukraine").name == "Ukrainian General Staff"


@pytest.mark.parametrize("module", [profile_module, library_module], ids=lambda m: m.__name__)
def test_nothing_conflict_specific_is_hard_coded_in_the_module(module):
    source = Path(module.__file__).read_text(encoding="utf-8")
    source = source.replace('DEFAULT_PROFILE = "karabakh"', "")  # the default's name, only
    assert not re.findall(r"armenia|azerbaijan|karabakh|artsakh", source, re.IGNORECASE)


@pytest.mark.parametrize("module", [profile_module, library_module], ids=lambda m: m.__name__)
def test_module_docstring_examples_run(module):
    # The examples build profiles with load_profile, as a user does.
    examples = doctest.testmod(module, extraglobs={"load_profile": load_profile})
    assert examples.failed == 0 and examples.attempted > 0


# ---------------------------------------------------------------- override path and cache


def test_an_analysts_own_file_is_loaded_by_path(tmp_path, karabakh):
    mine = tmp_path / "my_profile.yaml"
    text = (PROFILES / "karabakh.yaml").read_text(encoding="utf-8")
    extra = "  - {name: Jane Analyst, affiliation: none, type: other, aliases: [Analyst Jane]}\n"
    mine.write_text(text.replace("\nactors:\n", "\nactors:\n" + extra, 1), encoding="utf-8")
    for value in (mine, str(mine)):
        loaded = load_profile(value)
        assert loaded.path == mine.resolve()
        assert loaded.lookup("Analyst Jane").name == "Jane Analyst"
        assert len(loaded.actors) == len(karabakh.actors) + 1
    assert karabakh.lookup("Analyst Jane") is None
    assert load_profile(karabakh) is karabakh


def test_cache_returns_the_same_object_until_the_file_changes(tmp_path):
    path = tmp_path / "cached.yaml"
    shutil.copy(PROFILES / "russia_ukraine.yaml", path)
    first = load_profile(path)
    assert load_profile(path) is first
    text = path.read_text(encoding="utf-8").replace("name: russia_ukraine", "name: changed", 1)
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    second = load_profile(path)
    assert second is not first and second.name == "changed"
    assert second.profile_hash != first.profile_hash
    assert load_profile(path) is second


@pytest.mark.parametrize("value", ["no_such_profile", "missing/dir/profile.yaml"])
def test_unknown_profile_names_the_file(value):
    with pytest.raises(ProfileError, match=r"no such profile file .*karabakh"):
        load_profile(value)


# ---------------------------------------------------------------- mistakes, with their lines

BASE = """\
name: test
sides:
  armenia:
    members: [Armenia, Nagorno-Karabakh]
  azerbaijan:
    members: [Azerbaijan]
demonyms: {Armenia: Armenian, Azerbaijan: Azerbaijani, Russia: Russian}
organisations: [United Nations]
actors:
  - name: Nikol Pashinyan
    affiliation: Armenia
    type: head_of_government
    aliases: [Pashinyan, Pasjinian]
    titles:
      - {pattern: Armenian Prime Minister, from: 2018-05-08}
  - name: Ilham Aliyev
    affiliation: Azerbaijan
    type: head_of_state
    aliases: [Aliyev]
generic_actors:
  - {template: "{demonym} Foreign Ministry", phrases: [Foreign Ministry]}
framing_terms:
  - {term: Artsakh, side: armenia, weight: 1.0}
"""

BAD = [
    # (what, replace this, with this, the line to report, the entry, the problem)
    (
        "unknown side in a framing term",
        "side: armenia, weight",
        "side: armenai, weight",
        "armenai",
        "framing term 'Artsakh'",
        "unknown side 'armenai'",
    ),
    (
        "a member on two sides",
        "members: [Azerbaijan]",
        "members: [Azerbaijan, Armenia]",
        "Azerbaijan, Armenia",
        "side 'azerbaijan'",
        "'Armenia' is already on side 'armenia'",
    ),
    (
        "affiliation side mismatch",
        "type: head_of_state\n",
        "type: head_of_state\n    side: armenia\n",
        "side: armenia",
        "actor 'Ilham Aliyev'",
        "side 'armenia' does not match affiliation 'Azerbaijan'",
    ),
    (
        "undeclared affiliation",
        "affiliation: Azerbaijan",
        "affiliation: Azerbaijn",
        "Azerbaijn",
        "actor 'Ilham Aliyev'",
        "affiliation 'Azerbaijn' is not declared",
    ),
    (
        "alias on two actors",
        "aliases: [Aliyev]",
        "aliases: [Aliyev, Pasjinian]",
        "Aliyev, Pasjinian",
        "actor 'Ilham Aliyev'",
        "'Pasjinian' is also a spelling of actor 'Nikol Pashinyan' (line 13)",
    ),
    (
        "bad regex",
        "{pattern: Armenian Prime Minister,",
        "{pattern: 'armenian (prime minister', regex: true,",
        "armenian (prime",
        "actor 'Nikol Pashinyan'",
        "bad regex 'armenian (prime minister'",
    ),
    (
        "aliases not a list",
        "aliases: [Aliyev]",
        "aliases: Aliyev",
        "aliases: Aliyev",
        "actor 'Ilham Aliyev'",
        "aliases: expected a list of strings, found 'Aliyev'",
    ),
    (
        "weight not a number",
        "weight: 1.0",
        "weight: heavy",
        "weight: heavy",
        "framing term 'Artsakh'",
        "weight: expected a positive number, found 'heavy'",
    ),
    (
        "from not a date",
        "from: 2018-05-08",
        "from: May 2018",
        "May 2018",
        "actor 'Nikol Pashinyan'",
        "from: expected a date (YYYY-MM-DD) or null",
    ),
    (
        "impossible date",
        "from: 2018-05-08",
        "from: 2018-02-30",
        "2018-02-30",
        "actor 'Nikol Pashinyan'",
        "from: expected a date",
    ),
    (
        "unknown actor type",
        "type: head_of_state",
        "type: president",
        "type: president",
        "actor 'Ilham Aliyev'",
        "unknown actor type 'president'",
    ),
    (
        "missing required key",
        "    affiliation: Azerbaijan\n",
        "",
        "name: Ilham Aliyev",
        "actor 'Ilham Aliyev'",
        "missing required key 'affiliation'",
    ),
    (
        "unknown key",
        "aliases: [Aliyev]",
        "alias: [Aliyev]",
        "alias: [Aliyev]",
        "actor 'Ilham Aliyev'",
        "unknown key 'alias'",
    ),
    (
        "duplicate key",
        "    type: head_of_state\n",
        "    type: head_of_state\n    type: igo\n",
        "type: igo",
        "actor 'Ilham Aliyev'",
        "duplicate key 'type'",
    ),
    (
        "overlapping titles",
        "aliases: [Aliyev]",
        "aliases: [Aliyev]\n    titles: [{pattern: Armenian prime minister, from: 2020-01-01}]",
        "Armenian prime minister, from: 2020",
        "actor 'Ilham Aliyev'",
        "overlaps in time with the same title of actor 'Nikol Pashinyan' (line 15)",
    ),
    (
        "title ends before it starts",
        "from: 2018-05-08}",
        "from: 2018-05-08, to: 2018-01-01}",
        "to: 2018-01-01",
        "actor 'Nikol Pashinyan'",
        "title ends (2018-01-01) before it starts (2018-05-08)",
    ),
    (
        "bad template",
        '"{demonym} Foreign Ministry"',
        '"{country} Foreign Ministry"',
        "{country} Foreign",
        "generic actor '{country} Foreign Ministry'",
        "template may use only {demonym} and {affiliation}",
    ),
    (
        "override naming nothing",
        "phrases: [Foreign Ministry]}",
        "phrases: [Foreign Ministry], overrides: {Russia: Lavrov}}",
        "overrides: {Russia",
        "generic actor '{demonym} Foreign Ministry'",
        "override for 'Russia' is no actor's spelling or title: 'Lavrov'",
    ),
    (
        "generic phrase equal to an alias",
        "phrases: [Foreign Ministry]",
        "phrases: [Foreign Ministry, Aliyev]",
        "Foreign Ministry, Aliyev",
        "generic actor '{demonym} Foreign Ministry'",
        "phrase 'Aliyev' is also a spelling of actor 'Ilham Aliyev'",
    ),
    (
        "side named neutral",
        "  azerbaijan:\n",
        "  neutral:\n",
        "  neutral:",
        "side 'neutral'",
        "a side is a lower-case identifier, not 'neutral'",
    ),
    (
        "YAML syntax error",
        "aliases: [Aliyev]",
        "aliases: [Aliyev",
        "generic_actors:",
        "YAML syntax error",
        "(while parsing a flow sequence at line 19)",
    ),
]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "at", "entry", "problem"), [case[1:] for case in BAD], ids=[c[0] for c in BAD]
)
def test_a_mistake_is_reported_with_file_line_and_entry(tmp_path, old, new, at, entry, problem):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    path = tmp_path / "broken_profile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert f"broken_profile.yaml, line {_line_of(text, at)}: {entry}" in message, message
    assert problem in message, message


def test_the_valid_base_loads_and_every_mistake_is_reported_at_once(tmp_path):
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert load_profile(path).lookup("Pasjinian").name == "Nikol Pashinyan"
    text = BASE
    chosen = ["unknown side in a framing term", "a member on two sides", "aliases not a list"]
    chosen += ["unknown actor type", "bad template"]
    expected = []
    for _what, old, new, _, entry, problem in (case for case in BAD if case[0] in chosen):
        text = text.replace(old, new, 1)
        expected.append(f"{entry}: {problem}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "(5 problem(s))" in str(caught.value)
    assert all(e in str(caught.value) for e in expected), str(caught.value)
    assert [n for n, _ in caught.value.problems] == sorted(n for n, _ in caught.value.problems)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "the file is empty"),
        ("- just\n- a list\n", "expected a mapping"),
        ("name: x\n", "missing required key 'sides'"),
        (b"\xff\xfe not utf-8", "not a readable YAML file"),
    ],
)
def test_files_that_are_no_profile_at_all(tmp_path, text, problem):
    path = tmp_path / "odd.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ProfileError, match=re.escape(problem)):
        load_profile(path)
