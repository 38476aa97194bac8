import re

import pytest
from django.core import mail

from accounts.models import AccessRequest, Purpose, Status
from editorial.factories import make_editor
from erfa.factories import ErfaGroupPageFactory, add_member, make_user
from taxonomy.models import Municipality

LINK = re.compile(r"https?://\S+")


def links_in(message):
    return LINK.findall(message.body)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def form_data(**overrides):
    data = {
        "name": "Søren Østergaard",
        "email": "soeren@favrskov.dk",
        "organisation": "kommune:favrskov",
        "purpose": Purpose.CONTRIBUTOR,
        "erfa_group": "",
        "note": "Jeg arbejder i socialpsykiatrien.",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def favrskov():
    return Municipality.objects.get(slug="favrskov")


@pytest.fixture
def editor(db):
    return make_editor("redaktoer-konti")


@pytest.fixture
def group(favrskov):
    return ErfaGroupPageFactory(
        title="Recovery i praksis", slug="recovery-i-praksis", municipalities=[favrskov]
    )


@pytest.fixture
def coordinator(group, favrskov):
    user = make_user("koordinator-konti", favrskov, first_name="Karen", last_name="Koordinator")
    add_member(group, user, coordinator=True)
    return user


def make_request(status=Status.PENDING, **fields):
    values = {
        "name": "Søren Østergaard",
        "email": "soeren@favrskov.dk",
        "municipality": Municipality.objects.get(slug="favrskov"),
        "purpose": Purpose.CONTRIBUTOR,
        "status": status,
    }
    values.update(fields)
    return AccessRequest.objects.create(**values)


@pytest.fixture(autouse=True)
def _clear_outbox():
    mail.outbox.clear()
