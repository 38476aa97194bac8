import pytest

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, CasePage
from taxonomy.models import Movement, Municipality

pytestmark = pytest.mark.django_db


def test_case_page_shows_content_tags_and_sources(client):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{case.title}</h1>" in html
    assert case.summary in html
    for movement in case.movements.all():
        assert f'href="/bevaegelser/{movement.slug}/"' in html
    for challenge in case.challenges.all():
        assert f'href="/udfordringer/{challenge.slug}/"' in html
    assert 'href="/kommuner/silkeborg/"' in html
    # The source as people cite it, never the file name it is stored under.
    assert "KKR Midtjylland: KKR-indspil" in html
    assert "000_76fcd7e0688ceb78.txt" not in html
    assert "Senest bekræftet" in html
    assert 'media="print"' in html


def test_case_page_links_to_its_methods(client):
    case = CasePage.objects.filter(methods__isnull=False).first()
    html = client.get(case.url).content.decode()
    for method in case.methods.all():
        assert f'href="{method.url}"' in html


def test_unknown_case_is_404_in_danish(client):
    response = client.get("/praksiseksempler/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_case_index_lists_all_public_cases_paginated(client):
    response = client.get("/praksiseksempler/")
    assert response.status_code == 200
    total = CasePage.objects.live().count()
    assert response.context["cases"].paginator.count == total
    assert f"{total} praksiseksempler" in response.content.decode()


def test_case_index_filter_by_movement_is_noindex(client):
    response = client.get("/praksiseksempler/?movement=mestring")
    cases = response.context["cases"]
    assert (
        cases.paginator.count == CasePage.objects.live().filter(movements__slug="mestring").count()
    )
    assert all("mestring" in [m.slug for m in case.movements.all()] for case in cases.object_list)
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_unpublished_case_is_not_shown(client):
    case = CasePageFactory(
        parent=CaseIndexPage.objects.get(),
        movements=[Movement.objects.get(slug="mestring")],
        municipalities=[Municipality.objects.get(slug="odense")],
    )
    assert client.get(case.url).status_code == 200
    case.unpublish()
    assert client.get("/praksiseksempler/" + case.slug + "/").status_code == 404


def test_contact_person_needs_consent():
    from django.core.exceptions import ValidationError

    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    case.contact_person = "En Person"
    case.contact_consent = False
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "contact_consent" in error.value.message_dict
