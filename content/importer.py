"""Importing the content fixtures: validate everything, then write it in one transaction.

A second import of unchanged files writes nothing: each taxonomy row and page is compared
with what the database holds and only saved (and, for pages, revised and published) when it
differs."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from cases.models import CasePage, CaseSource, CaseStatus, CostBand
from home.setup import ensure_site_structure
from methods.models import MethodPage, MethodSource
from sitepages.models import SitePage, SitePageKind
from taxonomy import models as tax

from .fixtures import (
    FixtureError,
    FixtureErrors,
    check_length,
    check_summary,
    load_source_documents,
    load_taxonomies,
    read_document,
    read_page,
)

CASE_KEYS = (
    "title", "summary", "organisations", "movements", "challenges", "target-groups", "sectors",
    "methods", "status", "start-year", "evidence", "cost-band", "contact-organisation",
    "contact-person", "contact-consent", "confirmed", "sources",
)  # fmt: skip
CASE_SECTIONS = {
    "Formål og baggrund": "purpose",
    "Målgruppe": "target_group_text",
    "Indsatsen og organiseringen": "approach",
    "Resultater og erfaringer": "results",
    "Økonomi": "economy",
}
METHOD_KEYS = ("title", "summary", "evidence", "movements", "confirmed", "sources")
PAGE_KEYS = ("title", "summary", "kind")
METHOD_SECTIONS = {
    "Beskrivelse": "description",
    "Kerneelementer": "core_elements",
    "Referencer": "references",
}
TAXONOMY_MODELS = {
    "frame": tax.Frame,
    "movements": tax.Movement,
    "handlerum": tax.Handlerum,
    "challenges": tax.Challenge,
    "regions": tax.Region,
    "municipalities": tax.Municipality,
    "target_groups": tax.TargetGroup,
    "sectors": tax.Sector,
    "evidence_levels": tax.EvidenceLevel,
}
FOREIGN_KEYS = {
    "challenges": ("handlerum", tax.Handlerum),
    "municipalities": ("region", tax.Region),
}


@dataclass
class PageRecord:
    model: type
    slug: str
    fields: dict  # scalar model fields
    m2m: dict  # field -> (taxonomy model, sorted slugs)
    sources: list  # [(document, locator)]


@dataclass
class ImportReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)

    def count(self, bucket, kind):
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + 1

    def lines(self):
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{kind}: {self.created.get(kind, 0)} nye, {self.updated.get(kind, 0)} ændrede, "
            f"{self.unchanged.get(kind, 0)} uændrede"
            for kind in kinds
        ]


def _slugs(rows):
    return {row["slug"] for row in rows}


def parse_all(root):
    """Parse and validate every fixture under root; raise FixtureErrors listing every problem."""
    root = Path(root)
    taxonomies = load_taxonomies(root / "taxonomy")
    allowed = {key: _slugs(rows) for key, rows in taxonomies.items()}
    allowed["sources"] = set(load_source_documents(root / "taxonomy"))
    errors, methods, cases = [], [], []
    method_paths = sorted((root / "methods").glob("*.md"))
    method_slugs = {p.stem for p in method_paths}
    for path in method_paths:
        doc = read_document(path, METHOD_KEYS, list(METHOD_SECTIONS))
        record = _method_record(doc, allowed) if not doc.errors else None
        errors.extend(doc.errors)
        methods.append(record)
    for path in sorted((root / "cases").glob("*.md")):
        doc = read_document(path, CASE_KEYS, list(CASE_SECTIONS))
        record = _case_record(doc, allowed, method_slugs) if not doc.errors else None
        errors.extend(doc.errors)
        cases.append(record)
    pages = []
    for path in sorted((root / "pages").glob("*.md")):
        doc = read_page(path, PAGE_KEYS)
        record = _page_record(doc) if not doc.errors else None
        errors.extend(doc.errors)
        pages.append(record)
    kinds = [record.fields["kind"] for record in pages if record]
    for kind in sorted({k for k in kinds if kinds.count(k) > 1}):
        errors.append(FixtureError(root / "pages", "Kind", f"«{kind}» bruges af mere end én side."))
    if errors:
        raise FixtureErrors(errors)
    return taxonomies, methods, cases, pages


def _page_record(doc):
    title = doc.text("title", required=True)
    check_length(doc, "Title", title)
    summary = doc.text("summary", required=True)
    check_summary(doc, summary)
    kind = doc.choice("kind", set(SitePageKind.values))
    if not kind:
        doc.fail("Kind", "mangler (feltet er krævet).", SitePageKind.values)
    if doc.errors:
        return None
    fields = {"title": title, "summary": summary, "kind": kind, "body": doc.sections["body"]}
    return PageRecord(SitePage, doc.slug, fields, {}, [])


def _common_fields(doc):
    summary = doc.text("summary", required=True)
    check_summary(doc, summary)
    title = doc.text("title", required=True)
    check_length(doc, "Title", title)
    return {
        "title": title,
        "summary": summary,
        "last_confirmed": doc.date("confirmed"),
    }


def _method_record(doc, allowed):
    fields = _common_fields(doc)
    evidence = doc.slugs("evidence", allowed["evidence_levels"])
    movements = doc.slugs("movements", allowed["movements"], required=True)
    sources = doc.sources(allowed["sources"])
    html = doc.html_sections(list(METHOD_SECTIONS), required=["Beskrivelse"])
    fields.update({name: html.get(heading, "") for heading, name in METHOD_SECTIONS.items()})
    fields["evidence_level"] = evidence[0] if evidence else None
    if doc.errors:
        return None
    return PageRecord(
        MethodPage, doc.slug, fields, {"movements": (tax.Movement, movements)}, sources
    )


def _case_record(doc, allowed, method_slugs):
    fields = _common_fields(doc)
    status = doc.choice("status", set(CaseStatus.values))
    # Only a proposal may lack an owner: no source gives one for an idea nobody carried out.
    organisations = doc.slugs(
        "organisations",
        allowed["municipalities"] | allowed["regions"],
        required=status != CaseStatus.IDE_FORSLAG,
    )
    m2m = {
        "municipalities": (
            tax.Municipality,
            [s for s in organisations if s in allowed["municipalities"]],
        ),
        "regions": (tax.Region, [s for s in organisations if s in allowed["regions"]]),
        "movements": (tax.Movement, doc.slugs("movements", allowed["movements"])),
        "challenges": (tax.Challenge, doc.slugs("challenges", allowed["challenges"])),
        "target_groups": (tax.TargetGroup, doc.slugs("target-groups", allowed["target_groups"])),
        "sectors": (tax.Sector, doc.slugs("sectors", allowed["sectors"])),
        "methods": (MethodPage, doc.slugs("methods", method_slugs)),
    }
    evidence = doc.slugs("evidence", allowed["evidence_levels"])
    consent = doc.choice("contact-consent", {"ja", "nej"}) == "ja"
    person = doc.text("contact-person")
    contact_organisation = doc.text("contact-organisation")
    check_length(doc, "Contact-person", person)
    check_length(doc, "Contact-organisation", contact_organisation)
    if person and not consent:
        doc.fail("Contact-person", "en navngiven person kræver «Contact-consent: ja».")
    html = doc.html_sections(list(CASE_SECTIONS))
    fields.update({name: html.get(heading, "") for heading, name in CASE_SECTIONS.items()})
    fields.update(
        status=status,
        start_year=doc.year("start-year"),
        evidence_level=evidence[0] if evidence else None,
        cost_band=doc.choice("cost-band", set(CostBand.values)),
        contact_organisation=contact_organisation,
        contact_person=person,
        contact_consent=consent,
    )
    sources = doc.sources(allowed["sources"])
    if doc.errors:
        return None
    return PageRecord(CasePage, doc.slug, fields, m2m, sources)


@transaction.atomic
def import_content(root):
    taxonomies, methods, cases, pages = parse_all(root)
    report = ImportReport()
    for key, rows in taxonomies.items():
        _upsert_terms(key, rows, report)
    home, case_index, method_index = ensure_site_structure()
    for record in methods:
        _upsert_page(method_index, record, MethodSource, report)
    for record in cases:
        _upsert_page(case_index, record, CaseSource, report)
    for record in pages:
        _upsert_site_page(home, record, report)
    return report


def _upsert_site_page(home, record, report):
    """Create a site page, or update it while nobody has edited it in the admin: once an editor
    has saved a revision, the page is theirs and the fixture no longer overwrites it."""
    kind = record.model._meta.verbose_name_plural
    page = SitePage.objects.filter(kind=record.fields["kind"]).first()
    if page is not None:
        edited = page.revisions.exclude(user=None).exists()
        current = {name: getattr(page, name) for name in record.fields}
        if edited or (current == record.fields and page.live and not page.has_unpublished_changes):
            report.count("unchanged", kind)
            return page
    is_new = page is None
    page = page or SitePage(slug=record.slug)
    for name, value in record.fields.items():
        setattr(page, name, value)
    if is_new:
        home.add_child(instance=page)
    page.save_revision().publish()
    report.count("created" if is_new else "updated", kind)
    return page


def _upsert_terms(key, rows, report):
    model = TAXONOMY_MODELS[key]
    existing = {obj.slug: obj for obj in model.objects.all()}
    fk = FOREIGN_KEYS.get(key)
    fk_objects = {o.slug: o for o in fk[1].objects.all()} if fk else {}
    for row in rows:
        values = dict(row)
        if fk:
            values[fk[0]] = fk_objects[values[fk[0]]]
        obj = existing.get(row["slug"])
        if obj is None:
            model.objects.create(**values)
            report.count("created", model._meta.verbose_name_plural)
            continue
        changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if changed:
            for k, v in changed.items():
                setattr(obj, k, v)
            obj.save()
            report.count("updated", model._meta.verbose_name_plural)
        else:
            report.count("unchanged", model._meta.verbose_name_plural)


def _snapshot(page, record):
    """What the page holds now, in the shape of the record, to decide whether to write."""
    fields = {}
    for name in record.fields:
        value = getattr(page, name)
        fields[name] = value.slug if name == "evidence_level" and value else value
    m2m = {name: sorted(obj.slug for obj in getattr(page, name).all()) for name in record.m2m}
    sources = [(s.document, s.locator) for s in page.sources.all()]
    return fields, m2m, sources


def _upsert_page(parent, record, source_model, report):
    kind = record.model._meta.verbose_name_plural
    page = record.model.objects.child_of(parent).filter(slug=record.slug).first()
    wanted_m2m = {name: slugs for name, (_, slugs) in record.m2m.items()}
    if page is not None:
        current = _snapshot(page, record)
        if (
            current == (record.fields, wanted_m2m, record.sources)
            and page.live
            and (not page.has_unpublished_changes)
        ):
            report.count("unchanged", kind)
            return page
    is_new = page is None
    page = page or record.model(slug=record.slug)
    for name, value in record.fields.items():
        if name == "evidence_level":
            value = tax.EvidenceLevel.objects.get(slug=value) if value else None
        setattr(page, name, value)
    for name, (model, slugs) in record.m2m.items():
        setattr(page, name, list(model.objects.filter(slug__in=slugs)))
    page.sources = [
        source_model(document=doc, locator=locator, sort_order=i)
        for i, (doc, locator) in enumerate(record.sources)
    ]
    if is_new:
        parent.add_child(instance=page)
    page.save_revision().publish()
    report.count("created" if is_new else "updated", kind)
    return page
