"""No account enumeration: the access-request form and the password reset answer a known and an
unknown address the same way, and do the same kind of work (no timed test: what would make the
timing differ is counted instead — e-mails sent, password hashes computed, database queries)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AccessRequest

from .conftest import form_data

pytestmark = pytest.mark.django_db
KNOWN = "kendt@favrskov.dk"
UNKNOWN = "ukendt@favrskov.dk"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def known_user(db):
    return get_user_model().objects.create_user("kendt", KNOWN, "Kendt-adgangskode-1")


class HashCounter:
    """Counts password hashing (the one slow operation a login-type form may do)."""

    def __init__(self, monkeypatch):
        from django.contrib.auth import hashers

        self.calls = 0
        original = hashers.MD5PasswordHasher.encode

        def counting(hasher, password, salt):
            self.calls += 1
            return original(hasher, password, salt)

        monkeypatch.setattr(hashers.MD5PasswordHasher, "encode", counting)


def _submit(client, url, data):
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    followed = client.get(response["Location"]) if response.status_code == 302 else response
    return response, CSRF.sub("", followed.content.decode()), len(queries), len(mail.outbox)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/anmod-om-adgang/", lambda email: form_data(email=email)),
        ("/glemt-adgangskode/", lambda email: {"email": email}),
    ],
    ids=["anmod-om-adgang", "glemt-adgangskode"],
)
def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_work(
    client, known_user, monkeypatch, url, data
):
    make_password("opvarmning")  # the hasher is loaded before counting starts
    hashes = HashCounter(monkeypatch)
    known = _submit(client, url, data(KNOWN))
    known_hashes = hashes.calls
    unknown = _submit(client, url, data(UNKNOWN))
    unknown_hashes = hashes.calls - known_hashes

    assert known[0].status_code == unknown[0].status_code == 302
    assert known[0]["Location"] == unknown[0]["Location"]
    assert known[1] == unknown[1], "the page after the form differs"
    # One e-mail each way: an SMTP round trip on one branch only would show in the timing.
    assert known[3] == unknown[3] == 1
    assert known_hashes == unknown_hashes == 0
    # The same order of database work (a lookup and at most a couple of writes).
    assert abs(known[2] - unknown[2]) <= 2, (known[2], unknown[2])


def test_request_for_a_known_address_creates_nothing_and_mails_the_owner(client, known_user):
    client.post("/anmod-om-adgang/", form_data(email=KNOWN.upper()))
    assert AccessRequest.objects.count() == 0
    (message,) = mail.outbox
    assert message.to == [KNOWN.upper()]
    assert "allerede en konto" in message.subject
    assert "/glemt-adgangskode/" in message.body
