"""The form page itself: never cached, no inline script or style, accessible markup, linked
from every page."""

import re

import pytest

from .helpers import FORM_URL, text

pytestmark = pytest.mark.django_db


def test_form_is_never_cached(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert 'name="csrfmiddlewaretoken"' in text(response)


def test_no_inline_script_or_style(client):
    html = text(client.get(FORM_URL)).lower()
    assert "<style" not in html
    assert " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag  # only external scripts
    assert re.search(r"\son[a-z]+\s*=", html) is None


def test_accessible_form_markup(client):
    html = text(client.get(FORM_URL))
    assert html.count("<h1>") == 1 and "<h1>Del et eksempel</h1>" in html
    form = html[html.index('<form method="post" action="/del-et-eksempel/"') :]
    form = form[: form.index("</form>")]
    # Every input, select and textarea in the form has a label.
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', form)
    assert len(ids) > 20
    for field_id in ids:
        assert f'<label for="{field_id}">' in form, field_id
    # Checkbox groups are fieldsets with a legend.
    for legend in ("Bevægelser", "Udfordringer", "Målgrupper"):
        assert re.search(rf"<fieldset[^>]*>\s*<legend>{legend}", html), legend
    assert "novalidate" in html  # Danish server-side messages, not the browser's own
    assert "error-summary" not in html  # no error summary before anything was sent


def test_rejects_other_methods(client):
    assert client.put(FORM_URL).status_code == 405


def test_every_page_links_to_the_form(client):
    assert f'<a href="{FORM_URL}">Del et eksempel</a>' in text(client.get("/"))


def test_the_form_needs_few_queries_however_many_terms_it_lists(
    client, django_assert_max_num_queries
):
    # 98 municipalities, 5 regions and 22 terms: one query per list, never one per item.
    with django_assert_max_num_queries(10):
        assert client.get(FORM_URL).status_code == 200


def test_head_is_answered_like_get(client):
    assert client.head(FORM_URL).status_code == 200
