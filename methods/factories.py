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
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from editorial.models import MunicipalContributorGroup
    from editorial.roles import contributor_group_name

    user = get_user_model().objects.create_user(username=username)  # tests log in with force_login
    for municipality in municipalities:
        binding = MunicipalContributorGroup.objects.filter(municipality=municipality).first()
        if binding is None:
            group, _ = Group.objects.get_or_create(name=contributor_group_name(municipality))
            binding = MunicipalContributorGroup.objects.create(
                group=group, municipality=municipality
            )
        user.groups.add(binding.group)
    return user
