"""Generated mistakes in a valid profile (hypothesis): it loads, or fails naming file and entry.

Starting from the valid base profile of tests/profile/test_profile.py, each example applies a
few generated mutations (a value of the wrong type, an unknown key, a missing key, an
unknown or reserved side, an alias shared by two actors, a bad regex in a title, a
framing term on no side) or damages the YAML text itself, writes the result and loads
it. The contract: :func:`load_profile` returns a usable profile or raises
:class:`ProfileError` whose message names the file, and each problem names the entry
(the actor, side, term...) it is about. Never another exception.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import itertools
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.errors import ProfileError
from workbench.profile.library import load_profile
from workbench.profile.model import Profile

from .test_profile import BASE

EXAMPLES = int(os.environ.get("WORKBENCH_FUZZ_EXAMPLES", "150"))  # per test
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
pytestmark = pytest.mark.timeout(300)

# What a problem may be about: the profile's entries, or the file as a whole.
ENTRY = re.compile(
    r"^(?:profile|demonyms|country_names|side|actor|framing term|generic actor)"
    r"(?: (?:'.*?'|\".*?\"))?: ."
    r"|^(?:YAML syntax error|not a readable YAML file|the file is empty)",
    re.DOTALL,
)
CASES: Counter[str] = Counter()
_names = itertools.count()


@pytest.fixture(scope="module", autouse=True)
def count_cases(pytestconfig) -> Iterator[None]:
    """Print how many generated profiles were loaded, once the module is done."""
    yield
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(
            f"\ntest_profile_fuzz: {sum(CASES.values())} generated profiles loaded "
            f"({', '.join(f'{k}: {v}' for k, v in sorted(CASES.items()))})"
        )


# -- mutations of the parsed base profile -----------------------------------------------------

TEXT = st.text(max_size=30)
REGEXISH = st.text(st.sampled_from(list("()[]{}*+?\\|^$.a-,0123:!<=")), min_size=1, max_size=15)
WRONG = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 5),
        st.floats(allow_nan=True, allow_infinity=True),
        st.dates(),
        TEXT,
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)
Mutation = Callable[[dict], None]


def _containers(node: object, found: list) -> list:
    """Every mapping and list in the parsed profile, root first."""
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, found)
    return found


@st.composite
def wrong_value(draw) -> Mutation:
    """Some value, anywhere, replaced by one of any type."""
    value, pick = draw(WRONG), draw(st.integers(0, 10_000))

    def apply(doc: dict) -> None:
        places = [c for c in _containers(doc, []) if c]
        where = places[pick % len(places)]
        key = list(where)[pick % len(where)] if isinstance(where, dict) else pick % len(where)
        where[key] = value

    return apply


@st.composite
def unknown_or_missing_key(draw) -> Mutation:
    key, value, pick, drop = (
        draw(TEXT),
        draw(WRONG),
        draw(st.integers(0, 10_000)),
        draw(st.booleans()),
    )

    def apply(doc: dict) -> None:
        maps = [c for c in _containers(doc, []) if isinstance(c, dict) and c]
        where = maps[pick % len(maps)]
        if drop:
            del where[list(where)[pick % len(where)]]
        else:
            where[key] = value

    return apply


@st.composite
def bad_side(draw) -> Mutation:
    """An actor or framing term on a side that does not exist (or a reserved one)."""
    side = draw(st.one_of(TEXT, st.sampled_from(["neutral", "none", "Armenia", "azerbaijan"])))
    actor, on_term = draw(st.integers(0, 1)), draw(st.booleans())

    def apply(doc: dict) -> None:
        if on_term:
            doc["framing_terms"][0]["side"] = side
        else:
            doc["actors"][actor]["side"] = side

    return apply


@st.composite
def renamed_side(draw) -> Mutation:
    name = draw(st.one_of(TEXT, st.sampled_from(["neutral", "Armenia", "a b", "1st"])))

    def apply(doc: dict) -> None:
        doc["sides"][name] = doc["sides"].pop("azerbaijan")

    return apply


@st.composite
def shared_alias(draw) -> Mutation:
    """A spelling given to a second actor, or to a generic actor's phrases."""
    spelling = draw(st.sampled_from(["Pashinyan", "Pasjinian", "Aliyev", "Nikol Pashinyan"]))
    case = draw(st.sampled_from([str.upper, str.lower, str]))
    target = draw(st.sampled_from(["actor 0", "actor 1", "generic"]))

    def apply(doc: dict) -> None:
        if target == "generic":
            doc["generic_actors"][0]["phrases"].append(case(spelling))
        else:
            actor = doc["actors"][int(target[-1])]
            actor.setdefault("aliases", []).append(case(spelling))

    return apply


@st.composite
def bad_title(draw) -> Mutation:
    pattern, regex = draw(REGEXISH), draw(st.one_of(st.booleans(), WRONG))
    start, end = (
        draw(st.one_of(st.none(), st.dates(), TEXT)),
        draw(st.one_of(st.none(), st.dates())),
    )

    def apply(doc: dict) -> None:
        doc["actors"][1]["titles"] = [
            {"pattern": pattern, "regex": regex, "from": start, "to": end}
        ]

    return apply


MUTATIONS = st.one_of(
    wrong_value(),
    unknown_or_missing_key(),
    bad_side(),
    renamed_side(),
    shared_alias(),
    bad_title(),
)


@st.composite
def mutated_profile(draw) -> str:
    doc = copy.deepcopy(yaml.safe_load(BASE))
    for mutation in draw(st.lists(MUTATIONS, min_size=1, max_size=3)):
        # An earlier mutation may have removed what a later one changes: then it is skipped.
        with contextlib.suppress(LookupError, TypeError, AttributeError):
            mutation(doc)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@st.composite
def damaged_text(draw) -> str:
    """The base profile's text with characters deleted, inserted or swapped."""
    text = BASE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = at + draw(st.integers(0, 20))
        text = (
            text[:at]
            + draw(st.text(st.sampled_from(list(":-[]{}&*!|>'\"#\t\n ,aZ")), max_size=6))
            + text[end:]
        )
    return text


# -- the check -----------------------------------------------------------------------------------


def load_and_check(folder: Path, text: str) -> None:
    path = folder / f"profile_{next(_names)}.yaml"  # a new name: no cached Profile
    path.write_text(text, encoding="utf-8")
    try:
        # A title regex such as '[[a]' draws a FutureWarning from `re` (its meaning may
        # change in a later Python): a warning to the author, not a failure to load.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            profile = load_profile(path)
    except ProfileError as exc:
        message = str(exc)
        assert message.startswith(f"invalid profile {path} "), message
        assert exc.problems, message
        for line, problem in exc.problems:
            assert ENTRY.match(problem), f"problem names no entry: {problem!r}"
            # The profile itself has no name key: a key '' must not be taken for one.
            assert not re.match(r"profile ['\"]", problem), problem
            assert f"{path.name}, line {line}: {problem}" in message or not line
        CASES["refused"] += 1
    else:
        assert isinstance(profile, Profile)
        profile.alias_table()
        profile.lookup("Aliyev", dt.date(2020, 10, 1))
        CASES["loaded"] += 1


def test_the_base_profile_loads(tmp_path):
    load_and_check(tmp_path, BASE)
    assert CASES["loaded"] >= 1


@pytest.mark.parametrize("profiles", [mutated_profile(), damaged_text()], ids=["values", "text"])
def test_a_damaged_profile_loads_or_names_file_and_entry(tmp_path, profiles):
    @FUZZ
    @given(text=profiles)
    def run(text: str) -> None:
        load_and_check(tmp_path, text)

    before = sum(CASES.values())
    run()
    assert sum(CASES.values()) - before >= EXAMPLES // 2


def test_a_blank_key_in_the_profile_is_named_under_the_profile(tmp_path):
    """Found by the generator: a top-level key '' was taken for the profile's name."""
    path = tmp_path / "blank_key.yaml"
    path.write_text(BASE + "'': null\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == [(24, "profile: : unknown key '' (allowed: " + ALLOWED + ")")]


ALLOWED = "name, description, sides, demonyms, country_names, organisations, generic_actors, "
ALLOWED += "actors, framing_terms, world, lexicons"
