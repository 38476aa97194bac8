import factory

from . import models


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Movement

    slug = factory.Sequence(lambda n: f"test-bevaegelse-{n}")
    name = factory.Sequence(lambda n: f"Testbevægelse {n}")
    order = factory.Sequence(lambda n: 100 + n)


class HandlerumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Handlerum

    slug = factory.Sequence(lambda n: f"test-handlerum-{n}")
    name = factory.Sequence(lambda n: f"Testhandlerum {n}")


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Challenge

    slug = factory.Sequence(lambda n: f"test-udfordring-{n}")
    name = factory.Sequence(lambda n: f"Testudfordring {n}")
    handlerum = factory.SubFactory(HandlerumFactory)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region

    slug = factory.Sequence(lambda n: f"test-region-{n}")
    name = factory.Sequence(lambda n: f"Testregion {n}")
    code = factory.Sequence(lambda n: 5000 + n)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality

    slug = factory.Sequence(lambda n: f"test-kommune-{n}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    code = factory.Sequence(lambda n: 6000 + n)
    region = factory.SubFactory(RegionFactory)


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TargetGroup

    slug = factory.Sequence(lambda n: f"test-maalgruppe-{n}")
    name = factory.Sequence(lambda n: f"Testmålgruppe {n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sector

    slug = factory.Sequence(lambda n: f"test-fagomraade-{n}")
    name = factory.Sequence(lambda n: f"Testfagområde {n}")
