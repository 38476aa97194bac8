"""Rejected and expired access requests are deleted after 30 days; the rest stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AccessRequest, Status

from .conftest import make_request

pytestmark = pytest.mark.django_db


def aged(request, days, field="created_at"):
    AccessRequest.objects.filter(pk=request.pk).update(
        **{field: timezone.now() - timedelta(days=days)}
    )
    return request


def test_cleanup_deletes_old_rejected_and_expired_requests_only(capsys):
    old_rejected = make_request(status=Status.REJECTED, email="a@x.dk")
    aged(old_rejected, 31, "decided_at")
    new_rejected = make_request(status=Status.REJECTED, email="b@x.dk")
    aged(new_rejected, 5, "decided_at")
    old_unverified = aged(make_request(status=Status.UNVERIFIED, email="c@x.dk"), 31)
    young_unverified = aged(make_request(status=Status.UNVERIFIED, email="d@x.dk"), 10)
    old_pending = aged(make_request(status=Status.PENDING, email="e@x.dk"), 90)
    old_approved = aged(make_request(status=Status.APPROVED, email="f@x.dk"), 90)

    call_command("cleanup_access_requests", "--dry-run")
    assert "2 anmodninger" in capsys.readouterr().out
    assert AccessRequest.objects.count() == 6
    call_command("cleanup_access_requests")
    left = set(AccessRequest.objects.values_list("pk", flat=True))
    assert left == {new_rejected.pk, young_unverified.pk, old_pending.pk, old_approved.pk}
    assert old_rejected.pk not in left and old_unverified.pk not in left
