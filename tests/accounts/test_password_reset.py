"""Glemt adgangskode: Django's views with Danish pages and e-mails, links from both logins,
throttled, end to end with the link from the e-mail."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from .conftest import links_in, path_of

pytestmark = pytest.mark.django_db
URL = "/glemt-adgangskode/"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user(
        "nulstil", "nulstil@aarhus.dk", "Gammel-adgangskode-1", first_name="Nina"
    )


def test_linked_from_both_logins_and_wagtails_own_reset_is_off(client):
    assert f'href="{URL}"' in client.get("/log-ind/").content.decode()
    admin_login = client.get("/admin/login/").content.decode()
    assert f'href="{URL}"' in admin_login
    assert "/admin/password_reset/" not in admin_login
    assert client.get("/admin/password_reset/").status_code == 404


def test_reset_end_to_end(client, user):
    page = client.get(URL).content.decode()
    assert "Glemt adgangskode" in page and "E-mail" in page
    response = client.post(URL, {"email": "NULSTIL@aarhus.dk"})
    assert response["Location"] == "/glemt-adgangskode/sendt/"
    assert "Tjek din e-mail" in client.get(response["Location"]).content.decode()
    (message,) = mail.outbox
    assert message.subject == "Nulstil din adgangskode til Praksisbanken"
    assert "Hej Nina" in message.body
    (link,) = links_in(message)
    assert link.startswith("http://testserver/nulstil-adgangskode/")

    form = client.get(path_of(link), follow=True)
    assert "Vælg en ny adgangskode" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "1234", "new_password2": "1234"})
    assert weak.status_code == 200
    assert "Denne adgangskode er for kort" in weak.content.decode()
    done = client.post(
        set_url, {"new_password1": "Ny-adgangskode-2026", "new_password2": "Ny-adgangskode-2026"}
    )
    assert done["Location"] == "/adgangskode-gemt/"
    assert "Adgangskoden er gemt" in client.get(done["Location"]).content.decode()
    assert client.login(username="nulstil", password="Ny-adgangskode-2026")


def test_link_host_comes_from_settings_not_the_host_header(client, user, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    client.post(URL, {"email": user.email}, HTTP_HOST="evil.example")
    (link,) = links_in(mail.outbox[0])
    assert link.startswith("http://testserver/")


def test_bad_address_gives_a_danish_message(client):
    response = client.post(URL, {"email": "ikke en adresse"})
    assert response.status_code == 400
    assert "Skriv en gyldig e-mailadresse" in response.content.decode()
    assert mail.outbox == []


def test_throttled_per_address_and_per_email(client, user, settings):
    settings.ACCOUNTS_RESET_LIMIT_PER_EMAIL = 2
    for _ in range(2):
        assert client.post(URL, {"email": user.email}).status_code == 302
    limited = client.post(URL, {"email": user.email}, REMOTE_ADDR="10.1.1.1")
    assert limited.status_code == 429 and "Prøv igen om en time" in limited.content.decode()
    assert len(mail.outbox) == 2

    settings.ACCOUNTS_RESET_LIMIT_PER_IP = 3
    assert client.post(URL, {"email": "anden@aarhus.dk"}).status_code == 302
    assert client.post(URL, {"email": "tredje@aarhus.dk"}).status_code == 429
