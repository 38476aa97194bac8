"""Sammenlign: 2–4 practice examples side by side at a stable URL, with the differences shown
in words and type, not by colour alone; picked without JavaScript from search results, case
cards and case pages."""

import pytest
from bs4 import BeautifulSoup

from cases.models import CaseIndexPage, CasePage

pytestmark = pytest.mark.django_db


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def _page(client, query, status=200):
    response = client.get(f"/sammenlign/?{query}")
    assert response.status_code == status, response.content.decode()[:1500]
    return _soup(response)


def _ids(cases):
    return ",".join(str(case.pk) for case in cases)


def _row(soup, key):
    return soup.select_one(f'tr[data-row="{key}"]')


def _cells(row):
    return [" ".join(td.get_text(" ").split()) for td in row.select("td")]


def test_three_cases_side_by_side_in_a_real_table(client, trio):
    soup = _page(client, f"ids={_ids(trio)}")
    table = soup.select_one("table.compare-table")
    assert table.caption.get_text() == "Sammenligning af 3 praksiseksempler"
    headers = table.select('thead th[scope="col"]')
    assert [h.a.get_text() for h in headers] == [case.title for case in trio]
    assert [h.a["href"] for h in headers] == [case.url for case in trio]
    row_headers = [
        " ".join(th.find(string=True, recursive=False).split())
        for th in table.select('tbody th[scope="row"]')
    ]
    assert row_headers == [
        "Kommune eller region",
        "Status",
        "Evidens",
        "Årlig udgift",
        "Målgrupper",
        "Metoder",
        "Kontaktorganisation",
        "Formål og baggrund",
        "Målgruppe",
        "Indsatsen og organiseringen",
        "Resultater og erfaringer",
        "Økonomi",
        "Senest bekræftet",
        "Kilder",
    ]
    assert [th.get_text() for th in table.select('th[scope="rowgroup"]')] == [
        "Fakta",
        "De fem vidensdimensioner",
        "Kilder og aktualitet",
    ]
    assert _cells(_row(soup, "status")) == ["Pilot (siden 2021)", "Pilot (siden 2019)", "I drift"]
    assert _cells(_row(soup, "purpose")) == [
        "Formålet med det første.",
        "Ikke oplyst",
        "Ikke oplyst",
    ]
    assert _cells(_row(soup, "economy"))[1] == "Økonomien i det andet."
    assert "kilde-" in _cells(_row(soup, "sources"))[0]
    assert _cells(_row(soup, "last_confirmed"))[0].startswith("1. januar 2025")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_differences_are_marked_in_words_and_bold_not_colour_alone(client, trio):
    soup = _page(client, f"ids={_ids(trio)}")

    def badge(key):
        found = _row(soup, key).select_one(".compare-badge")
        return found.get_text() if found else None

    assert badge("status") == "Forskellig"  # pilot, pilot, i drift
    assert badge("target_groups") == "Forskellig"
    assert badge("methods") == "Forskellig"
    assert badge("contact_organisation") == "Forskellig"
    assert badge("evidence") == "Ens"
    assert badge("cost_band") == "Ens"
    assert badge("purpose") is None  # texts are shown, not compared
    assert "4 rækker" in soup.select_one(".compare-intro").get_text()

    target_groups = _row(soup, "target_groups").select("td")
    shared = target_groups[0].select("li")[0]
    only_here = target_groups[0].select("li")[1]
    assert "compare-unique" not in (shared.get("class") or [])
    assert "compare-unique" in only_here["class"]
    assert "(kun hos nogle)" in only_here.get_text()
    assert "(kun hos nogle)" not in shared.get_text()


def test_only_published_methods_are_listed(client, trio):
    methods = _cells(_row(_page(client, f"ids={_ids(trio)}"), "methods"))
    assert "Fælles testmetode" in methods[0] and "Kladdemetode" not in methods[0]
    assert methods[2] == "Ikke oplyst"


def test_the_url_is_the_selection_in_either_form_and_keeps_the_order(client, trio):
    a, b, c = trio
    comma = _page(client, f"ids={c.pk},{a.pk},{b.pk}")
    repeated = _page(client, f"ids={c.pk}&ids={a.pk}&ids={b.pk}")
    assert str(comma.select_one("table")) == str(repeated.select_one("table"))
    assert [h.a.get_text() for h in comma.select('thead th[scope="col"]')] == [
        c.title,
        a.title,
        b.title,
    ]
    share = comma.select_one("#compare-share-url")["value"]
    assert share == f"http://testserver/sammenlign/?ids={c.pk},{a.pk},{b.pk}"
    assert repeated.select_one("#compare-share-url")["value"] == share


def test_removing_a_case_is_a_link_to_the_smaller_selection(client, trio):
    a, b, c = trio
    soup = _page(client, f"ids={_ids(trio)}")
    removes = [link["href"] for link in soup.select(".compare-remove")]
    assert removes == [
        f"/sammenlign/?ids={b.pk},{c.pk}",
        f"/sammenlign/?ids={a.pk},{c.pk}",
        f"/sammenlign/?ids={a.pk},{b.pk}",
    ]


def test_one_case_is_a_start_with_a_way_to_add_more(client, trio, search_index):
    first = trio[0]
    soup = _page(client, f"ids={first.pk}")
    assert soup.select_one("table") is None
    assert "Vælg mindst ét praksiseksempel mere." in soup.get_text()
    form = soup.select_one(".compare-add form")
    assert form["method"] == "get" and form["action"] == "/sammenlign/"
    assert form.select_one('input[name="ids"]')["value"] == str(first.pk)

    soup = _page(client, f"ids={first.pk}&q=rejselærer")
    rejse = CasePage.objects.get(slug="silkeborg-rejselaerer")
    add = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".compare-add-link")}
    assert add[f"Tilføj {rejse.title}"] == f"/sammenlign/?ids={first.pk},{rejse.pk}"


def test_nothing_chosen_explains_how(client):
    soup = _page(client, "")
    assert "Vælg 2–4 praksiseksempler" in soup.select_one(".compare-intro").get_text()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ids={a}&ids=999999", "Der er intet offentligt praksiseksempel med nr. 999999."),
        ("ids={a},{a}", "Praksiseksempel nr. {a} er valgt mere end én gang."),
        ("ids={a},{unpublished}", "Der er intet offentligt praksiseksempel med nr. {unpublished}."),
        ("ids={a},{restricted}", "Der er intet offentligt praksiseksempel med nr. {restricted}."),
        ("ids={a},{method}", "Der er intet offentligt praksiseksempel med nr. {method}."),
        (
            "ids={a},{b},{c},1,2",
            "Du kan sammenligne højst 4 praksiseksempler ad gangen; der er valgt 5.",
        ),
        ("ids={a},abc", "«abc» er ikke et nummer på et praksiseksempel."),
        (
            "ids={a},-3,1.5,0x1f,٣",
            "«-3», «1.5», «0x1f» og 1 til er ikke numre på praksiseksempler.",
        ),
        (
            "ids={a},99999999999999999999",
            "«99999999999999999999» er ikke et nummer på et praksiseksempel.",
        ),
        ("ids={a},%00", "«\x00» er ikke et nummer på et praksiseksempel."),
    ],
    ids=[
        "unknown",
        "duplicate",
        "unpublished",
        "members-only",
        "not-a-case",
        "more-than-four",
        "garbage",
        "garbage-list",
        "overflow",
        "nul",
    ],
)
def test_bad_input_gives_a_danish_message_never_a_500(client, trio, bad_pages, query, message):
    values = {"a": trio[0].pk, "b": trio[1].pk, "c": trio[2].pk, **bad_pages}
    response = client.get("/sammenlign/?" + query.format(**values))
    assert response.status_code == 400
    soup = _soup(response)
    alert = soup.select_one("[role=alert]")
    assert message.format(**values) in alert.get_text()
    assert soup.select_one("table") is None
    # The valid part is one click away.
    assert alert.select_one("a")["href"].startswith(f"/sammenlign/?ids={trio[0].pk}")


@pytest.fixture
def bad_pages(trio):
    from wagtail.models import PageViewRestriction

    from cases.factories import CasePageFactory
    from methods.models import MethodPage

    index = CaseIndexPage.objects.get()
    unpublished = CasePageFactory(parent=index, title="Kladde", live=False)
    restricted = CasePageFactory(parent=index, title="Kun for medlemmer")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    return {
        "unpublished": unpublished.pk,
        "restricted": restricted.pk,
        "method": MethodPage.objects.live().first().pk,
    }


def test_an_unpublished_case_and_an_unknown_id_read_the_same(client, trio, bad_pages):
    """The answer never tells that a hidden page exists."""
    hidden = client.get(f"/sammenlign/?ids={trio[0].pk},{bad_pages['restricted']}")
    unknown = client.get(f"/sammenlign/?ids={trio[0].pk},987654")
    assert hidden.content.decode().replace(str(bad_pages["restricted"]), "N") == (
        unknown.content.decode().replace("987654", "N")
    )


def test_case_cards_carry_a_compare_checkbox_of_the_one_compare_form(client, trio):
    soup = _soup(client.get("/praksiseksempler/"))
    tray = soup.select_one("form#sammenlign-valg")
    assert tray["method"] == "get" and tray["action"] == "/sammenlign/"
    boxes = soup.select('.case-card input[type="checkbox"][name="ids"]')
    assert boxes and all(box["form"] == "sammenlign-valg" for box in boxes)
    labels = [" ".join(box.parent.get_text(" ").split()) for box in boxes]
    assert f"Sammenlign {trio[0].title}" in labels


def test_a_case_page_starts_a_comparison_with_itself(client, trio):
    soup = _soup(client.get(trio[0].url))
    form = soup.select_one("form.compare-start")
    assert form["action"] == "/sammenlign/" and form["method"] == "get"
    assert form.select_one('input[name="ids"]')["value"] == str(trio[0].pk)
    assert form.button.get_text() == "Sammenlign med andre praksiseksempler"


def test_search_results_offer_the_checkbox_for_cases_only(client, search_index):
    soup = _soup(client.get("/soeg/", {"q": "ips"}))
    hits = soup.select(".search-hit")
    assert {hit["class"][1] for hit in hits} >= {"search-hit-case", "search-hit-method"}
    for hit in hits:
        box = hit.select_one('input[name="ids"]')
        if "search-hit-case" in hit["class"]:
            assert box is not None and box["form"] == "sammenlign-valg"
        else:
            assert box is None
    # The checkboxes belong to the compare form, which is not inside the search form:
    # submitting the search never sends them, and ticking one submits nothing by itself.
    tray = soup.select_one("form#sammenlign-valg")
    assert tray.find_parent("form") is None
    assert tray.find_parent("main") is not None


def test_a_bad_search_for_more_cases_is_a_danish_message(client, trio, search_index):
    response = client.get("/sammenlign/", {"ids": trio[0].pk, "q": "x" * 201})
    assert response.status_code == 400
    assert (
        "Søgeteksten må højst være 200 tegn."
        in _soup(response).select_one("#compare-add-error").get_text()
    )


def test_the_comparison_works_while_the_search_is_down(client, trio, unreachable_search):
    soup = _page(client, f"ids={_ids(trio)}&q=unge")
    assert len(soup.select('thead th[scope="col"]')) == 3
    assert "Søgningen er midlertidigt utilgængelig" in soup.select_one(".compare-add").get_text()


def test_links_that_build_comparisons_are_not_for_crawlers(client, trio, search_index):
    soup = _page(client, f"ids={trio[0].pk},{trio[1].pk}")
    links = soup.select(".compare-remove") + soup.select(".compare-add-link")
    assert links and all(link["rel"] == ["nofollow"] for link in links)
