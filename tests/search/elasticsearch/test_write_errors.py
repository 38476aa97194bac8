"""What each Elasticsearch answer to a write means for the index change behind it (recorded
answers in Elasticsearch 8.19's shape, through the real client): stored, retried with backoff,
set aside with its error text, or search unavailable with a message for the operator."""

import pytest
from django.utils import timezone

from cases.models import CasePage
from search import outbox
from search.contract import SearchMisconfigured, SearchQuery, SearchUnavailable, WriteRefused
from search.models import IndexChange

from .conftest import ALIAS, bulk_answer, make_document

BULK = rf"/{ALIAS}/_bulk"


def test_a_mixed_bulk_answer_is_classified_item_by_item(fake):
    fake.route("PUT", BULK, "bulk_mixed.json")
    docs = [make_document(1), make_document(2), make_document(3)]
    failures = fake.backend.write(docs, [4])
    assert set(failures) == {2, 3}  # 1 stored; 4 was already gone, which is what was asked
    assert not failures[2].permanent
    assert failures[2].error.startswith("429 es_rejected_execution_exception")
    assert failures[3].permanent
    assert "failed to parse field [published]" in failures[3].error
    assert "date_time_parse_exception" not in failures[3].error  # one level of cause is enough
    written = fake.only("PUT", BULK)
    assert written.params["require_alias"] == "true"


@pytest.mark.parametrize(
    ("answer", "permanent", "text"),
    [
        ("bulk_version_conflict.json", False, "409 version_conflict_engine_exception"),
        ("bulk_strict_mapping.json", True, "400 strict_dynamic_mapping_exception"),
        ("bulk_require_alias.json", False, "404 index_not_found_exception"),
    ],
)
def test_single_item_answers(fake, answer, permanent, text):
    fake.route("PUT", BULK, answer)
    failure = fake.backend.write([make_document(1)], [])[1]
    assert failure.permanent is permanent
    assert failure.error.startswith(text)


@pytest.mark.parametrize(
    ("status", "answer", "error", "says"),
    [
        (401, "security_401.json", SearchMisconfigured, "ELASTICSEARCH_API_KEY"),
        (403, "security_403.json", SearchMisconfigured, "privileges"),
        (429, "rejected_429.json", SearchUnavailable, "429"),
        (400, "bulk_malformed_400.json", WriteRefused, "illegal_argument_exception"),
    ],
)
def test_whole_request_answers(fake, status, answer, error, says):
    fake.route("PUT", BULK, answer, status=status)
    with pytest.raises(error, match=says) as raised:
        fake.backend.write([make_document(1)], [])
    if error is not SearchMisconfigured:
        assert not isinstance(raised.value, SearchMisconfigured)


@pytest.mark.parametrize(
    ("status", "answer"), [(401, "security_401.json"), (403, "security_403.json")]
)
def test_refused_credentials_make_search_unavailable_with_a_message(fake, status, answer):
    fake.route("POST", rf"/{ALIAS}/_search", answer, status=status)
    with pytest.raises(SearchMisconfigured) as raised:
        fake.backend.search(SearchQuery(text="unge"))
    assert isinstance(raised.value, SearchUnavailable)  # the page answers 503, never 500
    fake.route("GET", "/", answer, status=status)
    reachable, message = fake.backend.health()
    assert reachable is False
    assert str(status) in message


def test_a_server_that_is_not_elasticsearch_is_reported_as_such(fake):
    fake.node_class.product = ""  # e.g. OpenSearch: no X-Elastic-Product header
    with pytest.raises(SearchMisconfigured, match="not Elasticsearch"):
        fake.backend.search(SearchQuery(text="unge"))
    with pytest.raises(SearchMisconfigured, match="not Elasticsearch"):
        fake.backend.write([make_document(1)], [])


def test_a_search_elasticsearch_refuses_is_an_outage_not_a_500(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "bulk_malformed_400.json", status=400)
    with pytest.raises(SearchUnavailable):
        fake.backend.search(SearchQuery(text="unge"))


# --- the outbox acting on those answers ------------------------------------------------------


@pytest.fixture
def three_cases(db):
    return list(CasePage.objects.live().public().order_by("pk")[:3])


def _rows(page_id):
    return list(IndexChange.objects.filter(page_id=page_id))


def test_a_refused_document_is_set_aside_and_never_blocks_the_others(fake, three_cases):
    stored, throttled, refused = (case.pk for case in three_cases)
    fake.route("PUT", BULK, bulk_answer({throttled: 429, refused: 400}))
    outbox.enqueue([stored, throttled, refused])
    report = outbox.replay(fake.backend, everything=True)
    assert (report.sent, report.retrying, report.failed) == ({stored}, {throttled}, {refused})

    assert _rows(stored) == []
    (waiting,) = _rows(throttled)
    assert waiting.state == IndexChange.State.PENDING
    assert waiting.attempts == 1
    assert waiting.next_attempt_at > timezone.now()  # backoff
    assert waiting.last_error.startswith("429 es_rejected_execution_exception")
    (failed,) = _rows(refused)
    assert failed.state == IndexChange.State.FAILED
    assert "document_parsing_exception" in failed.last_error

    # Elasticsearch takes everything again: the throttled page goes through on the next replay;
    # the refused one waits for an operator ("prøv igen") and holds nothing up meanwhile.
    fake.route("PUT", BULK, bulk_answer({}))
    report = outbox.replay(fake.backend, everything=True)
    assert report.sent == {throttled}
    assert _rows(throttled) == []
    assert [row.state for row in _rows(refused)] == [IndexChange.State.FAILED]

    report = outbox.retry_now([failed.pk], fake.backend)
    assert report.sent == {refused}
    assert IndexChange.objects.count() == 0


def test_a_request_elasticsearch_refuses_as_a_whole_is_split_to_find_the_culprit(fake, three_cases):
    good, bad, other = (case.pk for case in three_cases)

    def answer(request):
        ids = {int(line[next(iter(line))]["_id"]) for line in request.body[::2]}
        if bad in ids:
            return 400, {
                "error": {"type": "illegal_argument_exception", "reason": "bad"},
                "status": 400,
            }
        return bulk_answer({})(request)

    fake.route("PUT", BULK, answer)
    outbox.enqueue([good, bad, other])
    report = outbox.replay(fake.backend, everything=True)
    assert report.sent == {good, other}
    assert report.failed == {bad}


@pytest.mark.parametrize(
    ("status", "answer"), [(401, "security_401.json"), (403, "security_403.json")]
)
def test_refused_credentials_keep_every_change_waiting(fake, three_cases, status, answer):
    fake.route("PUT", BULK, answer, status=status)
    pages = [case.pk for case in three_cases]
    outbox.enqueue(pages)
    report = outbox.replay(fake.backend, everything=True)
    assert report.sent == set() and report.failed == set()
    assert "Elasticsearch refused" in report.unavailable
    rows = IndexChange.objects.filter(page_id__in=pages)
    assert {row.state for row in rows} == {IndexChange.State.PENDING}


def test_delivery_sends_the_current_state_not_the_event(fake, three_cases):
    case = three_cases[0]
    outbox.enqueue([case.pk])
    case.unpublish()  # after the change was recorded: the index gets the deletion
    outbox.replay(fake.backend, everything=True)
    (sent,) = fake.sent("PUT", BULK)
    assert {"delete": {"_id": str(case.pk)}} in sent.body
    indexed = {line["index"]["_id"] for line in sent.body if "index" in line}
    assert str(case.pk) not in indexed
