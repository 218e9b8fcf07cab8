"""Document -> ParsedResume, in pure stages: lines, sections, fields (see resume.py)."""
