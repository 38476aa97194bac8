"""Practice examples side by side: one row per property, one column per case, and for each
row whether the cases differ, so the page (and the API) can point the differences out.

Rows are compared where a difference means something to a leader choosing what to copy
(status, evidence, cost band, target groups, methods, contact organisation). Texts, dates and
sources are shown side by side but not compared: two descriptions always differ."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from cases.freshness import stale_after_months
from cases.models import public_cases
from content.sources import describe
from methods.models import public_methods

# The five knowledge dimensions: (field, key in the API, label), in the case page's order.
DIMENSIONS = (
    ("purpose", "purpose", "Formål og baggrund"),
    ("target_group_text", "target_group", "Målgruppe"),
    ("approach", "approach", "Indsatsen og organiseringen"),
    ("results", "results", "Resultater og erfaringer"),
    ("economy", "economy", "Økonomi"),
)
NOT_GIVEN = "Ikke oplyst"


def cases_queryset():
    """Public cases with everything the comparison shows, fetched in a fixed number of
    queries however many cases and tags there are."""
    return (
        public_cases()
        .select_related("evidence_level")
        .prefetch_related(
            "municipalities",
            "regions",
            "target_groups",
            "sources",
            Prefetch(
                "methods", queryset=public_methods().order_by("title"), to_attr="public_methods"
            ),
        )
    )


@dataclass
class Item:
    """One value in a list cell; `shared` when every compared case has it."""

    label: str
    url: str = ""
    shared: bool = False


@dataclass
class Cell:
    text: str = ""  # a single value; "" means not given
    items: list = field(default_factory=list)  # for list rows
    html: str = ""  # rich text (the knowledge dimensions), already safe
    note: str = ""  # e.g. "Ikke bekræftet i over 2 år"
    date: object = None


@dataclass
class Row:
    key: str
    label: str
    kind: str  # "text", "list", "html", "date", "sources"
    cells: list
    compared: bool = False
    differs: bool = False


@dataclass
class Section:
    label: str
    rows: list


def _text_row(key, label, values, compared=True):
    cells = [Cell(text=value or "") for value in values]
    normalised = {" ".join((value or "").split()).casefold() for value in values}
    return Row(key, label, "text", cells, compared, compared and len(normalised) > 1)


def _list_row(key, label, lists, compared=True):
    """`lists`: per case a list of (identity, label, url)."""
    sets = [{identity for identity, _, _ in values} for values in lists]
    everywhere = set.intersection(*sets) if sets else set()
    cells = [
        Cell(items=[Item(text, url, identity in everywhere) for identity, text, url in values])
        for values in lists
    ]
    differs = compared and any(s != sets[0] for s in sets)
    return Row(key, label, "list", cells, compared, differs)


def _status(case):
    if not case.status:
        return ""
    text = case.get_status_display()
    return f"{text} (siden {case.start_year})" if case.start_year else text


def _organisations(case):
    return [
        (f"{kind}:{org.slug}", org.name + (" Kommune" if kind == "municipality" else ""), "")
        for kind, orgs in (
            ("municipality", case.municipalities.all()),
            ("region", case.regions.all()),
        )
        for org in orgs
    ]


def sections(cases):
    """The comparison of `cases` (from cases_queryset()) as labelled sections of rows."""
    status_row = _text_row("status", "Status", [_status(c) for c in cases])
    # Same status with different start years is not a difference worth pointing out.
    status_row.differs = len({c.status for c in cases}) > 1
    facts = [
        _list_row(
            "organisations", "Kommune eller region", [_organisations(c) for c in cases], False
        ),
        status_row,
        _text_row(
            "evidence",
            "Evidens",
            [c.evidence_level.name if c.evidence_level else "" for c in cases],
        ),
        _text_row("cost_band", "Årlig udgift", [c.get_cost_band_display() for c in cases]),
        _list_row(
            "target_groups",
            "Målgrupper",
            [[(t.slug, t.name, "") for t in c.target_groups.all()] for c in cases],
        ),
        _list_row(
            "methods",
            "Metoder",
            [[(m.slug, m.title, m.url) for m in c.public_methods] for c in cases],
        ),
        _text_row(
            "contact_organisation", "Kontaktorganisation", [c.contact_organisation for c in cases]
        ),
    ]
    dimensions = [
        Row(key, label, "html", [Cell(html=expand_db_html(getattr(c, name) or "")) for c in cases])
        for name, key, label in DIMENSIONS
    ]
    sources = Row(
        "sources",
        "Kilder",
        "sources",
        [Cell(items=[Item(_source_label(s), s.url) for s in c.sources.all()]) for c in cases],
    )
    stale_note = f"Ikke bekræftet i {stale_after_months()} måneder eller mere"
    freshness = [
        Row(
            "last_confirmed",
            "Senest bekræftet",
            "date",
            [Cell(date=c.last_confirmed, note=_freshness_note(c, stale_note)) for c in cases],
        ),
        sources,
    ]
    return [
        Section("Fakta", facts),
        Section("De fem vidensdimensioner", dimensions),
        Section("Kilder og aktualitet", freshness),
    ]


def _freshness_note(case, stale_note):
    if case.is_archived:
        return "Arkiveret: bevaret som reference"
    return stale_note if case.is_stale else ""


def _source_label(source):
    label = describe(source.document)
    return f"{label}, {source.locator}" if source.locator else label


def differences(all_sections):
    """The keys of the compared rows whose values differ."""
    return [row.key for section in all_sections for row in section.rows if row.differs]


def plain(html):
    return " ".join(strip_tags(html).split())
