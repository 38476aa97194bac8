"""The search contract of issue 10, run against every backend: one search over practice
examples, methods and erfa groups; partial matches after full ones; synonyms, compounds and
typos; the type facet; similar documents; members-only material never found."""

import pytest

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, public_cases
from erfa.factories import MeetingFactory, PostFactory
from erfa.models import ErfaGroupPage
from methods.models import public_methods
from search.contract import SearchQuery
from search.sync import rebuild_index, sync_pages

pytestmark = pytest.mark.django_db


def paths(result):
    return [hit.url for hit in result.hits]


def search(backend, text="", **kwargs):
    return backend.search(SearchQuery(text=text, **kwargs))


def _case(body, title=None):
    index = CaseIndexPage.objects.get()
    return CasePageFactory(parent=index, title=title or "Et eksempel", approach=f"<p>{body}</p>")


@pytest.mark.parametrize(
    ("text", "method", "top"),
    [
        ("IPS", "/metoder/ips/", 3),
        ("open dialogue", "/metoder/aaben-dialog/", 3),
        ("netværsmøde", "/metoder/netvaerksmoeder/", 3),
        ("job til psykisk syge", "/metoder/ips/", 3),
    ],
)
def test_the_method_page_is_among_the_first_results(search_index, text, method, top):
    assert method in paths(search(search_index, text))[:top]


def test_ips_finds_the_method_the_cases_and_the_erfa_group(search_index):
    result = search(search_index, "IPS")
    assert "/erfa-grupper/beskaeftigelse-og-ips/" in paths(result)[:5]
    assert {hit.doc_type for hit in result.hits} == {"case", "method", "erfa_group"}


def test_documents_matching_all_words_come_first_but_most_words_still_match(search_index):
    all_three = _case("Kvarkmetoden med zylofonteknik og bævermodellen.")
    two = _case("Kvarkmetoden med zylofonteknik.")
    one = _case("Kvarkmetoden alene.")
    sync_pages([all_three.pk, two.pk, one.pk], backend=search_index)
    result = search(search_index, "kvarkmetoden zylofonteknik bævermodellen")
    found = paths(result)
    assert found[:2] == [all_three.url, two.url]
    assert one.url not in found  # one word of three is not "most of them"


def test_stop_words_are_never_required(search_index):
    case = _case("Kvarkmetoden hjælper borgerne.")
    sync_pages([case.pk], backend=search_index)
    assert case.url in paths(search(search_index, "kvarkmetoden og i til med for"))


def test_synonyms_from_the_editable_list_are_applied(search_index, settings, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("# test\nkvarkbolle, zylofonteknik\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(synonyms)
    case = _case("Vi bruger zylofonteknik i hverdagen.")
    sync_pages([case.pk], backend=search_index)
    assert paths(search(search_index, "kvarkbolle")) == [case.url]
    synonyms.write_text("kvarkbolle, kvarkskum\n", encoding="utf-8")
    assert paths(search(search_index, "kvarkbolle")) == []


def test_the_shipped_synonyms_know_the_fields_words(search_index):
    # "job" and "beskæftigelse" name the same thing in the field.
    found = set(paths(search(search_index, "beskæftigelse", page_size=100)))
    assert "/metoder/ips/" in found
    job = set(paths(search(search_index, "job", page_size=100)))
    assert "/metoder/ips/" in job


def test_a_compound_finds_its_parts_written_apart(search_index):
    case = _case("Et zylofon team rykker ud om natten.")
    sync_pages([case.pk], backend=search_index)
    result = search(search_index, "zylofonteam")
    assert paths(result)[:1] == [case.url]
    assert result.corrected_text == ""  # found as parts, not as a typo


def test_a_misspelt_word_is_corrected_and_said_so(search_index):
    case = _case("Zylofonkvartetten spiller for borgerne.", title="Zylofonkvartetten")
    sync_pages([case.pk], backend=search_index)
    result = search(search_index, "zylofonkvatetten")
    assert case.url in paths(result)
    assert result.corrected_text.startswith("zylofonkvartet")
    exact = search(search_index, "zylofonkvatetten", exact=True)
    assert exact.hits == [] and exact.corrected_text == ""


def test_a_word_the_index_does_not_know_stays_unfound(search_index):
    result = search(search_index, "demens")
    assert result.total == 0 and result.corrected_text == ""


def test_type_facet_counts_every_type_and_filters_disjunctively(search_index):
    result = search(search_index, filters={"type": ("method",)}, page_size=100)
    assert {hit.doc_type for hit in result.hits} == {"method"}
    assert result.total == public_methods().count()
    counts = result.facets["type"]
    assert counts["case"] == public_cases().count()
    assert counts["method"] == public_methods().count()
    assert counts["erfa_group"] == ErfaGroupPage.objects.live().public().count()


def test_methods_carry_the_facets_of_the_cases_that_use_them(search_index):
    ips = public_methods().get(slug="ips")
    regions = {
        region
        for case in public_cases().filter(methods=ips)
        for region in [m.region.slug for m in case.municipalities.all()]
        + [r.slug for r in case.regions.all()]
    }
    assert regions
    for region in regions:
        result = search(search_index, filters={"type": ("method",), "region": (region,)})
        assert ips.url in paths(search(search_index, "ips", filters={"region": (region,)}))
        assert result.total >= 1


def test_similar_documents_are_public_and_never_the_page_itself(search_index):
    case = public_cases().get(slug="silkeborg-rejselaerer")
    similar = search_index.similar(case.pk, limit=5, doc_types=("case",))
    assert 3 <= len(similar) <= 5
    ids = {hit.page_id for hit in similar}
    assert case.pk not in ids
    assert ids <= set(public_cases().values_list("pk", flat=True))


def test_similar_documents_of_a_method_prefer_its_own_subject(search_index):
    ips = public_methods().get(slug="ips")
    similar = search_index.similar(ips.pk, limit=5, doc_types=("case",))
    assert similar and similar[0].url == "/praksiseksempler/f-act-med-kommunal-ips/"


def test_members_only_words_are_never_found(search_index, django_capture_on_commit_callbacks):
    group = ErfaGroupPage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(group=group, body="Hemmeligt ord: kvarkskjult i et indlæg.")
        MeetingFactory(group=group, members_only=True, minutes="Referat: zylofonlukket.")
    rebuild_index(backend=search_index)
    for word in ("kvarkskjult", "zylofonlukket"):
        result = search(search_index, word)
        assert result.total == 0, word
        assert result.corrected_text == "", word
