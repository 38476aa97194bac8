"""Every public page type carries the security headers, with a strict CSP and no 'unsafe-inline'.

The pages are the real ones, rendered from the imported fixture content by the Django test
client; the header values are what a browser receives."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from cases.models import CasePage
from erfa.factories import ErfaGroupPageFactory
from methods.models import MethodPage
from taxonomy.models import Movement, Municipality

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "portal" / "templates", *ROOT.glob("*/templates")]

pytestmark = pytest.mark.django_db


def _public_paths():
    return {
        "forside": "/",
        "praksiseksempler": "/praksiseksempler/",
        "praksiseksempel": CasePage.objects.live().public().order_by("pk").first().url,
        "metoder": "/metoder/",
        "metode": MethodPage.objects.live().public().order_by("pk").first().url,
        "søgning": "/soeg/?q=x",
        "erfa-grupper": "/erfa-grupper/",
        "erfa-gruppe": ErfaGroupPageFactory(title="Sikkerhedsgruppe", slug="sikkerhed").url,
        "bevægelse": f"/bevaegelser/{Movement.objects.order_by('pk').first().slug}/",
        "kommune": f"/kommuner/{Municipality.objects.order_by('pk').first().slug}/",
        "log ind": "/log-ind/",
    }


def _directives(header):
    """{'script-src': ["'self'"], ...} from a Content-Security-Policy header value."""
    result = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


STRICT_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def _assert_secure_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    directives = _directives(csp)
    for name, sources in STRICT_DIRECTIVES.items():
        assert sorted(directives[name]) == sorted(sources), (name, csp)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_public_page_type_has_the_strict_policy_and_security_headers(client):
    for name, path in _public_paths().items():
        response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        _assert_secure_headers(response)


def test_the_404_page_has_the_strict_policy(client):
    response = client.get("/findes-ikke-her/")
    assert response.status_code == 404
    _assert_secure_headers(response)


def test_the_wagtail_admin_gets_its_own_relaxed_policy(client):
    """The admin needs inline scripts and same-origin preview frames; the public site does not."""
    response = client.get("/admin/login/")
    assert response.status_code == 200
    directives = _directives(response.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    # ... and that relaxation stays inside /admin/.
    public = _directives(client.get("/log-ind/").headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in public["script-src"]


INLINE_PATTERNS = {
    "inline <script> without src": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I
    ),
    "<style> block": re.compile(r"<style[\s>]", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "on* event handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
}


def test_no_template_has_inline_script_style_or_event_handlers():
    """The strict policy would block these in the browser; they belong in static files."""
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            source = template.read_text(encoding="utf-8")
            for what, pattern in INLINE_PATTERNS.items():
                if pattern.search(source):
                    offenders.append(f"{template.relative_to(ROOT)}: {what}")
    assert offenders == []


def test_a_page_preview_keeps_the_strict_policy_but_may_be_framed_by_the_admin(client):
    """Wagtail renders previews through a dummy request for the page's public path; the admin
    shows them in a same-origin iframe, which frame-ancestors 'none' would block."""
    editor = get_user_model().objects.create_superuser("forhaandsviser", "f@example.org", "x")
    client.force_login(editor)
    method = MethodPage.objects.live().order_by("pk").first()
    response = client.get(f"/admin/pages/{method.pk}/view_draft/")
    assert response.status_code == 200
    assert method.title in response.content.decode()
    directives = _directives(response.headers["Content-Security-Policy"])
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
