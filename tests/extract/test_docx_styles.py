import pytest

from resumate.extract.docx_styles import StyleSheet, without_table_style_parts
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
