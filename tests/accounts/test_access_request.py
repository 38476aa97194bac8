"""Anmod om adgang: the form, its Danish errors, spam and limits, the e-mail verification and
that nothing is created before approval."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import AccessRequest, Purpose, Status
from accounts.tokens import verification_token

from .conftest import form_data, links_in, path_of

pytestmark = pytest.mark.django_db
URL = "/anmod-om-adgang/"


def test_form_is_linked_from_login_and_has_danish_labels(client):
    login = client.get("/log-ind/").content.decode()
    assert 'href="/anmod-om-adgang/"' in login
    assert 'href="/glemt-adgangskode/"' in login
    page = client.get(URL).content.decode()
    for label in ("Dit navn", "Arbejds-e-mail", "Kommune eller region", "Erfa-gruppe"):
        assert label in page
    assert "Bidragyder for min kommune" in page and "Medlem af en erfa-gruppe" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Skriv dit navn."),
        ({"email": "ikke-en-adresse"}, "email", "Skriv en gyldig e-mailadresse"),
        ({"organisation": ""}, "organisation", "Vælg den kommune eller region"),
        ({"organisation": "kommune:atlantis"}, "organisation", "Ukendt kommune eller region"),
        ({"purpose": "chef"}, "purpose", "Ukendt valg"),
        ({"purpose": Purpose.MEMBER}, "erfa_group", "Vælg den erfa-gruppe"),
        ({"erfa_group": "findes-ikke", "purpose": Purpose.BOTH}, "erfa_group", "Ukendt erfa"),
        (
            {"organisation": "region:region-midtjylland"},
            "organisation",
            "Bidragydere skriver for en kommune",
        ),
        ({"note": "x" * 1001}, "note", "må højst være 1000 tegn"),
        ({"name": "Nul\x00tegn"}, "name", "ugyldigt tegn"),
    ],
)
def test_bad_input_gives_a_danish_message_by_the_field_and_saves_nothing(
    client, overrides, field, message
):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page or f"id_{field}_0" in page
    assert "Anmodningen blev ikke sendt" in page
    assert AccessRequest.objects.count() == 0
    assert mail.outbox == []


def test_valid_request_is_stored_unverified_and_mails_a_verification_link(client):
    response = client.post(URL, form_data())
    assert (
        response.status_code == 302 and response["Location"] == "/anmod-om-adgang/tjek-din-e-mail/"
    )
    request = AccessRequest.objects.get()
    assert request.status == Status.UNVERIFIED and request.municipality.slug == "favrskov"
    assert get_user_model().objects.filter(email="soeren@favrskov.dk").count() == 0
    (message,) = mail.outbox
    assert message.to == ["soeren@favrskov.dk"]
    assert "Bekræft" in message.subject
    (link,) = links_in(message)
    assert "/anmod-om-adgang/bekraeft/" in link
    assert client.get(response["Location"]).status_code == 200


def test_verification_link_confirms_only_on_post_and_tells_the_editors(client, editor):
    client.post(URL, form_data())
    (link,) = links_in(mail.outbox[0])
    mail.outbox.clear()
    page = client.get(path_of(link))
    assert page.status_code == 200 and "Bekræft min e-mail" in page.content.decode()
    assert AccessRequest.objects.get().status == Status.UNVERIFIED  # a GET changes nothing

    done = client.post(path_of(link))
    assert "din e-mail er bekræftet" in done.content.decode()
    request = AccessRequest.objects.get()
    assert request.status == Status.PENDING and request.verified_at is not None
    (notice,) = mail.outbox
    assert notice.to == [editor.email]
    assert "Søren Østergaard" in notice.subject
    assert "/admin/anmodninger-om-adgang/" in notice.body
    # Twice: no second notice.
    client.post(path_of(link))
    assert len(mail.outbox) == 1


def test_forged_or_expired_links_are_refused(client, settings):
    client.post(URL, form_data())
    request = AccessRequest.objects.get()
    token = verification_token(request)
    forged = client.get(f"/anmod-om-adgang/bekraeft/{token[:-2]}xx/")
    assert forged.status_code == 400 and "Linket virker ikke" in forged.content.decode()
    settings.ACCOUNTS_VERIFICATION_DAYS = 0
    expired = client.post(f"/anmod-om-adgang/bekraeft/{token}/")
    assert expired.status_code == 400
    assert AccessRequest.objects.get().status == Status.UNVERIFIED


def test_honeypot_looks_like_success_and_creates_nothing(client):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert AccessRequest.objects.count() == 0 and mail.outbox == []


def test_limited_per_address(client, settings):
    settings.ACCOUNTS_REQUEST_LIMIT_PER_IP = 2
    for number in range(2):
        assert client.post(URL, form_data(email=f"person{number}@favrskov.dk")).status_code == 302
    response = client.post(URL, form_data(email="tredje@favrskov.dk"))
    assert response.status_code == 429
    assert "Prøv igen om en time" in response.content.decode()
    assert response["Retry-After"]
    assert AccessRequest.objects.count() == 2
    # The text typed stays in the form.
    assert "tredje@favrskov.dk" in response.content.decode()


def test_limited_per_email_from_any_address(client, settings):
    settings.ACCOUNTS_REQUEST_LIMIT_PER_EMAIL = 1
    assert client.post(URL, form_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post(URL, form_data(), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert AccessRequest.objects.count() == 1


def test_mail_server_down_keeps_nothing(client, settings):
    settings.EMAIL_BACKEND = "tests.contribute.failing_mail.UnreachableMailServer"
    response = client.post(URL, form_data())
    assert response.status_code == 503
    assert "kunne ikke sende e-mailen" in response.content.decode()
    assert AccessRequest.objects.count() == 0


def test_membership_request_goes_to_the_groups_coordinator(client, group, coordinator, editor):
    client.post(URL, form_data(purpose=Purpose.MEMBER, erfa_group=group.slug))
    (link,) = links_in(mail.outbox[0])
    mail.outbox.clear()
    client.post(path_of(link))
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_membership_request_for_a_group_without_coordinators_goes_to_the_editors(
    client, group, editor
):
    client.post(URL, form_data(purpose=Purpose.MEMBER, erfa_group=group.slug))
    (link,) = links_in(mail.outbox[0])
    mail.outbox.clear()
    client.post(path_of(link))
    assert [m.to for m in mail.outbox] == [[editor.email]]
