""" "Giv mig besked": a signed-in user saves the search they see (text and facets as the search
page's query string), weekly or daily; their saved searches are listed and deletable under
/min-profil/soegninger/ and in an include the profile page embeds."""

import pytest
from bs4 import BeautifulSoup

from following.models import Frequency, SavedSearch, period_of
from following.views import MAX_SAVED_SEARCHES

pytestmark = pytest.mark.django_db

FOLLOW = "/min-profil/soegninger/ny/"
LIST = "/min-profil/soegninger/"


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def _alert(response):
    return " ".join(_soup(response).select_one("[role=alert]").get_text(" ").split())


def test_giv_mig_besked_asks_an_anonymous_visitor_to_log_in_and_comes_back(client):
    response = client.get(FOLLOW, {"q": "unge", "movement": "mestring"})
    assert response.status_code == 302
    assert response["Location"] == (
        "/log-ind/?next=/min-profil/soegninger/ny/%3Fq%3Dunge%26movement%3Dmestring"
    )
    assert client.get(LIST)["Location"].startswith("/log-ind/")


def test_saving_a_search_with_its_facets(client, make_user):
    user = make_user("fagperson")
    client.force_login(user)
    page = client.get(FOLLOW, {"movement": "mestring", "q": "unge", "sort": "title", "page": "3"})
    assert page.status_code == 200
    soup = _soup(page)
    assert soup.select_one(".follow-description").get_text() == "«unge» · Bevægelse: Mestring"
    # Order, sort and paging are how results are shown, not what is followed.
    assert soup.select_one("input[name=query]")["value"] == "q=unge&movement=mestring"
    assert soup.select_one("#frequency-weekly").has_attr("checked")

    response = client.post(FOLLOW, {"query": "q=unge&movement=mestring", "frequency": "daily"})
    assert response.status_code == 302 and response["Location"] == LIST
    saved = SavedSearch.objects.get(user=user)
    assert (saved.query_string, saved.frequency) == ("q=unge&movement=mestring", "daily")
    # The first digest covers what comes after saving, from the next period on.
    assert saved.last_period == period_of(Frequency.DAILY, saved.created_at)

    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "no-store" in listing["Cache-Control"]
    text = _soup(listing).select_one(".saved-searches").get_text(" ")
    assert "«unge» · Bevægelse: Mestring" in text and "dagligt" in text
    assert "Søgningen er gemt" in _soup(listing).select_one(".messages").get_text()


def test_the_same_search_saved_twice_is_one_search_with_the_new_frequency(client, make_user):
    user = make_user("fagperson")
    client.force_login(user)
    client.post(
        FOLLOW, {"query": "movement=mestring&region=region-midtjylland", "frequency": "daily"}
    )
    client.post(
        FOLLOW, {"query": "region=region-midtjylland&movement=mestring", "frequency": "weekly"}
    )
    assert list(SavedSearch.objects.filter(user=user).values_list("frequency", flat=True)) == [
        "weekly"
    ]
    page = _soup(client.get(FOLLOW, {"region": "region-midtjylland", "movement": "mestring"}))
    assert "Du følger allerede denne søgning" in page.get_text()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"query": "movement=findes-ikke", "frequency": "daily"}, "Ukendt værdi «findes-ikke»."),
        ({"query": "q=" + "x" * 201, "frequency": "daily"}, "Søgeteksten må højst være 200 tegn."),
        ({"query": "q=unge", "frequency": "hver-time"}, "Vælg dagligt eller ugentligt."),
        ({"query": "q=unge"}, "Vælg, hvor ofte du vil have e-mail."),
    ],
)
def test_bad_input_gives_a_danish_message_and_saves_nothing(client, make_user, data, message):
    client.force_login(make_user("fagperson"))
    response = client.post(FOLLOW, data)
    assert response.status_code == 400
    assert message in _alert(response)
    assert not SavedSearch.objects.exists()


def test_an_invalid_search_cannot_be_followed(client, make_user):
    client.force_login(make_user("fagperson"))
    response = client.get(FOLLOW, {"type": "nyhed"})
    assert response.status_code == 400
    assert "Ukendt værdi «nyhed»." in _alert(response)


def test_a_user_follows_at_most_so_many_searches(client, make_user):
    user = make_user("fagperson")
    client.force_login(user)
    SavedSearch.objects.bulk_create(
        SavedSearch(user=user, query_string=f"q=ord{n}") for n in range(MAX_SAVED_SEARCHES)
    )
    response = client.post(FOLLOW, {"query": "q=endnu", "frequency": "weekly"})
    assert response.status_code == 400
    assert f"højst {MAX_SAVED_SEARCHES} søgninger" in _alert(response)
    assert SavedSearch.objects.filter(user=user).count() == MAX_SAVED_SEARCHES


def test_deleting_and_changing_only_ones_own_searches(client, make_user):
    owner, other = make_user("ejer"), make_user("anden")
    mine = SavedSearch.objects.create(user=owner, query_string="q=unge")
    theirs = SavedSearch.objects.create(user=other, query_string="q=unge")
    client.force_login(owner)

    assert client.post(f"{LIST}{theirs.pk}/slet/").status_code == 404
    assert client.post(f"{LIST}{theirs.pk}/", {"frequency": "never"}).status_code == 404
    assert client.post(f"{LIST}{10**30}/slet/").status_code == 404
    assert client.get(f"{LIST}{mine.pk}/slet/").status_code == 405  # only a form deletes

    response = client.post(f"{LIST}{mine.pk}/", {"frequency": "hver-time"})
    assert response.status_code == 302
    assert "Vælg dagligt, ugentligt eller ingen e-mail." in (
        _soup(client.get(LIST)).select_one(".messages").get_text()
    )
    response = client.post(f"{LIST}{mine.pk}/", {"frequency": "never"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.frequency == Frequency.NEVER

    response = client.post(f"{LIST}{mine.pk}/slet/", {"next": "https://evil.example/"})
    assert response["Location"] == LIST  # never away from the site
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()
    assert "«unge» er slettet" in _soup(client.get(LIST)).select_one(".messages").get_text()


def test_starting_emails_again_after_a_pause_tells_only_of_what_comes_next(client, make_user):
    user = make_user("fagperson")
    saved = SavedSearch.objects.create(user=user, query_string="q=unge", frequency="never")
    before = saved.changes_since
    client.force_login(user)
    client.post(f"{LIST}{saved.pk}/", {"frequency": "weekly"})
    saved.refresh_from_db()
    assert saved.frequency == Frequency.WEEKLY and saved.changes_since > before


def test_min_profil_lists_saved_searches_and_deletes_them(client, make_user):
    """Min profil (accounts) shows the section this app registers on its hook."""
    user = make_user("fagperson")
    saved = SavedSearch.objects.create(user=user, query_string="q=skole&type=case")
    client.force_login(user)
    soup = _soup(client.get("/min-profil/"))
    section = soup.select_one('section[aria-labelledby="gemte-soegninger"]')
    assert section.select_one("h2").get_text() == "Gemte søgninger"
    assert soup.select_one('a[href="#gemte-soegninger"]')
    assert "«skole» · Type: Praksiseksempel" in section.get_text()
    assert section.select_one('a[href="/min-profil/soegninger/"]')
    delete = section.select_one(f'form[action="/min-profil/soegninger/{saved.pk}/slet/"]')
    assert delete.select_one("input[name=next]")["value"] == "/min-profil/"

    response = client.post(delete["action"], {"next": "/min-profil/"})
    assert response["Location"] == "/min-profil/"
    assert not SavedSearch.objects.exists()
    assert "Du følger ingen søgninger" in _soup(client.get("/min-profil/")).get_text()
