"""Approving and rejecting access requests in the Wagtail admin: who sees what, one action each,
the account and its rights, the e-mails, and setting the first password via the link."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import AccessRequest, Purpose, Status
from editorial.factories import make_contributor
from erfa.models import Membership
from taxonomy.models import Municipality

from .conftest import links_in, make_request, path_of

pytestmark = pytest.mark.django_db
INDEX = "/admin/anmodninger-om-adgang/"


def decide(client, request, decision):
    return client.post(f"{INDEX}{request.pk}/{decision}/")


def test_editor_sees_verified_requests_only(client, editor):
    pending = make_request(name="Synlig Person", email="synlig@favrskov.dk")
    make_request(status=Status.UNVERIFIED, name="Ubekræftet Person", email="ny@favrskov.dk")
    client.force_login(editor)
    page = client.get(INDEX)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Synlig Person" in html and "Ubekræftet Person" not in html
    assert 'aria-label="Anmodninger om adgang"' in html or "Anmodninger om adgang" in html
    assert f"{pending.pk}/godkend/" in html and f"{pending.pk}/afvis/" in html


def test_approving_creates_the_account_with_contributor_rights_and_mails_a_password_link(
    client, editor
):
    request = make_request()
    assert not get_user_model().objects.filter(email="soeren@favrskov.dk").exists()
    client.force_login(editor)
    response = decide(client, request, "godkend")
    assert response.status_code == 302 and response["Location"] == INDEX
    user = get_user_model().objects.get(email="soeren@favrskov.dk")
    assert user.username == "soeren@favrskov.dk"
    assert (user.first_name, user.last_name) == ("Søren", "Østergaard")
    assert not user.has_usable_password()
    assert user.groups.filter(name="Kommunal bidragyder – Favrskov").exists()
    assert user.profile.municipality.slug == "favrskov"
    request.refresh_from_db()
    assert request.status == Status.APPROVED and request.decided_by == editor
    assert request.user == user

    (message,) = mail.outbox
    assert message.to == ["soeren@favrskov.dk"] and "godkendt" in message.subject
    set_password = next(link for link in links_in(message) if "/vaelg-adgangskode/" in link)

    # The link lets the applicant choose a password, then log in.
    client.logout()
    form_page = client.get(path_of(set_password), follow=True)
    assert "Vælg din adgangskode" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Kaffe-og-kage-2026", "new_password2": "Kaffe-og-kage-2026"},
    )
    assert done.status_code == 302
    assert client.login(username="soeren@favrskov.dk", password="Kaffe-og-kage-2026")
    # Used once: the link is dead now.
    again = client.get(path_of(set_password), follow=True)
    assert "Linket virker ikke" in again.content.decode()


def test_rejecting_mails_the_applicant_and_creates_no_account(client, editor):
    request = make_request()
    client.force_login(editor)
    decide(client, request, "afvis")
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    assert not get_user_model().objects.filter(email="soeren@favrskov.dk").exists()
    (message,) = mail.outbox
    assert "afvist" in message.subject and message.to == ["soeren@favrskov.dk"]


def test_a_request_is_decided_once(client, editor):
    request = make_request()
    client.force_login(editor)
    decide(client, request, "godkend")
    mail.outbox.clear()
    response = decide(client, request, "afvis")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.APPROVED and mail.outbox == []


def test_coordinator_decides_membership_requests_for_own_group_only(
    client, group, coordinator, editor
):
    mine = make_request(purpose=Purpose.MEMBER, erfa_group=group, email="medlem@favrskov.dk")
    contributor_request = make_request(email="bidrag@favrskov.dk", name="Bidrag Ansøger")
    client.force_login(coordinator)
    html = client.get(INDEX).content.decode()
    assert "medlem@favrskov.dk" in html and "Bidrag Ansøger" not in html
    assert decide(client, contributor_request, "godkend").status_code == 404
    decide(client, mine, "godkend")
    user = get_user_model().objects.get(email="medlem@favrskov.dk")
    assert Membership.objects.filter(group=group, user=user).exists()
    assert user.groups.filter(pk=group.members_group_id).exists()
    assert not user.groups.filter(name__startswith="Kommunal bidragyder").exists()


def test_people_without_the_role_cannot_see_or_decide(client):
    request = make_request()
    contributor = make_contributor("bidragyder-x", Municipality.objects.get(slug="favrskov"))
    client.force_login(contributor)
    assert client.get(INDEX).status_code in (302, 403)
    assert decide(client, request, "godkend").status_code in (302, 403, 404)
    request.refresh_from_db()
    assert request.status == Status.PENDING
    client.logout()
    assert client.post(f"{INDEX}{request.pk}/godkend/").status_code == 302
    assert AccessRequest.objects.get(pk=request.pk).status == Status.PENDING


def test_both_purposes_give_rights_and_membership(client, editor, group):
    request = make_request(purpose=Purpose.BOTH, erfa_group=group)
    client.force_login(editor)
    decide(client, request, "godkend")
    user = get_user_model().objects.get(email="soeren@favrskov.dk")
    assert user.groups.filter(name="Kommunal bidragyder – Favrskov").exists()
    assert Membership.objects.filter(group=group, user=user).exists()


def test_the_buttons_in_the_list_carry_a_working_csrf_token(editor):
    """With CSRF checks on, as in a browser: the approve button's own form is accepted."""
    import re

    from django.test import Client

    request = make_request()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    html = browser.get(INDEX).content.decode()
    form = re.search(
        rf'action="{INDEX}{request.pk}/godkend/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
        re.S,
    )
    assert form, "no approve form with a token"
    response = browser.post(f"{INDEX}{request.pk}/godkend/", {"csrfmiddlewaretoken": form.group(1)})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.APPROVED
