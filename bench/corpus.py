"""Writing a synthetic corpus (cases, methods, erfa groups) into the (throwaway) database, fast.

Wagtail's `add_child` saves one page at a time (~67 pages/s on our machines, see
/work/shared/baseline.md). Here the treebeard paths are computed directly and the rows are
bulk-inserted: `wagtailcore_page` with `bulk_create`, `cases_casepage` with Django's insert
query over CasePage's own columns (multi-table models cannot be `bulk_create`d), then the
many-to-many through rows. Methods (`insert_methods`) and erfa groups (`insert_groups`) go the
same way, under the method and erfa-group index pages. Pages are live, public (no view
restrictions), with url_path, first_published_at and last_published_at set, as `add_child` +
publish would leave them, except that no revisions are written (search documents do not read
revisions). No signals fire: the benchmark rebuilds both indexes explicitly."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from wagtail.models import Page

from cases.models import CaseIndexPage, CasePage
from methods.models import MethodPage
from taxonomy import models as tax

from .synthetic import Taxonomy

BATCH = 500
ALPHABET = Page.alphabet
STEPLEN = Page.steplen


def load_taxonomy():
    """Slugs to tag with, from the taxonomy the fixtures import created."""

    def slugs(model, *order):
        return list(model.objects.order_by(*(order or ("pk",))).values_list("slug", flat=True))

    return Taxonomy(
        movements=slugs(tax.Movement, "order"),
        challenges=slugs(tax.Challenge, "order"),
        municipalities=slugs(tax.Municipality),
        regions=slugs(tax.Region),
        target_groups=slugs(tax.TargetGroup, "order"),
        sectors=slugs(tax.Sector, "order"),
        methods=list(MethodPage.objects.live().order_by("pk").values_list("slug", flat=True)),
        evidence_levels=slugs(tax.EvidenceLevel, "rank"),
    )


def _step(number):
    """Treebeard's path step for the number-th child: base 36, STEPLEN characters."""
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, ALPHABET[0])


# The case tags written as many-to-many rows: field name -> tag model (looked up by slug).
M2M = (
    ("movements", tax.Movement),
    ("challenges", tax.Challenge),
    ("municipalities", tax.Municipality),
    ("regions", tax.Region),
    ("target_groups", tax.TargetGroup),
    ("sectors", tax.Sector),
    ("methods", MethodPage),
)


@transaction.atomic
def insert_cases(specs):
    """Insert synthetic cases under the case index page; returns their page ids."""
    evidence = dict(tax.EvidenceLevel.objects.values_list("slug", "pk"))
    confirmed = datetime.date(2025, 1, 1)

    def row(page, spec):
        return CasePage(
            page_ptr_id=page.pk, last_confirmed=confirmed, summary=spec.summary,
            status=spec.status, start_year=spec.start_year,
            evidence_level_id=evidence[spec.evidence], contact_organisation="",
            contact_person="", contact_consent=False, contact_email="", cost_band="",
            **spec.body,
        )  # fmt: skip

    m2m = {field: dict(model.objects.values_list("slug", "pk")) for field, model in M2M}
    return _insert_pages(CaseIndexPage.objects.get(), CasePage, specs, row, m2m)


def _m2m_rows(model, field_name, pages, specs, ids):
    """Through rows of one many-to-many field, for pages and their specs' slug lists."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
    rows = [
        through(**{source: page.pk, target: ids[slug]})
        for page, spec in zip(pages, specs, strict=True)
        for slug in getattr(spec, field_name)
    ]
    through.objects.bulk_create(rows, batch_size=2000)


def _insert_pages(parent, model, specs, row, m2m):
    """Bulk-insert `specs` as live pages of `model` under `parent`: `row(page, spec)` builds the
    model's own row, `m2m` maps a field name to {slug: pk}. Returns the page ids."""
    last = parent.get_last_child()
    first_step = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    page_ids = []
    for start in range(0, len(specs), BATCH):
        chunk = specs[start : start + BATCH]
        pages = [
            Page(
                path=parent.path + _step(first_step + start + i), depth=parent.depth + 1,
                numchild=0, title=spec.title, draft_title=spec.title, slug=spec.slug,
                content_type=content_type, url_path=f"{parent.url_path}{spec.slug}/",
                locale_id=parent.locale_id, live=True, has_unpublished_changes=False,
                first_published_at=spec.first_published_at,
                last_published_at=spec.first_published_at,
            )
            for i, spec in enumerate(chunk)
        ]  # fmt: skip
        Page.objects.bulk_create(pages)
        rows = [row(page, spec) for page, spec in zip(pages, chunk, strict=True)]
        model._base_manager._insert(rows, fields=model._meta.local_concrete_fields)
        for field_name, ids in m2m.items():
            _m2m_rows(model, field_name, pages, chunk, ids)
        page_ids.extend(page.pk for page in pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(specs))
    return page_ids


@transaction.atomic
def insert_methods(specs):
    """Insert synthetic methods (bench.synthetic.MethodSpec) under the method index page."""
    from methods.models import MethodIndexPage

    evidence = dict(tax.EvidenceLevel.objects.values_list("slug", "pk"))
    confirmed = datetime.date(2025, 1, 1)

    def row(page, spec):
        return MethodPage(
            page_ptr_id=page.pk, last_confirmed=confirmed, summary=spec.summary,
            description=spec.description, core_elements=spec.core_elements, references="",
            evidence_level_id=evidence[spec.evidence],
        )  # fmt: skip

    movements = dict(tax.Movement.objects.values_list("slug", "pk"))
    parent = MethodIndexPage.objects.get()
    return _insert_pages(parent, MethodPage, specs, row, {"movements": movements})


def region_of_municipality():
    return dict(tax.Municipality.objects.values_list("slug", "region__slug"))


def ensure_erfa_index():
    """The erfa-group index page (the site structure `import_content` creates has it)."""
    from erfa.models import ErfaGroupIndexPage
    from home.setup import ensure_site_structure

    ensure_site_structure()
    return ErfaGroupIndexPage.objects.get()


@transaction.atomic
def insert_groups(specs):
    """Insert synthetic erfa groups (bench.synthetic.GroupSpec) under the erfa index page.

    Only the public page is written: no members' group, private collection, meetings or posts
    (none of them is ever part of a search document)."""
    from erfa.models import ErfaGroupPage

    def row(page, spec):
        return ErfaGroupPage(
            page_ptr_id=page.pk, summary=spec.summary, purpose=spec.purpose,
            how_to_join=spec.how_to_join, meeting_cadence=spec.meeting_cadence,
            status=spec.status, members_group=None, private_collection=None,
        )  # fmt: skip

    def slugs(model):
        return dict(model.objects.values_list("slug", "pk"))

    m2m = {
        "movements": slugs(tax.Movement),
        "challenges": slugs(tax.Challenge),
        "methods": slugs(MethodPage),
        "municipalities": slugs(tax.Municipality),
        "regions": slugs(tax.Region),
        "cases": slugs(CasePage),
    }
    return _insert_pages(ensure_erfa_index(), ErfaGroupPage, specs, row, m2m)
