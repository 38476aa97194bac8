"""The search page /soeg/: server-rendered, complete without JavaScript."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from cases.models import public_cases
from search.backends import reset_backends
from taxonomy.models import Movement

pytestmark = pytest.mark.django_db

REJSELAERER_URL = "/praksiseksempler/silkeborg-rejselaerer/"


def _page(client, params=None, status=200):
    response = client.get("/soeg/", params or {})
    assert response.status_code == status, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def _text(element):
    return " ".join(element.get_text(" ").split())


def _fieldset(soup, legend):
    for fieldset in soup.select("fieldset"):
        if _text(fieldset.legend) == legend:
            return fieldset
    raise AssertionError(f"no fieldset {legend!r}")


def _checkboxes(fieldset):
    """{value: (label text, checked)}"""
    boxes = {}
    for box in fieldset.select("input[type=checkbox]"):
        label = fieldset.find("label", attrs={"for": box["id"]})
        boxes[box["value"]] = (_text(label), box.has_attr("checked"))
    return boxes


def _robots(soup):
    meta = soup.find("meta", attrs={"name": "robots"})
    return meta["content"] if meta else None


def _status(soup):
    return _text(soup.find(attrs={"role": "status"}))


def _mestring_count():
    return public_cases().filter(movements__slug="mestring").distinct().count()


def test_search_page_offers_text_sort_and_facets(client, search_index):
    soup = _page(client)
    form = soup.select_one("form[data-search-form]")
    assert form["method"] == "get" and form["action"] == "/soeg/"
    field = form.select_one("input[name=q]")
    assert _text(form.find("label", attrs={"for": field["id"]})) == "Søg i praksiseksempler"
    assert [_text(o) for o in form.select("select[name=sort] option")] == [
        "Relevans",
        "Nyeste",
        "Titel (A–Å)",
    ]
    assert {_text(b) for b in form.select("button[type=submit]")} == {"Søg", "Opdater"}
    legends = [_text(f.legend) for f in form.select("fieldset")]
    assert legends[:2] == ["Bevægelse", "Udfordring"]
    assert "Kommune" in legends and "Status" in legends
    movements = _checkboxes(_fieldset(soup, "Bevægelse"))
    for movement in Movement.objects.all():
        count = public_cases().filter(movements=movement).distinct().count()
        assert movements[movement.slug] == (f"{movement.name} ({count})", False)
    total = public_cases().count()
    assert _status(soup) == f"{total} praksiseksempler"
    assert len(soup.select(".search-hit")) == 20
    assert _robots(soup) is None
    assert soup.select_one('script[src$="js/search.js"]').has_attr("defer")


def test_municipality_facet_lists_only_values_with_cases(client, search_index):
    soup = _page(client)
    fieldset = _fieldset(soup, "Kommune")
    boxes = _checkboxes(fieldset)
    with_cases = set(
        public_cases()
        .values_list("municipalities__slug", flat=True)
        .exclude(municipalities__slug=None)
    )
    assert set(boxes) == with_cases
    details = fieldset.find_parent("details")
    assert details is not None and not details.has_attr("open")

    soup = _page(client, {"municipality": "silkeborg"})
    details = _fieldset(soup, "Kommune").find_parent("details")
    assert details.has_attr("open")
    assert "(1 valgt)" in _text(details.summary)


def test_filtered_page_checks_the_value_and_shows_a_removable_chip(client, search_index):
    soup = _page(client, {"movement": "mestring", "q": "", "sort": "title"})
    count = _mestring_count()
    assert _status(soup) == f"{count} praksiseksempl{'el' if count == 1 else 'er'}"
    assert len(soup.select(".search-hit")) == count
    label, checked = _checkboxes(_fieldset(soup, "Bevægelse"))["mestring"]
    assert checked and label == f"Mestring ({count})"
    assert _robots(soup) == "noindex"
    assert soup.select_one("select[name=sort] option[selected]")["value"] == "title"

    chips = soup.select("a.chip")
    assert [_text(chip) for chip in chips] == ["Fjern filter: Mestring ×"]
    hidden = chips[0].select_one(".visually-hidden")
    assert _text(hidden) == "Fjern filter:"
    assert parse_qs(urlsplit(chips[0]["href"]).query) == {"sort": ["title"]}
    clear = soup.find("a", string="Ryd alle filtre")
    assert parse_qs(urlsplit(clear["href"]).query) == {"sort": ["title"]}

    after = _page(client, parse_qs(urlsplit(chips[0]["href"]).query))
    assert _status(after) == f"{public_cases().count()} praksiseksempler"
    assert not after.select("a.chip")


def test_chip_removes_only_its_own_value(client, search_index):
    params = {
        "movement": ["mestring", "tidlig-opsporing"],
        "region": "region-midtjylland",
        "q": "borger",
    }
    soup = _page(client, params)
    chips = {_text(chip): parse_qs(urlsplit(chip["href"]).query) for chip in soup.select("a.chip")}
    assert chips["Fjern filter: Mestring ×"] == {
        "q": ["borger"],
        "movement": ["tidlig-opsporing"],
        "region": ["region-midtjylland"],
    }
    assert chips["Fjern filter: Region Midtjylland ×"] == {
        "q": ["borger"],
        "movement": ["mestring", "tidlig-opsporing"],
    }
    clear = soup.find("a", string="Ryd alle filtre")
    assert parse_qs(urlsplit(clear["href"]).query) == {"q": ["borger"]}


def test_text_query_shows_highlight_and_links(client, search_index):
    soup = _page(client, {"q": "rejselærere"})
    first = soup.select_one(".search-hit")
    assert first.h3.a["href"] == REJSELAERER_URL
    assert first.select_one("mark") is not None
    assert len(first.select("p.summary")) == 1
    assert "Silkeborg Kommune" in _text(first.select_one(".card-orgs"))
    assert _robots(soup) == "noindex"
    assert soup.select_one("#search-q")["value"] == "rejselærere"
    assert "for «rejselærere»" in _status(soup)


def test_summary_and_title_are_escaped(client, search_index):
    soup = _page(client, {"q": "<script>alert(1)</script>"})
    assert soup.find("script", string="alert(1)") is None


def test_pagination_links_keep_every_parameter(client, search_index):
    soup = _page(client, {"q": "borger", "sort": "newest", "page_size": "5", "page": "2"})
    assert _robots(soup) == "noindex"
    nav = soup.select_one("nav.pagination")
    links = nav.select("a")
    assert links, "no pagination"
    for link in links:
        params = parse_qs(urlsplit(link["href"]).query)
        assert params["q"] == ["borger"] and params["sort"] == ["newest"]
        assert params["page_size"] == ["5"]
    current = nav.select_one("a[aria-current=page]")
    assert _text(current) == "Side 2"
    assert parse_qs(urlsplit(nav.find("a", rel="prev")["href"]).query).get("page") is None
    assert parse_qs(urlsplit(nav.find("a", rel="next")["href"]).query)["page"] == ["3"]
    assert soup.select_one("ol.search-hits")["start"] == "6"


def test_page_beyond_the_end_offers_the_first_page(client, search_index):
    soup = _page(client, {"page": "40"})
    assert _status(soup) == f"{public_cases().count()} praksiseksempler"
    assert not soup.select(".search-hit")
    assert "Siden findes ikke" in _text(soup)
    assert soup.find("a", string="Gå til første side")["href"] == "/soeg/"


def test_empty_state_helps(client, search_index):
    soup = _page(client, {"q": "zzqxvw", "movement": "mestring"})
    assert _status(soup).startswith("0 praksiseksempler")
    empty = soup.select_one(".empty-state")
    assert _text(empty.h2) == "Ingen praksiseksempler matcher"
    hrefs = {a["href"] for a in empty.select("a")}
    assert "/praksiseksempler/" in hrefs
    assert "/soeg/?q=zzqxvw" in hrefs  # ryd alle filtre
    assert {m.get_absolute_url() for m in Movement.objects.all()} <= hrefs
    assert "stavningen" in _text(empty)
    # The selected value stays listed, with its zero count, so it can be removed.
    assert _checkboxes(_fieldset(soup, "Bevægelse"))["mestring"] == ("Mestring (0)", True)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "Side: Sidetallet skal være et helt tal."),
        ({"page": "0"}, "Side: Sidetallet skal være mindst 1."),
        ({"page_size": "10000"}, "Antal pr. side: Antal pr. side må højst være 100."),
        ({"movement": "findes-ikke"}, "Bevægelse: Ukendt værdi «findes-ikke»."),
        ({"sort": "pris"}, "Sortering: Ukendt sortering «pris»."),
        ({"q": "x" * 5000}, "Søgetekst: Søgeteksten må højst være 200 tegn."),
    ],
)
def test_bad_parameters_render_400_with_a_danish_message(client, search_index, params, message):
    soup = _page(client, params, status=400)
    alert = soup.select_one("[role=alert]")
    assert message in [_text(li) for li in alert.select("li")]
    assert _robots(soup) == "noindex"
    assert soup.select_one("#search-q") is not None
    assert alert.find("a", string="start en ny søgning")["href"] == "/soeg/"


def test_invalid_text_is_marked_on_the_field(client, search_index):
    soup = _page(client, {"q": "x" * 300}, status=400)
    field = soup.select_one("#search-q")
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "search-errors"


def test_search_unavailable_renders_503(client, settings, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {"path": str(blocker / "index.db")},
    }
    reset_backends()
    try:
        soup = _page(client, {"q": "mestring"}, status=503)
    finally:
        reset_backends()
    assert "Søgningen er midlertidigt utilgængelig" in _text(soup.select_one("[role=alert]"))
    hrefs = {a["href"] for a in soup.select("[role=alert] a")}
    assert {"/praksiseksempler/", "/metoder/"} <= hrefs


def test_header_has_an_accessible_search_form(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/soeg/" and form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert form.find("label", attrs={"for": field["id"]}) is not None
    assert soup.select_one('script[src$="js/search.js"]') is None


def test_search_page_has_no_inline_scripts_or_handlers(client, search_index):
    html = client.get("/soeg/", {"movement": "mestring"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert all(script.has_attr("src") for script in soup.find_all("script"))
    assert not [
        (tag.name, attr)
        for tag in soup.find_all(True)
        for attr in tag.attrs
        if attr.startswith("on")
    ]


def test_highlight_does_not_repeat_the_summary(client, search_index):
    soup = _page(client, {"q": "borgere", "page_size": "50"})
    hits = soup.select(".search-hit")
    assert hits
    for hit in hits:
        summaries = hit.select("p.summary")
        assert len(summaries) == 1
        highlight = hit.select_one("p.highlight")
        if highlight is not None:
            assert _text(highlight) != _text(summaries[0])
