"""Markdown from fixtures becomes safe HTML: no scripts, event handlers, styles or frames."""

import pytest

from cases.models import CasePage
from content.markdown import render_markdown

from .helpers import CASE_BODY, CASE_SLUG, run_import, write_case, write_method

pytestmark = pytest.mark.django_db

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "inline-script": "Tekst <script>alert(1)</script> midt i et afsnit.",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "javascript-link": '<a href="javascript:alert(1)">x</a>',
    "javascript-markdown-link": "[klik](javascript:alert(1))",
    "onclick": '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "style": '<div style="position:fixed;top:0">Stor tekst</div>',
    "style-element": "<style>body { display: none }</style>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "svg-onload": "<svg onload=alert(1)></svg>",
}
FORBIDDEN = ("<script", "onerror", "onload", "onclick", "javascript:", "style=", "<style", "iframe")


def assert_safe(html):
    lowered = html.lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in lowered, (forbidden, html)
    assert "alert(1)" not in html, html


@pytest.mark.parametrize("markdown", ATTACKS.values(), ids=ATTACKS.keys())
def test_dangerous_html_is_removed(markdown):
    assert_safe(render_markdown(markdown))


def test_everything_at_once_is_removed_and_ordinary_text_stays():
    html = render_markdown("Før.\n\n" + "\n\n".join(ATTACKS.values()) + "\n\nEfter.")

    assert_safe(html)
    assert "<p>Før.</p>" in html
    assert "<p>Efter.</p>" in html
    assert "Stor tekst" in html  # the text of a styled div is kept, the style is not


def test_ordinary_markdown_survives():
    html = render_markdown(
        "Et afsnit med **fed** og *kursiv* tekst.\n\n"
        "- første punkt\n"
        "- andet punkt\n\n"
        "1. trin et\n"
        "2. trin to\n\n"
        "### Underoverskrift\n\n"
        "> Et citat.\n\n"
        "Læs [rapporten](https://www.kl.dk/rapport) eller skriv til "
        "[os](mailto:info@example.org)."
    )

    assert "<strong>fed</strong>" in html
    assert "<em>kursiv</em>" in html
    assert "<ul>\n<li>første punkt</li>\n<li>andet punkt</li>\n</ul>" in html
    assert "<ol>" in html and "<li>trin to</li>" in html
    assert "<h3>Underoverskrift</h3>" in html
    assert "<blockquote>" in html
    assert '<a href="https://www.kl.dk/rapport" rel="noopener noreferrer">rapporten</a>' in html
    assert 'href="mailto:info@example.org"' in html


def test_imported_case_page_serves_no_script(tree, client):
    write_method(tree)
    evil = "\n\n".join(ATTACKS.values())
    body = CASE_BODY.replace(
        "## Målgruppe\n", f"{evil}\n\nMere **tekst**.\n\n## Målgruppe\n{evil}\n\n"
    ).replace("## Økonomi\n", f"## Økonomi\n{evil}\n\n")
    write_case(tree, body=body, Summary="Resumé med <script>alert('resume')</script> i.")
    run_import(tree)
    case = CasePage.objects.get(slug=CASE_SLUG)
    for name in ("purpose", "target_group_text", "approach", "results", "economy"):
        assert_safe(getattr(case, name))
    assert "Mere <strong>tekst</strong>" in case.purpose

    for url in (case.url, case.get_parent().url):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "javascript:alert" not in html
        assert "<iframe" not in html
    assert "Mere <strong>tekst</strong>" in client.get(case.url).content.decode()
