"""Every bad field: the form comes back (200) with a Danish message beside that field and in
the summary at the top, the input kept, and nothing created or sent."""

import re

import pytest
from django.core import mail

from cases.models import CasePage
from contribute.models import Submission

from .helpers import TITLE, submit, text, valid_data

pytestmark = pytest.mark.django_db

CASES = [
    ("missing-title", {"title": "   "}, "title", "Giv eksemplet en titel."),
    ("long-title", {"title": "x" * 256}, "title", "Titel må højst være 255 tegn (der er 256"),
    ("missing-summary", {"summary": ""}, "summary", "Skriv et kort resumé."),
    (
        "long-summary",
        {"summary": "y" * 301},
        "summary",
        "Resumé må højst være 300 tegn (der er 301",
    ),
    ("missing-description", {"description": ""}, "description", "Beskriv indsatsen."),
    (
        "long-description",
        {"description": "z" * 20001},
        "description",
        "Indsatsen må højst være 20000 tegn",
    ),
    ("long-purpose", {"purpose": "p" * 10001}, "purpose", "Formål og baggrund må højst være"),
    ("missing-email", {"contact_email": ""}, "contact_email", "Skriv din e-mail"),
    ("bad-email", {"contact_email": "ikke-en-mail"}, "contact_email", "Skriv en gyldig e-mail"),
    (
        "long-email",
        {"contact_email": "a" * 320 + "@kommune.example"},
        "contact_email",
        "Skriv en gyldig e-mail",
    ),
    ("no-owner", {"owner": ""}, "owner", "Vælg den kommune eller region, der står bag"),
    ("unknown-municipality", {"owner": "kommune:atlantis"}, "owner", "Ukendt kommune eller region"),
    ("unknown-region", {"owner": "region:region-atlantis"}, "owner", "Ukendt kommune eller region"),
    ("missing-organisation", {"organisation": ""}, "organisation", "Skriv navnet på jeres"),
    (
        "long-organisation",
        {"organisation": "o" * 256},
        "organisation",
        "Afdeling eller organisation må højst være 255 tegn",
    ),
    (
        "long-name",
        {"contact_name": "n" * 256, "contact_consent": "on"},
        "contact_name",
        "Navnet må",
    ),
    (
        "name-without-consent",
        {"contact_name": "Kim Eksempel"},
        "contact_consent",
        "Når du skriver et navn, skal du give samtykke",
    ),
    ("no-movement", {"movements": []}, "movements", "Vælg mindst én bevægelse."),
    ("unknown-movement", {"movements": ["flyvning"]}, "movements", "Ukendt værdi: flyvning."),
    ("unknown-challenge", {"challenges": ["maaneskin"]}, "challenges", "Ukendt værdi: maaneskin."),
    ("unknown-target-group", {"target_groups": ["robotter"]}, "target_groups", "Ukendt værdi"),
    ("null-character", {"title": "Gåhold\x00"}, "title", "ugyldigt tegn (nul-tegn)"),
]


def _field_error(html, name):
    match = re.search(
        rf'<span class="field-error" id="id_{name}_error">'
        r'<span class="visually-hidden">Fejl: </span>(.*?)</span>',
        html,
    )
    return match.group(1) if match else None


@pytest.mark.parametrize(
    ("overrides", "field", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_field_is_refused_beside_the_field(client, overrides, field, message):
    pages, submissions = CasePage.objects.count(), Submission.objects.count()
    response = submit(client, valid_data(**overrides))

    assert response.status_code == 200
    html = text(response)
    error = _field_error(html, field)
    assert error is not None and message in error.replace("&quot;", '"'), error
    # The summary at the top links to the field (checkbox groups: their first box).
    anchor = (
        f"id_{field}_0" if field in ("movements", "challenges", "target_groups") else f"id_{field}"
    )
    assert f'<li><a href="#{anchor}">' in html
    assert "<title>Fejl: Del et eksempel" in html
    assert CasePage.objects.count() == pages
    assert Submission.objects.count() == submissions
    assert mail.outbox == []


def test_the_input_is_kept_when_a_field_is_wrong(client):
    html = text(submit(client, valid_data(contact_email="ikke-en-mail")))
    assert f'value="{TITLE}"' in html
    assert '<option value="kommune:skanderborg" selected>' in html
    assert 'value="mestring" id="id_movements_0" checked' in html


def test_a_wrong_field_is_marked_invalid_and_described_by_its_error(client):
    html = text(submit(client, valid_data(title="")))
    assert re.search(
        r'<input type="text" name="title"[^>]*aria-invalid="true"[^>]*'
        r'aria-describedby="id_title_helptext id_title_error"',
        html,
    )
    assert 'aria-describedby="id_movements_helptext"' in html  # valid group: help only
