"""Document -> ParsedResume, in pure stages: lines, sections, fields (see resume.py)."""

from __future__ import annotations


def clear_caches() -> None:
    """Forget every memoized per-text result (dates, headings, skills, lexicon look-ups).

    The parse is pure, so these memos only save time when a process sees the same text again;
    clearing them makes a timing of one parse honest. The static tables (lexicons, the skill
    taxonomy) stay loaded, as they would in any long-running process.
    """
    from resumate.parsing import dates, degrees, gazetteer, headings, lexicon, skills

    for memo in (
        dates._find_date_ranges,
        headings.normalize_heading,
        headings.match_section_title,
        skills.normalize_skill,
        lexicon._fold_char,
        lexicon.match_language,
        lexicon.match_misspelt_language,
        lexicon.match_fluency,
        degrees.match_degree,
        lexicon.looks_like_institution,
        lexicon.looks_like_field_of_study,
        lexicon.looks_like_company,
        lexicon.looks_like_job_title,
        gazetteer.match_country,
        gazetteer.match_city,
        gazetteer._parse_location,
    ):
        memo.cache_clear()
