"""Factories for erfa-groups. Groups are created under the one ErfaGroupIndexPage that
home.setup.ensure_site_structure creates; pass tags as lists, e.g. movements=[m]."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from .models import (
    ErfaGroupIndexPage,
    ErfaGroupPage,
    Meeting,
    MeetingDocument,
    Membership,
    Post,
    Profile,
)
from .models.membership import Role


class ErfaGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ErfaGroupPage

    parent = factory.LazyFunction(lambda: ErfaGroupIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Testgruppe {n}")
    slug = factory.Sequence(lambda n: f"testgruppe-{n}")
    summary = "En erfa-gruppe til test."
    purpose = "<p>Gruppens formål.</p>"
    how_to_join = "<p>Skriv kort, hvorfor du vil være med.</p>"
    meeting_cadence = "Fire gange om året"
    # An existing group by default; a proposed one (the fixtures' kind) is asked for by status.
    status = "aktiv"
    first_published_at = factory.LazyFunction(timezone.now)

    movements = factory.LazyFunction(list)
    challenges = factory.LazyFunction(list)
    methods = factory.LazyFunction(list)
    municipalities = factory.LazyFunction(list)
    regions = factory.LazyFunction(list)
    cases = factory.LazyFunction(list)


def _in_days(days, hour=13):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class MeetingFactory(factory.django.DjangoModelFactory):
    """A public meeting in a week; pass days=-30 for a past one."""

    class Meta:
        model = Meeting

    class Params:
        days = 7

    group = factory.SubFactory(ErfaGroupPageFactory)
    title = factory.Sequence(lambda n: f"Testmøde {n}")
    starts_at = factory.LazyAttribute(lambda o: _in_days(o.days))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Rådhuset, mødelokale 2"
    agenda = "1. Velkomst\n2. Erfaringer siden sidst"


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    group = factory.SubFactory(ErfaGroupPageFactory)
    body = factory.Sequence(lambda n: f"Opslag nummer {n}.")


def make_user(username, municipality=None, **extra):
    """A user with a fictional example.org address (and a profile when given a municipality)."""
    extra.setdefault("email", f"{username}@example.org")
    extra.setdefault("first_name", username.capitalize())
    extra.setdefault("last_name", "Testesen")
    user = get_user_model().objects.create_user(
        username=username,
        password="kodeord-123",  # noqa: S106 - test and demo users only
        **extra,
    )
    if municipality is not None:
        Profile.objects.create(user=user, municipality=municipality)
    return user


def add_member(group, user, coordinator=False):
    return Membership.add(group, user, role=Role.COORDINATOR if coordinator else Role.MEMBER)


def add_document(meeting, title="Bilag", members_only=True, content=b"Indhold af bilaget."):
    """A Wagtail document attached to a meeting; members-only ones go in the group's private
    collection, so Wagtail's own view enforces the privacy too."""
    group = meeting.group
    collection = group.private_collection if members_only else None
    Document = get_document_model()
    document = Document(title=title, file=ContentFile(content, name=f"{title.lower()}.txt"))
    if collection is not None:
        document.collection = collection
    document.save()
    return MeetingDocument.objects.create(
        meeting=meeting, document=document, members_only=members_only
    )
