import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _create(*args):
    out = StringIO()
    call_command("create_demo_editor", *args, stdout=out)
    return out.getvalue()


def _password(output):
    match = re.search(r"adgangskode: (\S+)", output)
    assert match, output
    return match.group(1)


def test_demo_editor_gets_a_random_password_that_works(client):
    first = _password(_create("--username", "demo1"))
    again = _password(_create("--username", "demo2"))
    assert first != again
    assert len(first) >= 12
    assert client.login(username="demo1", password=first)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_second_run_keeps_the_password_and_does_not_print_one(client):
    password = _password(_create("--username", "demo3"))
    output = _create("--username", "demo3")
    assert "adgangskode:" not in output
    assert client.login(username="demo3", password=password)
    new = _password(_create("--username", "demo3", "--reset-password"))
    assert client.login(username="demo3", password=new)
    assert not get_user_model().objects.get(username="demo3").check_password(password)


def test_admin_speaks_danish(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="da"' in html
    assert "Log ind" in html
