"""Shared set-up for the freshness, archive, reminder and confirmation tests."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission

from cases.factories import CasePageFactory
from cases.freshness import months_before
from cases.models import CaseIndexPage, CasePage
from editorial.models import MunicipalContributorGroup
from editorial.roles import EDITOR_GROUP, contributor_group_name
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


def _page_permissions(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )


def contributor_group(municipality_slug):
    """A 'Kommunal bidragyder' group bound to the municipality, with the rights the role has:
    the admin, and add/change under the case index."""
    municipality = Municipality.objects.get(slug=municipality_slug)
    binding = MunicipalContributorGroup.objects.filter(municipality=municipality).first()
    if binding:
        return binding.group
    group = Group.objects.create(name=contributor_group_name(municipality))
    MunicipalContributorGroup.objects.create(group=group, municipality=municipality)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    _page_permissions(group, CaseIndexPage.objects.get(), ("add", "change"))
    return group


def make_contributor(municipality_slug, username, email=None, is_active=True):
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@example.org" if email is None else email,
        password="x",
        is_active=is_active,
    )
    user.groups.add(contributor_group(municipality_slug))
    return user


def make_editor(username="redaktoer"):
    """A member of the Redaktør group who may edit and publish every page."""
    group = Group.objects.get_or_create(name=EDITOR_GROUP)[0]
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root = CaseIndexPage.objects.get().get_parent()
    _page_permissions(group, root, ("add", "change", "publish"))
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="x"
    )
    user.groups.add(group)
    return user
