"""The tone scorer gives NLTK's VADER compound scores exactly, without going through NLTK."""

import random
import re

import pandas as pd
import pytest

from tests.conftest import ROOT, UKRAINE
from workbench.annotation.tone import compound, nltk_analyser, tone

# Invented sentences, one or more per rule of NLTK's VADER.
EDGE_CASES = [
    "We vehemently condemn the brutal attack!!!",
    "'Peace,' she said: \"never again\" -- and smiled :)",
    "!!!great news, but the talks FAILED?!?",
    "It was not bad... not bad at all,",
    "The kind of help we need, isn't it?",
    "A - b ; c : d 'e' \"ff\" ,gg ..hh",
    "",
    "?",
    "   \n\t ",
    "good",
    "GOOD",
    "GOOD news",
    "GOOD NEWS AND GREAT HOPE",
    "the talks were GOOD but the ceasefire was BAD",
    # negation before the word, at one, two and three words, and after it
    "not good",
    "not a good deal",
    "not a very good deal",
    "not the very best of a good deal",
    "the deal was good, not",
    "they didn't win",
    "they didnt win",
    "they did n't win",
    "nothing good came of it",
    "without doubt a victory",
    "without a doubt a victory",
    "despite the help, they lost",
    "they rarely help and seldom win",
    "uh-uh, not happy",
    # "never so", "never this", "so", "this" before the word
    "never so happy",
    "never this happy",
    "Never so happy",
    "never so very happy",
    "I have never been so happy",
    "this so happy day",
    "it is so good",
    "it is this good",
    # boosters and dampeners, chains of them, in capitals
    "very good",
    "very very good",
    "extremely very really good",
    "VERY good news",
    "EXTREMELY bad news for the city",
    "slightly bad",
    "slightly very bad",
    "kind of good",
    "kind of sort of good",
    "it was kind of a good deal",
    "a kind man",
    "the kind of the day",
    "sort of helpful",
    "just enough help",
    "kinda nice, sorta fine",
    "more help, most support, less hope, little joy",
    "hardly a victory, barely a success, almost a disaster",
    # "least"
    "the least good option",
    "at least good",
    "very least good",
    "least good",
    "LEAST good",
    # "but" in various places
    "but good",
    "good but",
    "good but bad",
    "bad but good but bad",
    "BUT the war goes on, the peace is good",
    "a good but, a bad but",
    # exclamation and question marks
    "good!",
    "good!!",
    "good!!!!",
    "good!!!!!!!!!",
    "bad!!!!!!!!!",
    "good?",
    "good??",
    "good???",
    "good????????",
    "good?!?!",
    "is it good? is it bad? is it war? is it peace?",
    "!!",
    "?? !!",
    # punctuation around words, emoticons, apostrophes, unicode quotes
    ":) :( :-) :D <3 </3 ;) :-(",
    "the news :) was good",
    "'good' \"bad\" (happy) [sad] {ok} <love>",
    ",good .bad !happy ?sad ;ok :love -hate 'great \"awful",
    "good, bad. happy! sad? ok; love: hate- great' awful\"",
    "good!? bad?! happy!?! sad?!? ok!?!? love?!?! hate!!! great??? awful!!",
    "good,, bad.. happy!!!! sad???? ok;; love:: hate-- great'' awful\"\"",
    "!!!!good ????bad ...happy ,,,sad",
    "“good” ‘bad’ «happy» „sad“ — war – peace …",
    "the country’s victory, the army's defeat, the rebels' hope",
    "don’t worry, can’t win, isn’t good, won’t help",
    "U.S. support, E.U. sanctions, 'U.N.' help",
    "good-natured, well-meaning, ill-fated, war-torn",
    "a b c d e good f g",
    "x good",
    "good good good bad bad good",
    "Good good GOOD",
    "good, good. good! good?",
    # idioms (lower case only, as NLTK matches them)
    "the bomb",
    "it was the bomb",
    "The bomb fell",
    "what a bad ass",
    "yeah right",
    "oh yeah right, good",
    "it does not cut the mustard",
    "a kiss of death for the talks",
    "they live hand to mouth",
    "the shit hit the fan",
    "the Bomb",
    "kiss of death",
    "cut the mustard today",
    # repeated words are scored in the context of their first occurrence (NLTK's rule)
    "not good, and later good",
    "good, then not good",
    "very happy people and happy dogs",
    "happy people and very happy dogs",
    # numbers, hashtags, mentions, links, non-Latin script
    "#bad @good https://example.org/good 42 3.14",
    "Війна погана, мир добрий",
    "İstanbul İ good",
    "ǅ ǅungla good",
    "ΟΔΟΣ ΣΑ Σ good",
]


def nltk_scores(texts: list[str]) -> list[float]:
    analyser = nltk_analyser()
    return [analyser.polarity_scores(t)["compound"] for t in texts]


def sentences_of(texts: list[str]) -> list[str]:
    return [s for text in texts for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def test_tone_equals_nltk_on_edge_cases():
    assert [compound(t) for t in EDGE_CASES] == pytest.approx(nltk_scores(EDGE_CASES), abs=1e-9)
    assert [tone(t) for t in EDGE_CASES] == [compound(t) for t in EDGE_CASES]


def test_tone_equals_nltk_on_invented_word_salad():
    """Random sentences made of the words and marks VADER's rules look at."""
    vocabulary = (
        "good bad GOOD BAD Good not never Never so this very VERY kind of sort just enough "
        "least at the shit bomb ass yeah right cut mustard kiss death hand to mouth but BUT "
        "But isn't don't NOT without doubt despite extremely slightly kinda sort-of really "
        "great terrible war peace WAR :) :( :-) <3 :D !! ? ?? ! !!!! ... , ; - ' \" good, "
        "bad! !great ?!?bad \"bad\" 'good' bad.. happy; “good” ‘bad’ no nor none a I ok "
        "won't can't n't aint rarely uh-uh hardly almost more most less little"
    ).split()
    rng = random.Random(12)
    texts = []
    for _ in range(20_000):
        words = rng.choices(vocabulary, k=rng.randint(0, 14))
        end = rng.choice(["", "", "!", "!!!!!!", "??", "????", "?!", "."])
        texts.append(rng.choice([" ", "  ", "\n"]).join(words) + end)
    assert [compound(t) for t in texts] == pytest.approx(nltk_scores(texts), abs=1e-9)


def test_tone_does_not_go_through_nltk_per_call(monkeypatch):
    """The tables are built once; scoring never builds NLTK's per-text ``SentiText``."""
    import nltk.sentiment.vader as nltk_vader

    compound("warm-up")

    def refuse(*args, **kwargs):
        raise AssertionError("NLTK's SentiText built for a text")

    monkeypatch.setattr(nltk_vader, "SentiText", refuse)
    assert compound("We vehemently condemn the brutal attack") < -0.5
    assert compound("We welcome the peaceful agreement") > 0.5


def test_tone_equals_nltk_on_the_sample_corpus():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    paragraphs = [p for text in texts for p in text.split("\n\n") if p.strip()]
    items = sentences_of(texts) + paragraphs
    assert len(items) > 100
    assert [tone(s) for s in items] == pytest.approx(nltk_scores(items), abs=1e-9)


def ukraine_texts(outlet: str, rows: int) -> list[str]:
    frame = pd.read_csv(UKRAINE / f"{outlet}.csv", nrows=rows).astype(str)
    column = max(frame.columns, key=lambda c: frame[c].str.len().mean())
    return [str(text) for text in frame[column]]


@pytest.mark.skipif(not UKRAINE.is_dir(), reason="../shared/corpora is not beside the project")
def test_tone_equals_nltk_on_2000_ukraine_sentences():
    sentences = sentences_of(ukraine_texts("guardian", 200))[:2000]
    assert len(sentences) == 2000
    assert [tone(s) for s in sentences] == pytest.approx(nltk_scores(sentences), abs=1e-9)


@pytest.mark.skipif(not UKRAINE.is_dir(), reason="../shared/corpora is not beside the project")
def test_tone_equals_nltk_on_20000_sentences_and_1000_texts_of_five_outlets():
    items = []
    for outlet in ["AssociatedPress", "RT", "DailyMail", "bbc", "guardian"]:
        texts = ukraine_texts(outlet, 400)
        items += sentences_of(texts)[:4000] + [p for t in texts for p in t.split("\n\n")][:200]
    assert len(items) == 21_000
    assert [compound(s) for s in items] == pytest.approx(nltk_scores(items), abs=1e-9)
