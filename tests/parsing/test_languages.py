import datetime as dt
import io

import resumate
from resumate.document import TextItem
from resumate.parsing.fields.languages import extract_languages, extract_listed_languages
from resumate.parsing.lines import Line


def _line(*cells: str) -> Line:
    items = tuple(
        TextItem(text, 50.0 + 200 * i, 100.0, 50.0 + 200 * i + 5 * len(text), 110.0)
        for i, text in enumerate(cells)
    )
    return Line(0, 0, items, gap_above=6.0)


def _names(*cells: str) -> list[str]:
    languages, _metas = extract_listed_languages([_line(*cells)])
    return [language.language for language in languages]


def test_a_contact_cell_of_language_names_lists_the_languages() -> None:
    assert _names("jane@example.com", "Français, English") == ["Français", "English"]


def test_a_cell_with_anything_but_language_names_lists_none() -> None:
    assert _names("English Teacher") == []
    assert _names("Dublin, Ireland") == []
    assert _names("French, Python") == []


def _header_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica-Bold", 20)
    page.drawString(60, 800, "Ingrid Albrecht")
    page.setFont("Helvetica", 10)
    page.drawString(60, 775, "ingrid@example.com")
    page.drawString(300, 775, "French, English")
    rows = [("EXPERIENCE", 13, True), ("Web Developer, Initech Ltd", 11, True),
            ("Jan 2019 - Present", 10, False), ("- Built the billing pages.", 10, False)]
    y = 745.0
    for text, size, bold in rows:
        page.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        page.drawString(60, y, text)
        y -= size + 8
    page.save()
    return buffer.getvalue()


def test_without_a_languages_section_the_contact_list_gives_the_languages() -> None:
    options = resumate.ParseOptions(today=dt.date(2026, 1, 1), ocr="never")
    result = resumate.parse(_header_pdf(), filename="cv.pdf", options=options)
    document = result.to_json_resume()
    assert [entry["language"] for entry in document["languages"]] == ["French", "English"]
    confidence = document["meta"]["resumate"]["confidence"]
    assert 0 < confidence["languages[0].language"] < 0.9


def test_languages_set_side_by_side_take_the_fluencies_below_in_order() -> None:
    lines = [_line("Spanish English"), _line("Native", "Professional working proficiency")]
    languages, _metas = extract_languages(lines)
    assert [(entry.language, entry.fluency) for entry in languages] == [
        ("Spanish", "Native"), ("English", "Professional working proficiency"),
    ]


def test_a_language_keeps_its_written_name_and_its_code_goes_to_the_evidence() -> None:
    lines = [_line("Français - Natif"), _line("Anglais (courant)"), _line("Mandarin Chinese: C1")]
    languages, metas = extract_languages(lines)
    assert [(entry.language, entry.fluency) for entry in languages] == [
        ("Français", "Natif"), ("Anglais", "courant"), ("Mandarin Chinese", "C1"),
    ]
    features = metas["languages[1].language"].evidence.features
    assert "iso639=en" in features and "english=English" in features
    assert "iso639=zh" in metas["languages[2].language"].evidence.features


def test_chinese_japanese_and_korean_language_names_and_fluencies_are_read() -> None:
    texts = ("한국어 원어민", "영어 유창함", "英语：流利", "日本語 ネイティブ")
    lines = [_line(text) for text in texts]
    languages, metas = extract_languages(lines)
    assert [(entry.language, entry.fluency) for entry in languages] == [
        ("한국어", "원어민"), ("영어", "유창함"), ("英语", "流利"), ("日本語", "ネイティブ"),
    ]
    assert "iso639=en" in metas["languages[2].language"].evidence.features


def test_languages_separated_by_middle_dots_are_each_read() -> None:
    line = _line("Arabic (native) · English (fluent) · French (B1)")
    languages, _metas = extract_languages([line])
    assert [(entry.language, entry.fluency) for entry in languages] == [
        ("Arabic", "native"), ("English", "fluent"), ("French", "B1"),
    ]


def test_a_misspelt_language_name_is_kept_as_written_at_lower_confidence() -> None:
    lines = [_line("English - Native"), _line("Ukranian - Fluent"), _line("Portugese (basic)")]
    languages, metas = extract_languages(lines)
    assert [(entry.language, entry.fluency) for entry in languages] == [
        ("English", "Native"), ("Ukranian", "Fluent"), ("Portugese", "basic"),
    ]
    meta = metas["languages[1].language"]
    assert "iso639=uk" in meta.evidence.features
    assert "language_name_misspelt" in meta.evidence.features
    assert meta.confidence < metas["languages[0].language"].confidence


def test_a_word_only_like_a_language_name_is_not_a_language() -> None:
    languages, _metas = extract_languages([_line("Spain - Native"), _line("Python - Fluent")])
    assert languages == []
