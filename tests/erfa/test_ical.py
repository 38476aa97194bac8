"""The iCalendar feeds: parsed back with `icalendar`, checked for events, wall-clock times in
Europe/Copenhagen, the VTIMEZONE, UIDs, and that nothing members-only leaks."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from erfa.ical import calendar_for, markdown_to_text
from erfa.models import CalendarToken, ErfaGroupIndexPage, ErfaGroupPage, Meeting, Membership

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC
SECRET_AGENDA = "Fortrolig dagsorden om en konkret borger"
SECRET_MINUTES = "HEMMELIGT REFERAT fra mødet"


def make_group(slug, title=None, publish=True):
    index = ErfaGroupIndexPage.objects.get()
    page = index.add_child(
        instance=ErfaGroupPage(
            title=title or f"Gruppe {slug}",
            slug=slug,
            summary="En erfa-gruppe til test.",
            purpose="<p>Formål.</p>",
            live=publish,
        )
    )
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return ErfaGroupPage.objects.get(pk=page.pk)


def meeting(group, title, start, duration=90, **fields):
    return Meeting.objects.create(
        group=group,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=duration),
        **fields,
    )


def unfolded(response):
    """The feed text with RFC 5545 line folding undone, so long lines can be searched."""
    return response.content.replace(b"\r\n ", b"").decode("utf-8")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def group():
    return make_group("mestring-test", title="Mestring i test")


@pytest.fixture
def meetings(group):
    return {
        # 08:00 UTC is 09:00 in Copenhagen in March (CET, +01:00).
        "winter": meeting(
            group,
            "Opstartsmøde",
            datetime.datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
            duration=120,
            place="Aarhus Rådhus, mødelokale 2",
            agenda="1. Velkomst\n2. Oplæg om **netværksmøder**",
            minutes=SECRET_MINUTES,
        ),
        # Summer time (CEST, +02:00): 13:00 in Copenhagen, stored in Copenhagen time.
        "summer": meeting(
            group,
            "Sommermøde online",
            datetime.datetime(2026, 6, 16, 13, 0, tzinfo=CPH),
            online_url="https://moede.example.org/erfa/test",
            agenda="Status på forløbene",
            minutes=SECRET_MINUTES,
            minutes_public=True,  # public minutes are still never part of a feed
        ),
        "private": meeting(
            group,
            "Lukket møde",
            datetime.datetime(2026, 4, 14, 9, 0, tzinfo=CPH),
            place="Randers Rådhus, mødelokale 2",
            agenda=SECRET_AGENDA,
            members_only=True,
        ),
    }


def test_group_feed_is_valid_icalendar_with_public_meetings(client, group, meetings):
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": group.slug}))
    calendar = parse(response)

    assert str(calendar["VERSION"]) == "2.0"
    assert "Praksisbanken" in str(calendar["PRODID"])
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "Mestring i test" in str(calendar["X-WR-CALNAME"])
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Copenhagen"]
    assert calendar.get_missing_tzids() == set()

    events = events_by_uid(calendar)
    assert set(events) == {meetings["winter"].uid, meetings["summer"].uid}

    winter = events[meetings["winter"].uid]
    start, end = winter["DTSTART"], winter["DTEND"]
    assert start.params["TZID"] == "Europe/Copenhagen"
    assert start.dt == datetime.datetime(2026, 3, 10, 9, 0, tzinfo=CPH)
    assert (start.dt.hour, start.dt.minute) == (9, 0)
    assert end.dt == datetime.datetime(2026, 3, 10, 11, 0, tzinfo=CPH)
    assert "DTSTART;TZID=Europe/Copenhagen:20260310T090000" in unfolded(response)
    assert "DTSTAMP" in winter
    assert str(winter["SUMMARY"]) == "Mestring i test: Opstartsmøde"
    assert str(winter["LOCATION"]) == "Aarhus Rådhus, mødelokale 2"
    assert str(winter["URL"]) == (
        f"http://testserver/erfa-grupper/{group.slug}/moeder/{meetings['winter'].pk}/"
    )
    description = str(winter["DESCRIPTION"])
    assert "Velkomst" in description and "netværksmøder" in description
    assert "**" not in description  # plain text, not Markdown

    summer = events[meetings["summer"].uid]
    assert summer["DTSTART"].dt == datetime.datetime(2026, 6, 16, 13, 0, tzinfo=CPH)
    assert summer["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=2)
    assert str(summer["LOCATION"]) == "https://moede.example.org/erfa/test"


def test_group_feed_never_shows_members_only_meetings_or_minutes(client, group, meetings):
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": group.slug}))
    text = unfolded(response)
    calendar = parse(response)

    assert meetings["private"].uid not in events_by_uid(calendar)
    assert "Lukket møde" not in text
    assert SECRET_AGENDA not in text
    assert "HEMMELIGT" not in text  # minutes, even public ones, are never in a feed


def test_group_feed_headers(client, group, meetings):
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": group.slug}))
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert 'filename="erfa-mestring-test.ics"' in response["Content-Disposition"]


def test_unpublished_group_feed_is_404(client, group, meetings):
    group.unpublish()
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": group.slug}))
    assert response.status_code == 404


def test_draft_group_feed_is_404(client):
    draft = make_group("kladde", publish=False)
    meeting(draft, "Møde i en kladde", datetime.datetime(2026, 3, 10, 9, 0, tzinfo=CPH))
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": "kladde"}))
    assert response.status_code == 404


def test_restricted_group_feed_is_404(client, group, meetings):
    PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": group.slug}))
    assert response.status_code == 404


def test_unknown_group_feed_is_404(client):
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": "findes-ikke"}))
    assert response.status_code == 404


@pytest.fixture
def member(group):
    user = get_user_model().objects.create_user("medlem", email="medlem@example.org")
    Membership.add(group, user)
    return user


def test_personal_feed_includes_members_only_meetings_of_own_groups_only(
    client, group, meetings, member
):
    other = make_group("anden-gruppe", title="Anden gruppe")
    other_public = meeting(other, "Andet møde", datetime.datetime(2026, 5, 5, 9, 0, tzinfo=CPH))
    other_private = meeting(
        other,
        "Andet lukket møde",
        datetime.datetime(2026, 5, 6, 9, 0, tzinfo=CPH),
        members_only=True,
    )
    token = CalendarToken.current_for(member)

    response = client.get(reverse("erfa:personal_feed", kwargs={"token": token.token}))
    calendar = parse(response)
    events = events_by_uid(calendar)

    assert set(events) == {m.uid for m in meetings.values()}
    assert other_public.uid not in events and other_private.uid not in events
    private = events[meetings["private"].uid]
    assert str(private["SUMMARY"]) == "Mestring i test: Lukket møde"
    assert private["DTSTART"].dt == datetime.datetime(2026, 4, 14, 9, 0, tzinfo=CPH)
    assert SECRET_AGENDA in str(private["DESCRIPTION"])  # members see the agenda
    assert str(private["CLASS"]) == "PRIVATE"
    assert "HEMMELIGT" not in unfolded(response)  # never minutes
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_revoked_token_is_404(client, group, meetings, member):
    token = CalendarToken.current_for(member)
    url = reverse("erfa:personal_feed", kwargs={"token": token.token})
    assert client.get(url).status_code == 200

    token.revoke()

    assert client.get(url).status_code == 404
    new_token = CalendarToken.current_for(member)
    assert new_token.token != token.token
    assert (
        client.get(reverse("erfa:personal_feed", kwargs={"token": new_token.token})).status_code
        == 200
    )


def test_unknown_token_is_404(client, group, meetings, member):
    CalendarToken.current_for(member)
    response = client.get(reverse("erfa:personal_feed", kwargs={"token": "ukendt-token"}))
    assert response.status_code == 404


def test_former_member_no_longer_gets_the_groups_meetings(client, group, meetings, member):
    token = CalendarToken.current_for(member)
    Membership.objects.get(group=group, user=member).remove()
    response = client.get(reverse("erfa:personal_feed", kwargs={"token": token.token}))
    assert calendar_events(response) == set()


def calendar_events(response):
    return set(events_by_uid(parse(response)))


def test_calendar_for_drops_members_only_meetings_unless_personal(group, meetings):
    everything = list(Meeting.objects.filter(group=group))
    public = Calendar.from_ical(calendar_for(everything, "Test"))
    personal = Calendar.from_ical(calendar_for(everything, "Test", personal=True))
    assert meetings["private"].uid not in events_by_uid(public)
    assert meetings["private"].uid in events_by_uid(personal)


def test_empty_calendar_is_still_valid():
    calendar = Calendar.from_ical(calendar_for([], "Tom kalender"))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Tom kalender"


def test_markdown_to_text():
    text = markdown_to_text(
        "1. Velkomst\n2. **Oplæg** om [IPS](https://example.org)\n\n<script>x</script>"
    )
    assert "Velkomst" in text and "Oplæg om IPS" in text
    assert "<" not in text and "**" not in text
