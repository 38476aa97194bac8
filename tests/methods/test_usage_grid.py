"""'Hvor bruges metoden?': the list by region, the picture of all 98 municipalities, the count
over time, the API field, and a query count that does not grow with the number of users."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, CasePage
from methods.factories import MethodAdoptionFactory, MethodPageFactory, make_contributor
from methods.models import MethodIndexPage, MethodPage
from taxonomy.models import Municipality, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def method():
    return MethodPageFactory(parent=MethodIndexPage.objects.get(), title="Metode til kortet")


def municipality(slug):
    return Municipality.objects.get(slug=slug)


def add_case(method, *owners, live=True, **fields):
    case = CasePageFactory(
        parent=CaseIndexPage.objects.get(), municipalities=list(owners), methods=[method], **fields
    )
    if not live:
        case.unpublish()
    return case


def soup_of(client, method):
    response = client.get(method.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def tiles(soup):
    return soup.select(".muni-grid li.muni-tile")


MARKS = {"case": "E", "adoption": "✓", "both": "E✓"}
HIDDEN = {
    "case": "bruger metoden: praksiseksempel",
    "adoption": "bruger metoden: selv registreret",
    "both": "bruger metoden: praksiseksempel og selv registreret",
}


def marks_of(soup):
    """{kommunekode: how} of the municipalities the picture marks as users, checked against the
    visible mark (E = a case, ✓ = recorded by the municipality) AND the hidden text."""
    marked = {}
    for tile in tiles(soup):
        tick = tile.find(class_="muni-tile-mark")
        hidden = tile.find(class_="visually-hidden")
        if tick or hidden:
            how = tile["data-how"]
            assert tick and tick.get_text(strip=True) == MARKS[how]
            assert hidden and hidden.get_text(strip=True) == HIDDEN[how]
            marked[int(tile["data-kommunekode"])] = how
    return marked


def marked_codes(soup):
    return set(marks_of(soup))


def test_picture_shows_all_98_municipalities_in_5_regions(client, method):
    MethodAdoptionFactory(method=method, municipality=municipality("toender"))
    soup = soup_of(client, method)
    groups = soup.select(".muni-grid .muni-region")
    assert [g.find("h4").contents[0].strip() for g in groups] == list(
        Region.objects.order_by("code").values_list("name", flat=True)
    )
    assert len(groups) == 5
    codes = [int(tile["data-kommunekode"]) for tile in tiles(soup)]
    assert len(codes) == 98
    assert set(codes) == set(Municipality.objects.values_list("code", flat=True))
    for group in groups:
        region = Region.objects.get(slug=group["data-region"])
        in_group = {int(li["data-kommunekode"]) for li in group.select("li.muni-tile")}
        assert in_group == set(region.municipalities.values_list("code", flat=True))
    assert marks_of(soup) == {municipality("toender").code: "adoption"}
    assert "Bruges i 1 af 98 kommuner." in soup.get_text()
    assert soup.find(class_="usage-legend")


def test_unused_method_shows_no_empty_picture(client, method):
    soup = soup_of(client, method)
    assert not tiles(soup)
    text = " ".join(soup.get_text().split())
    assert "Ingen kommuner er endnu registreret som brugere af metoden." in text
    assert "Bruges i 0 af 98" not in text


def test_a_regional_case_is_counted_apart_from_the_municipalities(client, method):
    """The issue: «Bruges i 0 af 98 kommuner» beside «1 praksiseksempel bruger metoden» above
    98 empty boxes. A case owned by a region names no municipality, and the page says so."""
    CasePageFactory(
        parent=CaseIndexPage.objects.get(),
        municipalities=[],
        regions=[Region.objects.get(slug="region-hovedstaden")],
        methods=[method],
    )
    soup = soup_of(client, method)
    text = " ".join(soup.get_text().split())
    assert "1 praksiseksempel i Praksisbanken bruger metoden, heraf 1 uden en kommune som ejer" in (
        text
    )
    assert "Ingen kommuner er endnu registreret som brugere af metoden." in text
    assert not tiles(soup)


def test_grid_and_summary_say_whether_a_case_or_a_record_counts(client, method):
    odense, vejle, kolding = municipality("odense"), municipality("vejle"), municipality("kolding")
    add_case(method, odense)
    add_case(method, kolding)
    MethodAdoptionFactory(method=method, municipality=vejle)
    MethodAdoptionFactory(method=method, municipality=kolding)
    soup = soup_of(client, method)
    assert marks_of(soup) == {odense.code: "case", vejle.code: "adoption", kolding.code: "both"}
    text = " ".join(soup.get_text().split())
    assert "Bruges i 3 af 98 kommuner." in text
    assert "2 kommuner med et praksiseksempel i Praksisbanken, der bruger metoden" in text
    assert "2 kommuner, der selv har registreret, at de bruger metoden" in text
    assert "2 praksiseksempler i Praksisbanken bruger metoden." in text


def test_picture_marks_exactly_adopters_and_public_case_owners(client):
    # A method from the real content with public cases, plus two municipalities that say so.
    method = (
        MethodPage.objects.filter(cases__municipalities__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    owners = set(
        Municipality.objects.filter(
            cases__in=CasePage.objects.live().public().filter(methods=method)
        ).values_list("code", flat=True)
    )
    assert owners
    adopters = {municipality("toender"), municipality("bornholm")}
    for adopter in adopters:
        MethodAdoptionFactory(method=method, municipality=adopter)
    expected = owners | {m.code for m in adopters}

    soup = soup_of(client, method)
    assert marked_codes(soup) == expected
    assert f"Bruges i {len(expected)} af 98 kommuner." in soup.get_text()


def test_draft_and_restricted_cases_do_not_count(client, method):
    add_case(method, municipality("aabenraa"), live=False)
    restricted = add_case(method, municipality("vejle"))
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    add_case(method, municipality("odense"))

    soup = soup_of(client, method)
    assert marked_codes(soup) == {municipality("odense").code}
    assert "Bruges i 1 af 98 kommuner." in soup.get_text()


def test_adoption_linked_to_a_case_that_became_a_draft_counts_without_the_link(client, method):
    kolding = municipality("kolding")
    case = add_case(method, kolding, title="Koldings forløb")
    MethodAdoptionFactory(method=method, municipality=kolding, case=case)
    case.unpublish()

    soup = soup_of(client, method)
    assert marked_codes(soup) == {kolding.code}
    assert "Koldings forløb" not in soup.get_text()


def test_list_groups_the_municipalities_by_region(client, method):
    odense, vejle, aalborg = municipality("odense"), municipality("vejle"), municipality("aalborg")
    case = add_case(method, odense, title="Odenses praksis")
    MethodAdoptionFactory(method=method, municipality=vejle, since_year=2017)
    MethodAdoptionFactory(method=method, municipality=aalborg)

    soup = soup_of(client, method)
    listing = soup.select_one(".usage-by-region")
    headings = [h.get_text(strip=True) for h in listing.find_all("h4")]
    assert headings == ["Region Nordjylland", "Region Syddanmark"]
    lists = {ul["data-region"]: ul for ul in listing.find_all("ul")}
    assert [li.a.get_text() for li in lists["region-nordjylland"].find_all("li")] == ["Aalborg"]
    assert [li.a.get_text() for li in lists["region-syddanmark"].find_all("li")] == [
        "Odense",
        "Vejle",
    ]
    odense_item = lists["region-syddanmark"].find(
        "li", attrs={"data-kommunekode": str(odense.code)}
    )
    assert odense_item.find("a", href=case.url, string="Odenses praksis")
    vejle_item = lists["region-syddanmark"].find("li", attrs={"data-kommunekode": str(vejle.code)})
    assert "siden 2017" in vejle_item.get_text()


def test_count_over_time(client, method):
    this_year = timezone.localdate().year
    adopt = MethodAdoptionFactory
    adopt(method=method, municipality=municipality("aarhus"), since_year=2015)
    adopt(method=method, municipality=municipality("randers"), since_year=2015)
    adopt(method=method, municipality=municipality("skive"), since_year=2018)
    # No year given: the linked case's start year, else the year it was recorded.
    viborg = municipality("viborg")
    adopt(method=method, municipality=viborg, case=add_case(method, viborg, start_year=2012))
    adopt(method=method, municipality=municipality("lemvig"))
    # Only a public case, with a start year.
    add_case(method, municipality("holstebro"), start_year=2020)

    soup = soup_of(client, method)
    table = soup.find("table", class_="usage-timeline")
    assert table.caption.get_text(strip=True)
    rows = [
        tuple(int(cell.get_text(strip=True)) for cell in tr.find_all(["th", "td"]))
        for tr in table.tbody.find_all("tr")
    ]
    assert rows == [
        (2012, 1, 1),
        (2015, 2, 3),
        (2018, 1, 4),
        (2020, 1, 5),
        (this_year, 1, 6),
    ]
    bars = [tr.find(class_="usage-bar")["class"] for tr in table.tbody.find_all("tr")]
    assert bars[0] == ["usage-bar", "usage-bar-4"]  # 1 of 6, in 20 steps, rounded up
    assert bars[-1] == ["usage-bar", "usage-bar-20"]


def test_api_lists_the_adopting_municipalities(client, method):
    MethodAdoptionFactory(method=method, municipality=municipality("odense"))
    MethodAdoptionFactory(method=method, municipality=municipality("aalborg"))
    data = client.get(f"/api/v2/pages/{method.pk}/").json()
    assert data["adopted_by"] == ["odense", "aalborg"]  # ordered by kommunekode: 461, 851
    assert data["used_by"] == []


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_method_page_queries_do_not_grow_with_adoptions(client, method, logged_in):
    if logged_in:
        client.force_login(make_contributor("bidragyder", municipality("silkeborg")))
    add_case(method, municipality("odense"))
    client.get(method.url)  # warm up caches that are filled once per process
    with_none = _queries_for(client, method.url)

    index = CaseIndexPage.objects.get()
    for number, adopter in enumerate(Municipality.objects.exclude(slug="silkeborg")[:40]):
        case = None
        if number % 8 == 0:
            case = CasePageFactory(parent=index, municipalities=[adopter], start_year=2010 + number)
        MethodAdoptionFactory(
            method=method, municipality=adopter, case=case, since_year=None if case else 2020
        )
    soup = soup_of(client, method)
    assert len(marked_codes(soup)) == 41
    assert _queries_for(client, method.url) == with_none


def test_many_cases_are_summarised_with_a_link_to_all_of_them_in_the_search(client, method):
    """The page stays small however many cases use the method: 12 cards, 3 links per
    municipality, and the rest one click away in the search, which finds exactly them."""
    odense = municipality("odense")
    cases = [add_case(method, odense, title=f"Odense-forløb nummer {n}") for n in range(14)]
    soup = soup_of(client, method)
    assert len(soup.select(".where-used .card-list li")) == 12
    everything = soup.find(
        "a", string=f"Se alle {len(cases)} praksiseksempler med metoden i søgningen"
    )
    assert everything["href"] == f"/soeg/?method={method.slug}"
    odense_item = soup.select_one(f'.usage-list li[data-kommunekode="{odense.code}"]')
    more = odense_item.find("a", string="og 11 flere")
    assert more["href"] == f"/soeg/?method={method.slug}&municipality=odense"
    assert len(odense_item.find_all("a")) == 1 + 3 + 1  # municipality, three cases, "flere"
