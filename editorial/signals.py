"""Keep each erfa-group's coordinator group in step with its memberships."""

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from erfa.models import ErfaGroupPage, Membership

from .coordinators import sync_coordinators
from .models import ErfaCoordinatorGroup


def _deleting_pages(origin):
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return origin is not None and issubclass(model, Page)


@receiver(post_save, sender=Membership, dispatch_uid="editorial-membership-saved")
@receiver(post_delete, sender=Membership, dispatch_uid="editorial-membership-deleted")
def membership_changed(sender, instance, **kwargs):
    if _deleting_pages(kwargs.get("origin")):
        return  # the erfa-group itself is being deleted; its coordinator group goes with it
    erfa_group = ErfaGroupPage.objects.filter(pk=instance.group_id).first()
    if erfa_group is not None:
        sync_coordinators(erfa_group)


@receiver(post_delete, sender=ErfaCoordinatorGroup, dispatch_uid="editorial-coordinators-gone")
def coordinator_group_gone(sender, instance, **kwargs):
    Group.objects.filter(pk=instance.group_id).delete()
