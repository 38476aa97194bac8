"""Min profil: groups, pending requests, the calendar link, name, e-mail (re-verified),
password, deleting the account, and sections that other apps add."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail import hooks

from accounts.profile_sections import HOOK_NAME, ProfileSection
from erfa.factories import ErfaGroupPageFactory, PostFactory, add_member, make_user
from erfa.models import CalendarToken, JoinRequest, Post

from .conftest import links_in, make_request, path_of

pytestmark = pytest.mark.django_db
URL = "/min-profil/"
PASSWORD = "kodeord-123"


@pytest.fixture
def member(group, favrskov):
    user = make_user("medlem-profil", favrskov, first_name="Mette", last_name="Medlem")
    user.email = "mette@favrskov.dk"
    user.username = "mette@favrskov.dk"
    user.save()
    add_member(group, user)
    return user


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/log-ind/")


def test_profile_shows_groups_pending_requests_and_calendar(client, member, group):
    other = ErfaGroupPageFactory(title="Unge og trivsel", slug="unge-og-trivsel")
    JoinRequest.objects.create(group=other, user=member, motivation="Gerne med.")
    make_request(email=member.email, name="Mette Medlem")
    client.force_login(member)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert "Recovery i praksis" in html
    assert "Unge og trivsel" in html and "venter på koordinatorens svar" in html
    assert "afventer afgørelse" in html
    token = CalendarToken.objects.get(user=member, revoked_at__isnull=True)
    assert f"/erfa-grupper/kalender/{token.token}.ics" in html
    assert 'href="/min-profil/"' in html  # in the header for signed-in users


def test_change_name_and_bad_input(client, member):
    client.force_login(member)
    bad = client.post("/min-profil/navn/", {"first_name": "", "last_name": "X"})
    assert bad.status_code == 400 and "Skriv dit fornavn." in bad.content.decode()
    client.post("/min-profil/navn/", {"first_name": "Mette", "last_name": "Mikkelsen"})
    member.refresh_from_db()
    assert member.get_full_name() == "Mette Mikkelsen"


def test_change_email_is_reverified_before_it_counts(client, member):
    client.force_login(member)
    wrong = client.post(
        "/min-profil/e-mail/", {"new_email": "ny@favrskov.dk", "current_password": "forkert"}
    )
    assert wrong.status_code == 400 and "Adgangskoden er forkert." in wrong.content.decode()
    assert mail.outbox == []
    client.post(
        "/min-profil/e-mail/", {"new_email": "ny@favrskov.dk", "current_password": PASSWORD}
    )
    member.refresh_from_db()
    assert member.email == "mette@favrskov.dk"  # not yet
    (message,) = mail.outbox
    assert message.to == ["ny@favrskov.dk"]
    (link,) = links_in(message)
    mail.outbox.clear()
    assert "Ja, brug den nye adresse" in client.get(path_of(link)).content.decode()
    client.post(path_of(link))
    member.refresh_from_db()
    assert member.email == "ny@favrskov.dk"
    assert member.username == "ny@favrskov.dk"  # the login name follows the address
    (notice,) = mail.outbox
    assert notice.to == ["mette@favrskov.dk"]  # the old address is told
    # The link cannot be used again (the address it was made for has changed).
    assert client.post(path_of(link)).status_code == 400


def test_email_link_of_another_user_is_refused(client, member, favrskov):
    client.force_login(member)
    client.post(
        "/min-profil/e-mail/", {"new_email": "ny@favrskov.dk", "current_password": PASSWORD}
    )
    (link,) = links_in(mail.outbox[0])
    client.force_login(make_user("andenbruger", favrskov))
    assert client.post(path_of(link)).status_code == 400
    member.refresh_from_db()
    assert member.email == "mette@favrskov.dk"


def test_change_password(client, member):
    client.force_login(member)
    page = client.get("/min-profil/adgangskode/").content.decode()
    assert "Skift adgangskode" in page
    bad = client.post(
        "/min-profil/adgangskode/",
        {
            "old_password": "forkert",
            "new_password1": "Ny-kode-2026!",
            "new_password2": "Ny-kode-2026!",
        },
    )
    assert bad.status_code == 400
    ok = client.post(
        "/min-profil/adgangskode/",
        {
            "old_password": PASSWORD,
            "new_password1": "Ny-kode-2026!",
            "new_password2": "Ny-kode-2026!",
        },
    )
    assert ok["Location"] == URL
    member.refresh_from_db()
    assert member.check_password("Ny-kode-2026!")
    assert client.get(URL).status_code == 200  # still signed in


def test_delete_account_keeps_posts_as_former_member(client, member, group, coordinator):
    post = PostFactory(group=group, author=member, body="Vores erfaringer med recovery-samtaler.")
    client.force_login(member)
    refused = client.post("/min-profil/slet-konto/", {"current_password": PASSWORD})
    assert refused.status_code == 400
    assert "Sæt kryds" in refused.content.decode()
    response = client.post(
        "/min-profil/slet-konto/", {"current_password": PASSWORD, "confirm": "on"}
    )
    assert response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    post = Post.objects.get(pk=post.pk)
    assert post.author is None and post.body.startswith("Vores erfaringer")
    assert not group.members_group.user_set.filter(pk=member.pk).exists()
    # The coordinator reads the post with "Tidligere medlem" as its author.
    client.force_login(coordinator)
    posts = client.get(f"/erfa-grupper/{group.slug}/opslag/").content.decode()
    assert "Tidligere medlem" in posts and "Vores erfaringer" in posts


def test_only_coordinator_must_hand_over_first(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/min-profil/slet-konto/").content.decode()
    assert "eneste koordinator" in page
    client.post("/min-profil/slet-konto/", {"current_password": PASSWORD, "confirm": "on"})
    assert get_user_model().objects.filter(pk=coordinator.pk).exists()


def test_other_apps_add_sections_through_the_hook(client, member):
    def section(request):
        return ProfileSection(
            key="en-anden-app",
            title="En anden apps sektion",
            template_name="accounts/email/email_changed.txt",  # any template renders
            context={},
            order=200,
        )

    client.force_login(member)
    with hooks.register_temporarily(HOOK_NAME, section):
        html = client.get(URL).content.decode()
    assert 'id="en-anden-app"' in html and 'href="#en-anden-app"' in html
    assert "En anden apps sektion" in html
