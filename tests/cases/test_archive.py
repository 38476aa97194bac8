"""An archived case keeps its address, says so prominently, and drops out of the reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from cases.freshness import stale_cases
from cases.models import CasePage

from .freshness_helpers import everything_fresh, make_case, make_contributor, make_editor, today

pytestmark = pytest.mark.django_db

ARCHIVED_ON = datetime.date(2025, 9, 1)


def test_archived_case_stays_at_its_address_with_a_notice(client):
    case = make_case(archived_on=ARCHIVED_ON)
    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="case-notice-heading">Arkiveret</h2>' in html
    assert "1. september 2025" in html
    assert "kører ikke længere" in html
    # Archived information is kept for reference, not flagged as needing confirmation.
    assert "Oplysningerne kan være forældede" not in html


def test_case_list_marks_archived_cases(client):
    everything_fresh()
    archived = make_case(title="Aaa arkiveret eksempel", archived_on=ARCHIVED_ON)
    running = make_case(title="Aaa kørende eksempel")
    html = client.get("/praksiseksempler/").content.decode()
    archived_item = html.split(f">{archived.title}</a>")[1].split("</li>")[0]
    running_item = html.split(f">{running.title}</a>")[1].split("</li>")[0]
    assert "Arkiveret" in archived_item
    assert "Ikke bekræftet siden" not in archived_item
    assert "Arkiveret" not in running_item
    assert "Ikke bekræftet siden" in running_item


def test_archived_case_is_left_out_of_panel_and_reminders(client):
    everything_fresh()
    make_contributor("odense", "bidrag-odense")
    archived = make_case(title="Arkiveret eksempel", archived_on=ARCHIVED_ON)
    assert archived not in stale_cases()
    call_command("remind_stale_cases", stdout=io.StringIO())
    assert mail.outbox == []
    client.force_login(make_editor())
    assert archived.title not in client.get("/admin/").content.decode()


def test_editor_archives_a_case_in_the_admin(client):
    case = make_case()
    client.force_login(make_editor())
    response = client.get(f"/admin/pages/{case.pk}/edit/")
    html = response.content.decode()
    assert 'name="archived_on"' in html
    assert "Udfyld, når indsatsen ikke længere kører." in html


def test_open_api_tells_that_a_case_is_archived(client):
    archived = make_case(archived_on=ARCHIVED_ON)
    running = make_case()
    assert client.get(f"/api/v2/pages/{archived.pk}/").json()["archived_on"] == "2025-09-01"
    assert client.get(f"/api/v2/pages/{running.pk}/").json()["archived_on"] is None


def test_archived_case_can_still_be_found_by_search(client, settings, tmp_path):
    from search.backends import reset_backends
    from search.sync import rebuild_index

    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {"path": str(tmp_path / "index.db")},
    }
    reset_backends()
    try:
        make_case(title="Zebrafinkeprojektet i Odense", archived_on=ARCHIVED_ON)
        rebuild_index()
        html = client.get("/soeg/", {"q": "zebrafinkeprojektet"}).content.decode()
    finally:
        reset_backends()
    assert "Zebrafinkeprojektet i Odense" in html


def test_archive_date_in_the_future_is_refused_next_to_the_field(client):
    from .test_case_admin import _form

    case = make_case(title="Eksempel der arkiveres", slug="eksempel-der-arkiveres")
    client.force_login(make_editor())
    future = today() + datetime.timedelta(days=3)
    response = client.post(
        f"/admin/pages/{case.pk}/edit/",
        _form(title=case.title, slug=case.slug, archived_on=future.isoformat()),
    )
    assert response.status_code == 200
    assert "Datoen for arkivering kan ikke ligge i fremtiden." in response.content.decode()
    assert CasePage.objects.get(pk=case.pk).archived_on is None
    response = client.post(
        f"/admin/pages/{case.pk}/edit/",
        _form(title=case.title, slug=case.slug, archived_on=today().isoformat()),
    )
    assert response.status_code == 302
    saved = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert saved.archived_on == today()
