"""Shared set-up for the freshness, archive, reminder and confirmation tests."""

import datetime

from django.utils import timezone

from cases.factories import CasePageFactory
from cases.freshness import months_before
from cases.models import CaseIndexPage, CasePage
from editorial import factories as editorial_factories
from taxonomy.models import Municipality

LONG_AGO = datetime.date(2015, 3, 1)


def today():
    return timezone.localdate()


def stale_date():
    """Exactly 24 months before today: the first day a case counts as stale."""
    return months_before(today(), 24)


def everything_fresh():
    """The imported fixture cases are years old; confirm them today so only a test's own
    cases are stale."""
    CasePage.objects.update(last_confirmed=today())


def make_case(municipality_slug="odense", **fields):
    fields.setdefault("last_confirmed", LONG_AGO)
    municipalities = [Municipality.objects.get(slug=municipality_slug)] if municipality_slug else []
    return CasePageFactory(
        parent=CaseIndexPage.objects.get(), municipalities=municipalities, **fields
    )


def make_contributor(municipality_slug, username, email=None, is_active=True):
    municipality = Municipality.objects.get(slug=municipality_slug)
    return editorial_factories.make_contributor(
        username, municipality, email=email, is_active=is_active
    )


def make_editor(username="redaktoer"):
    return editorial_factories.make_editor(username)
