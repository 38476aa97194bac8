"""Scheduled unpublishing (cron's publish_scheduled) commits the page change and its search
outbox row together, as a request does."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.signals import page_unpublished

from cases.models import CasePage
from search.models import IndexChange

pytestmark = pytest.mark.django_db


class Crash(Exception):
    pass


def _expired_case():
    case = CasePage.objects.live().first()
    CasePage.objects.filter(pk=case.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    return case


def test_an_expired_case_is_unpublished_and_its_index_change_recorded():
    case = _expired_case()
    call_command("publish_scheduled")
    assert not CasePage.objects.get(pk=case.pk).live
    # Recorded in the same transaction; delivered once it commits.
    assert IndexChange.objects.filter(page_id=case.pk).exists()


def test_a_crash_after_the_unpublish_leaves_page_and_outbox_as_they_were():
    case = _expired_case()

    def crash(sender, instance, **kwargs):
        raise Crash

    page_unpublished.connect(crash, dispatch_uid="test-crash")
    try:
        with pytest.raises(Crash):
            call_command("publish_scheduled")
    finally:
        page_unpublished.disconnect(dispatch_uid="test-crash")
    # Nothing half done: the page is still live and no outbox row outlived the rollback.
    assert CasePage.objects.get(pk=case.pk).live
    assert not IndexChange.objects.filter(page_id=case.pk).exists()
