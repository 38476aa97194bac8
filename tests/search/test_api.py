"""GET /api/search/ and /api/search/suggest/ on the real fixtures, through a freshly built index."""

import json

import pytest
from django.db.models import Q

from cases.models import public_cases
from search.contract import FACETS
from taxonomy.models import Movement, Municipality, Region

pytestmark = pytest.mark.django_db

RESULT_KEYS = {
    "type", "title", "url", "summary", "highlight", "organisations", "movements", "challenges",
}  # fmt: skip
# The facet tests below count practice examples: they narrow the search with the type facet.
CASES = {"type": "case"}
REJSELAERER_URL = "/praksiseksempler/silkeborg-rejselaerer/"


def _get(client, params=None, path="/api/search/"):
    response = client.get(path, params or {})
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def _ok(client, params=None):
    response, body = _get(client, params)
    assert response.status_code == 200, body
    return body


def _count(cases):
    return cases.distinct().count()


def _in_region(region):
    return Q(regions=region) | Q(municipalities__region=region)


def _facet(body, key):
    return {item["slug"]: item for item in body["facets"][key]}


def _all_urls(client, params):
    """Every result URL over all pages, in order."""
    urls, page = [], 1
    while True:
        body = _ok(client, {**params, "page": page, "page_size": 7})
        urls += [hit["url"] for hit in body["results"]]
        if not body["results"]:
            return urls, body["total"]
        page += 1


def test_answer_has_the_documented_shape(client, search_index):
    response, body = _get(client, CASES)
    assert response.status_code == 200
    assert set(body) == {
        "query", "corrected_query", "total", "page", "page_size", "results", "facets", "backend",
    }  # fmt: skip
    assert body["query"] == "" and body["corrected_query"] == ""
    assert body["total"] == public_cases().count()
    assert (body["page"], body["page_size"]) == (1, 20)
    assert body["backend"] == search_index.name
    assert len(body["results"]) == 20
    # Only an idea/proposal may have no owner (no source gives one).
    proposals = set(public_cases().filter(status="ide-forslag").values_list("title", flat=True))
    for hit in body["results"]:
        assert set(hit) == RESULT_KEYS
        assert hit["type"] == "case"
        assert hit["url"].startswith("/praksiseksempler/")
        assert hit["organisations"] or hit["title"] in proposals, hit["title"]
        for org in hit["organisations"]:
            assert set(org) == {"slug", "name", "code"}
        assert all(isinstance(slug, str) for slug in hit["movements"] + hit["challenges"])
    assert list(body["facets"]) == list(FACETS)
    for items in body["facets"].values():
        for item in items:
            assert set(item) == {"slug", "label", "count", "selected"}
            assert item["count"] > 0
            assert item["selected"] is (item["slug"] == "case" and items is body["facets"]["type"])
    # Danish letters are sent as themselves, not as \u escapes.
    assert "æ" in response.content.decode() and "\\u00e6" not in response.content.decode()


def test_result_fields_match_the_case(client, search_index):
    body = _ok(client, {"q": "rejselærere"})
    hit = body["results"][0]
    case = public_cases().get(slug="silkeborg-rejselaerer")
    assert hit["title"] == case.title
    assert hit["summary"] == case.summary
    assert {o["slug"] for o in hit["organisations"]} == {
        *case.municipalities.values_list("slug", flat=True),
        *case.regions.values_list("slug", flat=True),
    }
    assert set(hit["movements"]) == set(case.movements.values_list("slug", flat=True))
    assert set(hit["challenges"]) == set(case.challenges.values_list("slug", flat=True))


def test_rejselaerere_finds_silkeborg_first(client, search_index):
    body = _ok(client, {"q": "rejselærere"})
    assert body["query"] == "rejselærere"
    assert body["results"][0]["url"] == REJSELAERER_URL
    assert "<mark>" in body["results"][0]["highlight"]


def test_query_is_echoed_stripped(client, search_index):
    assert _ok(client, {"q": "  rejselærere  "})["query"] == "rejselærere"


def test_no_highlight_markup_without_text(client, search_index):
    body = _ok(client)
    assert all("<mark>" not in hit["highlight"] for hit in body["results"])


def test_movement_filter_counts_every_tagged_case(client, search_index):
    body = _ok(client, {**CASES, "movement": "mestring", "page_size": 100})
    expected = public_cases().filter(movements__slug="mestring")
    assert body["total"] == _count(expected) > 0
    assert {hit["url"] for hit in body["results"]} == {case.url for case in expected}
    assert all("mestring" in hit["movements"] for hit in body["results"])


def test_movement_counts_are_disjunctive(client, search_index):
    body = _ok(client, {**CASES, "movement": "mestring"})
    movements = _facet(body, "movement")
    assert movements["mestring"]["selected"] is True
    for movement in Movement.objects.all():
        expected = _count(public_cases().filter(movements=movement))
        if expected:
            assert movements[movement.slug]["count"] == expected, movement.slug
            assert movements[movement.slug]["selected"] is (movement.slug == "mestring")
        else:
            assert movement.slug not in movements
    # Other facets are narrowed by the movement filter.
    mestring = public_cases().filter(movements__slug="mestring")
    for region in Region.objects.all():
        expected = _count(mestring.filter(_in_region(region)))
        assert _facet(body, "region").get(region.slug, {}).get("count", 0) == expected


def test_two_facets_each_ignore_their_own_filter(client, search_index):
    region = Region.objects.get(slug="region-midtjylland")
    body = _ok(client, {**CASES, "movement": "mestring", "region": region.slug})
    in_region = public_cases().filter(_in_region(region))
    mestring = public_cases().filter(movements__slug="mestring")
    assert body["total"] == _count(in_region.filter(movements__slug="mestring"))
    movements = _facet(body, "movement")
    for movement in Movement.objects.all():
        expected = _count(in_region.filter(movements=movement))
        assert movements.get(movement.slug, {}).get("count", 0) == expected, movement.slug
    regions = _facet(body, "region")
    for other in Region.objects.all():
        expected = _count(mestring.filter(_in_region(other)))
        assert regions.get(other.slug, {}).get("count", 0) == expected, other.slug


def test_or_within_a_facet_and_across_facets(client, search_index):
    both = _ok(client, {**CASES, "movement": ["mestring", "tidlig-opsporing"], "page_size": 100})
    union = public_cases().filter(movements__slug__in=["mestring", "tidlig-opsporing"])
    assert both["total"] == _count(union)
    assert {hit["url"] for hit in both["results"]} == {case.url for case in union.distinct()}
    assert both["total"] > _ok(client, {**CASES, "movement": "mestring"})["total"]

    region = Region.objects.get(slug="region-midtjylland")
    narrowed = _ok(
        client, {**CASES, "movement": ["mestring", "tidlig-opsporing"], "region": region.slug}
    )
    assert narrowed["total"] == _count(union.filter(_in_region(region)))
    assert narrowed["total"] < both["total"]


def test_selected_value_without_hits_stays_listed(client, search_index):
    mestring = public_cases().filter(movements__slug="mestring")
    municipality = (
        Municipality.objects.filter(cases__in=public_cases())
        .exclude(cases__in=mestring)
        .distinct()
        .first()
    )
    assert municipality is not None
    body = _ok(client, {"movement": "mestring", "municipality": municipality.slug})
    assert body["total"] == 0 and body["results"] == []
    assert _facet(body, "movement")["mestring"] == {
        "slug": "mestring",
        "label": "Mestring",
        "count": 0,
        "selected": True,
    }
    assert _facet(body, "municipality")[municipality.slug]["selected"] is True


def test_sort_newest(client, search_index):
    body = _ok(client, {**CASES, "sort": "newest", "page_size": 100})
    published = {case.url: case.first_published_at for case in public_cases()}
    dates = [published[hit["url"]] for hit in body["results"]]
    assert len(dates) == public_cases().count()
    assert dates == sorted(dates, reverse=True)


def test_sort_title(client, search_index):
    body = _ok(client, {"sort": "title", "movement": "tvaersektorielt-samarbejde"})
    titles = [hit["title"] for hit in body["results"]]
    assert len(titles) > 2
    assert titles == sorted(titles, key=str.casefold)


def test_pagination_covers_every_case_once(client, search_index):
    urls, total = _all_urls(client, {**CASES, "sort": "title"})
    assert total == public_cases().count()
    assert len(urls) == len(set(urls)) == total
    body = _ok(client, {"page": 2, "page_size": 7})
    assert (body["page"], body["page_size"], len(body["results"])) == (2, 7, 7)


def test_page_beyond_the_end_is_empty_with_the_real_total(client, search_index):
    body = _ok(client, {**CASES, "page": 50, "movement": "mestring"})
    assert body["results"] == []
    assert body["total"] == _count(public_cases().filter(movements__slug="mestring"))
    assert body["page"] == 50


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"movement": "findes-ikke"}, "movement"),
        ({"type": "nyhed"}, "type"),
        ({"type": ["case", "Praksiseksempel"]}, "type"),
        ({"movement": ["mestring", "findes-ikke"]}, "movement"),
        ({"municipality": "atlantis"}, "municipality"),
        ({"status": "<script>"}, "status"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "99999999999999999999999"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "10000"}, "page_size"),
        ({"page_size": "abc"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"sort": "price"}, "sort"),
        ({"q": "x" * 5000}, "q"),
    ],
)
def test_bad_input_answers_400_naming_the_field(client, search_index, params, field):
    response, body = _get(client, params)
    assert response.status_code == 400
    assert body["field"] == field
    assert isinstance(body["error"], str) and body["error"]
    assert set(body) == {"error", "field"}


def test_error_messages_are_danish(client, search_index):
    assert _get(client, {"page": "abc"})[1]["error"] == "Sidetallet skal være et helt tal."
    assert "Ukendt værdi" in _get(client, {"movement": "findes-ikke"})[1]["error"]
    assert "100" in _get(client, {"page_size": "10000"})[1]["error"]


@pytest.mark.parametrize(
    "q",
    [
        '"rejse',
        "(mestring",
        "mestring)",
        "NEAR(a b)",
        "title:x",
        "a AND OR",
        "AND",
        "*",
        "-",
        "^",
        "rejse*",
        '""',
        "'",
        "\\",
        "%_",
        "mestring\x00\x01\x1f\x7f",
        "\t\n\r",
        "🙂 æøå ÆØÅ",
        "a" * 200,
        " ".join(["ord"] * 45),
    ],
)
def test_fts_syntax_and_odd_text_give_a_valid_answer(client, search_index, q):
    response, body = _get(client, {"q": q})
    assert response.status_code == 200, body
    assert isinstance(body["total"], int)
    assert isinstance(body["results"], list)


def test_operators_are_treated_as_words(client, search_index):
    body = _ok(client, {"q": '"rejselærere'})
    assert body["results"][0]["url"] == REJSELAERER_URL


def test_empty_facet_parameter_is_ignored(client, search_index):
    body = _ok(client, {**CASES, "movement": "", "page": "", "page_size": "", "sort": ""})
    assert body["total"] == public_cases().count()


def test_search_unavailable_answers_503(client, unreachable_search):
    response, body = _get(client, {"q": "mestring"})
    assert response.status_code == 503
    assert body == {"error": "Søgningen er midlertidigt utilgængelig.", "field": None}
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    response, body = _get(client, {"q": "rejsel"}, path="/api/search/suggest/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    assert body["field"] is None


def test_only_get_is_allowed(client, search_index):
    assert client.post("/api/search/").status_code == 405


# --- suggestions ---------------------------------------------------------------------------


def _suggest(client, q):
    response, body = _get(client, {"q": q}, path="/api/search/suggest/")
    assert response.status_code == 200, body
    return body


def test_suggest_finds_a_case_from_its_first_letters(client, search_index):
    body = _suggest(client, "rejsel")
    assert body["query"] == "rejsel"
    case = {"kind": "case", "label": "Rejselærer i folkeskolen", "url": REJSELAERER_URL}
    assert case in body["suggestions"]
    for suggestion in body["suggestions"]:
        assert set(suggestion) == {"kind", "label", "url"}


@pytest.mark.parametrize("q", ["købe", "koebe", "Købe"])
def test_suggest_finds_koebenhavn_with_and_without_oe(client, search_index, q):
    body = _suggest(client, q)
    expected = {
        "kind": "municipality",
        "label": "København Kommune",
        "url": "/kommuner/koebenhavn/",
    }
    assert expected in body["suggestions"]


@pytest.mark.parametrize("q", ["", "r", " r ", "\x00", "*", "()"])
def test_suggest_needs_two_letters(client, search_index, q):
    assert _suggest(client, q)["suggestions"] == []


def test_suggest_rejects_long_text(client, search_index):
    response, body = _get(client, {"q": "x" * 101}, path="/api/search/suggest/")
    assert response.status_code == 400
    assert body["field"] == "q"
    assert _suggest(client, "x" * 100)["suggestions"] == []


def test_head_is_allowed(client, search_index):
    assert client.head("/api/search/", {"movement": "mestring"}).status_code == 200
    assert client.head("/soeg/").status_code == 200


def test_every_type_is_returned_with_its_type_and_url(client, search_index):
    body = _ok(client, {"q": "IPS"})
    by_type = {}
    for hit in body["results"]:
        by_type.setdefault(hit["type"], []).append(hit["url"])
    assert set(by_type) == {"case", "method", "erfa_group"}
    assert all(url.startswith("/metoder/") for url in by_type["method"])
    assert all(url.startswith("/erfa-grupper/") for url in by_type["erfa_group"])
    types = _facet(body, "type")
    assert sum(item["count"] for item in types.values()) == body["total"]


def test_a_corrected_query_is_reported_and_exact_turns_it_off(client, search_index):
    body = _ok(client, {"q": "netværsmøde"})
    assert body["query"] == "netværsmøde"
    assert body["corrected_query"].startswith("netværksmøde")
    assert "/metoder/netvaerksmoeder/" in [hit["url"] for hit in body["results"]][:3]
    exact = _ok(client, {"q": "netværsmøde", "exact": "1"})
    assert exact["corrected_query"] == ""
    assert exact["total"] < body["total"]


def test_status_facet_filters_ideas_and_proposals(client, search_index):
    """«Idé/forslag» is a value of the status facet: offered with its count, and filtering on it
    gives exactly the proposals."""
    body = _ok(client, CASES)
    status = {item["slug"]: item for item in body["facets"]["status"]}
    expected = set(public_cases().filter(status="ide-forslag").values_list("title", flat=True))
    assert status["ide-forslag"]["label"] == "Idé/forslag"
    assert status["ide-forslag"]["count"] == len(expected) >= 3
    only = _ok(client, {**CASES, "status": "ide-forslag"})
    assert {hit["title"] for hit in only["results"]} == expected
