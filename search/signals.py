"""Index updates on Wagtail's publish, unpublish, move and delete, on view restrictions, on
tag changes and on taxonomy renames. Work happens after the transaction commits."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CasePage
from methods.models import MethodPage
from taxonomy import models as tax

from .facets import forget_facet_values
from .sync import case_ids_under, schedule


def _forget_facet_values():
    # Now, so this request sees the change, and after commit, so a reader that filled the
    # cache from the old rows in between does not keep them.
    forget_facet_values()
    transaction.on_commit(forget_facet_values)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if isinstance(instance, CasePage):
        schedule([instance.pk])
    elif isinstance(instance, MethodPage):
        _forget_facet_values()  # the method facet lists published methods by title
        # Cases carry their methods' slugs as a facet.
        schedule(CasePage.objects.filter(methods=instance).values_list("pk", flat=True))


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    schedule(case_ids_under(instance))


@receiver(post_delete, sender=CasePage)
def case_deleted(sender, instance, **kwargs):
    schedule([instance.pk])


@receiver(post_delete, sender=MethodPage)
def method_deleted(sender, instance, **kwargs):
    _forget_facet_values()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    schedule(case_ids_under(instance.page))


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        schedule([instance.pk])
    elif pk_set:
        schedule(pk_set)


for _field in (
    "municipalities", "regions", "movements", "challenges", "target_groups", "sectors", "methods",
):  # fmt: skip
    m2m_changed.connect(
        _tags_changed, sender=getattr(CasePage, _field).through, dispatch_uid=f"search-{_field}"
    )

# Which cases a changed taxonomy term appears in (its slug or name is in their documents).
_CASES_OF_TERM = {
    tax.Movement: "movements",
    tax.Challenge: "challenges",
    tax.Handlerum: "challenges__handlerum",
    tax.Municipality: "municipalities",
    tax.Region: "regions",
    tax.TargetGroup: "target_groups",
    tax.Sector: "sectors",
    tax.EvidenceLevel: "evidence_level",
}


def _term_saved(sender, instance, created, **kwargs):
    _forget_facet_values()
    if created:
        return
    relation = _CASES_OF_TERM[sender]
    ids = set(CasePage.objects.filter(**{relation: instance}).values_list("pk", flat=True))
    if sender is tax.Region:
        ids |= set(
            CasePage.objects.filter(municipalities__region=instance).values_list("pk", flat=True)
        )
    schedule(ids)


def _term_deleted(sender, instance, **kwargs):
    _forget_facet_values()


for _model in _CASES_OF_TERM:
    post_save.connect(_term_saved, sender=_model, dispatch_uid=f"search-term-{_model.__name__}")
    post_delete.connect(
        _term_deleted, sender=_model, dispatch_uid=f"search-term-deleted-{_model.__name__}"
    )
