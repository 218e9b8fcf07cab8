from __future__ import annotations

import zipfile

import pytest

from resumate.document import Document
from resumate.errors import DocumentLoadError, EncryptedDocumentError, UnsafeDocumentError
from resumate.extract import extract_document
from resumate.options import ParseOptions

from .builders import docx_bytes, paragraph, part_xml, zip_bytes

HEADER_REL = (
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/footer" Target="footer1.xml"/>'
)
SECT = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/>'
    '<w:footerReference r:id="rId2"/></w:sectPr>'
)
STYLES = part_xml(
    "styles",
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
    '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:ind w:left="720"/></w:pPr></w:style>',
)


def _extract(data: bytes) -> Document:
    return extract_document(data, filename="cv.docx", options=ParseOptions())


def _cell(text: str, width: int = 4320) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{paragraph(text)}</w:tc>'


def test_docx_reads_header_body_table_textbox_footer_in_order() -> None:
    table = f"<w:tbl><w:tr>{_cell('Acme Corp')}{_cell('Jan 2020 – Present')}</w:tr></w:tbl>"
    textbox = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"<w:txbxContent>{paragraph('TEXTBOX text')}</w:txbxContent></wps:txbx></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        f"{paragraph('TEXTBOX text')}</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    data = docx_bytes(
        paragraph("Body first") + table + textbox + SECT,
        rels=HEADER_REL,
        parts={
            "word/header1.xml": part_xml("hdr", paragraph("HEADER text")),
            "word/footer1.xml": part_xml("ftr", paragraph("FOOTER text")),
        },
    )
    document = _extract(data)
    assert document.flow
    assert document.text.split("\n") == [
        "HEADER text",
        "Body first",
        "Acme Corp",
        "Jan 2020 – Present",
        "TEXTBOX text",
        "FOOTER text",
    ]
    acme, dates = document.pages[0].items[2:4]
    assert acme.y0 == dates.y0 and dates.x0 >= 216 > acme.x1


def test_docx_nested_table_and_multi_paragraph_cells_stay_in_their_column() -> None:
    inner = f"<w:tbl><w:tr>{_cell('Inner A', 1000)}{_cell('Inner B', 1000)}</w:tr></w:tbl>"
    cell = f"<w:tc>{paragraph('Line one')}{paragraph('Line two')}{inner}</w:tc>"
    data = docx_bytes(f"<w:tbl><w:tr>{cell}{_cell('Right')}</w:tr></w:tbl>")
    items = _extract(data).pages[0].items
    by_text = {item.text: item for item in items}
    assert by_text["Line one"].y0 == by_text["Right"].y0
    assert by_text["Line two"].y0 > by_text["Line one"].y0
    assert by_text["Inner A"].y0 == by_text["Inner B"].y0
    assert by_text["Inner B"].x0 > by_text["Inner A"].x0


def test_docx_styles_bold_size_headings_and_bullets() -> None:
    body = (
        paragraph("Experience", props='<w:pStyle w:val="Heading1"/>')
        + paragraph("Plain words")
        + paragraph("Bold words", run_props="<w:b/>")
        + paragraph("Not bold", run_props='<w:b w:val="0"/>')
        + paragraph("Python", props='<w:pStyle w:val="ListBullet"/>')
        + paragraph("Go", props='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    )
    items = _extract(docx_bytes(body, parts={"word/styles.xml": STYLES})).pages[0].items
    found = {item.text: item for item in items}
    assert found["Experience"].bold and found["Experience"].font_size == 16
    assert not found["Plain words"].bold and found["Plain words"].font_size == 11
    assert found["Bold words"].bold and not found["Not bold"].bold
    assert "• Python" in found and found["• Python"].x0 == 36
    assert "• Go" in found


def test_docx_tabs_split_items_and_breaks_start_lines() -> None:
    body = (
        "<w:p><w:r><w:t>Engineer</w:t><w:tab/><w:t>2019 – 2021</w:t>"
        "<w:br/><w:t>Second line</w:t></w:r></w:p>"
    )
    items = _extract(docx_bytes(body)).pages[0].items
    assert [item.text for item in items] == ["Engineer", "2019 – 2021", "Second line"]
    assert items[0].y0 == items[1].y0 < items[2].y0
    assert items[1].x0 - items[0].x1 > items[0].font_size


def test_docx_hyperlink_keeps_visible_text_and_its_target_is_a_link() -> None:
    body = '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>GitHub</w:t></w:r></w:hyperlink></w:p>'
    rels = (
        '<Relationship Id="rId9" TargetMode="External" Target="https://github.com/jane" Type='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
        '<Relationship Id="rId8" TargetMode="External" Target="file:///etc/passwd" Type='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    )
    document = _extract(docx_bytes(body, rels=rels))
    assert document.text == "GitHub"
    assert document.links == ("https://github.com/jane",)


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
    ],
)
def test_docx_with_a_dtd_is_unsafe(prolog: str) -> None:
    data = docx_bytes(paragraph("x"))
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    xml = files["word/document.xml"].decode()
    head, rest = xml.split("?>", 1)
    files["word/document.xml"] = (head + "?>" + prolog + rest).encode()
    with pytest.raises(UnsafeDocumentError):
        _extract(zip_bytes(files))


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    bomb = b"<w:t>" + b"A" * (120 * 1024 * 1024) + b"</w:t>"
    data = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": bomb})
    with pytest.raises(UnsafeDocumentError) as caught:
        _extract(data)
    assert caught.value.code == "unsafe"


def test_docx_high_ratio_member_is_refused() -> None:
    data = zip_bytes(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": b"A" * (5 * 1024 * 1024)}
    )
    with pytest.raises(UnsafeDocumentError):
        _extract(data)


def test_damaged_docx_is_corrupt() -> None:
    data = docx_bytes(paragraph("Jane"))
    broken = data.replace(b"word/document.xml", b"word/documant.xml", 1)
    with pytest.raises((DocumentLoadError,)):
        _extract(broken[: len(broken) // 2] + b"\x00" * 10 + broken[len(broken) // 2 :])


def test_python_docx_file_reads_fully() -> None:
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document()
    document.add_heading("Casey Sample", level=1)
    document.add_paragraph("Senior Software Engineer")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Globex"
    table.cell(0, 1).text = "2015 – 2019"
    document.sections[0].header.paragraphs[0].text = "casey@example.com"
    buffer = io.BytesIO()
    document.save(buffer)
    result = _extract(buffer.getvalue())
    assert result.text.split("\n") == [
        "casey@example.com",
        "Casey Sample",
        "Senior Software Engineer",
        "Globex",
        "2015 – 2019",
    ]
    assert result.pages[0].items[1].bold


def test_docx_with_a_zip_password_is_encrypted_not_a_crash() -> None:
    data = bytearray(docx_bytes(paragraph("Jane Roe")))
    start = data.find(b"PK\x01\x02")  # the central directory: flag every member as encrypted
    while start != -1:
        data[start + 8] |= 0x01
        start = data.find(b"PK\x01\x02", start + 4)
    with pytest.raises(EncryptedDocumentError) as caught:
        _extract(bytes(data))
    assert caught.value.code == "encrypted"


def test_docx_layout_table_cells_are_read_one_column_after_the_other() -> None:
    side = "".join(paragraph(t) for t in ("CONTACT", "ana@example.com", "SKILLS", "SQL", "Python"))
    main = "".join(
        paragraph(t) for t in ("EXPERIENCE", "Analyst – Acme", "2020 – 2024", "EDUCATION", "BSc")
    )
    data = docx_bytes(f"<w:tbl><w:tr><w:tc>{side}</w:tc><w:tc>{main}</w:tc></w:tr></w:tbl>")
    assert _extract(data).text.split("\n") == [
        "CONTACT", "ana@example.com", "SKILLS", "SQL", "Python",
        "EXPERIENCE", "Analyst – Acme", "2020 – 2024", "EDUCATION", "BSc",
    ]


def test_docx_large_title_does_not_share_a_line_with_the_paragraph_under_it() -> None:
    from resumate.parsing.lines import document_lines

    body = paragraph("Ana Lima", run_props='<w:sz w:val="48"/>') + paragraph("Data Analyst")
    lines = document_lines(_extract(docx_bytes(body)))
    assert [line.text for line in lines] == ["Ana Lima", "Data Analyst"]
