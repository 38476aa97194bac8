"""'Vi gør det også': a municipal contributor records that their municipality uses a method."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage
from methods.factories import MethodAdoptionFactory, MethodPageFactory, make_contributor
from methods.models import MethodAdoption, MethodIndexPage
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def method():
    return MethodPageFactory(
        parent=MethodIndexPage.objects.get(), title="Åben dialog i test", slug="aaben-dialog-test"
    )


@pytest.fixture
def silkeborg():
    return Municipality.objects.get(slug="silkeborg")


@pytest.fixture
def herning():
    return Municipality.objects.get(slug="herning")


@pytest.fixture
def contributor(silkeborg):
    return make_contributor("bidragyder-silkeborg", silkeborg)


def record_url(method):
    return reverse("methods:record_adoption", args=[method.pk])


def withdraw_url(method):
    return reverse("methods:withdraw_adoption", args=[method.pk])


def page_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def field_error(html, field_name):
    """The Danish error shown next to a field of the form (its id is id_<name>_error)."""
    error = BeautifulSoup(html, "html.parser").find(id=f"id_{field_name}_error")
    return error.get_text(" ", strip=True) if error else ""


def test_anonymous_visitor_is_asked_to_log_in(client, method):
    html = client.get(method.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    box = soup.find(id="vi-goer-det-ogsaa")
    assert box.find("a", href=f"/log-ind/?next={method.url}")
    assert box.find("form") is None


def test_logged_in_non_contributor_gets_an_explanation_not_a_form(client, method):
    client.force_login(get_user_model().objects.create_user("laeser"))
    box = BeautifulSoup(client.get(method.url).content, "html.parser").find(id="vi-goer-det-ogsaa")
    assert "Kun kommunale bidragydere" in box.get_text()
    assert box.find("form") is None


def test_contributor_sees_the_form_for_their_municipality(client, method, contributor):
    client.force_login(contributor)
    box = BeautifulSoup(client.get(method.url).content, "html.parser").find(id="vi-goer-det-ogsaa")
    form = box.find("form", action=record_url(method))
    assert form is not None
    assert "Silkeborg Kommune" in form.get_text()
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("label", attrs={"for": "id_since_year"})


def test_contributor_records_that_the_municipality_uses_the_method(
    client, method, contributor, silkeborg
):
    client.force_login(contributor)
    response = client.post(record_url(method), {"municipality": silkeborg.pk, "since_year": "2019"})
    assert response.status_code == 302
    assert response["Location"] == f"{method.url}#vi-goer-det-ogsaa"
    adoption = MethodAdoption.objects.get(method=method)
    assert (adoption.municipality, adoption.since_year, adoption.recorded_by) == (
        silkeborg,
        2019,
        contributor,
    )
    assert any(m.startswith("Tak!") for m in page_messages(response))

    page = client.get(method.url).content.decode()
    assert "Bruges i 1 af 98 kommuner" in page
    box = BeautifulSoup(page, "html.parser").find(id="vi-goer-det-ogsaa")
    assert "Silkeborg Kommune er registreret som bruger af metoden siden 2019." in box.get_text()
    assert box.find("form", action=withdraw_url(method))


def test_recording_twice_makes_no_duplicate(client, method, contributor, silkeborg):
    client.force_login(contributor)
    client.post(record_url(method), {"municipality": silkeborg.pk})
    response = client.post(record_url(method), {"municipality": silkeborg.pk})
    assert response.status_code == 302
    assert MethodAdoption.objects.filter(method=method).count() == 1
    assert any("allerede registreret" in m for m in page_messages(response))


def test_contributor_withdraws_their_record(client, method, contributor, silkeborg):
    MethodAdoptionFactory(method=method, municipality=silkeborg)
    client.force_login(contributor)
    response = client.post(withdraw_url(method), {"municipality": silkeborg.pk})
    assert response.status_code == 302
    assert not MethodAdoption.objects.filter(method=method).exists()
    assert any("ikke længere registreret" in m for m in page_messages(response))
    assert (
        "Ingen kommuner er endnu registreret som brugere af metoden."
        in client.get(method.url).content.decode()
    )


def test_contributor_cannot_withdraw_another_municipalitys_record(
    client, method, contributor, herning
):
    MethodAdoptionFactory(method=method, municipality=herning)
    client.force_login(contributor)
    response = client.post(withdraw_url(method), {"municipality": herning.pk})
    assert response.status_code == 302
    assert MethodAdoption.objects.filter(method=method, municipality=herning).exists()
    assert any("egne kommuner" in m for m in page_messages(response))


def test_anonymous_post_goes_to_login_and_back_to_the_method(client, method, silkeborg):
    response = client.post(record_url(method), {"municipality": silkeborg.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/log-ind/?next={method.url}"
    assert not MethodAdoption.objects.exists()


def test_user_without_contributor_group_gets_a_danish_403(client, method, silkeborg):
    client.force_login(get_user_model().objects.create_user("laeser"))
    for url in (record_url(method), withdraw_url(method)):
        response = client.post(url, {"municipality": silkeborg.pk})
        assert response.status_code == 403
        assert "Kun kommunale bidragydere" in response.content.decode()
    assert not MethodAdoption.objects.exists()


def test_get_is_not_allowed(client, method, contributor):
    client.force_login(contributor)
    assert client.get(record_url(method)).status_code == 405


def test_unpublished_method_cannot_be_adopted(client, method, contributor, silkeborg):
    method.unpublish()
    client.force_login(contributor)
    response = client.post(record_url(method), {"municipality": silkeborg.pk})
    assert response.status_code == 404
    assert not MethodAdoption.objects.exists()


def test_own_public_case_is_linked_and_shown(client, method, contributor, silkeborg):
    case = CasePageFactory(
        parent=CaseIndexPage.objects.get(),
        title="Silkeborgs eget forløb",
        municipalities=[silkeborg],
    )
    client.force_login(contributor)
    form = BeautifulSoup(client.get(method.url).content, "html.parser").find(
        "form", action=record_url(method)
    )
    offered = {
        int(o["value"]) for o in form.find("select", id="id_case").find_all("option") if o["value"]
    }
    assert case.pk in offered
    assert all(
        Municipality.objects.filter(cases__pk=pk, pk=silkeborg.pk).exists() for pk in offered
    )

    client.post(record_url(method), {"municipality": silkeborg.pk, "case": case.pk})
    assert MethodAdoption.objects.get(method=method).case == case
    html = client.get(method.url).content.decode()
    listing = BeautifulSoup(html, "html.parser").find("li", attrs={"data-kommunekode": "740"})
    assert listing.find("a", href=case.url, string="Silkeborgs eget forløb")


def test_case_of_another_municipality_is_rejected(client, method, contributor, silkeborg, herning):
    others = CasePageFactory(parent=CaseIndexPage.objects.get(), municipalities=[herning])
    client.force_login(contributor)
    response = client.post(record_url(method), {"municipality": silkeborg.pk, "case": others.pk})
    assert response.status_code == 400
    assert "offentliggjorte praksiseksempler" in field_error(response.content.decode(), "case")
    assert not MethodAdoption.objects.exists()


def test_draft_case_of_own_municipality_is_rejected(client, method, contributor, silkeborg):
    draft = CasePageFactory(parent=CaseIndexPage.objects.get(), municipalities=[silkeborg])
    draft.unpublish()
    client.force_login(contributor)
    response = client.post(record_url(method), {"municipality": silkeborg.pk, "case": draft.pk})
    assert response.status_code == 400
    assert "offentliggjorte praksiseksempler" in field_error(response.content.decode(), "case")
    assert not MethodAdoption.objects.exists()


@pytest.mark.parametrize(
    "since_year, message",
    [
        ("to tusind", "helt tal"),
        ("1800", "1950 eller senere"),
        ("3000", "kan ikke være senere end"),
        ("9" * 40, "kan ikke være senere end"),
        ("2019.5", "helt tal"),
    ],
)
def test_bad_since_year_gives_a_danish_message(
    client, method, contributor, silkeborg, since_year, message
):
    client.force_login(contributor)
    response = client.post(
        record_url(method), {"municipality": silkeborg.pk, "since_year": since_year}
    )
    assert response.status_code == 400
    assert message in field_error(response.content.decode(), "since_year")
    assert not MethodAdoption.objects.exists()


def test_municipality_not_the_users_own_is_rejected(client, method, contributor, herning):
    client.force_login(contributor)
    response = client.post(record_url(method), {"municipality": herning.pk})
    assert response.status_code == 400
    assert "du er bidragyder for" in response.content.decode()
    assert not MethodAdoption.objects.exists()


def test_contributor_for_two_municipalities_chooses_one(client, method, silkeborg, herning):
    client.force_login(make_contributor("to-kommuner", silkeborg, herning))
    form = BeautifulSoup(client.get(method.url).content, "html.parser").find(
        "form", action=record_url(method)
    )
    choices = {o.get_text() for o in form.find("select", id="id_municipality").find_all("option")}
    assert choices == {"Silkeborg", "Herning"}

    client.post(record_url(method), {"municipality": herning.pk})
    assert list(MethodAdoption.objects.values_list("municipality__slug", flat=True)) == ["herning"]
    form = BeautifulSoup(client.get(method.url).content, "html.parser").find(
        "form", action=record_url(method)
    )
    # Herning is recorded; only Silkeborg is left to record.
    assert "Silkeborg Kommune" in form.get_text()
    assert form.find("select", id="id_municipality") is None


def test_editors_find_the_records_in_the_admin(client, method, silkeborg, herning):
    MethodAdoptionFactory(method=method, municipality=silkeborg, since_year=2020)
    MethodAdoptionFactory(method=method, municipality=herning)
    client.force_login(get_user_model().objects.create_superuser("redaktoer"))
    url = "/admin/snippets/methods/methodadoption/"
    html = client.get(url).content.decode()
    assert "Silkeborg Kommune" in html and "Herning Kommune" in html
    filtered = client.get(url, {"q": "Silkeborg"}).content.decode()
    assert "Silkeborg Kommune" in filtered and "Herning Kommune" not in filtered
    MethodAdoptionFactory(method=method, municipality=Municipality.objects.get(slug="odense"))
    by_region = client.get(url, {"municipality__region": herning.region.pk}).content.decode()
    assert "Herning Kommune" in by_region and "Odense Kommune" not in by_region


def test_logged_in_method_page_is_private_and_adoption_shows_at_once_for_visitors(
    settings, client, method, contributor, silkeborg, django_capture_on_commit_callbacks
):
    """With the anonymous page cache on: the contributor's page is never stored, and a new
    record is visible to the next anonymous visitor, not after the cache expires."""
    from django.core.cache import cache
    from django.test import Client

    settings.PRAKSISBANKEN_PAGE_CACHE_SECONDS = 600
    cache.clear()
    visitor = Client()
    visitor.get(method.url)
    cached = visitor.get(method.url)
    assert cached["X-Cache"] == "HIT"
    assert "Ingen kommuner er endnu registreret som brugere af metoden." in cached.content.decode()

    client.force_login(contributor)
    own = client.get(method.url)
    assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(record_url(method), {"municipality": silkeborg.pk})

    after = visitor.get(method.url).content.decode()
    assert "Bruges i 1 af 98 kommuner" in after  # the record purged the cached copy
    assert 'action="/metoder/vi-goer-det-ogsaa/' not in after
    cache.clear()


def test_a_record_cannot_point_to_another_municipalitys_case(method, silkeborg, herning):
    from django.core.exceptions import ValidationError

    others = CasePageFactory(parent=CaseIndexPage.objects.get(), municipalities=[herning])
    with pytest.raises(ValidationError) as error:
        MethodAdoption(method=method, municipality=silkeborg, case=others).full_clean()
    assert "hører ikke til kommunen" in str(error.value)
    MethodAdoption(method=method, municipality=herning, case=others).full_clean()


@pytest.mark.parametrize("method_id", ["0", "99999999999999999999999999"])
def test_unknown_method_id_is_404(client, contributor, silkeborg, method_id):
    client.force_login(contributor)
    response = client.post(f"/metoder/vi-goer-det-ogsaa/{method_id}/", {"municipality": 1})
    assert response.status_code == 404
