import datetime

import factory
import wagtail_factories
from django.utils import timezone

from taxonomy.factories import MovementFactory, MunicipalityFactory
from taxonomy.models import Movement

from .models import CasePage, CaseSource


def _default_movements():
    return list(Movement.objects.filter(slug="mestring")) or [MovementFactory()]


class CasePageFactory(wagtail_factories.PageFactory):
    """A published case. Pass parent=<CaseIndexPage> and tags as lists, e.g. movements=[m].

    Tags are passed to the model constructor (modelcluster accepts parental many-to-many
    values there), so the page is valid at its first save: it needs an owner and a movement."""

    class Meta:
        model = CasePage

    title = factory.Sequence(lambda n: f"Testeksempel {n}")
    slug = factory.Sequence(lambda n: f"testeksempel-{n}")
    summary = "Et praksiseksempel til test."
    last_confirmed = datetime.date(2025, 1, 1)
    first_published_at = factory.LazyFunction(timezone.now)
    purpose = "<p>Formålet.</p>"

    municipalities = factory.LazyFunction(lambda: [MunicipalityFactory()])
    regions = factory.LazyFunction(list)
    movements = factory.LazyFunction(_default_movements)
    challenges = factory.LazyFunction(list)
    target_groups = factory.LazyFunction(list)
    sectors = factory.LazyFunction(list)
    methods = factory.LazyFunction(list)


class CaseSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseSource

    page = factory.SubFactory(CasePageFactory)
    document = "testkilde.txt"
    locator = "afsnit 1"
