"""Exports: the stored JSON, JSON Resume, and a typeset PDF (ReportLab platypus).

The PDF is a conventional one-column resume: the name as a title, one contact line, then each
section under an upper-case heading, entries as "Position, Company" with dates on the same
line, and highlights as bullets. It uses Bitstream Vera (shipped with ReportLab) so accented
names survive; characters the font lacks are dropped rather than drawn as boxes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FONT = "ResumateVera"
FONT_BOLD = "ResumateVera-Bold"
FONT_ITALIC = "ResumateVera-Italic"


def json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def _register_fonts() -> None:
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = Path(reportlab.__file__).parent / "fonts"
    for name, file in ((FONT, "Vera.ttf"), (FONT_BOLD, "VeraBd.ttf"),
                       (FONT_ITALIC, "VeraIt.ttf"), (FONT + "-BoldItalic", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT + "-BoldItalic")


def _text(value: Any) -> str:
    """Escaped for ReportLab's mini-markup; characters outside the font's range dropped."""
    cleaned = "".join(ch for ch in str(value) if ord(ch) < 0x2500 and ch.isprintable())
    return escape(cleaned)


def _dates(entry: dict[str, Any]) -> str:
    start, end = entry.get("startDate"), entry.get("endDate")
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"{start} – Present"
    return str(end or entry.get("date") or entry.get("releaseDate") or "")


def render_pdf(document: dict[str, Any]) -> bytes:
    """A clean A4 PDF of a JSON Resume document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    _register_fonts()
    buffer = io.BytesIO()
    basics = document.get("basics", {})
    title = str(basics.get("name") or "Resume")
    page = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
        bottomMargin=16 * mm, title=title, author=title, creator="ResuMate",
    )
    page.build(list(_story(document)))
    return buffer.getvalue()


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    ink, accent = HexColor("#1b2a41"), HexColor("#9a7b2f")
    return {
        "name": ParagraphStyle("name", fontName=FONT_BOLD, fontSize=20, leading=24,
                               textColor=ink, spaceAfter=2),
        "label": ParagraphStyle("label", fontName=FONT, fontSize=11, leading=14,
                                textColor=accent, spaceAfter=2),
        "contact": ParagraphStyle("contact", fontName=FONT, fontSize=9.5, leading=12,
                                  textColor=ink, spaceAfter=8),
        "heading": ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=11.5, leading=14,
                                  textColor=ink, spaceBefore=10, spaceAfter=4),
        "entry": ParagraphStyle("entry", fontName=FONT_BOLD, fontSize=10.5, leading=13,
                                textColor=ink, spaceBefore=4),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=ink),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=10, leading=13,
                                 textColor=ink, leftIndent=12, bulletIndent=2),
    }


def _story(document: dict[str, Any]) -> Iterable[Any]:
    from reportlab.platypus import Paragraph

    styles = _styles()
    basics = document.get("basics", {})
    yield Paragraph(_text(basics.get("name") or "Resume"), styles["name"])
    if basics.get("label"):
        yield Paragraph(_text(basics["label"]), styles["label"])
    location = basics.get("location") or {}
    place = ", ".join(
        str(location[k]) for k in ("city", "region", "countryCode") if location.get(k))
    contact = [basics.get("email"), basics.get("phone"), basics.get("url"), place or None]
    contact += [p.get("url") for p in basics.get("profiles", []) if p.get("url")]
    shown = [_text(c) for c in contact if c]
    if shown:
        yield Paragraph("  |  ".join(shown), styles["contact"])
    if basics.get("summary"):
        summary = Paragraph(_text(basics["summary"]), styles["body"])
        yield from _section("Summary", [summary], styles)
    yield from _entries(document, "work", "Experience", "position", "name", styles)
    yield from _entries(document, "volunteer", "Volunteering", "position", "organization", styles)
    yield from _entries(document, "education", "Education", "studyType", "institution", styles,
                        detail="area")
    yield from _entries(document, "projects", "Projects", "name", None, styles,
                        detail="description")
    yield from _simple(document, styles)


def _section(title: str, flowables: list[Any], styles: dict[str, Any]) -> Iterable[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    if flowables:
        yield KeepTogether([Paragraph(_text(title.upper()), styles["heading"]), flowables[0]])
        yield from flowables[1:]


def _entries(document: dict[str, Any], key: str, title: str, role: str, org: str | None,
             styles: dict[str, Any], *, detail: str | None = None) -> Iterable[Any]:
    from reportlab.platypus import Paragraph

    flowables: list[Any] = []
    for entry in document.get(key, []):
        head = [str(entry[k]) for k in (role, org) if k and entry.get(k)]
        when = _dates(entry)
        line = _text(", ".join(head)) + (f"  <font name='{FONT}' size='9.5'>{_text(when)}</font>"
                                         if when else "")
        if line:
            flowables.append(Paragraph(line, styles["entry"]))
        extra = entry.get(detail) if detail else None
        texts = [extra, entry.get("summary")]
        flowables.extend(Paragraph(_text(t), styles["body"]) for t in texts if t)
        for highlight in entry.get("highlights", []) + entry.get("courses", []):
            flowables.append(Paragraph(_text(highlight), styles["bullet"], bulletText="•"))
    yield from _section(title, flowables, styles)


def _simple(document: dict[str, Any], styles: dict[str, Any]) -> Iterable[Any]:
    from reportlab.platypus import Paragraph

    skills = []
    for skill in document.get("skills", []):
        words = [skill.get("name"), *list(skill.get("keywords", []))]
        skills.append(", ".join(str(w) for w in words if w))
    if any(skills):
        yield from _section("Skills", [Paragraph(_text(s), styles["body"]) for s in skills if s],
                            styles)
    languages = [" – ".join(str(v) for v in (x.get("language"), x.get("fluency")) if v)
                 for x in document.get("languages", [])]
    if any(languages):
        yield from _section("Languages", [Paragraph(_text(", ".join(filter(None, languages))),
                                                    styles["body"])], styles)
    certificates = [", ".join(str(v) for v in (c.get("name"), c.get("issuer"), c.get("date")) if v)
                    for c in document.get("certificates", [])]
    if any(certificates):
        yield from _section("Certificates", [Paragraph(_text(c), styles["body"])
                                             for c in certificates if c], styles)
