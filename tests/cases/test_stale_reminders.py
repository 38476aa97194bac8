"""`manage.py remind_stale_cases`: one mail per recipient about their stale cases."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from cases.reminders import StaleCaseReminder

from .freshness_helpers import everything_fresh, make_case, make_contributor, today

pytestmark = pytest.mark.django_db


def _remind(*args):
    out = io.StringIO()
    call_command("remind_stale_cases", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def owners():
    """Odense has contributors (one active with e-mail, one inactive, one without e-mail);
    Aarhus has none, so its case falls back to the case's contact e-mail."""
    everything_fresh()
    contributor = make_contributor("odense", "bidrag-odense")
    make_contributor("odense", "tidligere-odense", is_active=False)
    make_contributor("odense", "uden-mail-odense", email="")
    return {
        "contributor": contributor,
        "odense_cases": [
            make_case(title="Odense første", municipality_slug="odense"),
            make_case(title="Odense anden", municipality_slug="odense"),
        ],
        "aarhus_case": make_case(
            title="Aarhus eksempel", municipality_slug="aarhus", contact_email="kontakt@example.org"
        ),
        "fresh_case": make_case(title="Nyligt bekræftet", last_confirmed=today()),
    }


def test_contributors_get_one_mail_listing_their_cases(owners):
    _remind()
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("bidrag-odense@example.org",), ("kontakt@example.org",)}
    odense_mail = by_recipient[("bidrag-odense@example.org",)]
    assert "2 praksiseksempler" in odense_mail.subject
    for case in owners["odense_cases"]:
        assert case.title in odense_mail.body
        assert f"http://testserver/bekraeft-eksempel/{case.pk}/" in odense_mail.body
    assert owners["aarhus_case"].title not in odense_mail.body
    assert owners["fresh_case"].title not in odense_mail.body


def test_case_without_contributors_goes_to_its_contact_email(owners):
    _remind()
    [contact_mail] = [m for m in mail.outbox if m.to == ["kontakt@example.org"]]
    assert owners["aarhus_case"].title in contact_mail.body
    assert f"http://testserver/bekraeft-eksempel/{owners['aarhus_case'].pk}/" in contact_mail.body
    assert owners["odense_cases"][0].title not in contact_mail.body


def test_case_with_nobody_to_tell_is_reported(owners):
    orphan = make_case(title="Uden modtager", municipality_slug=None, regions=[])
    out = _remind()
    assert "Ingen modtager" in out and orphan.title in out
    assert all(orphan.title not in message.body for message in mail.outbox)


def test_dry_run_sends_and_records_nothing(owners):
    out = _remind("--dry-run")
    assert mail.outbox == []
    assert not StaleCaseReminder.objects.exists()
    assert "bidrag-odense@example.org" in out
    # A real run afterwards still sends: the dry run did not count as a reminder.
    _remind()
    assert len(mail.outbox) == 2


def test_second_run_within_30_days_sends_nothing(owners):
    _remind()
    assert len(mail.outbox) == 2
    _remind()
    assert len(mail.outbox) == 2


def test_force_sends_again(owners):
    _remind()
    _remind("--force")
    assert len(mail.outbox) == 4


def test_new_stale_case_is_sent_even_if_others_were_just_reminded(owners):
    _remind()
    newcomer = make_case(title="Odense tredje", municipality_slug="odense")
    _remind()
    assert len(mail.outbox) == 3
    assert newcomer.title in mail.outbox[-1].body
    assert owners["odense_cases"][0].title not in mail.outbox[-1].body


@pytest.mark.parametrize(("days_ago", "sent_again"), [(29, False), (30, True)])
def test_reminder_is_repeated_after_30_days(owners, days_ago, sent_again):
    for case in owners["odense_cases"]:
        StaleCaseReminder.objects.create(
            page=case, sent_on=today() - datetime.timedelta(days=days_ago)
        )
    _remind()
    odense_mails = [m for m in mail.outbox if m.to == ["bidrag-odense@example.org"]]
    assert bool(odense_mails) is sent_again
