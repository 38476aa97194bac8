"""The admin is Danish for every role: an editor, a municipal contributor and an erfa
coordinator walk the pages they use (tests/portal/admin_walk.py) and none of them shows one of
Wagtail's English strings from a fixed list (admin_english_msgids.txt) — the list is kept apart
from the project's catalogue (locale/da/LC_MESSAGES/django.po), so deleting a translation fails
the test. A second test catches what a Wagtail upgrade adds: every message looked up while the
pages render must have a Danish entry."""

import contextlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cases.models import CasePage

from .admin_walk import TITLE, walk_admin
from .i18n_recorder import record_lookups

pytestmark = pytest.mark.django_db
MSGIDS = Path(__file__).with_name("admin_english_msgids.txt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
TAG = re.compile(r"<[^>]+>")
TEXT_ATTRIBUTES = {
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "data-w-progress-active-value",
    "data-w-tooltip-content-value",
}
# Keys of the admin's JSON whose values are shown (others are identifiers: name, icon, url).
JSON_TEXT_KEYS = {"label", "title", "text", "heading", "description", "help_text", "placeholder"}


def english_patterns():
    """One full-match pattern per text fragment of each message id (HTML tags split an id into
    fragments; placeholders match anything)."""
    patterns = {}
    for line in MSGIDS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        for fragment in TAG.split(line):
            fragment = " ".join(fragment.split())
            if not re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", fragment)):
                continue
            parts = [re.escape(part) for part in PLACEHOLDER.split(fragment)]
            patterns[fragment] = re.compile(".+?".join(parts))
    return patterns


class VisibleText(HTMLParser):
    """Text nodes, the attributes people see or hear, and the strings in the JSON that the
    admin's JavaScript renders (sidebar, configuration, telepath widgets)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self._script = attributes.get("type", "") if tag == "script" else "css"
        for name, value in attrs:
            if value and (name in TEXT_ATTRIBUTES or name.endswith("-label")):
                self.texts.append(value)
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._script = None

    def handle_data(self, data):
        if self._script is None:
            self.texts.append(data)
        elif self._script == "application/json":
            with contextlib.suppress(ValueError):
                self.texts.extend(_strings(json.loads(data)))


def _strings(value, shown=False):
    """Strings under display keys, and every entry of an upper-case table (wagtailConfig's
    STRINGS), which the admin's JavaScript shows."""
    if isinstance(value, str):
        if shown:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, shown or key in JSON_TEXT_KEYS or key.isupper())
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, shown)


def english_on(html, patterns):
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        text = " ".join(text.split())
        if not text:
            continue
        for msgid, pattern in patterns.items():
            if pattern.fullmatch(text):
                found.add(msgid)
    return found


@pytest.fixture(scope="module")
def patterns():
    return english_patterns()


def test_fixed_list_is_a_real_list(patterns):
    assert len(patterns) > 300
    assert "Approve with comment" in patterns and "Submit to %(workflow_name)s" in patterns


def test_the_check_finds_english_when_it_is_there(patterns):
    # The same page text before the project's catalogue existed: these must be caught.
    html = (
        '<button aria-label="Toggle sidebar">x</button><p>Approve with comment</p>'
        '<script type="application/json">{"name": "images", '
        '"label": "Submit to Redaktionel gennemgang"}</script>'
    )
    assert english_on(html, patterns) == {
        "Toggle sidebar",
        "Approve with comment",
        "Submit to %(workflow_name)s",
    }


def test_each_role_walks_the_admin_in_danish(patterns):
    walk = walk_admin()
    roles = {visit.role for visit in walk.visits}
    assert roles == {"log ind", "redaktoer", "bidragyder", "koordinator"}
    problems = []
    for visit in walk.visits:
        assert visit.status == 200, (visit.role, visit.url, visit.status)
        english = english_on(visit.html, patterns)
        if english:
            problems.append(f"{visit.role} {visit.url}: {sorted(english)}")
    assert not problems, "English in the admin:\n" + "\n".join(problems)

    pages = {visit.url: visit.html for visit in walk.visits if visit.role == "redaktoer"}
    contributor = [v.html for v in walk.visits if v.role == "bidragyder"]
    # What the issue saw in English, now in Danish.
    assert any("Send til Redaktionel gennemgang" in html for html in contributor)
    assert any("Godkend med kommentar" in html for html in pages.values())
    # The approval published the case, and the editor is told so.
    approval = [
        v for v in walk.visits if v.role == "redaktoer" and v.url.startswith("POST /admin/pages/")
    ][-1]
    assert "er godkendt og udgivet" in approval.html
    case = CasePage.objects.get(title=TITLE)
    assert case.live
    assert case.slug == "aeblehaven-paa-oesterbro-aaben-cafe"


def test_every_message_the_walk_looks_up_has_danish():
    with record_lookups() as missing:
        walk_admin()
    assert not missing, (
        "Admin strings without Danish (add them to locale/da/LC_MESSAGES/django.po):\n"
        + "\n".join(repr(m) for m in sorted(missing, key=lambda m: m[1]))
    )


def test_the_admins_javascript_catalogue_has_the_projects_danish(client):
    from editorial.factories import make_editor

    client.force_login(make_editor("js-redaktoer"))
    catalogue = client.get("/admin/jsi18n/").content.decode()
    for danish in ("Hovedmenu", "Flere handlinger", "Skriv din kommentar"):
        assert danish in catalogue
