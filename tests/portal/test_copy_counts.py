"""Counts in Danish copy agree with their number: every count in every template goes through the
`antal` filter with both whole word forms, and the filter picks the right one."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for path in ROOT.glob("*/templates/**/*")
    if path.is_file() and path.suffix in {".html", ".txt", ".svg"} and ".venv" not in path.parts
)
ANTAL = re.compile(r"""\|(?:antal|ordform):(["'])(?P<forms>[^"']*)\1""")
# Danish nouns the portal counts, singular → plural. A new noun is added here on purpose.
NOUNS = {
    "praksiseksempel": "praksiseksempler",
    "resultat": "resultater",
    "side": "sider",
    "kommune": "kommuner",
    "erfa-gruppe": "erfa-grupper",
}


def test_templates_are_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_builds_a_plural_from_a_stem(path):
    """`pluralize` glues endings onto stems («praksiseksempl» + «el»): one wrong ending and the
    page says «1 praksiseksemplel». Whole forms through `antal` cannot."""
    text = path.read_text(encoding="utf-8")
    assert "pluralize" not in text
    for match in ANTAL.finditer(text):
        singular, _, plural = match.group("forms").partition(",")
        assert NOUNS.get(singular) == plural, (path.name, singular, plural)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 praksiseksempler"),
        (1, "1 praksiseksempel"),
        (2, "2 praksiseksempler"),
        (1234, "1.234 praksiseksempler"),
        ("", ""),
        (None, ""),
    ],
)
def test_antal_picks_the_form_for_the_number(count, expected):
    template = Template('{% load counts %}{{ n|antal:"praksiseksempel,praksiseksempler" }}')
    assert template.render(Context({"n": count})) == expected


@pytest.mark.django_db
def test_a_count_of_one_reads_as_singular_on_the_pages(client):
    from cases.models import CasePage
    from taxonomy.models import Municipality

    # A municipality with exactly one case: its page, the region list and the search say «1».
    municipality = next(
        m
        for m in Municipality.objects.all()
        if CasePage.objects.live().filter(municipalities=m).count() == 1
    )
    html = client.get(municipality.get_absolute_url()).content.decode()
    assert "1 praksiseksempel<" in html or "1 praksiseksempel " in html
    assert "praksiseksemplel" not in html
    search = client.get(f"/soeg/?municipality={municipality.slug}&type=case").content.decode()
    assert "1 resultat" in search and "1 resultater" not in search
