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
