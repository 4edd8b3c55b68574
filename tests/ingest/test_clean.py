"""Cleaning rules, on the real sample texts and on small cases side by side."""

from __future__ import annotations

import pytest

from workbench.core import schema as S
from workbench.core.reports import cleaning_report
from workbench.ingest.clean import clean_paragraphs, clean_text, fix_encoding, split_paragraphs


def removed_by(df, article_prefix):
    report = cleaning_report(df)
    rows = report[report[S.ARTICLE_ID].str.startswith(article_prefix)]
    return list(zip(rows[S.CLEAN_RULE], rows[S.CLEAN_REMOVED], strict=True))


def text_of(df, article_prefix):
    return df.loc[df[S.ARTICLE_ID].str.startswith(article_prefix), S.TEXT].iloc[0]


@pytest.mark.parametrize(
    ("article", "rule", "line"),
    [
        ("000", "share_buttons", "Мой мир"),
        ("001", "comment_form", "Please enter your comment!"),
        ("001", "comment_form", "Please enter your name here"),
        ("001", "comment_form", "CAPTCHA required"),
        ("001", "navigation", "LATEST POSTS in this category"),
        ("001", "html_residue", "< br>"),
        ("001", "punctuation_only", "“"),
        ("002", "share_buttons", "Click to read the article in Turkish (1) (2) (3) (4)"),
        ("003", "comment_form", "Be the first to comment"),
        ("003", "comment_form", "Leave a Reply"),
        ("003", "comment_form", "Your email address will not be published."),
        ("003", "punctuation_only", "*"),
        ("004", "navigation", "view more"),
    ],
)
def test_sample_debris_is_removed_and_recorded(sample_articles, article, rule, line):
    assert (rule, line) in removed_by(sample_articles, article)
    if rule != "html_residue":
        paragraphs = text_of(sample_articles, article).split("\n\n")
        assert line not in paragraphs


def test_sample_captions_and_credits_are_removed(sample_articles):
    captions = [text for rule, text in removed_by(sample_articles, "003") if rule == "caption"]
    assert captions == [
        "Russian President Vladimir Putin speaks at the Kremlin in Moscow, Sept. 2020. "
        "| Mikhail Metzel/Sputnik, Kremlin Pool Photo via AP"
    ]
    ntb = [text for rule, text in removed_by(sample_articles, "004") if rule == "caption"]
    assert len(ntb) == 2 and all(
        t.endswith("Photo: Armenian Defense Ministry / AP / NTB") for t in ntb
    )
    text = text_of(sample_articles, "004")
    assert "This picture" not in text and "Photo:" not in text
    # The statements around the captions survive.
    assert "– We ask the parties to immediately stop the shooting and initiate talks" in text
    assert "Azerbaijan, which is rich in oil" in text


def test_sample_html_residue_and_stray_quote(sample_articles):
    text = text_of(sample_articles, "001")
    assert "< br>" not in text and "<br" not in text
    assert 'conducting evacuations, the ministry reported.\n\n"The main thing now' in text


def test_sample_paragraph_breaks_are_kept(sample_articles):
    text = text_of(sample_articles, "002")
    assert "\n\nInternational reactions\n\n" in text
    assert text.count("\n\n") >= 30


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Share", "share_buttons"),
        ("Facebook Twitter WhatsApp", "share_buttons"),
        ("Tweet | Email | Print", "share_buttons"),
        ("Read more", "navigation"),
        ("Advertisement", "navigation"),
        ("Leave a comment", "comment_form"),
        ("12 comments", "comment_form"),
        ("Please enter your email address here", "comment_form"),
    ],
)
def test_boilerplate_lines(line, rule):
    cleaned = clean_paragraphs([(1, "A body sentence that stays."), (2, line)])
    assert cleaned.text == "A body sentence that stays."
    assert [(r.line, r.rule) for r in cleaned.removed] == [(2, rule)]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in Baku fell sharply on Monday.",
        "View from Stepanakert: residents shelter in basements.",
        "Photo exhibitions about the war opened in Yerevan.",
        "The ministry said it would email the details to the OSCE.",
        "Comments by the spokesman were echoed in Ankara.",
        "Read the full statement, the ministry urged journalists.",
    ],
)
def test_body_lines_that_look_like_boilerplate_are_kept(line):
    cleaned = clean_paragraphs([(1, line)])
    assert cleaned.text == line and cleaned.removed == []


def test_repeated_paragraphs_are_removed_once_seen():
    caption = "Armenian soldiers at a position in the Martakert region on September 29."
    cleaned = clean_paragraphs(
        [(1, "First paragraph of the story."), (2, caption), (3, "Second paragraph."), (4, caption)]
    )
    assert cleaned.text.split("\n\n") == [
        "First paragraph of the story.",
        caption,
        "Second paragraph.",
    ]
    assert [(r.line, r.rule) for r in cleaned.removed] == [(4, "repeated")]


def test_short_repeats_are_not_treated_as_duplicates():
    cleaned = clean_paragraphs([(1, "Yes."), (2, "Body."), (3, "Yes.")])
    assert cleaned.text.split("\n\n") == ["Yes.", "Body.", "Yes."]


def test_inline_photo_credit_is_cut_from_a_body_sentence():
    cleaned = clean_paragraphs(
        [(1, "Troops moved in overnight (Photo: Reuters) and the town fell.")]
    )
    assert cleaned.text == "Troops moved in overnight and the town fell."
    assert cleaned.removed[0].rule == "photo_credit"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Itâ€™s the ministryâ€™s statement", "It’s the ministry’s statement"),
        ("Pa\u00c5\u0178inyan and Erdo\u00c4\u0178an said", "Paşinyan and Erdoğan said"),
        ("AntÃ³nio Guterres", "António Guterres"),
        ("Ð¡Ð¾Ð¾Ð±Ñ‰ÐµÐ½Ð¸Ðµ ÐœÐ˜Ð”", "Сообщение МИД"),
        ("Âge and naïve café stay", "Âge and naïve café stay"),
        # other code pages: UTF-8 read as cp1251 and as Mac Roman, and a stray cp1252 byte
        ("ItвЂ™s the ministry", "It’s the ministry"),
        ("it‚Äôs the ministry", "it’s the ministry"),
        ("the ministry\x92s statement", "the ministry’s statement"),
        ("“Curly quotes” stay curly", "“Curly quotes” stay curly"),
        ("Tom &amp; Jerry &quot;quoted&quot;", 'Tom & Jerry "quoted"'),
        ("NUL\x00 and\u200b zero width", "NUL and zero width"),
        # an acute accent typed for an apostrophe, not an accent of its own
        ("the ministry´s view, the U.N.´s, ´quoted´", "the ministry’s view, the U.N.’s, ´quoted´"),
    ],
)
def test_fix_encoding(raw, fixed):
    assert fix_encoding(raw)[0] == fixed


def test_hard_wrapped_blocks_are_joined_but_line_paragraphs_kept():
    wrapped = (
        "The Armenian defence ministry said on Sunday that its forces had\n"
        "repelled an attack along the northern section of the line of contact\n"
        "and that fighting continued.\n\nNext paragraph."
    )
    assert [p for _, p in split_paragraphs(wrapped)] == [
        "The Armenian defence ministry said on Sunday that its forces had repelled an attack along "
        "the northern section of the line of contact and that fighting continued.",
        "Next paragraph.",
    ]
    lines = "Short headline\nA first paragraph that is a line.\nAnother one."
    assert len(split_paragraphs(lines)) == 3


def test_line_numbers_follow_the_file():
    cleaned = clean_text("Title\n\nBody text.\n\nPlease enter your comment!\n", first_line=4)
    assert [(r.line, r.text) for r in cleaned.removed] == [(8, "Please enter your comment!")]


def test_custom_boilerplate_file(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("house_style:\n  - 'ends here'\n")
    cleaned = clean_text("Body text.\nEnds here\nPlease enter your comment!", rules=str(rules))
    assert cleaned.text == "Body text.\n\nPlease enter your comment!"
    assert [r.rule for r in cleaned.removed] == ["house_style"]


def test_a_flattened_export_keeps_its_breaks_and_loses_its_captions():
    # one line, paragraphs and a caption joined by runs of spaces, as some CSV exports do
    text = (
        "Officials met on Monday.   Residents speak to soldiers in a square. "
        "Photograph: Jane Roe/AP   After months online, this was our first meeting."
    )
    cleaned = clean_text(text)
    assert [p for _, p in cleaned.paragraphs] == [
        "Officials met on Monday.",
        "After months online, this was our first meeting.",
    ]
    assert [r.rule for r in cleaned.removed] == ["caption"]
    for spacing in ("It was  two spaces, not a break.", "Almost 650    golf courses closed."):
        assert split_paragraphs(spacing) == [(1, spacing)]
