"""Join → approve / decline → notify; leave; remove. All from the front end, all POST."""

import pytest
from django.core import mail
from django.urls import reverse

from erfa.factories import MeetingFactory, add_member, make_user
from erfa.models import JoinRequest, Membership
from erfa.models.membership import JoinStatus

from .helpers import messages_of, text

pytestmark = pytest.mark.django_db


def _join(client, group, motivation="Jeg koordinerer mestringsforløb i min kommune."):
    return client.post(
        reverse("erfa:join", args=[group.slug]), {"motivation": motivation}, follow=True
    )


def _decide(client, group, join_request, decision):
    url = reverse("erfa:decide", args=[group.slug, join_request.pk, decision])
    return client.post(url, follow=True)


def test_join_creates_pending_request_and_mails_each_coordinator(
    client, group, coordinator, outsider
):
    second = make_user("koordinator2", first_name="Kim")
    add_member(group, second, coordinator=True)
    add_member(group, make_user("menig"))  # an ordinary member gets no mail
    client.force_login(outsider)
    response = _join(client, group)
    assert response.redirect_chain[-1] == (group.url, 302)
    assert "Tak! Din anmodning er sendt" in " ".join(messages_of(response))
    join_request = JoinRequest.objects.get(group=group, user=outsider)
    assert join_request.status == JoinStatus.PENDING
    assert join_request.motivation.startswith("Jeg koordinerer")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "koordinator2@example.org",
        "koordinator@example.org",
    ]
    assert all(len(m.to) == 1 for m in mail.outbox)  # no one sees the others' addresses
    message = mail.outbox[0]
    assert message.subject == f"Ny anmodning om medlemskab af erfa-gruppen {group.title}"
    assert "Jeg koordinerer mestringsforløb" in message.body
    assert f"http://testserver{group.url}" in message.body
    assert message.from_email == "praksisbanken@example.org"
    # The page now says the request is waiting instead of showing the form again.
    html = text(response)
    assert "Din anmodning venter på koordinatorens svar" in html
    assert 'name="motivation"' not in html


def test_approve_makes_member_who_then_sees_members_only_material(
    client, group, coordinator, outsider
):
    secret = MeetingFactory(group=group, title="Lukket møde", members_only=True)
    public = MeetingFactory(group=group, title="Åbent møde", days=-3, minutes="Referat: ABC.")
    client.force_login(outsider)
    _join(client, group)
    join_request = JoinRequest.objects.get(user=outsider)
    mail.outbox.clear()
    assert client.get(reverse("erfa:meeting", args=[group.slug, secret.pk])).status_code == 403

    client.force_login(coordinator)
    response = _decide(client, group, join_request, "godkend")
    assert "Ulla Udefra er nu medlem af gruppen." in messages_of(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinStatus.APPROVED
    assert join_request.decided_by == coordinator and join_request.decided_at is not None
    membership = Membership.objects.get(group=group, user=outsider)
    assert membership.role == "medlem"
    assert outsider.groups.filter(pk=group.members_group_id).exists()
    assert [m.to for m in mail.outbox] == [["udefra@example.org"]]
    assert mail.outbox[0].subject == (
        f"Din anmodning om medlemskab af erfa-gruppen {group.title} er godkendt"
    )
    assert "Velkommen" in mail.outbox[0].body

    client.force_login(outsider)
    assert "Lukket møde" in text(client.get(group.url))
    meeting_page = client.get(reverse("erfa:meeting", args=[group.slug, secret.pk]))
    assert meeting_page.status_code == 200
    minutes = client.get(reverse("erfa:meeting", args=[group.slug, public.pk]))
    assert "Referat: ABC." in text(minutes)


def test_decline(client, group, coordinator, outsider):
    client.force_login(outsider)
    _join(client, group)
    join_request = JoinRequest.objects.get(user=outsider)
    mail.outbox.clear()
    client.force_login(coordinator)
    response = _decide(client, group, join_request, "afvis")
    assert "Anmodningen fra Ulla Udefra er afvist." in messages_of(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinStatus.DECLINED
    assert join_request.decided_by == coordinator
    assert not Membership.objects.filter(user=outsider).exists()
    assert [m.to for m in mail.outbox] == [["udefra@example.org"]]
    assert mail.outbox[0].subject.endswith("er afvist")
    # A declined user may ask again later.
    client.force_login(outsider)
    assert 'name="motivation"' in text(client.get(group.url))


def test_superuser_counts_as_coordinator(client, group, outsider):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    join_request = JoinRequest.objects.create(group=group, user=outsider, motivation="Hej")
    client.force_login(admin)
    assert "Anmodninger om medlemskab" in text(client.get(group.url))
    _decide(client, group, join_request, "godkend")
    assert Membership.objects.filter(group=group, user=outsider).exists()


def test_leave(client, group, coordinator, member):
    client.force_login(member)
    response = client.post(reverse("erfa:leave", args=[group.slug]), follow=True)
    assert f"Du har forladt gruppen »{group.title}«." in messages_of(response)
    assert not Membership.objects.filter(user=member).exists()
    assert not member.groups.filter(pk=group.members_group_id).exists()
    assert 'name="motivation"' in text(response)


def test_last_coordinator_cannot_leave(client, group, coordinator, member):
    client.force_login(coordinator)
    response = client.post(reverse("erfa:leave", args=[group.slug]), follow=True)
    assert "Du er gruppens eneste koordinator" in " ".join(messages_of(response))
    assert Membership.objects.filter(user=coordinator).exists()


def test_coordinator_removes_member(client, group, coordinator, member):
    membership = Membership.objects.get(user=member)
    client.force_login(coordinator)
    url = reverse("erfa:remove_member", args=[group.slug, membership.pk])
    response = client.post(url, follow=True)
    assert "Mads Medlem er fjernet fra gruppen." in messages_of(response)
    assert not Membership.objects.filter(user=member).exists()
    assert not member.groups.filter(pk=group.members_group_id).exists()


def test_last_coordinator_cannot_remove_themselves(client, group, coordinator):
    own = Membership.objects.get(user=coordinator)
    client.force_login(coordinator)
    url = reverse("erfa:remove_member", args=[group.slug, own.pk])
    response = client.post(url, follow=True)
    assert "eneste koordinator kan ikke fjernes" in " ".join(messages_of(response))
    assert Membership.objects.filter(pk=own.pk).exists()


def test_member_cannot_remove_others(client, group, coordinator, member):
    own = Membership.objects.get(user=coordinator)
    client.force_login(member)
    url = reverse("erfa:remove_member", args=[group.slug, own.pk])
    response = client.post(url)
    assert response.status_code == 403
    assert "Kun gruppens koordinatorer" in text(response)
    assert Membership.objects.count() == 2


def test_membership_from_another_group_is_404(client, group, coordinator):
    from erfa.factories import ErfaGroupPageFactory

    other = ErfaGroupPageFactory()
    stranger = add_member(other, make_user("fremmed"))
    client.force_login(coordinator)
    url = reverse("erfa:remove_member", args=[group.slug, stranger.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


ADMIN_LISTS = ["meeting", "meetingdocument", "membership", "joinrequest", "post", "profile"]


def test_erfa_admin_menu_lists(client, group, coordinator, member, upcoming):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    home = text(client.get("/admin/"))
    assert "Erfa-grupper" in home
    for model in ADMIN_LISTS:
        response = client.get(f"/admin/snippets/erfa/{model}/")
        assert response.status_code == 200, model


def test_membership_added_and_deleted_in_admin_follows_the_django_group(client, group, outsider):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/snippets/erfa/membership/add/",
        {
            "group": group.pk,
            "user": outsider.pk,
            "role": "medlem",
            "joined_at": "2026-01-05 10:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=outsider)
    assert outsider.groups.filter(pk=group.members_group_id).exists()
    response = client.post(f"/admin/snippets/erfa/membership/delete/{membership.pk}/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=outsider).exists()
    assert not outsider.groups.filter(pk=group.members_group_id).exists()


def test_request_approved_in_admin_makes_a_member(client, group, outsider):
    join_request = JoinRequest.objects.create(group=group, user=outsider, motivation="Hej")
    admin = make_user("admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        f"/admin/snippets/erfa/joinrequest/edit/{join_request.pk}/",
        {
            "group": group.pk,
            "user": outsider.pk,
            "motivation": "Hej",
            "status": "godkendt",
            "decided_at": "",
            "decided_by": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.filter(group=group, user=outsider).exists()
    assert outsider.groups.filter(pk=group.members_group_id).exists()
    join_request.refresh_from_db()
    assert join_request.decided_by == admin and join_request.decided_at is not None
