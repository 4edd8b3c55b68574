"""Sentence ends after initials and country abbreviations. Every sentence is invented."""

from workbench.annotation.sentences import sentence_spans, train_tokenizer


def spans_of(text: str, training: str) -> list[str]:
    tokenizer = train_tokenizer([training * 30 + text])
    return [text[a:b] for a, b in sentence_spans(text, tokenizer)]


def test_initials_before_a_surname_end_no_sentence():
    # a splitter that learnt 'Holt' and 'Ambassador' as frequent sentence openers
    training = "The A.B. group met. Holt music played. Ambassador shows ran. U.S. talks ended. "
    text = "Last week, J.J. Holt, the editor, wrote that it was over. He left."
    assert spans_of(text, training) == [
        "Last week, J.J. Holt, the editor, wrote that it was over.",
        "He left.",
    ]
    text = "She met the U.S. Ambassador Jane Roe on Monday. He left."
    assert spans_of(text, training)[0] == "She met the U.S. Ambassador Jane Roe on Monday."


def test_initials_still_end_a_sentence_before_a_word_that_opens_one():
    training = "The A.B. group met. Holt music played. "
    text = "The prize went to C.V. Holt. The family accepted it."
    assert spans_of(text, training)[-1] == "The family accepted it."


def test_a_learnt_abbreviation_ends_a_sentence_before_a_word_that_opens_one():
    # a splitter that learnt "Calif." and "Inc." mid-sentence, as news writes them
    training = "He lives in Fresno, Calif. and works there. Acme Inc. and others joined. "
    text = "Two men robbed a bank in Fresno, Calif. The gang later said the two were members."
    assert spans_of(text, training) == [
        "Two men robbed a bank in Fresno, Calif.",
        "The gang later said the two were members.",
    ]
    # a title before a name is no such end
    text = "The award went to Gen. The Duc Lam of the old army."
    assert len(spans_of(text, training)) == 1


# Punkt's candidate ends in many shapes: plain words, abbreviations, initials, numbers,
# ellipses, quotes and brackets after the period, "?" and "!", line breaks, other scripts.
PUNKT_CASES = [
    "The attack began. The city held. Nobody left.",
    "The attack began.The city held.",
    "Gen. Lam spoke. Sen. Doe (R-Pa.) refused. Mr. Roe left. Dr. Poe stayed.",
    "J.J. Holt wrote it. C. V. Starr paid. A. Smith and B. Jones met.",
    "It fell on Aug. 15, 2022. The talks began on Sept. 2. They ended in 2023. Two sides met.",
    "The U.S. and the U.K. agreed. The U.N. Security Council met. E.U. envoys came.",
    "He said: \"We will win.\" She said, 'We lost.' They said “never.” Then left.",
    "Was it over? Nobody knew! Why? Because... well... it was not. Wait... What?",
    "Prices rose 3.5 percent. The rate was 4. Inflation hit 10.2. Officials were worried.",
    "(The attack began.) The city held. [It was late.] Nobody left.",
    "Kyiv, Ukraine. (AP) The attack began. Kharkiv. - The city held. Odesa. — Nobody left.",
    "line one ends here.\nLine two begins. line three.\n \nLine four.",
    "the attack began. the city held. nobody left. ok.",
    "Calif. Inc. Corp. Ltd. co. vs. etc. e.g. i.e. No. 5 St. Louis Ft. Worth.",
    "War-torn. Well-known. Anti-war. Pro-Russian. Co-op. Self-defence. Ex-Gen. Roe.",
    "Війна триває. Місто тримається. Zelenskyy said so. Путін мовчав.",
    "Straße. Émile left. Ørsted came. İstanbul. ǅungla. Σ. Done.",
    "A. B. C. D. E. ab. cd. EF. Gh. iJ.",
    "End.   Spaces. \tTabs.\rReturns. \x0bVertical.\fFeeds.",
    "Ends with a period.",
    "They held the line.” The attack failed.) Then 'peace.' Then war.[1] Then talks.* Note",
    'said." He said.\' She "left."\nThe war.» La paix.« Bad.‘ Good.’ Fine.“ Ok.”',
    "war.: peace.; talks.@ ruin.{ hope.} fear.( joy.? sad.! end.",
    'Gen." Lam." attack." city." 2022." J." U.S."',
    "No period at all",
    "...",
    ". . .",
    "",
]


def punkt_only_spans(text, tokenizer, monkeypatch):
    from workbench.annotation import sentences

    with monkeypatch.context() as patch:
        patch.setattr(sentences, "_splitter", lambda tok: tok.span_tokenize)
        return sentence_spans(text, tokenizer)


def tokenizers():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = {"attack", "gen", "war-torn"}
    params.collocations = {("city", "held"), ("began", "the"), ("##number##", "two")}
    params.sent_starters = {"the", "nobody"}
    params.ortho_context["the"] = 2
    trained = train_tokenizer([" ".join(PUNKT_CASES) * 20])
    return [None, trained, PunktSentenceTokenizer(params)]


def test_sentence_spans_are_punkts_own_on_invented_text(monkeypatch):
    for tokenizer in tokenizers():
        for text in PUNKT_CASES:
            assert sentence_spans(text, tokenizer) == punkt_only_spans(text, tokenizer, monkeypatch)


def test_sentence_spans_are_punkts_own_on_invented_word_salad(monkeypatch):
    import random

    vocabulary = (
        "the attack began city held nobody Gen. Sen. Mr. U.S. U.K. J.J. C. A. Aug. 15, 2022. "
        "3.5 4. 10.2. ... . ? ! ?! \" ' “ ” ( ) [ ] - — ok. Ok. OK. ab. Kyiv. Війна. said. "
        "The Nobody He She (AP) War-torn. war-torn. vs. etc. e.g. St. No. two Two"
    ).split()
    rng = random.Random(7)
    texts = [
        "".join(
            rng.choice(vocabulary) + rng.choice([" ", " ", " ", "", "\n", "  "]) for _ in range(25)
        )
        for _ in range(1500)
    ]
    for tokenizer in tokenizers():
        for text in texts:
            assert sentence_spans(text, tokenizer) == punkt_only_spans(text, tokenizer, monkeypatch)


def test_titles_initials_and_countries_end_no_sentence_after_a_long_one():
    """Only a sentence's last characters decide these merges; the rest may be long."""
    long = "After a long and winding debate about the many terms of the truce, " * 5
    text = f"{long}the speaker was Sen. Doe answered. {long}they met Col. Ray Holt left."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        f"{long}the speaker was Sen. Doe answered.",
        f"{long}they met Col. Ray Holt left.",
    ]
    text = f"{long}the prize went to A.B.C. Starr. {long}they spoke to the U.S. Ambassador Roe."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        f"{long}the prize went to A.B.C. Starr.",
        f"{long}they spoke to the U.S. Ambassador Roe.",
    ]
    text = f"{long}the prize went to A.B.C. The family accepted it."
    assert len(sentence_spans(text)) == 2


def test_an_abbreviation_ends_a_sentence_inside_a_long_one():
    # a splitter that saw "The" inside sentences keeps "Calif. The" together on its own
    training = "He lives in Fresno, Calif. and works there. We read The Times and The Sun. "
    long = "Two men, after a long and winding chase across the hills and the town, " * 4
    text = f"{long}robbed a bank in Fresno, Calif. The gang said it."
    assert spans_of(text, training) == [
        f"{long}robbed a bank in Fresno, Calif.",
        "The gang said it.",
    ]
