"""Property: no query text or parameter string makes the search page or the API answer a 500."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.contract import FACETS

pytestmark = pytest.mark.django_db

# Arbitrary unicode (control characters, surrogates excluded by HTTP encoding, emoji, æøå) mixed
# with the characters FTS query syntax and number parsing care about.
SPECIAL = st.sampled_from(
    ['"', "(", ")", "*", "-", "+", ":", "^", "NEAR", "AND", "OR", "NOT", "\x00", "\x1f", "\x7f",
     "æ", "ø", "å", "Æ", "0", "1", "-1", "1e9", " ", "\t", "\n", "%", "&", "=", "#", "mestring"]
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(SPECIAL, st.text(max_size=5)), max_size=30).map("".join),
)
PARAM = st.one_of(
    st.text(max_size=30),
    SPECIAL,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["mestring", "silkeborg", "region-midtjylland", "i-drift", "", "relevance"]),
)
PARAM_NAMES = ["sort", "page", "page_size", *FACETS]
PARAMS = st.dictionaries(
    st.sampled_from(PARAM_NAMES), st.lists(PARAM, min_size=1, max_size=3), max_size=5
)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _clean(value):
    # A query string can carry any character except lone surrogates (not encodable as UTF-8).
    return value.encode("utf-8", "replace").decode("utf-8")


@FUZZ
@given(q=TEXT, params=PARAMS)
def test_no_input_gives_a_server_error(client, search_index, q, params):
    query = {"q": _clean(q), **{k: [_clean(v) for v in vs] for k, vs in params.items()}}

    response = client.get("/api/search/", query)
    assert response.status_code in (200, 400), response.content[:500]
    body = json.loads(response.content)
    assert ("results" in body) if response.status_code == 200 else ("error" in body)
    if response.status_code == 400:
        assert body["field"] in ["q", *PARAM_NAMES]

    page = client.get("/soeg/", query)
    assert page.status_code in (200, 400)
    assert page.status_code == response.status_code

    suggest = client.get("/api/search/suggest/", {"q": _clean(q)})
    assert suggest.status_code in (200, 400)
    body = json.loads(suggest.content)
    assert ("suggestions" in body) if suggest.status_code == 200 else (body["field"] == "q")
