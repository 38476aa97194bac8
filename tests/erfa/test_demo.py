"""`setup_demo_erfa`: the groups from fixtures/erfa, fictional demo members only when allowed,
meetings around today, idempotent, and clear errors for bad fixtures."""

import shutil
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Collection, Revision

from erfa.demo import DEMO_PLACE
from erfa.models import (
    Attendance,
    ErfaGroupIndexPage,
    ErfaGroupPage,
    JoinRequest,
    Meeting,
    Membership,
    Post,
    Profile,
)

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("setup_demo_erfa", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "groups": ErfaGroupPage.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "profiles": Profile.objects.count(),
        "memberships": Membership.objects.count(),
        "django groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendance": Attendance.objects.count(),
        "posts": Post.objects.count(),
        "join requests": JoinRequest.objects.count(),
    }


def demo_users():
    return get_user_model().objects.filter(username__startswith="demo-")


@pytest.fixture
def erfa_fixtures(fixtures_dir, tmp_path):
    """A copy of fixtures/erfa that a test may break."""
    directory = tmp_path / "erfa"
    shutil.copytree(fixtures_dir / "erfa", directory)
    return directory


def test_creates_groups_with_meetings_and_fictional_members():
    output = run("--allow-demo-users")
    assert "changepassword" in output

    index = ErfaGroupIndexPage.objects.get()
    groups = list(ErfaGroupPage.objects.child_of(index).live().public())
    assert len(groups) >= 5
    # Proposed groups (the fixtures give no status); the demo members make them active.
    assert all(g.status == "foreslaaet" for g in groups)
    assert all(g.current_status == "aktiv" for g in groups)
    now = timezone.now()
    with_past_and_future = 0
    for group in groups:
        assert group.summary and group.purpose and not group.meeting_cadence
        assert ".txt" not in group.purpose  # sources are cited in the header, never the text
        assert group.sources.exists()
        assert group.movements.exists()
        assert not (group.municipalities.exists() or group.regions.exists())
        meetings = group.meetings.all()
        past = meetings.filter(starts_at__lt=now)
        future = meetings.filter(starts_at__gte=now)
        assert past.count() >= 2
        assert all(m.agenda and m.minutes for m in past)
        assert future.count() == 2
        with_past_and_future += 1
        for m in meetings:
            assert m.is_demo
            assert m.place == DEMO_PLACE or m.online_url.startswith("https://moede.example.org/")
            assert m.ends_at > m.starts_at
        memberships = group.memberships.select_related("user")
        assert memberships.filter(role="koordinator").count() == 1
        assert 2 <= memberships.filter(role="medlem").count() <= 4
        for membership in memberships:
            assert membership.is_demo
            user = membership.user
            assert user.email.endswith("@example.org")
            assert user.username.startswith("demo-") and user.first_name == "Demo"
            assert not user.has_usable_password()
            assert not (user.is_staff or user.is_superuser)
            assert user.profile.municipality is None  # never shown as working for a real one
            assert user.groups.filter(pk=group.members_group_id).exists()
        assert group.posts.filter(public=True, parent=None).exists()
        assert group.posts.filter(public=False, parent=None).exists()
        assert not group.posts.filter(is_demo=False).exists()
    assert with_past_and_future >= 5

    members_only_groups = {m.group_id for m in Meeting.objects.filter(members_only=True)}
    assert len(members_only_groups) >= 2
    assert Meeting.objects.filter(members_only=True, starts_at__gte=now).count() >= 2
    assert Meeting.objects.filter(minutes_public=True).exclude(minutes="").exists()
    assert Meeting.objects.exclude(minutes="").filter(minutes_public=False).exists()
    assert JoinRequest.objects.filter(status="afventer", is_demo=True).exists()
    assert not demo_users().exclude(email__endswith="@example.org").exists()


def test_second_run_changes_nothing():
    run("--allow-demo-users")
    before = counts()
    meetings_before = list(Meeting.objects.order_by("pk").values())
    output = run("--allow-demo-users")
    assert counts() == before
    assert list(Meeting.objects.order_by("pk").values()) == meetings_before
    report = [line for line in output.splitlines() if " nye, " in line]
    assert report and all(": 0 nye, 0 ændrede, " in line for line in report)


def test_refuses_demo_users_without_debug_or_flag(settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="DEBUG"):
        run()
    assert counts() == before
    assert not demo_users().exists()


def test_debug_allows_demo_users(settings):
    settings.DEBUG = True
    run()
    assert demo_users().exists()


def test_groups_only_loads_pages_without_demo_data(settings):
    settings.DEBUG = False
    run("--groups-only")
    assert ErfaGroupPage.objects.live().count() >= 5
    assert not demo_users().exists()
    assert not Meeting.objects.exists()


def test_public_feed_of_a_demo_group_has_no_members_only_meeting(client):
    run("--allow-demo-users")
    private = Meeting.objects.filter(members_only=True).select_related("group").first()
    response = client.get(reverse("erfa:group_feed", kwargs={"slug": private.group.slug}))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert uids == {m.uid for m in private.group.meetings.filter(members_only=False)}
    assert private.uid not in uids
    text = response.content.replace(b"\r\n ", b"").decode()
    assert "Mødet har ikke fundet sted" not in text  # minutes never reach a feed
    assert private.title not in text


def test_unknown_movement_fails_naming_file_and_slug(erfa_fixtures):
    path = erfa_fixtures / "mestringsforloeb.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Movements: mestring", "Movements: mestring, ukendt-bevaegelse"),
        encoding="utf-8",
    )
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        run("--allow-demo-users", "--directory", str(erfa_fixtures))
    message = str(excinfo.value)
    assert "mestringsforloeb.md" in message
    assert "Movements" in message
    assert "ukendt-bevaegelse" in message
    assert "tidlig-opsporing" in message  # the allowed values are listed
    assert counts() == before


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Cases: aarhus-stressreduktion-atlass", "Cases: findes-ikke", "findes-ikke"),
        # A fixture states no members, status or meeting rhythm: no source gives them.
        ("Movements: mestring", "Movements: mestring\nMunicipalities: aarhus", "municipalities"),
        ("Movements: mestring", "Movements: mestring\nStatus: aktiv", "status"),
        ("Movements: mestring", "Movements: mestring\nCadence: Fire møder om året", "cadence"),
        ("000_76fcd7e0688ceb78.txt | Bevægelse", "en kilde | Bevægelse", "en kilde"),
    ],
)
def test_other_bad_values_fail_clearly(erfa_fixtures, old, new, expected):
    path = erfa_fixtures / "mestringsforloeb.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        run("--allow-demo-users", "--directory", str(erfa_fixtures))
    message = str(excinfo.value)
    assert "mestringsforloeb.md" in message
    assert expected in message
    assert not ErfaGroupPage.objects.exists()


def test_a_source_file_name_in_the_text_fails(erfa_fixtures):
    path = erfa_fixtures / "mestringsforloeb.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nKilde: 000_76fcd7e0688ceb78.txt\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kildefilen"):
        run("--allow-demo-users", "--directory", str(erfa_fixtures))


def test_missing_directory_fails(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        run("--allow-demo-users", "--directory", str(tmp_path / "mangler"))
