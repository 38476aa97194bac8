"""Erfa-group coordinators in the Wagtail admin.

Each erfa-group gets a Django group "Erfa-koordinator – <gruppe>" holding "change" on that
group's page only; its members are the group's memberships with the coordinator role. So Wagtail's
own permission checks (edit view, explorer, API) keep a coordinator to the groups they
coordinate. Coordinators are also put in the "Erfa-koordinator" role group, which gives admin
access; they leave it when they coordinate no group any more."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from .models import ErfaCoordinatorGroup
from .roles import COORDINATOR_GROUP

GROUP_NAME_LIMIT = 150  # django.contrib.auth.models.Group.name


def coordinator_group_name(erfa_group):
    return f"{COORDINATOR_GROUP} – {erfa_group.title}"[:GROUP_NAME_LIMIT]


def _change_permission():
    return Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")


@transaction.atomic
def sync_coordinators(erfa_group):
    """Make the erfa-group's coordinator group, its page permission and its members match the
    group's coordinator memberships. Safe to run any number of times."""
    from erfa.models.membership import Role

    binding = ErfaCoordinatorGroup.objects.select_related("group").filter(erfa_group=erfa_group)
    binding = binding.first()
    name = coordinator_group_name(erfa_group)
    if binding is None:
        group, _ = Group.objects.get_or_create(name=name)
        binding = ErfaCoordinatorGroup.objects.create(group=group, erfa_group=erfa_group)
    group = binding.group
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    GroupPagePermission.objects.filter(group=group).exclude(
        page=erfa_group, permission=_change_permission()
    ).delete()
    GroupPagePermission.objects.get_or_create(
        group=group, page=erfa_group, permission=_change_permission()
    )

    User = get_user_model()
    coordinators = User.objects.filter(
        erfa_memberships__group=erfa_group, erfa_memberships__role=Role.COORDINATOR
    )
    previous = set(group.user_set.values_list("pk", flat=True))
    current = set(coordinators.values_list("pk", flat=True))
    group.user_set.set(current)

    role_group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    role_group.user_set.add(*current)
    for user_pk in previous - current:
        still_coordinates = Group.objects.filter(coordinates__isnull=False, user=user_pk).exists()
        if not still_coordinates:
            role_group.user_set.remove(user_pk)


def sync_all_coordinators():
    from erfa.models import ErfaGroupPage

    for erfa_group in ErfaGroupPage.objects.all():
        sync_coordinators(erfa_group)
