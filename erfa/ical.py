"""iCalendar (RFC 5545) for erfa-group meetings, built with the `icalendar` library.

Every time is written as local time in Europe/Copenhagen (DTSTART;TZID=Europe/Copenhagen:...)
with a matching VTIMEZONE, so calendar programs show the meeting at the right wall-clock time
on both sides of a daylight-saving change.

What a feed may hold is decided here as well as in the views: minutes never appear in any
feed, and members-only meetings (and the agenda of such a meeting) only when the caller asks
for a member's personal feed."""

import datetime
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from content.markdown import render_markdown

TZID = "Europe/Copenhagen"
COPENHAGEN = ZoneInfo(TZID)
PRODID = "-//Praksisbanken//Erfa-grupper//DA"
CONTENT_TYPE = "text/calendar; charset=utf-8"

_BLANK_LINES_RE = re.compile(r"\n{3,}")
_SPACES_RE = re.compile(r"(?<=\S) {2,}")


class _TextConverter(HTMLParser):
    """Sanitised Markdown HTML to readable plain text: numbered and bulleted list items on
    lines of their own, paragraphs separated by a blank line, links followed by their URL."""

    BLOCKS = {"p", "h3", "h4", "blockquote", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.lists, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            indent = "  " * max(len(self.lists) - 1, 0)
            marker = f"{kind[1]}. " if kind[0] == "ol" else "- "
            self.parts.append(f"\n{indent}{marker}")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if href and href != label:
                self.parts.append(f" ({href})")
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if "\n" in data and not data.strip():
            return  # the line breaks Markdown puts between block tags
        self.parts.append(data)

    def text(self):
        lines = [_SPACES_RE.sub(" ", line.rstrip()) for line in "".join(self.parts).splitlines()]
        return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def markdown_to_text(text):
    """Plain text for a calendar DESCRIPTION from the Markdown an editor wrote.

    The Markdown is rendered and sanitised first (as everywhere in the portal), so nothing an
    author typed as raw HTML survives, then reduced to text."""
    if not text or not text.strip():
        return ""
    converter = _TextConverter()
    converter.feed(render_markdown(text))
    converter.close()
    return converter.text()


def to_copenhagen(value):
    """An aware datetime in Europe/Copenhagen (naive values are taken as Copenhagen time)."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=COPENHAGEN)
    return value.astimezone(COPENHAGEN)


def _vtimezone(first_year, last_year):
    """The VTIMEZONE for Europe/Copenhagen covering the given years, computed from the tz
    database (`Timezone.from_tzid`, icalendar >= 6.1; a few years take well under 1 ms)."""
    return Timezone.from_tzid(
        TZID,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def _absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def meeting_url(meeting, request=None):
    """The absolute URL of the meeting's page (falls back to the group page)."""
    try:
        path = reverse(
            "erfa:meeting", kwargs={"slug": meeting.group.slug, "meeting_id": meeting.pk}
        )
    except NoReverseMatch:
        path = meeting.group.url or "/"
    return _absolute(request, path)


def location_of(meeting):
    place = (meeting.place or "").strip()
    online = (meeting.online_url or "").strip()
    if place and online:
        return f"{place} / online: {online}"
    return place or online


DEMO_LABEL = "Demodata"
DEMO_DESCRIPTION = "Demodata: et opdigtet møde, som kun findes for at vise Praksisbanken."


def description_of(meeting, url, include_agenda):
    parts = [DEMO_DESCRIPTION] if meeting.is_demo else []
    if include_agenda:
        agenda = markdown_to_text(meeting.agenda)
        if agenda:
            parts.append(f"Dagsorden:\n{agenda}")
    if meeting.online_url:
        parts.append(f"Onlinelink: {meeting.online_url}")
    parts.append(f"Mødet i Praksisbanken: {url}")
    return "\n\n".join(parts)


def event_for(meeting, *, request=None, personal=False, stamp=None):
    """One VEVENT. The agenda of a members-only meeting is only included in personal feeds;
    the minutes are never included."""
    url = meeting_url(meeting, request)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp or timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", to_copenhagen(meeting.starts_at))
    event.add("dtend", to_copenhagen(meeting.ends_at))
    demo = f"[{DEMO_LABEL}] " if meeting.is_demo else ""
    event.add("summary", f"{demo}{meeting.group.title}: {meeting.title}")
    location = location_of(meeting)
    if location:
        event.add("location", location)
    event.add("url", url)
    include_agenda = personal or not meeting.members_only
    event.add("description", description_of(meeting, url, include_agenda))
    event.add("class", "PRIVATE" if meeting.members_only else "PUBLIC")
    return event


def calendar_for(meetings, name, *, request=None, personal=False, description=None):
    """An RFC 5545 calendar (bytes) of `meetings`.

    Unless `personal` is true (a member's own feed) members-only meetings are dropped here
    too, whatever the caller passed: a public feed can never show them."""
    meetings = [m for m in meetings if personal or not m.members_only]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    if description:
        calendar.add("x-wr-caldesc", description)
    years = [to_copenhagen(m.starts_at).year for m in meetings] + [
        to_copenhagen(m.ends_at).year for m in meetings
    ]
    this_year = timezone.localdate().year
    first_year = min(years, default=this_year)
    last_year = max(years + [this_year], default=this_year)
    # The VTIMEZONE comes first: the events below refer to it by TZID.
    calendar.add_component(_vtimezone(first_year, last_year))
    stamp = timezone.now().astimezone(datetime.UTC)
    for meeting in meetings:
        calendar.add_component(event_for(meeting, request=request, personal=personal, stamp=stamp))
    return calendar.to_ical()
