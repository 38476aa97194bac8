"""Bad input gets a clear Danish message, never a 500, and changes nothing."""

import pytest
from django.urls import reverse

from erfa.factories import ErfaGroupPageFactory, MeetingFactory, PostFactory
from erfa.models import Attendance, JoinRequest, Membership, Post
from erfa.models.pages import GroupStatus

from .helpers import messages_of, text

pytestmark = pytest.mark.django_db


def _counts():
    return (
        JoinRequest.objects.count(),
        Membership.objects.count(),
        Attendance.objects.count(),
        Post.objects.count(),
    )


@pytest.fixture
def counted(group, coordinator, member):
    return _counts()


def _join(client, group, motivation):
    return client.post(reverse("erfa:join", args=[group.slug]), {"motivation": motivation})


@pytest.mark.parametrize(
    "motivation, message",
    [
        ("", "Skriv en kort motivation."),
        ("   \n ", "Skriv en kort motivation."),
        ("x" * 1001, "Motivationen må højst være 1000 tegn (den er 1001 tegn)."),
    ],
)
def test_bad_motivation(client, group, outsider, counted, motivation, message):
    client.force_login(outsider)
    response = _join(client, group, motivation)
    assert response.status_code == 400
    html = text(response)
    assert message in html
    assert "Din anmodning blev ikke sendt" in html
    assert 'aria-invalid="true"' in html
    assert _counts() == counted


def test_motivation_of_exactly_1000_characters_is_fine(client, group, outsider, counted):
    client.force_login(outsider)
    assert _join(client, group, "x" * 1000).status_code == 302
    assert JoinRequest.objects.count() == counted[0] + 1


def test_duplicate_pending_request(client, group, outsider, counted):
    client.force_login(outsider)
    _join(client, group, "Første gang.")
    after_first = _counts()
    response = client.post(
        reverse("erfa:join", args=[group.slug]), {"motivation": "Anden gang."}, follow=True
    )
    assert response.status_code == 200
    assert "Du har allerede en anmodning, der venter" in " ".join(messages_of(response))
    assert _counts() == after_first
    assert JoinRequest.objects.get(user=outsider).motivation == "Første gang."


def test_duplicate_request_caught_by_the_database(client, group, outsider, monkeypatch):
    """Two requests at the same moment: the check passes for both, the constraint stops one."""
    JoinRequest.objects.create(group=group, user=outsider, motivation="Første gang.")
    monkeypatch.setattr("erfa.views.membership.has_pending_request", lambda group, user: False)
    client.force_login(outsider)
    response = client.post(
        reverse("erfa:join", args=[group.slug]), {"motivation": "Samtidig."}, follow=True
    )
    assert response.status_code == 200
    assert "Du har allerede en anmodning, der venter" in " ".join(messages_of(response))
    assert JoinRequest.objects.filter(user=outsider).count() == 1


def test_already_a_member(client, group, member, counted):
    client.force_login(member)
    response = client.post(
        reverse("erfa:join", args=[group.slug]), {"motivation": "Igen."}, follow=True
    )
    assert "Du er allerede medlem af gruppen." in messages_of(response)
    assert _counts() == counted


def test_join_a_closed_group(client, outsider):
    closed = ErfaGroupPageFactory(status=GroupStatus.AFSLUTTET)
    client.force_login(outsider)
    response = client.post(
        reverse("erfa:join", args=[closed.slug]), {"motivation": "Må jeg?"}, follow=True
    )
    assert "Gruppen er afsluttet og optager ikke nye medlemmer." in messages_of(response)
    assert not JoinRequest.objects.exists()


def test_join_needs_login_and_post(client, group):
    url = reverse("erfa:join", args=[group.slug])
    response = client.post(url, {"motivation": "Hej"})
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/?next=/erfa-grupper/mestringsforloeb/"
    assert client.get(url).status_code == 405
    assert client.post("/erfa-grupper/findes-ikke/bliv-medlem/").status_code == 404
    assert not JoinRequest.objects.exists()


def test_attendance_for_a_past_meeting(client, group, member, counted):
    past = MeetingFactory(group=group, days=-2)
    client.force_login(member)
    url = reverse("erfa:attendance", args=[group.slug, past.pk])
    response = client.post(url, {"status": "kommer"}, follow=True)
    assert response.status_code == 200
    assert "Mødet er allerede holdt." in " ".join(messages_of(response))
    assert _counts() == counted


@pytest.mark.parametrize("value", ["", "maaske", "<script>", "kommer " * 3])
def test_attendance_with_an_invalid_value(client, group, member, upcoming, counted, value):
    client.force_login(member)
    url = reverse("erfa:attendance", args=[group.slug, upcoming.pk])
    response = client.post(url, {"status": value}, follow=True)
    assert response.status_code == 200
    assert any("Vælg, om du kommer" in m or "Ukendt svar" in m for m in messages_of(response))
    assert _counts() == counted


def test_attendance_answer_unchanged_by_bad_value(client, group, member, upcoming):
    Attendance.objects.create(meeting=upcoming, user=member, status="kommer")
    client.force_login(member)
    url = reverse("erfa:attendance", args=[group.slug, upcoming.pk])
    client.post(url, {"status": "nej"})
    assert Attendance.objects.get(meeting=upcoming, user=member).status == "kommer"


def test_unknown_request_or_decision_is_404(client, group, coordinator, outsider):
    request = JoinRequest.objects.create(group=group, user=outsider, motivation="Hej")
    client.force_login(coordinator)
    base = f"/erfa-grupper/{group.slug}/anmodninger"
    assert client.post(f"{base}/999999/godkend/").status_code == 404
    assert client.post(f"{base}/{request.pk}/maaske/").status_code == 404
    assert client.post(f"{base}/{request.pk}/GODKEND/").status_code == 404
    other = ErfaGroupPageFactory()
    foreign = JoinRequest.objects.create(group=other, user=outsider, motivation="Hej")
    assert client.post(f"{base}/{foreign.pk}/godkend/").status_code == 404
    response = client.post(f"{base}/{request.pk}/godkend/", follow=False)
    assert response.status_code == 302  # the real one still works
    assert Membership.objects.filter(user=outsider, group=group).exists()
    assert not Membership.objects.filter(group=other).exists()


def test_non_coordinator_cannot_decide(client, group, coordinator, member, outsider):
    request = JoinRequest.objects.create(group=group, user=outsider, motivation="Hej")
    url = reverse("erfa:decide", args=[group.slug, request.pk, "godkend"])
    for user in (member, outsider):
        client.force_login(user)
        response = client.post(url)
        assert response.status_code == 403
        assert "Kun gruppens koordinatorer kan gøre dette." in text(response)
        assert "Ingen adgang" in text(response)
    client.logout()
    anonymous = client.post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/log-ind/")
    client.force_login(coordinator)
    assert client.get(url).status_code == 405
    request.refresh_from_db()
    assert request.status == "afventer"
    assert not Membership.objects.filter(user=outsider).exists()


def test_request_already_decided(client, group, coordinator, outsider):
    request = JoinRequest.objects.create(
        group=group, user=outsider, motivation="Hej", status="afvist"
    )
    client.force_login(coordinator)
    url = reverse("erfa:decide", args=[group.slug, request.pk, "godkend"])
    response = client.post(url, follow=True)
    assert "Anmodningen er allerede behandlet." in messages_of(response)
    assert not Membership.objects.filter(user=outsider).exists()


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Opslaget er tomt."),
        ("  \n\t ", "Opslaget er tomt."),
        ("x" * 5001, "Opslaget må højst være 5000 tegn (det er 5001 tegn)."),
    ],
)
def test_bad_post_body(client, group, member, counted, body, message):
    client.force_login(member)
    response = client.post(reverse("erfa:posts", args=[group.slug]), {"body": body})
    assert response.status_code == 400
    assert message in text(response)
    assert "Dit opslag blev ikke sendt" in text(response)
    assert _counts() == counted


@pytest.mark.parametrize(
    "body, message", [("", "Svaret er tomt."), ("x" * 5001, "Svaret må højst være 5000 tegn")]
)
def test_bad_reply_body(client, group, member, body, message):
    post = PostFactory(group=group, body="Spørgsmål")
    before = _counts()
    client.force_login(member)
    response = client.post(reverse("erfa:reply", args=[group.slug, post.pk]), {"body": body})
    assert response.status_code == 400
    assert message in text(response)
    assert "Dit svar blev ikke sendt" in text(response)
    assert _counts() == before


def test_reply_to_unknown_post_is_404(client, group, member):
    client.force_login(member)
    unknown = reverse("erfa:reply", args=[group.slug, 999999])
    assert client.post(unknown, {"body": "Hej"}).status_code == 404
    reply = PostFactory(group=group, parent=PostFactory(group=group))
    url = reverse("erfa:reply", args=[group.slug, reply.pk])  # replies to replies: no
    assert client.post(url, {"body": "Hej"}).status_code == 404


@pytest.mark.parametrize("post_id", ["", "abc", "999999", "-1"])
def test_make_public_with_bad_post_id_is_404(client, group, coordinator, post_id):
    client.force_login(coordinator)
    data = {"action": "offentlig", "post_id": post_id, "public": "1"}
    assert client.post(reverse("erfa:posts", args=[group.slug]), data).status_code == 404


def test_outsider_cannot_post(client, group, outsider, counted):
    client.force_login(outsider)
    response = client.post(reverse("erfa:posts", args=[group.slug]), {"body": "Hej"})
    assert response.status_code == 403
    assert _counts() == counted


def test_forms_need_the_csrf_token(group, outsider):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider)
    response = client.post(reverse("erfa:join", args=[group.slug]), {"motivation": "Hej"})
    assert response.status_code == 403
    assert "Formularen er udløbet" in text(response)
    assert not JoinRequest.objects.exists()
