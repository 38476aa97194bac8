import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import MethodAdoption, MethodPage, MethodSource


class MethodPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MethodPage

    title = factory.Sequence(lambda n: f"Testmetode {n}")
    slug = factory.Sequence(lambda n: f"testmetode-{n}")
    summary = "En metode til test."
    description = "<p>Beskrivelse af metoden.</p>"
    last_confirmed = datetime.date(2025, 1, 1)
    first_published_at = factory.LazyFunction(timezone.now)

    movements = factory.LazyFunction(list)


class MethodSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodSource

    page = factory.SubFactory(MethodPageFactory)
    document = "testkilde.txt"
    locator = "afsnit 1"


class MethodAdoptionFactory(factory.django.DjangoModelFactory):
    """Pass method=… and municipality=…; case and since_year are optional."""

    class Meta:
        model = MethodAdoption


def make_contributor(username, *municipalities):
    """A user in the 'Kommunal bidragyder' group of each of `municipalities`."""
    from editorial.factories import make_contributor as make_role_contributor

    return make_role_contributor(username, *municipalities)
