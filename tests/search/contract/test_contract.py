"""The search contract, run against every backend (`search_index` is parametrised).

Behaviour users notice: Danish inflections and æ/ø/å, prefix matching, weighting, facets with
disjunctive counts, sorting, paging, highlighting and suggestions."""

import pytest
from django.db.models import Q

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, CasePage
from search.contract import SearchQuery
from search.sync import sync_pages

pytestmark = pytest.mark.django_db
# Tests that count practice examples narrow the search to them with the type facet.
CASES = {"type": ("case",)}


def slugs(result):
    return [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in result.hits]


def live(**filters):
    return CasePage.objects.live().filter(**filters).distinct()


@pytest.mark.parametrize(
    "text", ["rejselærere", "rejselærer", "Rejselæreren", "rejselaerere", "rejsel", "REJSELÆRER"]
)
def test_inflections_ascii_spelling_and_prefix_find_the_rejselaerer(search_index, text):
    result = search_index.search(SearchQuery(text=text))
    assert slugs(result)[0] == "silkeborg-rejselaerer"


def test_plural_definite_form_finds_the_base_form(search_index):
    result = search_index.search(SearchQuery(text="mestringsforløbene", page_size=100))
    expected = {
        c.slug
        for c in CasePage.objects.live()
        if "mestringsforløb" in (c.title + c.summary + c.purpose + c.approach + c.results).lower()
    }
    assert expected, "the fixtures mention mestringsforløb"
    assert expected <= set(slugs(result))


def test_aa_typed_for_aa_letter(search_index):
    with_letter = search_index.search(SearchQuery(text="socialrådgivere"))
    typed = search_index.search(SearchQuery(text="socialraadgivere"))
    assert slugs(with_letter) == slugs(typed)
    assert "syddjurs-socialraadgivere-i-skolen" in slugs(typed)


def test_title_weighs_more_than_body(search_index):
    index = CaseIndexPage.objects.get()
    in_body = CasePageFactory(parent=index, title="Et eksempel", approach="<p>Kvarkmetoden.</p>")
    in_title = CasePageFactory(parent=index, title="Kvarkmetoden i praksis")
    sync_pages([in_body.pk, in_title.pk], backend=search_index)
    result = search_index.search(SearchQuery(text="kvarkmetoden"))
    assert slugs(result) == [in_title.slug, in_body.slug]


def test_no_match_is_an_empty_result(search_index):
    result = search_index.search(SearchQuery(text="xylofonkvartet"))
    assert result.total == 0 and result.hits == []


def test_movement_filter_counts_every_tagged_case(search_index):
    result = search_index.search(
        SearchQuery(filters={**CASES, "movement": ("mestring",)}, page_size=100)
    )
    assert result.total == live(movements__slug="mestring").count()
    expected = live(movements__slug="mestring").values_list("slug", flat=True)
    assert set(slugs(result)) == set(expected)


def test_counts_are_disjunctive(search_index):
    result = search_index.search(SearchQuery(filters={**CASES, "movement": ("mestring",)}))
    for slug, count in result.facets["movement"].items():
        # The movement facet ignores its own filter: each count is that movement's total.
        assert count == live(movements__slug=slug).count(), slug
    for slug, count in result.facets["challenge"].items():
        # Other facets apply it.
        assert count == live(movements__slug="mestring", challenges__slug=slug).count(), slug


def test_or_within_a_facet_and_across_facets(search_index):
    both = ("mestring", "tidlig-opsporing")
    result = search_index.search(SearchQuery(filters={**CASES, "movement": both}, page_size=100))
    assert result.total == live(movements__slug__in=both).count()
    region = "region-midtjylland"
    result = search_index.search(
        SearchQuery(filters={**CASES, "movement": both, "region": (region,)}, page_size=100)
    )
    expected = live(movements__slug__in=both).filter(
        Q(regions__slug=region) | Q(municipalities__region__slug=region)
    )
    assert set(slugs(result)) == set(expected.values_list("slug", flat=True))
    for slug, count in result.facets["region"].items():
        in_region = Q(regions__slug=slug) | Q(municipalities__region__slug=slug)
        assert count == live(movements__slug__in=both).filter(in_region).count(), slug


def test_text_and_facets_combine(search_index):
    result = search_index.search(
        SearchQuery(text="psykiatri", filters={"region": ("region-hovedstaden",)}, page_size=100)
    )
    everywhere = search_index.search(SearchQuery(text="psykiatri", page_size=100))
    assert 0 < result.total < everywhere.total
    assert result.facets["region"] == everywhere.facets["region"]


def test_unknown_value_within_a_facet_matches_nothing(search_index):
    result = search_index.search(SearchQuery(filters={"movement": ("findes-ikke",)}))
    assert result.total == 0


def test_sort_by_title_is_danish_alphabetical_and_newest_first(search_index):
    index = CaseIndexPage.objects.get()
    made = [
        CasePageFactory(parent=index, title=title, summary="Kvarksortering.")
        for title in ("Åben kvark", "Ærlig kvark", "Zebra kvark", "Ørnens kvark", "abe kvark")
    ]
    sync_pages([case.pk for case in made], backend=search_index)
    by_title = search_index.search(SearchQuery(text="kvarksortering", sort="title"))
    assert [hit.title for hit in by_title.hits] == [
        "abe kvark", "Zebra kvark", "Ærlig kvark", "Ørnens kvark", "Åben kvark",
    ]  # fmt: skip


def test_sort_newest_first(search_index):
    newest = CasePageFactory(parent=CaseIndexPage.objects.get(), title="Allernyeste eksempel")
    sync_pages([newest.pk], backend=search_index)
    assert search_index.search(SearchQuery(sort="newest")).hits[0].title == newest.title


def test_pages_continue_and_beyond_the_end_is_empty(search_index):
    first = search_index.search(SearchQuery(sort="title", page=1, page_size=5))
    second = search_index.search(SearchQuery(sort="title", page=2, page_size=5))
    everything = search_index.search(SearchQuery(sort="title", page_size=10))
    assert slugs(first) + slugs(second) == slugs(everything)
    beyond = search_index.search(SearchQuery(page=999, page_size=5))
    assert beyond.hits == [] and beyond.total == everything.total


def test_highlight_marks_the_matched_words_and_escapes_text(search_index):
    result = search_index.search(SearchQuery(text="rejselærer"))
    assert "<mark>" in result.hits[0].highlight
    case = CasePageFactory(
        parent=CaseIndexPage.objects.get(), summary="<b>Fed</b> kvarkmetoden & mere"
    )
    sync_pages([case.pk], backend=search_index)
    hit = search_index.search(SearchQuery(text="kvarkmetoden")).hits[0]
    assert "<b>" not in hit.highlight
    assert "&lt;b&gt;" in hit.highlight and "<mark>kvarkmetoden</mark>" in hit.highlight


def test_hits_carry_what_the_api_shows(search_index):
    hit = search_index.search(SearchQuery(text="rejselærere")).hits[0]
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    assert hit.title == case.title and hit.summary == case.summary
    assert hit.url == case.url
    assert hit.organisations == [
        {"kind": "municipality", "slug": "silkeborg", "name": "Silkeborg", "code": 740}
    ]
    assert hit.movements == sorted(m.slug for m in case.movements.all())


@pytest.mark.parametrize("text", ["rejsel", "Rejselæ", "rejselae"])
def test_suggestions_from_the_first_letters(search_index, text):
    labels = [s.label for s in search_index.suggest(text)]
    assert "Rejselærer i folkeskolen" in labels
