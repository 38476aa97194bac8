"""Index updates on Wagtail's publish, unpublish, move and delete, on view restrictions, on
tag changes, on "Vi gør det også" and on taxonomy renames, for every searchable type. Each
writes outbox rows in the transaction of the change (search/outbox.py); the index is written
after the commit."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CasePage
from erfa.models import ErfaGroupPage
from methods.models import MethodAdoption, MethodPage
from taxonomy import models as tax

from .facets import forget_facet_values
from .sync import page_ids_under, schedule

SEARCHABLE = (CasePage, MethodPage, ErfaGroupPage)


def _forget_facet_values():
    # Now, so this request sees the change, and after commit, so a reader that filled the
    # cache from the old rows in between does not keep them.
    forget_facet_values()
    transaction.on_commit(forget_facet_values)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if not isinstance(instance, SEARCHABLE):
        return
    schedule([instance.pk])
    if isinstance(instance, MethodPage):
        _forget_facet_values()  # the method facet lists published methods by title
        # Cases and erfa groups carry their methods' slugs as a facet.
        schedule(CasePage.objects.filter(methods=instance).values_list("pk", flat=True))
        schedule(ErfaGroupPage.objects.filter(methods=instance).values_list("pk", flat=True))


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    schedule(page_ids_under(instance))


@receiver(post_delete, sender=CasePage)
@receiver(post_delete, sender=ErfaGroupPage)
def page_deleted(sender, instance, **kwargs):
    schedule([instance.pk])


@receiver(post_delete, sender=MethodPage)
def method_deleted(sender, instance, **kwargs):
    _forget_facet_values()
    schedule([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    schedule(page_ids_under(instance.page))


@receiver(post_save, sender=MethodAdoption)
@receiver(post_delete, sender=MethodAdoption)
def adoption_changed(sender, instance, **kwargs):
    # A municipality saying it uses a method is a municipality facet value of the method.
    schedule([instance.method_id])


def _tags_changed(sender, instance, action, reverse, pk_set, model=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        # A method added to or removed from a case changes the method's facets too.
        schedule([instance.pk, *(pk_set or () if model is MethodPage else ())])
    elif pk_set:
        schedule(pk_set)


_TAG_FIELDS = {
    CasePage: (
        "municipalities", "regions", "movements", "challenges", "target_groups", "sectors",
        "methods",
    ),
    MethodPage: ("movements",),
    ErfaGroupPage: ("movements", "challenges", "methods", "municipalities", "regions"),
}  # fmt: skip
for _model, _fields in _TAG_FIELDS.items():
    for _field in _fields:
        m2m_changed.connect(
            _tags_changed,
            sender=getattr(_model, _field).through,
            dispatch_uid=f"search-{_model.__name__}-{_field}",
        )

# Where a changed taxonomy term appears (its slug or name is in these pages' documents):
# model -> [(page model, relation)]. Methods also inherit their cases' terms (sync adds a
# case's methods to every sync), so only their own relations are listed.
_PAGES_OF_TERM = {
    tax.Movement: [(CasePage, "movements"), (MethodPage, "movements"),
                   (ErfaGroupPage, "movements")],
    tax.Challenge: [(CasePage, "challenges"), (ErfaGroupPage, "challenges")],
    tax.Handlerum: [(CasePage, "challenges__handlerum"), (ErfaGroupPage, "challenges__handlerum")],
    tax.Municipality: [(CasePage, "municipalities"), (ErfaGroupPage, "municipalities"),
                       (MethodPage, "adoptions__municipality")],
    tax.Region: [(CasePage, "regions"), (CasePage, "municipalities__region"),
                 (ErfaGroupPage, "regions"), (ErfaGroupPage, "municipalities__region")],
    tax.TargetGroup: [(CasePage, "target_groups")],
    tax.Sector: [(CasePage, "sectors")],
    tax.EvidenceLevel: [(CasePage, "evidence_level"), (MethodPage, "evidence_level")],
}  # fmt: skip


def _term_saved(sender, instance, created, **kwargs):
    _forget_facet_values()
    if created:
        return
    ids = set()
    for model, relation in _PAGES_OF_TERM[sender]:
        ids |= set(model.objects.filter(**{relation: instance}).values_list("pk", flat=True))
    schedule(ids)


def _term_deleted(sender, instance, **kwargs):
    _forget_facet_values()


for _term in _PAGES_OF_TERM:
    post_save.connect(_term_saved, sender=_term, dispatch_uid=f"search-term-{_term.__name__}")
    post_delete.connect(
        _term_deleted, sender=_term, dispatch_uid=f"search-term-deleted-{_term.__name__}"
    )
