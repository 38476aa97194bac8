"""The search page /soeg/: server-rendered, complete without JavaScript; one search over
practice examples, methods and erfa groups."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from cases.models import public_cases
from erfa.demo import DEFAULT_DIRECTORY, setup_demo_erfa
from erfa.models import ErfaGroupPage
from methods.models import public_methods
from taxonomy.models import Movement

pytestmark = pytest.mark.django_db

REJSELAERER_URL = "/praksiseksempler/silkeborg-rejselaerer/"
IPS_METHOD_URL = "/metoder/ips/"
IPS_CASE_URL = "/praksiseksempler/f-act-med-kommunal-ips/"
IPS_GROUP_SLUG = "beskaeftigelse-og-ips"
NETWORK_METHOD_URL = "/metoder/netvaerksmoeder/"
TYPE_OF_PATH = {
    "/praksiseksempler/": "Praksiseksempel",
    "/metoder/": "Metode",
    "/erfa-grupper/": "Erfa-gruppe",
}


@pytest.fixture
def erfa_groups(db):
    """The erfa groups of fixtures/erfa (public descriptions only, no demo members); request it
    before `search_index` so the index holds them."""
    _, groups = setup_demo_erfa(DEFAULT_DIRECTORY, with_demo_data=False)
    return groups


def _page(client, params=None, status=200, path="/soeg/"):
    response = client.get(path, params or {})
    assert response.status_code == status, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def _text(element):
    return " ".join(element.get_text(" ").split())


def _flat(element):
    """The text as read aloud: inline pieces joined without extra spaces."""
    return " ".join(element.get_text("").split())


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


def _count(soup):
    match = re.match(r"^(\d+) resultat(er)?\b", _status(soup))
    assert match, _status(soup)
    return int(match.group(1))


def _results(number):
    return f"{number} resultat{'' if number == 1 else 'er'}"


def _hits(soup):
    """[(type label, title, url)] of the hits shown, in order."""
    hits = []
    for hit in soup.select(".search-hit"):
        link = hit.h3.a
        label = hit.h3.select_one(".hit-type")
        hits.append((_flat(label).rstrip(":") if label else "", _text(link), link["href"]))
    return hits


def _query(url):
    return parse_qs(urlsplit(url).query)


def _mestring_case_count():
    return public_cases().filter(movements__slug="mestring").distinct().count()


def _public_groups():
    return ErfaGroupPage.objects.live().public()


def _everything():
    return public_cases().count() + public_methods().count() + _public_groups().count()


def test_search_page_offers_text_sort_and_facets(client, erfa_groups, search_index):
    soup = _page(client)
    assert _text(soup.h1) == "Søg i Praksisbanken"
    assert _text(soup.title) == "Søg i Praksisbanken · Praksisbanken"
    form = soup.select_one("form[data-search-form]")
    assert form["method"] == "get" and form["action"] == "/soeg/"
    assert form.select_one("[role=search]")["aria-label"] == "Søg i Praksisbanken"
    field = form.select_one("input[name=q]")
    # The heading is the field's label.
    assert _text(soup.h1.find("label", attrs={"for": field["id"]})) == "Søg i Praksisbanken"
    assert [_text(o) for o in form.select("select[name=sort] option")] == [
        "Relevans",
        "Nyeste",
        "Titel (A–Å)",
    ]
    assert {_text(b) for b in form.select("button[type=submit]")} == {"Søg", "Opdater"}
    legends = [_text(f.legend) for f in form.select("fieldset")]
    assert legends[:3] == ["Type", "Bevægelse", "Udfordring"]
    assert "Kommune" in legends and "Status" in legends
    assert _checkboxes(_fieldset(soup, "Type")) == {
        "case": (f"Praksiseksempel ({public_cases().count()})", False),
        "method": (f"Metode ({public_methods().count()})", False),
        "erfa_group": (f"Erfa-gruppe ({_public_groups().count()})", False),
    }
    assert _public_groups().count() > 0
    movements = _checkboxes(_fieldset(soup, "Bevægelse"))
    assert set(movements) == set(Movement.objects.values_list("slug", flat=True))
    # Every practice example, method and erfa group is found, and counted as "resultater".
    assert _status(soup) == _results(_everything())
    assert len(soup.select(".search-hit")) == 20
    assert _robots(soup) is None
    assert soup.select_one('script[src$="js/search.js"]').has_attr("defer")
    assert soup.select_one('script[src$="js/typeahead.js"]').has_attr("defer")
    assert field.has_attr("data-typeahead") and field["autocomplete"] == "off"


def test_every_hit_shows_its_type_before_the_title(client, erfa_groups, search_index):
    soup = _page(client, {"page_size": "100"})
    hits = _hits(soup)
    assert len(hits) == _everything()
    for label, title, url in hits:
        expected = next(name for prefix, name in TYPE_OF_PATH.items() if url.startswith(prefix))
        assert label == expected, (title, url)
    assert {label for label, _, _ in hits} == {"Praksiseksempel", "Metode", "Erfa-gruppe"}
    # Read before the title, as part of the heading; the link itself is the title only.
    first = soup.select_one(".search-hit h3")
    assert _flat(first) == f"{hits[0][0]}: {hits[0][1]}"
    assert _text(first.a) == hits[0][1]


def test_ips_finds_the_method_the_case_and_the_erfa_group(client, erfa_groups, search_index):
    group_url = _public_groups().get(slug=IPS_GROUP_SLUG).url
    hits = _hits(_page(client, {"q": "IPS"}))
    by_url = {url: label for label, _, url in hits}
    assert by_url.get(IPS_METHOD_URL) == "Metode"
    assert by_url.get(IPS_CASE_URL) == "Praksiseksempel"
    assert by_url.get(group_url) == "Erfa-gruppe"
    assert IPS_METHOD_URL in [url for _, _, url in hits[:3]]


def test_type_facet_filters_by_type(client, erfa_groups, search_index):
    soup = _page(client, {"type": "method"})
    assert _status(soup) == _results(public_methods().count())
    assert {label for label, _, _ in _hits(soup)} == {"Metode"}
    boxes = _checkboxes(_fieldset(soup, "Type"))
    # Disjunctive: the other types keep their counts and can be added.
    assert boxes["method"] == (f"Metode ({public_methods().count()})", True)
    assert boxes["case"] == (f"Praksiseksempel ({public_cases().count()})", False)
    assert [_text(chip) for chip in soup.select("a.chip")] == ["Fjern filter: Metode ×"]
    assert _robots(soup) == "noindex"

    both = _page(client, {"type": ["method", "erfa_group"], "page_size": "100"})
    assert _count(both) == public_methods().count() + _public_groups().count()
    assert {label for label, _, _ in _hits(both)} == {"Metode", "Erfa-gruppe"}


def test_municipality_facet_lists_only_values_with_cases(client, search_index):
    soup = _page(client, {"type": "case"})
    fieldset = _fieldset(soup, "Kommune")
    boxes = _checkboxes(fieldset)
    with_cases = set(
        public_cases()
        .values_list("municipalities__slug", flat=True)
        .exclude(municipalities__slug=None)
    )
    assert set(boxes) == with_cases
    details = fieldset.find_parent("details", class_="facet-details")
    assert details is not None and not details.has_attr("open")

    soup = _page(client, {"municipality": "silkeborg"})
    details = _fieldset(soup, "Kommune").find_parent("details", class_="facet-details")
    assert details.has_attr("open")
    assert "(1 valgt)" in _text(details.summary)


def test_filtered_page_checks_the_value_and_shows_a_removable_chip(client, search_index):
    soup = _page(client, {"movement": "mestring", "type": "case", "q": "", "sort": "title"})
    count = _mestring_case_count()
    assert _status(soup) == _results(count)
    assert len(soup.select(".search-hit")) == count
    label, checked = _checkboxes(_fieldset(soup, "Bevægelse"))["mestring"]
    assert checked and label == f"Mestring ({count})"
    assert _robots(soup) == "noindex"
    assert soup.select_one("select[name=sort] option[selected]")["value"] == "title"

    chips = soup.select("a.chip")
    assert [_text(chip) for chip in chips] == [
        "Fjern filter: Praksiseksempel ×",
        "Fjern filter: Mestring ×",
    ]
    hidden = chips[1].select_one(".visually-hidden")
    assert _text(hidden) == "Fjern filter:"
    assert _query(chips[1]["href"]) == {"type": ["case"], "sort": ["title"]}
    clear = soup.find("a", string="Ryd alle filtre")
    assert _query(clear["href"]) == {"sort": ["title"]}

    after = _page(client, _query(chips[1]["href"]))
    assert _status(after) == _results(public_cases().count())
    assert [_text(chip) for chip in after.select("a.chip")] == ["Fjern filter: Praksiseksempel ×"]


def test_filters_sit_behind_a_disclosure_with_the_chips_above_the_results(client, search_index):
    soup = _page(client)
    disclosure = soup.select_one("details.search-filters")
    assert _text(disclosure.summary) == "Filtrér"
    # Closed in the HTML: a phone shows the results first (search.js opens it on wide screens).
    assert not disclosure.has_attr("open")
    assert disclosure.select("fieldset input[type=checkbox]")
    assert disclosure.select_one("button[type=submit]") is not None

    soup = _page(client, {"movement": ["mestring", "tidlig-opsporing"], "type": "case"})
    disclosure = soup.select_one("details.search-filters")
    assert _text(disclosure.summary) == "Filtrér (3 valgt)"
    chips = soup.select_one(".chips")
    assert chips.find_parent("details") is None
    assert chips.find_next("ol", class_="search-hits") is not None  # the chips come first


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
    assert _status(soup) == _results(_everything())
    assert not soup.select(".search-hit")
    assert "Siden findes ikke" in _text(soup)
    assert soup.find("a", string="Gå til første side")["href"] == "/soeg/"


def test_misspelt_word_is_corrected_with_a_way_back(client, erfa_groups, search_index):
    soup = _page(client, {"q": "netværsmøde"})
    line = soup.select_one(".search-correction")
    assert line is not None, "no spelling correction shown"
    corrected = _text(line.strong)
    assert re.fullmatch(r"netværksmøder?", corrected), corrected
    assert _text(line) == f"Viser resultater for {corrected} · Søg i stedet efter netværsmøde"
    assert _query(line.a["href"]) == {"q": ["netværsmøde"], "exact": ["1"]}
    assert _status(soup).endswith(f"for «{corrected}»") and _count(soup) > 0
    assert NETWORK_METHOD_URL in [url for _, _, url in _hits(soup)[:3]]
    # The field keeps what the user typed.
    assert soup.select_one("#search-q")["value"] == "netværsmøde"
    assert _robots(soup) == "noindex"

    exact = _page(client, _query(line.a["href"]))
    assert exact.select_one(".search-correction") is None
    assert exact.select_one("#search-q")["value"] == "netværsmøde"
    # The choice survives a filter change: the form carries it.
    assert exact.select_one("input[type=hidden][name=exact]")["value"] == "1"
    assert _robots(exact) == "noindex"


def test_misspelt_rejselaerer_finds_the_case(client, search_index):
    soup = _page(client, {"q": "rejselæer"})
    assert _text(soup.select_one(".search-correction strong")).startswith("rejselærer")
    assert _hits(soup)[0][2] == REJSELAERER_URL


def test_words_as_typed_with_no_match_offer_the_correction(client, search_index):
    soup = _page(client, {"q": "recovry", "exact": "1"})
    assert _count(soup) == 0
    empty = soup.select_one(".empty-state")
    assert _text(empty.h2) == "Ingen resultater for «recovry»"
    suggestion = empty.select_one(".zero-suggestion")
    assert suggestion is not None, "no 'Mente du' on the zero-result page"
    assert _flat(suggestion) == "Mente du recovery?"
    assert _query(suggestion.a["href"]) == {"q": [_text(suggestion.a)]}
    assert _count(_page(client, _query(suggestion.a["href"]))) > 0


def test_zero_result_page_helps(client, search_index):
    soup = _page(client, {"q": "zzqxvw", "movement": "mestring"})
    assert _status(soup) == "0 resultater for «zzqxvw»"
    empty = soup.select_one(".empty-state")
    assert _text(empty.h2) == "Ingen resultater for «zzqxvw»"
    hrefs = {a["href"] for a in empty.select("a")}
    assert "/praksiseksempler/" in hrefs and "/metoder/" in hrefs
    assert "/soeg/?q=zzqxvw" in hrefs  # ryd alle filtre
    assert {m.get_absolute_url() for m in Movement.objects.all()} <= hrefs
    assert "stavningen" in _text(empty)
    assert empty.find("a", string="Del et eksempel")["href"] == "/del-et-eksempel/"
    # Nothing is offered that would find nothing either.
    assert empty.select_one(".zero-drop") is None
    assert empty.select_one(".zero-methods") is None
    # The selected value stays listed, with its zero count, so it can be removed.
    assert _checkboxes(_fieldset(soup, "Bevægelse"))["mestring"] == ("Mestring (0)", True)


def test_zero_results_offer_related_methods_and_the_broadest_filter_to_drop(
    client, erfa_groups, search_index
):
    # Erfa groups have no status, so this finds nothing; each filter alone would find something.
    params = {"q": "IPS", "type": "erfa_group", "status": "i-drift"}
    soup = _page(client, params)
    assert _count(soup) == 0
    empty = soup.select_one(".empty-state")

    methods = [a["href"] for a in empty.select(".zero-methods a")]
    assert IPS_METHOD_URL in methods
    assert all(url.startswith("/metoder/") for url in methods)

    totals = {}
    for key in ("type", "status"):
        without = {k: v for k, v in params.items() if k != key}
        totals[key] = _count(_page(client, without))
    broadest = max(totals, key=totals.get)
    assert totals[broadest] > 0
    drop = empty.select_one(".zero-drop")
    assert drop is not None, "no filter to drop offered"
    expected_label = {"type": "Type (Erfa-gruppe)", "status": "Status (I drift)"}[broadest]
    assert _text(drop) == f"Uden filteret {expected_label}: se {_results(totals[broadest])}"
    target = _query(drop.a["href"])
    assert broadest not in target and target["q"] == ["IPS"]
    assert _count(_page(client, target)) == totals[broadest]
    assert empty.find("a", string="Del et eksempel")["href"] == "/del-et-eksempel/"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "Side: Sidetallet skal være et helt tal."),
        ({"page": "0"}, "Side: Sidetallet skal være mindst 1."),
        ({"page_size": "10000"}, "Antal pr. side: Antal pr. side må højst være 100."),
        ({"movement": "findes-ikke"}, "Bevægelse: Ukendt værdi «findes-ikke»."),
        ({"sort": "pris"}, "Sortering: Ukendt sortering «pris»."),
        ({"type": "video"}, "Type: Ukendt værdi «video»."),
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


def test_search_unavailable_renders_503(client, unreachable_search):
    response = client.get("/soeg/", {"q": "mestring"})
    assert response.status_code == 503
    # A proxy or crawler is told when to come back and keeps no copy of the outage.
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    soup = _page(client, {"q": "mestring"}, status=503)
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


def _similar(soup):
    section = soup.select_one("section.similar")
    if section is None:
        return None
    return _text(section.h2), [a["href"] for a in section.select("h3 a")]


@pytest.mark.parametrize("path", [REJSELAERER_URL, IPS_METHOD_URL])
def test_case_and_method_pages_show_similar_practice_examples(client, search_index, path):
    similar = _similar(_page(client, path=path))
    assert similar is not None, f"no similar block on {path}"
    heading, urls = similar
    assert heading == "Lignende praksiseksempler"
    assert 3 <= len(urls) <= 5
    assert path not in urls
    assert len(set(urls)) == len(urls)
    public = {case.url for case in public_cases()}
    assert set(urls) <= public


def test_similar_block_is_left_out_when_search_is_unavailable(client, unreachable_search):
    soup = _page(client, path=REJSELAERER_URL)
    assert _text(soup.h1) == "Rejselærer i folkeskolen"
    assert _similar(soup) is None
