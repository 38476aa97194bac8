"""Members-only material: anonymous users are sent to the login page, logged-in outsiders get
a Danish 403, members see it; and it never reaches public pages, the sitemap, the API, search
or feeds."""

import json

import pytest
from django.urls import reverse

from erfa.factories import MeetingFactory, PostFactory, add_document
from erfa.views.proposals import create_draft_case
from search.backends import reset_backends
from search.sync import rebuild_index
from taxonomy.models import Movement, Municipality

from .helpers import text

pytestmark = pytest.mark.django_db
SECRET = "Zylofonhemmelighed"


@pytest.fixture
def secrets(group, coordinator, member):
    closed = MeetingFactory(
        group=group,
        title=f"Lukket møde {SECRET}",
        members_only=True,
        agenda=f"Dagsorden {SECRET}",
        minutes=f"Referat {SECRET}",
    )
    public = MeetingFactory(group=group, title="Åbent møde", days=-7, minutes=f"Ref {SECRET}")
    document = add_document(public, title=f"Bilag{SECRET}", content=SECRET.encode())
    PostFactory(group=group, author=member, body=f"Opslag om {SECRET}")
    PostFactory(group=group, author=member, body=f"Skjult {SECRET}", public=True, hidden=True)
    return {"closed": closed, "public": public, "document": document}


def _urls(group, secrets):
    meeting = secrets["public"]
    return {
        "members-only meeting": reverse("erfa:meeting", args=[group.slug, secrets["closed"].pk]),
        "members-only document": reverse(
            "erfa:meeting_document",
            args=[group.slug, meeting.pk, secrets["document"].document_id],
        ),
        "posts": reverse("erfa:posts", args=[group.slug]),
        "members-only minutes": reverse("erfa:minutes", args=[group.slug, meeting.pk]),
    }


@pytest.mark.parametrize(
    "item", ["members-only meeting", "members-only document", "posts", "members-only minutes"]
)
def test_members_only_items(client, group, secrets, member, outsider, item):
    url = _urls(group, secrets)[item]
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/log-ind/?next=")
    client.force_login(outsider)
    denied = client.get(url)
    assert denied.status_code == 403
    assert "Ingen adgang" in text(denied) and "kun for gruppens medlemmer" in text(denied)
    assert SECRET not in text(denied)
    client.force_login(member)
    allowed = client.get(url)
    if item == "members-only document":
        assert allowed.status_code == 302
        served = client.get(allowed["Location"])
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == SECRET.encode()
    else:
        assert allowed.status_code == 200
        assert SECRET in text(allowed)
        assert "no-store" in allowed["Cache-Control"]


def test_minutes_of_a_public_meeting(client, group, secrets, member, outsider):
    url = reverse("erfa:meeting", args=[group.slug, secrets["public"].pk])
    for user in (None, outsider):
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "Referatet er kun for medlemmer" in text(response)
        assert SECRET not in text(response)  # neither minutes nor the document's title
    client.force_login(member)
    html = text(client.get(url))
    assert f"Ref {SECRET}" in html and f"Bilag{SECRET}" in html


def test_published_minutes_are_readable_by_anyone(client, group, secrets):
    meeting = secrets["public"]
    meeting.minutes_public = True
    meeting.save()
    response = client.get(reverse("erfa:minutes", args=[group.slug, meeting.pk]))
    assert response.status_code == 200
    assert f"Ref {SECRET}" in text(response)


@pytest.fixture
def search_index(settings, tmp_path):
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {"path": str(tmp_path / "index.db")},
    }
    reset_backends()
    rebuild_index()
    yield
    reset_backends()


PUBLIC_PLACES = [
    "/erfa-grupper/",
    "/erfa-grupper/?status=aktiv",
    "/erfa-grupper/mestringsforloeb/",
    "/sitemap.xml",
    "/api/v2/pages/?type=erfa.ErfaGroupPage&fields=*",
    "/api/v2/pages/?type=cases.CasePage&fields=*&limit=100",
    "/api/v2/pages/?search=" + SECRET,
    f"/api/search/?q={SECRET}",
    "/feeds/praksiseksempler/",
]


def test_secret_never_reaches_public_places(
    client, group, secrets, member, outsider, search_index, django_capture_on_commit_callbacks
):
    # A proposed case is a draft: it must not leak either, even after the index syncs.
    with django_capture_on_commit_callbacks(execute=True):
        create_draft_case(
            group,
            member,
            {
                "title": f"Forslag {SECRET}",
                "summary": f"Resumé {SECRET}",
                "description": SECRET,
                "municipality": Municipality.objects.first(),
                "movements": Movement.objects.all()[:1],
            },
        )
    for user in (None, outsider):
        if user:
            client.force_login(user)
        for url in PUBLIC_PLACES:
            response = client.get(url)
            assert response.status_code in (200, 400), url  # the page API may refuse search
            body = response.content.decode()
            if url.startswith("/api/search/"):
                result = json.loads(body)
                assert result["total"] == 0
                body = json.dumps({k: v for k, v in result.items() if k != "query"})
            assert SECRET not in body, url
            assert SECRET.lower() not in body.lower(), url


def test_group_page_for_members_shows_no_minutes_or_posts(client, group, secrets, member):
    # Minutes and posts have their own pages; the group page only links to them.
    client.force_login(member)
    html = text(client.get(group.url))
    assert f"Lukket møde {SECRET}" in html  # the members-only meeting itself is listed
    assert f"Referat {SECRET}" not in html and f"Opslag om {SECRET}" not in html
