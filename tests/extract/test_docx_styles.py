import pytest

from resumate.extract.docx_styles import (
    StyleSheet,
    set_aside_table_styles,
    without_table_style_parts,
)
from resumate.extract.package import parse_xml

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TABLE_STYLES = (
    f'<?xml version="1.0"?><w:styles {W}><w:style w:type="table" w:styleId="Grid">'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr>'
    '<w:tblStylePr w:type="a>b"/><w:rPr><w:i/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:rPr><w:sz w:val="22"/></w:rPr></w:style>'
    "</w:styles>"
).encode()


def test_table_style_parts_are_left_out_without_changing_any_style() -> None:
    slim = without_table_style_parts(TABLE_STYLES)
    assert b"tblStylePr" not in slim
    full, cut = (
        StyleSheet(parse_xml(TABLE_STYLES, damaged=None)),
        StyleSheet(parse_xml(slim, damaged=None)),
    )
    for style_id in ("Grid", "Normal", "Missing", None):
        assert cut.resolve(style_id) == full.resolve(style_id)


@pytest.mark.parametrize(
    "data",
    [
        f"<w:styles {W}><!-- <w:tblStylePr> --></w:styles>".encode(),
        f"<w:styles {W}><w:tblStylePr w:type=x></w:tblStylePr></w:styles>".encode(),
        f"<w:styles {W}><w:tblStylePr><w:tblStylePr/></w:tblStylePr></w:styles>".encode(),
    ],
)
def test_unclear_styles_parts_are_kept_whole(data: bytes) -> None:
    assert without_table_style_parts(data) is data


NAMED_TABLE_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<w:styles {W}>'
    '<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/>'
    '<w:pPr><w:ind w:left="144"/></w:pPr><w:rPr><w:b/><w:sz w:val="18"/></w:rPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:i/></w:rPr></w:tblStylePr></w:style>'
    '<w:style w:type="table" w:styleId="Plain"/>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:basedOn w:val="Grid"/></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>'
    "</w:styles>"
).encode()


def test_set_aside_table_styles_resolve_as_before_even_when_named() -> None:
    slim, set_aside = set_aside_table_styles(NAMED_TABLE_STYLES)
    assert len(set_aside) == 1 and b"Table Grid" not in slim
    full = StyleSheet(parse_xml(NAMED_TABLE_STYLES, damaged=None))
    cut = StyleSheet(parse_xml(slim, damaged=None), set_aside)
    assert cut.default_paragraph_style == full.default_paragraph_style == "Normal"
    for style_id in ("Normal", "Grid", "Plain", "Strong", "Missing", None):
        assert cut.resolve(style_id) == full.resolve(style_id)
    assert cut.resolve("Normal").bold and cut.resolve("Normal").indent_pt == 7.2


@pytest.mark.parametrize(
    "data",
    [
        f'<w:styles {W}><!-- x --><w:style w:type="table" w:styleId="T"/></w:styles>'.encode(),
        f'<w:styles {W}><w:style w:type="table"><w:style/></w:style></w:styles>'.encode(),
        f'<w:styles {W}><w:style w:type="table" w:styleId="T"></w:style ></w:styles>'.encode(),
        f'<w:root {W}><w:style w:type="table" w:styleId="T"></w:style></w:root>'.encode(),
    ],
)
def test_unclear_styles_parts_keep_their_table_styles(data: bytes) -> None:
    assert set_aside_table_styles(data) == (data, ())
