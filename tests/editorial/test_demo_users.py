import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from editorial.roles import EDITOR_GROUP, contributor_municipalities

pytestmark = pytest.mark.django_db


def create(*args):
    out = StringIO()
    call_command("create_demo_editor", *args, stdout=out)
    return re.search(r"adgangskode: (\S+)", out.getvalue()).group(1)


def test_demo_editor_is_a_member_of_redaktoer(client):
    password = create("--username", "demo-redaktoer")
    user = get_user_model().objects.get(username="demo-redaktoer")
    assert user.groups.filter(name=EDITOR_GROUP).exists()
    assert client.login(username="demo-redaktoer", password=password)
    assert client.get("/admin/").status_code == 200


def test_demo_contributor_works_for_one_municipality(client):
    password = create("--contributor", "favrskov")
    user = get_user_model().objects.get(username="bidragyder-favrskov")
    assert not user.is_superuser
    assert [m.slug for m in contributor_municipalities(user)] == ["favrskov"]
    assert client.login(username="bidragyder-favrskov", password=password)
    assert client.get("/admin/").status_code == 200


def test_unknown_municipality_is_refused_in_danish():
    with pytest.raises(CommandError, match="Der er ingen bidragydergruppe"):
        call_command("create_demo_editor", "--contributor", "findes-ikke", stdout=StringIO())
