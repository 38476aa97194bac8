"""Følg denne søgning: /soeg/feed/?… is valid Atom of the search's newest documents, with the
search's members-only rules; /api/search/feed/ is the same feed."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from cases.models import CasePage
from erfa.demo import setup_demo_erfa
from erfa.models import Meeting

from .atom import NS, validate_atom

pytestmark = pytest.mark.django_db

FEEDS = ["/soeg/feed/", "/api/search/feed/"]


def _feed(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    return validate_atom(response.content)


def _entries(feed):
    return [
        (entry.findtext("atom:title", namespaces=NS), entry.find("atom:link", NS).get("href"))
        for entry in feed.findall("atom:entry", NS)
    ]


@pytest.mark.parametrize("path", FEEDS)
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "unge"},
        {"q": "skole", "type": "case", "municipality": "silkeborg"},
        {"movement": ["mestring", "tidlig-opsporing"], "region": "region-midtjylland"},
        {"q": "xyzzyq-intet"},
    ],
    ids=["everything", "text", "text-and-facets", "repeated-facets", "nothing-found"],
)
def test_feed_is_valid_atom_with_what_the_search_finds_newest_first(
    client, search_index, path, params
):
    feed = _feed(client, path, params)
    api = client.get("/api/search/", {**params, "sort": "newest", "page_size": 20}).json()
    expected = [(r["title"], "http://testserver" + r["url"]) for r in api["results"]]
    assert _entries(feed) == expected
    # The feed's page is the search page with the same parameters.
    alternate = feed.find("atom:link[@rel='alternate']", NS).get("href")
    assert alternate.startswith("http://testserver/soeg/")
    assert feed.findtext("atom:author/atom:name", namespaces=NS) == "Praksisbanken"


def test_feed_title_says_what_is_followed(client, search_index):
    feed = _feed(client, "/soeg/feed/", {"q": "skole", "movement": "mestring"})
    assert feed.findtext("atom:title", namespaces=NS) == (
        "Praksisbanken: «skole» · Bevægelse: Mestring"
    )


def test_entries_carry_dates_type_and_owners(client, search_index):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    feed = _feed(client, "/soeg/feed/", {"q": "rejselærer", "type": "case"})
    entry = feed.find("atom:entry", NS)
    assert entry.findtext("atom:title", namespaces=NS) == case.title
    assert entry.findtext("atom:summary", namespaces=NS) == case.summary
    assert entry.findtext("atom:updated", namespaces=NS) == case.last_published_at.isoformat()
    terms = [c.get("term") for c in entry.findall("atom:category", NS)]
    assert terms == ["Praksiseksempel", "Silkeborg"]


def test_sort_and_paging_of_the_search_page_do_not_change_the_feed(client, search_index):
    plain = _entries(_feed(client, "/soeg/feed/", {"q": "unge"}))
    copied = _entries(
        _feed(client, "/soeg/feed/", {"q": "unge", "sort": "title", "page": "2", "page_size": "5"})
    )
    assert copied == plain


def test_unpublished_and_members_only_cases_never_appear_even_before_the_index_catches_up(
    client, search_index
):
    """The index is updated after commit (and may lag further when its server is down); the
    feed checks every entry against the database. Here the index still holds both cases."""
    rejse = CasePage.objects.get(slug="silkeborg-rejselaerer")
    params = {"q": "rejselærer"}
    assert rejse.title in [title for title, _ in _entries(_feed(client, "/soeg/feed/", params))]

    rejse.unpublish()  # no commit in this test: the index is not told
    members = CasePage.objects.get(slug="favrskov-social-indsats")
    PageViewRestriction.objects.create(page=members, restriction_type="login")

    for path in FEEDS:
        titles = [title for title, _ in _entries(_feed(client, path, {"type": "case"}))]
        titles += [title for title, _ in _entries(_feed(client, path, params))]
        assert rejse.title not in titles
        assert members.title not in titles
    # The search itself still finds them in the lagging index: only the feed's check hides them.
    found = client.get("/api/search/", {"type": "case", "page_size": 100}).json()["results"]
    assert {members.title, rejse.title} <= {r["title"] for r in found}


def test_members_only_erfa_material_is_never_in_the_feed(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        setup_demo_erfa(with_demo_data=True)
    groups = _entries(_feed(client, "/soeg/feed/", {"type": "erfa_group"}))
    assert groups, "the public erfa groups are in the feed"
    # Only the groups' own pages (/erfa-grupper/<slug>/), never a meeting or its minutes.
    assert all(link.rstrip("/").count("/") == 4 for _, link in groups), groups
    secret = Meeting.objects.filter(members_only=True).exclude(agenda="").first()
    assert secret is not None
    for text in (secret.title, secret.agenda[:60]):
        entries = _entries(_feed(client, "/soeg/feed/", {"q": text}))
        assert secret.title not in [title for title, _ in entries]
        assert not any("/moeder/" in link for _, link in entries)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"movement": "findes-ikke"}, "movement", "Ukendt værdi «findes-ikke»."),
        ({"type": "nyhed"}, "type", "Ukendt værdi «nyhed»."),
        ({"q": "x" * 201}, "q", "Søgeteksten må højst være 200 tegn."),
    ],
)
def test_bad_parameters_answer_400_in_danish(client, search_index, params, field, message):
    page = client.get("/soeg/feed/", params)
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(page.content, "html.parser")
    assert message in soup.select_one("[role=alert]").get_text()

    api = client.get("/api/search/feed/", params)
    assert api.status_code == 400
    assert api.json() == {"error": message, "field": field}


def test_an_unreachable_search_answers_503(client, unreachable_search):
    assert client.get("/soeg/feed/", {"q": "unge"}).status_code == 503
    api = client.get("/api/search/feed/", {"q": "unge"})
    assert api.status_code == 503
    assert api.json()["error"] == "Søgningen er midlertidigt utilgængelig."


def test_the_search_page_offers_the_feed_and_giv_mig_besked(client, search_index):
    soup = BeautifulSoup(
        client.get("/soeg/", {"q": "unge", "movement": "mestring", "sort": "title"}).content,
        "html.parser",
    )
    query = "q=unge&movement=mestring"
    alternate = soup.select_one('head link[type="application/atom+xml"][href^="/soeg/feed/"]')
    assert alternate["href"] == f"/soeg/feed/?{query}"
    follow = soup.select_one(".follow-search")
    links = {a.get_text(" ", strip=True): a["href"] for a in follow.select("a")}
    assert links["Giv mig besked"] == f"/min-profil/soegninger/ny/?{query}"
    assert links["Atom-feed for søgningen"] == f"/soeg/feed/?{query}"
    assert "kræver log ind" in follow.get_text()
