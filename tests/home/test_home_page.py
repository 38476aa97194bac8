import re

import pytest

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, public_cases
from taxonomy.models import Challenge, Movement, Municipality

pytestmark = pytest.mark.django_db


def _count_for(html, href):
    """The case count shown next to a link on the home page tiles."""
    match = re.search(
        re.escape(f'href="{href}"') + r".*?</a>\s*<span class=\"count\">(\d+) ", html, re.S
    )
    assert match, f"no count shown for {href}"
    return int(match.group(1))


def test_home_shows_frame_seven_movements_and_seven_challenges_with_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recovery" in html
    for movement in Movement.objects.all():
        expected = public_cases().filter(movements=movement).count()
        assert _count_for(html, f"/bevaegelser/{movement.slug}/") == expected
    for challenge in Challenge.objects.all():
        expected = public_cases().filter(challenges=challenge).count()
        assert _count_for(html, f"/udfordringer/{challenge.slug}/") == expected


def test_matrix_cell_counts_cases_with_both_tags_and_links_to_them(client):
    movement = Movement.objects.get(slug="mestring")
    challenge = Challenge.objects.get(slug="forventningspres")
    before = public_cases().filter(movements=movement, challenges=challenge).count()
    CasePageFactory(
        parent=CaseIndexPage.objects.get(),
        movements=[movement],
        challenges=[challenge],
        municipalities=[Municipality.objects.get(slug="odense")],
    )
    html = client.get("/").content.decode()
    link = "/praksiseksempler/?movement=mestring&amp;challenge=forventningspres"
    cell = re.search(re.escape(link) + r'"[^>]*>(\d+)</a>', html)
    assert cell and int(cell.group(1)) == before + 1
    listing = client.get("/praksiseksempler/?movement=mestring&challenge=forventningspres")
    assert listing.context["cases"].paginator.count == before + 1


def test_newest_cases_listed_and_drafts_are_not(client):
    index = CaseIndexPage.objects.get()
    fresh = CasePageFactory(
        parent=index,
        title="Helt nyt eksempel fra Odense",
        movements=[Movement.objects.get(slug="mestring")],
        municipalities=[Municipality.objects.get(slug="odense")],
    )
    draft = CasePageFactory(
        parent=index,
        title="Kladde der ikke må ses",
        live=False,
        movements=[Movement.objects.get(slug="mestring")],
        municipalities=[Municipality.objects.get(slug="odense")],
    )
    html = client.get("/").content.decode()
    assert fresh.title in html
    assert draft.title not in html
