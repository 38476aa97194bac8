"""The editable synonym list: its format, its check, and what a broken list does."""

import pytest
from django.core import checks

from search import synonyms
from search.checks import synonyms_file_is_valid


def test_the_shipped_list_parses_and_names_the_fields_abbreviations():
    groups = synonyms.groups()
    assert len(groups) > 30
    by_word = {phrase: group for group in groups for phrase in group}
    assert "støtte-kontaktperson" in by_word["skp"]
    assert "åben dialog" in by_word["open dialogue"]
    assert "beskæftigelse" in by_word["job"]


@pytest.mark.parametrize(
    ("text", "line"),
    [("job, arbejde\nensom\n", 2), ("# ok\n\nskp => støtte-kontaktperson\n", 3), ("a, ,\n", 1)],
)
def test_a_bad_line_is_named(text, line):
    with pytest.raises(ValueError, match=f"line {line}"):
        synonyms.parse(text)


def test_comments_case_and_spaces_are_ignored():
    assert synonyms.parse("# x\n  Job ,  Beskæftigelse   #note\n") == [("job", "beskæftigelse")]


def test_a_broken_list_fails_the_check_and_search_goes_on_without_it(settings, tmp_path):
    broken = tmp_path / "synonyms.txt"
    broken.write_text("job, arbejde\nkun ét ord\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(broken)
    errors = synonyms_file_is_valid(None)
    assert [e.id for e in errors] == ["search.E003"] and "line 2" in errors[0].msg
    assert errors[0].level == checks.ERROR
    assert synonyms.groups() == []
