"""Proposed groups ('Foreslået erfa-gruppe'): what the sources give, a call to action that starts
the join flow, editors deciding until the first member, who becomes coordinator and makes the
group active. And demo data, which says «Demodata» on every page, in iCal and in e-mails."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from editorial.factories import make_editor
from erfa.factories import ErfaGroupPageFactory, make_user
from erfa.models import ErfaGroupPage, JoinRequest, Meeting, Membership, Post

from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed():
    return ErfaGroupPageFactory(
        title="Snitfladen til psykiatrien", slug="snitfladen", status="foreslaaet"
    )


def test_a_proposed_group_says_so_and_invites_municipalities(client, proposed):
    html = text(client.get(proposed.url))
    assert "Foreslået erfa-gruppe" in html
    assert "Vil din kommune være med?" in html
    assert "Log ind for at melde din kommune til" in html
    assert "Status: Foreslået erfa-gruppe" in html
    index = text(client.get("/erfa-grupper/"))
    assert "Foreslået erfa-gruppe" in index and "Meld jer til" in index
    filtered = text(client.get("/erfa-grupper/?status=foreslaaet"))
    assert proposed.title in filtered
    assert proposed.title not in text(client.get("/erfa-grupper/?status=aktiv"))


def test_first_approved_member_coordinates_and_makes_the_group_active(client, proposed):
    editor = make_editor("redaktoer")
    applicant = make_user("ansoeger", first_name="Anna", last_name="Ansøger")
    client.force_login(applicant)
    response = client.post(
        reverse("erfa:join", args=[proposed.slug]),
        {"motivation": "Vi arbejder med udskrivninger i vores kommune."},
    )
    assert response.status_code == 302
    # Nobody coordinates the group yet: the editors hear about the request.
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "redaktionen behandler anmodningen" in mail.outbox[0].body
    join_request = JoinRequest.objects.get(group=proposed, user=applicant)

    client.force_login(editor)
    html = text(client.get(proposed.url))
    assert "Anmodninger om medlemskab" in html and "Anna Ansøger" in html
    response = client.post(reverse("erfa:decide", args=[proposed.slug, join_request.pk, "godkend"]))
    assert response.status_code == 302
    membership = Membership.objects.get(group=proposed, user=applicant)
    assert membership.is_coordinator
    group = ErfaGroupPage.objects.get(pk=proposed.pk)
    assert group.current_status == "aktiv"
    assert "Status: Aktiv" in text(client.get(proposed.url))
    assert proposed.title in text(client.get("/erfa-grupper/?status=aktiv"))


def test_an_editor_cannot_decide_once_the_group_has_a_coordinator(client, group, coordinator):
    editor = make_editor("redaktoer2")
    applicant = make_user("ansoeger2")
    join_request = JoinRequest.objects.create(group=group, user=applicant, motivation="Hej")
    client.force_login(editor)
    response = client.post(reverse("erfa:decide", args=[group.slug, join_request.pk, "godkend"]))
    assert response.status_code == 403
    assert not Membership.objects.filter(user=applicant).exists()


@pytest.fixture
def demo(db):
    call_command("setup_demo_erfa", "--allow-demo-users", verbosity=0)
    return ErfaGroupPage.objects.live().order_by("title")


def test_every_demo_item_renders_demodata(client, demo):
    meetings = Meeting.objects.filter(is_demo=True).select_related("group")
    assert meetings.count() >= 20
    for group in demo:
        html = text(client.get(group.url))
        assert "Demodata" in html
        assert "opdigtede demodata" in html
    # Every meeting page and every published minutes page, as the public sees them.
    for meeting in meetings.filter(members_only=False):
        page = text(client.get(reverse("erfa:meeting", args=[meeting.group.slug, meeting.pk])))
        assert "Demodata" in page, meeting.title
        assert "Rådhus" not in page
    # Members see the members, posts and members-only meetings: each one marked.
    membership = Membership.objects.filter(is_demo=True, role="koordinator").first()
    client.force_login(membership.user)
    group = membership.group
    html = text(client.get(group.url))
    members = Membership.objects.filter(group=group).count()
    assert html.count("Demodata") >= members
    posts = text(client.get(reverse("erfa:posts", args=[group.slug])))
    assert posts.count("Demodata") >= Post.objects.filter(group=group).count()


def test_demo_meetings_say_demodata_in_icalendar(client, demo):
    group = demo.first()
    response = client.get(reverse("erfa:group_feed", args=[group.slug]))
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert str(event["SUMMARY"]).startswith("[Demodata] ")
        assert "Demodata" in str(event["DESCRIPTION"])


def test_decisions_on_demo_requests_say_demodata_in_the_e_mail(client, demo):
    join_request = JoinRequest.objects.filter(is_demo=True, status="afventer").first()
    join_request.user.email = "demo-ansoeger-1@example.org"
    coordinator = join_request.group.memberships.get(role="koordinator").user
    client.force_login(coordinator)
    client.post(reverse("erfa:decide", args=[join_request.group.slug, join_request.pk, "godkend"]))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Demodata] ")
    assert "DEMODATA" in mail.outbox[0].body
    assert Membership.objects.get(user=join_request.user, group=join_request.group).is_demo


def test_loading_the_fixtures_again_removes_invented_members_status_and_rhythm(demo):
    """A database from before (invented participants, «aktiv», a rhythm) is put right by the next
    `make run`; a group with a real member keeps what its members and editors wrote."""
    from erfa.factories import add_member
    from taxonomy.models import Municipality, Region

    stale, real = demo[0], demo[1]
    for page in (stale, real):
        page.status = "aktiv"
        page.meeting_cadence = "Seks møder om året"
        page.municipalities = [Municipality.objects.get(slug="aalborg")]
        page.regions = [Region.objects.get(slug="region-nordjylland")]
        page.save_revision().publish()
    add_member(real, make_user("rigtigt-medlem"), coordinator=True)

    call_command("setup_demo_erfa", "--allow-demo-users", verbosity=0)

    stale = ErfaGroupPage.objects.get(pk=stale.pk)
    assert (stale.status, stale.meeting_cadence) == ("foreslaaet", "")
    assert not stale.municipalities.exists() and not stale.regions.exists()
    real = ErfaGroupPage.objects.get(pk=real.pk)
    assert real.meeting_cadence == "Seks møder om året"
    assert real.municipalities.exists()
