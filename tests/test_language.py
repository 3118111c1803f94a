import json

from skywatch.language import judge_language

from .conftest import needs_shared


def test_cyrillic_articles_are_set_aside():
    ru = judge_language("Силы ПВО уничтожили 12 беспилотников над Брянской областью, "
                        "сообщил губернатор.")
    uk = judge_language("Сили ППО знищили 12 дронів над Сумщиною, повідомили в ОВА.")
    assert not ru.is_english and ru.reason.startswith("non_english")
    assert not uk.is_english


def test_german_article_is_set_aside():
    text = ("Die Luftabwehr hat in der Nacht zwölf Drohnen über der Region abgeschossen, "
            "teilte der Gouverneur mit. Trümmer beschädigten das Dach eines Lagerhauses, "
            "verletzt wurde niemand. Die Schulen bleiben bis Freitag geschlossen.")
    assert not judge_language(text).is_english


def test_terse_english_notes_are_kept():
    for text in ["On 3 May 2022, Russian forces shelled Kupiansk. Casualties unknown.",
                 "12/05/2022 Fire in Belgorod Oblast",
                 "Interception: Ukrainian forces shot down 4 drones near Odesa."]:
        assert judge_language(text).is_english, text


def test_no_dev_case_is_set_aside():
    """All labelled dev texts are English: none may be lost to language detection."""
    path = needs_shared("eval/dev/cases.jsonl")
    lost = [c["id"] for c in map(json.loads, path.open()) if not judge_language(c["text"]).is_english]
    assert lost == []
