from hypothesis import given
from hypothesis import strategies as st

from skywatch.ingest import split_title
from skywatch.text import boilerplate_kind, clean_text, normalise, split_sentences


def test_normalise_folds_quotes_dashes_and_spaces():
    raw = "\u201cWe shot down\u00a0 twelve drones\u201d \u2014 the governor\u2019s post.  \n\n\n\nNext\n\n"
    assert normalise(raw) == '"We shot down twelve drones" - the governor\'s post.\n\nNext'


def test_normalise_is_nfc():
    assert normalise("Kyi\u0308v") == "Kyïv"


def test_boilerplate_kinds():
    assert boilerplate_kind("UKRAINE SAYS RUSSIAN STRIKE HITS GRAIN TERMINAL IN ODESA") == "caps_headline"
    assert boilerplate_kind("Read more: Belgorod schools close") == "read_more"
    assert boilerplate_kind("Share this article") == "share"
    assert boilerplate_kind("Subscribe to our newsletter for daily updates") == "subscribe"
    assert boilerplate_kind("CLICK HERE TO GET THE APP") == "caps_headline"


def test_story_lines_are_not_boilerplate():
    assert boilerplate_kind("NATO said the drones came from the east.") is None
    assert boilerplate_kind("He urged people to share information with the police.") is None
    assert boilerplate_kind("The S-400 and Pantsir-S1 systems were used.") is None
    assert boilerplate_kind("BREAKING") is None  # one capital word is no headline


def test_clean_text_counts_removed_lines():
    text, removed = clean_text("First line.\n\nREAD MORE: SOMETHING ELSE HAPPENED TODAY\n\nLast line.")
    assert text == "First line.\n\nLast line."
    assert [r.kind for r in removed] == ["caps_headline"]


def test_sentences_offsets_and_abbreviations():
    text = ("Gov. Vyacheslav Gladkov said at 1:40 a.m. that 12 drones were downed. "
            "Mr. Smith disagreed! Was it true? \"Yes,\" he said.\nNew paragraph without stop")
    sents = split_sentences(text)
    assert [s for _, _, s in sents] == [
        "Gov. Vyacheslav Gladkov said at 1:40 a.m. that 12 drones were downed.",
        "Mr. Smith disagreed!",
        "Was it true?",
        '"Yes," he said.',
        "New paragraph without stop",
    ]
    assert all(text[s:e] == t for s, e, t in sents)


def test_decimal_numbers_do_not_split():
    sents = split_sentences("About 1.5 million people lost power. Repairs began.")
    assert len(sents) == 2


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'()AZ1É")), max_size=200))
def test_offsets_are_exact_for_any_text(text):
    for start, end, sentence in split_sentences(text):
        assert text[start:end] == sentence
        assert sentence.strip() == sentence and sentence


def test_title_when_blank_line_follows():
    assert split_title("Title here\n\nBody one.\nBody two.") == ("Title here", "Body one.\nBody two.")


def test_no_title_without_blank_line():
    text = "First sentence is body.\nSecond line."
    assert split_title(text) == (None, text)


def test_markdown_heading_marker_is_dropped():
    assert split_title("# A title\n\nBody.")[0] == "A title"


def test_inset_headlines_are_lines_of_another_story_between_paragraphs():
    from skywatch.text import inset_headlines

    text = ("Drones hit a depot in the Sumy region overnight, the governor said on Sunday.\n\n"
            "Two workers were hurt and taken to hospital in the town of Shostka, he added.\n\n"
            "Missiles strike a bridge near Kherson, three drivers wounded\n\n"
            "Kursk region - 9\n\n"
            "The drones were launched from the north of the border and flew low\n"
            "over the fields before they struck.")
    assert [text[s:e] for s, e in inset_headlines(text)] == [
        "Missiles strike a bridge near Kherson, three drivers wounded"]
    # the page's own title, repeated after its lead, is no other story's headline
    title = "Drones hit a depot near Shostka, two workers hurt"
    again = (f"{title}\n\nDrones hit a depot in the Sumy region overnight, the governor said on Sunday.\n\n"
             f"Two workers were hurt and taken to hospital in the town of Shostka, he added.\n\n{title}")
    assert inset_headlines(again) == []
    # a story told in lines without full stops has no prose before its lines: nothing is a headline
    assert inset_headlines("Drone attack on Belgorod\nThree drones downed over the region") == []
