"""Render the icon templates of src/resumate/data/icons.tsv from Font Awesome Free's fonts.

    npm pack @fortawesome/fontawesome-free && tar xzf fortawesome-fontawesome-free-*.tgz
    uv run python scripts/make_icon_templates.py package/

Each row: icon name, the code point it is written as (hex; a variant's is its plain icon's),
ink width/height, and the glyph normalised the way
`resumate.extract.icons.normalise` normalises a blob of ink in a scan (hex bytes). The icons are
those set beside contact details: the networks the parser knows, and the mail, phone, place and
web pictograms (solid and outline styles).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from resumate.extract.icons import TEMPLATE_PX, normalise

OUT = Path(__file__).resolve().parents[1] / "src" / "resumate" / "data" / "icons.tsv"
RENDER_PX = 96
FONTS = {"brands": "fa-brands-400.woff2", "solid": "fa-solid-900.woff2"}
FONTS_REGULAR = "fa-regular-400.woff2"
# A variant (a square or outline version) is written as its plain icon's character.
SAME_AS = {
    "square-linkedin": 0xF08C,
    "linkedin-in": 0xF08C,
    "square-github": 0xF09B,
    "github-alt": 0xF09B,
    "square-twitter": 0xF099,
    "square-x-twitter": 0xE61B,
    "square-facebook": 0xF09A,
    "envelope-outline": 0xF0E0,
    "location-pin": 0xF3C5,
}
ICONS = {
    # name: (style, code point); names as in Font Awesome's metadata/icons.yml
    "linkedin": ("brands", 0xF08C),
    "linkedin-in": ("brands", 0xF0E1),
    "square-linkedin": ("brands", 0xE7D0),
    "github": ("brands", 0xF09B),
    "square-github": ("brands", 0xF092),
    "github-alt": ("brands", 0xF113),
    "twitter": ("brands", 0xF099),
    "square-twitter": ("brands", 0xF081),
    "x-twitter": ("brands", 0xE61B),
    "square-x-twitter": ("brands", 0xE61A),
    "gitlab": ("brands", 0xF296),
    "stack-overflow": ("brands", 0xF16C),
    "instagram": ("brands", 0xF16D),
    "facebook": ("brands", 0xF09A),
    "square-facebook": ("brands", 0xF082),
    "medium": ("brands", 0xF23A),
    "kaggle": ("brands", 0xF5FA),
    "orcid": ("brands", 0xF8D2),
    "researchgate": ("brands", 0xF4F8),
    "spotify": ("brands", 0xF1BC),
    "youtube": ("brands", 0xF167),
    "dribbble": ("brands", 0xF17D),
    "behance": ("brands", 0xF1B4),
    "bitbucket": ("brands", 0xF171),
    "codepen": ("brands", 0xF1CB),
    "hackerrank": ("brands", 0xF5F7),
    "mastodon": ("brands", 0xF4F6),
    "reddit": ("brands", 0xF1A1),
    "telegram": ("brands", 0xF2C6),
    "xing": ("brands", 0xF168),
    "bluesky": ("brands", 0xE671),
    "envelope": ("solid", 0xF0E0),
    "envelope-outline": ("regular", 0xF0E0),
    "phone": ("solid", 0xF095),
    "mobile-screen-button": ("solid", 0xF3CD),
    "location-dot": ("solid", 0xF3C5),
    "location-pin": ("solid", 0xF041),
    "globe": ("solid", 0xF0AC),
    "link": ("solid", 0xF0C1),
    "house": ("solid", 0xF015),
}


def render(font: ImageFont.FreeTypeFont, code: int) -> Image.Image:
    canvas = Image.new("L", (RENDER_PX * 2, RENDER_PX * 2), 255)
    ImageDraw.Draw(canvas).text((RENDER_PX // 2, RENDER_PX // 2), chr(code), font=font, fill=0)
    return canvas


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package's folder")
    args = parser.parse_args()
    webfonts = args.package / "webfonts"
    fonts = {style: ImageFont.truetype(webfonts / name, RENDER_PX) for style, name in FONTS.items()}
    fonts["regular"] = ImageFont.truetype(webfonts / FONTS_REGULAR, RENDER_PX)
    rows = [
        "# Font Awesome Free icons (CC BY 4.0), normalised by resumate.extract.icons.normalise;",
        f"# made by scripts/make_icon_templates.py; {TEMPLATE_PX}x{TEMPLATE_PX} pixels a row.",
        "# name\tcode point written\tink width/height\tpixels (hex)",
    ]
    for name, (style, code) in ICONS.items():
        normal = normalise(render(fonts[style], code))
        if normal is None:
            print(f"{name}: the font has no glyph at U+{code:04X}", file=sys.stderr)
            return 1
        picture, aspect = normal
        written = SAME_AS.get(name, code)
        rows.append(f"{name}\t{written:04X}\t{aspect:.3f}\t{picture.tobytes().hex()}")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(ICONS)} icons to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
