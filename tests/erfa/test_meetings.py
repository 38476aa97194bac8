"""Meeting pages, attendance, attachments and the personal calendar page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from erfa.factories import MeetingFactory, add_document
from erfa.models import Attendance, CalendarToken

from .helpers import messages_of, text

pytestmark = pytest.mark.django_db


def _url(meeting):
    return reverse("erfa:meeting", args=[meeting.group.slug, meeting.pk])


def _attend(client, meeting, status, **extra):
    url = reverse("erfa:attendance", args=[meeting.group.slug, meeting.pk])
    return client.post(url, {"status": status, **extra}, follow=True)


def test_meeting_page_in_danish_time_with_place_link_and_agenda(client, group):
    starts = timezone.make_aware(datetime.datetime(2031, 3, 4, 9, 30), datetime.UTC)
    meeting = MeetingFactory(
        group=group,
        title="Temadag",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        online_url="https://moede.example.org/temadag",
        agenda="1. **Velkomst**\n2. Oplæg\n\n<script>alert(1)</script>",
    )
    response = client.get(_url(meeting))
    assert response.status_code == 200
    html = text(response)
    # 09:30 UTC is 10:30 in Copenhagen in March (CET, UTC+1).
    assert "tirsdag 4. marts 2031 kl. 10.30" in html
    assert "13.30" in html
    assert 'datetime="2031-03-04T10:30:00+01:00"' in html
    assert "Rådhuset, mødelokale 2" in html
    assert 'href="https://moede.example.org/temadag"' in html
    assert "<strong>Velkomst</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'action="' + reverse("erfa:attendance", args=[group.slug, meeting.pk]) not in html


def test_meeting_of_another_group_is_404(client, group):
    from erfa.factories import ErfaGroupPageFactory

    other = MeetingFactory(group=ErfaGroupPageFactory())
    assert client.get(reverse("erfa:meeting", args=[group.slug, other.pk])).status_code == 404
    assert client.get(reverse("erfa:meeting", args=["findes-ikke", other.pk])).status_code == 404


def test_public_minutes_are_shown_to_everyone(client, group):
    meeting = MeetingFactory(group=group, days=-5, minutes="Åbent referat.", minutes_public=True)
    assert "Åbent referat." in text(client.get(_url(meeting)))


def test_members_only_minutes_of_a_public_meeting(client, group, member, outsider):
    meeting = MeetingFactory(group=group, days=-5, minutes="Internt referat.")
    anonymous = client.get(_url(meeting))
    assert anonymous.status_code == 200
    assert "Internt referat." not in text(anonymous)
    assert "Referatet er kun for medlemmer" in text(anonymous)
    client.force_login(outsider)
    assert "Internt referat." not in text(client.get(_url(meeting)))
    client.force_login(member)
    response = client.get(_url(meeting))
    assert "Internt referat." in text(response)
    assert "no-store" in response["Cache-Control"]


def test_attendance_yes_then_no(client, group, member, upcoming):
    client.force_login(member)
    response = _attend(client, upcoming, "kommer")
    assert response.redirect_chain[-1][0] == _url(upcoming)
    assert f"Du er meldt til »{upcoming.title}«." in messages_of(response)
    assert Attendance.objects.get(meeting=upcoming, user=member).status == "kommer"
    assert "Mads Medlem" in text(response)  # the list of who is coming
    response = _attend(client, upcoming, "kommer-ikke", next=group.url)
    assert response.redirect_chain[-1][0] == group.url
    assert "Du har meldt afbud" in " ".join(messages_of(response))
    assert Attendance.objects.get(meeting=upcoming, user=member).status == "kommer-ikke"
    assert Attendance.objects.count() == 1
    assert 'value="kommer-ikke" aria-pressed="true"' in text(response)


def test_attendance_ignores_foreign_next(client, group, member, upcoming):
    client.force_login(member)
    response = _attend(client, upcoming, "kommer", next="https://evil.example.com/")
    assert response.redirect_chain[0][0] == _url(upcoming)


def test_attendance_needs_membership(client, group, outsider, upcoming):
    url = reverse("erfa:attendance", args=[group.slug, upcoming.pk])
    anonymous = client.post(url, {"status": "kommer"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/log-ind/")
    client.force_login(outsider)
    assert client.post(url, {"status": "kommer"}).status_code == 403
    assert client.get(url).status_code == 405
    assert not Attendance.objects.exists()


def test_public_document_link(client, group):
    meeting = MeetingFactory(group=group)
    item = add_document(meeting, title="Program", members_only=False)
    html = text(client.get(_url(meeting)))
    link = reverse("erfa:meeting_document", args=[group.slug, meeting.pk, item.document_id])
    assert f'href="{link}"' in html and "Program" in html
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == item.document.url
    assert response["Location"].startswith("/dokumenter/")
    assert client.get(response["Location"]).status_code == 200


def test_members_only_document(client, group, member, outsider):
    meeting = MeetingFactory(group=group)
    item = add_document(meeting, title="Hemmeligt", content=b"Kun for medlemmer.")
    link = reverse("erfa:meeting_document", args=[group.slug, meeting.pk, item.document_id])
    assert "Hemmeligt" not in text(client.get(_url(meeting)))
    anonymous = client.get(link)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/log-ind/")
    # Wagtail's own document view guards the file too (the private collection).
    direct = client.get(item.document.url)
    assert direct.status_code in (302, 403)
    assert b"Kun for medlemmer." not in b"".join(getattr(direct, "streaming_content", [b""]))
    client.force_login(outsider)
    assert client.get(link).status_code == 403
    assert client.get(item.document.url).status_code in (302, 403)
    client.force_login(member)
    assert "Hemmeligt" in text(client.get(_url(meeting)))
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == item.document.url
    served = client.get(item.document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"Kun for medlemmer."


def test_unknown_document_is_404(client, group, member):
    meeting = MeetingFactory(group=group)
    client.force_login(member)
    url = reverse("erfa:meeting_document", args=[group.slug, meeting.pk, 999999])
    assert client.get(url).status_code == 404


def test_my_calendar_page_and_new_address(client, group, member):
    url = reverse("erfa:my_calendar")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/log-ind/")
    client.force_login(member)
    response = client.get(url)
    token = CalendarToken.objects.get(user=member)
    feed = reverse("erfa:personal_feed", args=[token.token])
    assert f"http://testserver{feed}" in text(response)
    assert group.title in text(response)
    assert "no-store" in response["Cache-Control"]
    response = client.post(url, follow=True)
    assert "Den gamle virker ikke længere" in " ".join(messages_of(response))
    token.refresh_from_db()
    assert token.revoked_at is not None
    new = CalendarToken.objects.get(user=member, revoked_at__isnull=True)
    assert new.token != token.token and new.token in text(response)
