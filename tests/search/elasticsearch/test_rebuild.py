"""Rebuild: a new versioned index, filled in bulk, then one atomic alias swap, then the old
index deleted, so readers never see an empty or missing index."""

import pytest

from search.analysis import term
from search.contract import SearchUnavailable

from .conftest import ALIAS, LEGACY_ALIAS, LEGACY_INDEX, OLD_INDEX, make_document

NEW_INDEX = rf"/{ALIAS}-\d{{20}}"
# Left by a rebuild that died (recorded/get_indices_alias.json): removed by name pattern.
ORPHAN_INDEX = "praksisbanken-documents-20231215093000000000"


def steps(fake):
    return [(r.method, r.path) for r in fake.requests]


def test_rebuild_creates_fills_swaps_and_deletes_in_that_order(fake):
    progress = []
    docs = (make_document(i) for i in range(1, 1203))  # any iterable: three bulk chunks
    fake.backend.rebuild(docs, total=1202, progress=progress.append)

    new_index = fake.only("PUT", NEW_INDEX).path.lstrip("/")
    assert steps(fake) == [
        ("PUT", f"/{new_index}"),
        ("PUT", f"/{new_index}/_bulk"),
        ("PUT", f"/{new_index}/_bulk"),
        ("PUT", f"/{new_index}/_bulk"),
        ("POST", f"/{new_index}/_refresh"),
        ("GET", f"/_alias/{ALIAS}"),
        ("GET", f"/_alias/{LEGACY_ALIAS}"),
        ("POST", "/_aliases"),
        ("GET", f"/{ALIAS}-*/_alias"),
        ("DELETE", f"/{ORPHAN_INDEX},{OLD_INDEX}"),
    ]
    assert progress == [500, 500, 202]
    bulks = fake.sent("PUT", rf"{NEW_INDEX}/_bulk")
    assert [len(b.body) // 2 for b in bulks] == [500, 500, 202]
    assert bulks[0].body[0] == {"index": {"_id": "1"}}

    # One request moves the alias: remove from the old index and add to the new one.
    swap = fake.only("POST", "/_aliases").body
    assert swap == {
        "actions": [
            {"remove": {"indices": [OLD_INDEX], "alias": ALIAS}},
            {"add": {"index": new_index, "alias": ALIAS}},
        ]
    }


def test_rebuild_reads_a_generator_once_and_counts_its_words_before_creating_the_index(fake):
    docs = (make_document(i, title=f"Akutteam nummer {i}") for i in range(1, 4))
    fake.backend.rebuild(docs)
    created = fake.only("PUT", NEW_INDEX).body
    words = created["settings"]["analysis"]["filter"]["danish_decompounder"]["word_list"]
    # Index terms, stemmed as the index stems them.
    assert {term("akutteam"), term("nummer")} == {"akutteam", "num"} <= set(words)
    bulk = fake.only("PUT", rf"{NEW_INDEX}/_bulk").body
    assert [line["title"] for line in bulk[1::2]] == [
        "Akutteam nummer 1",
        "Akutteam nummer 2",
        "Akutteam nummer 3",
    ]


def test_the_first_rebuild_after_the_rename_drops_the_legacy_case_index_in_the_swap(fake):
    fake.route("GET", rf"/_alias/{ALIAS}", "alias_missing.json", status=404)
    fake.route("HEAD", rf"/{ALIAS}", None, status=404)
    fake.route("GET", rf"/_alias/{LEGACY_ALIAS}", "legacy_get_alias.json")
    fake.backend.rebuild([make_document()])
    new_index = fake.only("PUT", NEW_INDEX).path.lstrip("/")
    # Readers of the old alias keep their index until the new alias exists: one request.
    assert fake.only("POST", "/_aliases").body == {
        "actions": [
            {"remove_index": {"index": LEGACY_INDEX}},
            {"add": {"index": new_index, "alias": ALIAS}},
        ]
    }


def test_index_names_are_versioned_and_distinct(fake):
    fake.backend.rebuild([make_document()])
    fake.backend.rebuild([make_document()])
    first, second = (r.path for r in fake.sent("PUT", NEW_INDEX))
    assert first != second
    assert first.startswith(f"/{ALIAS}-20")


def test_first_rebuild_just_adds_the_alias(fake):
    fake.route("GET", rf"/{ALIAS}-(\*|%2A)/_alias", {})  # no index matches the pattern yet
    fake.route("GET", rf"/_alias/{ALIAS}", "alias_missing.json", status=404)
    fake.route("HEAD", rf"/{ALIAS}", None, status=404)
    fake.backend.rebuild([make_document()])
    new_index = fake.only("PUT", NEW_INDEX).path.lstrip("/")
    assert fake.only("POST", "/_aliases").body == {
        "actions": [{"add": {"index": new_index, "alias": ALIAS}}]
    }
    assert fake.sent("DELETE") == []


def test_a_concrete_index_under_the_alias_name_is_replaced_in_the_same_request(fake):
    fake.route("GET", rf"/_alias/{ALIAS}", "alias_missing.json", status=404)
    fake.route("HEAD", rf"/{ALIAS}", None, status=200)
    fake.backend.rebuild([make_document()])
    new_index = fake.only("PUT", NEW_INDEX).path.lstrip("/")
    assert fake.only("POST", "/_aliases").body["actions"] == [
        {"remove_index": {"index": ALIAS}},
        {"add": {"index": new_index, "alias": ALIAS}},
    ]


def test_a_failed_rebuild_drops_the_new_index_and_leaves_the_alias_alone(fake):
    fake.route("PUT", r"/[^/]+/_bulk", "all_shards_failed.json", status=503)
    with pytest.raises(SearchUnavailable):
        fake.backend.rebuild([make_document()])
    new_index = fake.only("PUT", NEW_INDEX).path
    assert fake.sent("POST", "/_aliases") == []
    assert fake.only("DELETE").path == new_index


def test_rebuild_with_nothing_still_swaps_in_an_empty_index(fake):
    fake.backend.rebuild([])
    assert fake.sent("PUT", rf"{NEW_INDEX}/_bulk") == []
    assert fake.only("POST", "/_aliases")


def test_deleting_the_old_index_failing_after_the_swap_never_deletes_the_live_one(fake):
    fake.route("DELETE", r"/[^/_][^/]*", "all_shards_failed.json", status=503)
    fake.backend.rebuild([make_document()])  # the new index is live: the rebuild succeeded
    new_index = fake.only("PUT", NEW_INDEX).path.lstrip("/")
    deletes = [r.path for r in fake.sent("DELETE")]
    assert deletes == [f"/{ORPHAN_INDEX},{OLD_INDEX}"]  # tried once, the live one not among them
    assert all(new_index not in path for path in deletes)


def test_a_failed_swap_drops_the_new_index_only_when_the_alias_is_not_on_it(fake):
    fake.route("POST", "/_aliases", "all_shards_failed.json", status=503)
    with pytest.raises(SearchUnavailable):
        fake.backend.rebuild([make_document()])
    new_index = fake.only("PUT", NEW_INDEX).path
    assert fake.only("DELETE").path == new_index  # get_alias still names the old index


def test_changes_made_during_the_rebuild_go_into_the_new_index_before_the_swap(fake):
    def catch_up(write):
        write([make_document(7, title="Publiceret under genopbygningen")], [12])

    fake.backend.rebuild([make_document(12)], before_swap=catch_up)
    new_index = fake.only("PUT", NEW_INDEX).path.lstrip("/")
    order = [(r.method, r.path) for r in fake.requests]
    bulks = [i for i, step in enumerate(order) if step == ("PUT", f"/{new_index}/_bulk")]
    swap = order.index(("POST", "/_aliases"))
    assert len(bulks) == 2 and bulks[-1] < swap
    last = fake.sent("PUT", rf"/{new_index}/_bulk")[-1].body
    assert last[0] == {"index": {"_id": "7"}}
    assert last[2] == {"delete": {"_id": "12"}}


def test_new_indices_are_strict_and_green_on_one_node(fake):
    fake.backend.rebuild([make_document()])
    created = fake.only("PUT", NEW_INDEX).body
    assert created["mappings"]["dynamic"] == "strict"
    assert created["settings"]["auto_expand_replicas"] == "0-1"
    assert created["settings"]["number_of_shards"] == 1
