"""The review workflow: submit → request changes with a comment → resubmit → approve →
published, with e-mails, audit log, revisions and scheduled publishing."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from cases.models import CasePage

from .helpers import add_url, case_form, edit_form, edit_url

pytestmark = pytest.mark.django_db

COMMENT = "Beskriv venligst også, hvad der ikke virkede."


def take_mail():
    sent = [(sorted(m.to), m.subject, m.body) for m in mail.outbox]
    mail.outbox.clear()
    return sent


def workflow_action(client, case, action, **data):
    task_state = case.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{case.pk}/{action}/{task_state.pk}/", data)


def submit(client, case, **overrides):
    response = client.post(edit_url(case), edit_form(case, **{"action-submit": "1"}, **overrides))
    assert response.status_code == 302
    case.refresh_from_db()
    return case


def test_submit_request_changes_resubmit_approve_publishes(
    client, contributor, editor, second_editor
):
    client.force_login(contributor)
    client.post(add_url(), case_form(["favrskov"], slug="gennemgang"))
    case = CasePage.objects.get(slug="gennemgang")
    assert take_mail() == []

    # 1. The contributor submits: every editor gets an e-mail.
    submit(client, case)
    assert case.workflow_in_progress
    sent = take_mail()
    assert sorted(to for to, _, _ in sent) == [[editor.email], [second_editor.email]]
    assert {subject for _, subject, _ in sent} == {
        "Til gennemgang: «Et praksiseksempel fra en bidragyder»"
    }
    # The contributor can no longer publish or approve it.
    assert workflow_action(client, case, "approve").status_code in (302, 403)
    case.refresh_from_db()
    assert not case.live and case.workflow_in_progress

    # 2. An editor requests changes with a comment: the contributor is told, with the comment.
    client.force_login(editor)
    assert workflow_action(client, case, "reject", comment=COMMENT).status_code == 302
    case.refresh_from_db()
    assert case.workflow_states.get().status == "needs_changes"
    [(to, subject, body)] = take_mail()
    assert to == [contributor.email]
    assert subject == "Ændringer ønsket: «Et praksiseksempel fra en bidragyder»"
    assert COMMENT in body

    # The contributor sees the comment in the admin too.
    client.force_login(contributor)
    state = case.workflow_states.get()
    history = client.get(f"/admin/pages/{case.pk}/workflow_history/detail/{state.pk}/")
    assert history.status_code == 200
    assert COMMENT in history.content.decode()

    # 3. The contributor edits and resubmits: the same workflow resumes, editors are told.
    submit(client, case, title="Et praksiseksempel med resultater")
    assert case.workflow_in_progress
    assert case.workflow_states.count() == 1
    sent = take_mail()
    assert sorted(to for to, _, _ in sent) == [[editor.email], [second_editor.email]]

    # 4. An editor approves: the page goes live and the contributor is told.
    client.force_login(editor)
    assert workflow_action(client, case, "approve").status_code == 302
    case.refresh_from_db()
    assert case.live
    assert case.title == "Et praksiseksempel med resultater"
    [(to, subject, body)] = take_mail()
    assert to == [contributor.email]
    assert subject == "Godkendt: «Et praksiseksempel med resultater»"
    assert client.get(case.url).status_code == 200

    # The audit log says who did what.
    log = list(
        PageLogEntry.objects.filter(page=case)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    for expected in [
        ("wagtail.create", contributor.username),
        ("wagtail.workflow.start", contributor.username),
        ("wagtail.workflow.reject", editor.username),
        ("wagtail.workflow.resume", contributor.username),
        ("wagtail.workflow.approve", editor.username),
        ("wagtail.publish", editor.username),
    ]:
        assert expected in log, (expected, log)
    assert log.index(("wagtail.workflow.reject", editor.username)) < log.index(
        ("wagtail.workflow.resume", contributor.username)
    )

    # Revisions are kept and can be compared, by the editor and by the contributor.
    revisions = list(case.revisions.order_by("created_at", "pk"))
    assert len(revisions) >= 3
    compare = f"/admin/pages/{case.pk}/revisions/compare/{revisions[0].pk}...{revisions[-1].pk}/"
    for user in (editor, contributor):
        client.force_login(user)
        response = client.get(compare)
        assert response.status_code == 200
        assert "Et praksiseksempel med resultater" in response.content.decode()


def test_scheduled_publishing_goes_through_review(client, contributor, editor):
    go_live = timezone.now() + datetime.timedelta(days=7)
    client.force_login(contributor)
    client.post(add_url(), case_form(["favrskov"], slug="planlagt"))
    case = CasePage.objects.get(slug="planlagt")
    submit(client, case, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))

    client.force_login(editor)
    assert workflow_action(client, case, "approve").status_code == 302
    case.refresh_from_db()
    assert not case.live
    revision = case.revisions.order_by("-created_at", "-pk").first()
    assert revision.approved_go_live_at is not None
    assert PageLogEntry.objects.filter(page=case, action="wagtail.publish.schedule").exists()

    call_command("publish_scheduled")
    case.refresh_from_db()
    assert not case.live, "not before its time"

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    case.refresh_from_db()
    assert case.live
    assert PageLogEntry.objects.filter(page=case, action="wagtail.publish.scheduled").exists()
