"""Imported by the sandbox's forkserver: parse a tiny resume once so that every forked child
starts with the engine's tables (lexicons, taxonomies) already loaded. Importing this module
has that side effect on purpose; nothing else imports it."""

from __future__ import annotations

import gc
import importlib

from resumate.config import ParseOptions
from resumate.pipeline import parse_bytes

_SAMPLE = (
    "Jordan Example\nSoftware Engineer\njordan@example.com | +1 555 0100\n\nEXPERIENCE\n"
    "Software Engineer, Acme Corporation\nJan 2020 - Present\n- Built things in Python.\n\n"
    "EDUCATION\nBSc Computer Science, State University, 2016\n\nSKILLS\nPython, SQL\n"
    "\nLANGUAGES\nEnglish (native), German (B2)\n"
)

for _module in ("pdf", "pdf_words", "docx", "docx_styles", "doc", "odt", "rtf", "txt", "image"):
    importlib.import_module(f"resumate.extract.{_module}")
for _encoding in ("utf-8", "latin-1", "utf-16"):
    parse_bytes(_SAMPLE.replace("Jordan", "Jörg").encode(_encoding), filename="warmup.txt",
                options=ParseOptions(ocr="never"))

# Move everything loaded so far out of the collector's reach: forked children then do not touch
# (and so copy) these pages when they collect garbage.
gc.collect()
gc.freeze()
