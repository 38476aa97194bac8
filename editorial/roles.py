"""The portal's editorial roles and who holds them.

Redaktør: national editors, edit and publish everything. Kommunal bidragyder: one group per
municipality, drafts and edits that municipality's cases and submits them for review, never
publishes. Erfa-koordinator: their own erfa-groups' pages and membership."""

from django.contrib.auth import get_user_model

from taxonomy.models import Municipality

EDITOR_GROUP = "Redaktør"
COORDINATOR_GROUP = "Erfa-koordinator"
CONTRIBUTOR_GROUP_PREFIX = "Kommunal bidragyder"


def contributor_group_name(municipality):
    return f"{CONTRIBUTOR_GROUP_PREFIX} – {municipality.name}"


def is_editor(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=EDITOR_GROUP).exists()


def contributor_municipalities(user):
    """The municipalities whose cases this user may draft and edit as a contributor."""
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    return Municipality.objects.filter(contributor_group__group__user=user)


def editors_to_notify():
    """Who hears about new material for review: active members of Redaktør with an address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=EDITOR_GROUP)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )
