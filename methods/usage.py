"""'Hvor bruges metoden?': which municipalities use a method, where and since when.

A municipality uses a method when it has recorded 'Vi gør det også' (MethodAdoption) or owns a
public case tagged with the method; the page says which of the two (or both) for each one, and
counts cases owned only by regions (or by nobody, e.g. a proposal) apart, since they name no
municipality. Drafts and view-restricted cases never count, and a draft
case linked from an adoption is not shown.

Everything here runs a fixed number of queries, however many adoptions and cases there are:
the method page must not get slower as more municipalities join in."""

from dataclasses import dataclass, field
from itertools import groupby
from math import ceil

from django.db.models import Exists, OuterRef
from django.utils import timezone

from taxonomy.models import Municipality

# The CSS bars in the 'over time' table come in this many width steps (classes usage-bar-0..20),
# so no inline style is needed.
BAR_STEPS = 20


@dataclass
class MunicipalityUse:
    municipality: Municipality
    cases: list = field(default_factory=list)  # public cases of this municipality with the method
    adoption: object = None  # the MethodAdoption, if the municipality recorded one
    year: int | None = None  # since when, as well as we know
    owns_case: bool = False  # owns a public case with the method (not only one an adoption names)

    @property
    def how(self):
        """'case', 'adoption' or 'both': why the municipality counts as using the method."""
        if self.owns_case and self.adoption:
            return "both"
        return "case" if self.owns_case else "adoption"


@dataclass
class Tile:
    municipality: Municipality
    use: MunicipalityUse | None

    @property
    def uses_method(self):
        return self.use is not None


@dataclass
class RegionGroup:
    region: object
    tiles: list

    @property
    def uses(self):
        return [tile.use for tile in self.tiles if tile.use]


@dataclass
class YearRow:
    year: int
    new: int
    total: int
    bar_step: int


@dataclass
class WhereUsed:
    uses: dict  # municipality id -> MunicipalityUse
    regions: list  # RegionGroup for every region, every municipality
    municipality_count: int
    timeline: list  # YearRow, oldest first
    unknown_year: int  # municipalities we have no year for
    cases_without_municipality: int = 0  # public cases with the method owned by no municipality

    @property
    def count(self):
        return len(self.uses)

    @property
    def via_cases(self):
        return sum(1 for use in self.uses.values() if use.owns_case)

    @property
    def via_adoptions(self):
        return sum(1 for use in self.uses.values() if use.adoption)

    @property
    def regions_in_use(self):
        return [group for group in self.regions if group.uses]


def _adoptions(method):
    from cases.models import public_cases

    return list(
        method.adoptions.select_related("municipality", "case").annotate(
            case_is_public=Exists(public_cases().filter(pk=OuterRef("case_id")))
        )
    )


def _year_of(use):
    """since_year, else the case's start year, else the year the fact reached Praksisbanken."""
    adoption = use.adoption
    if adoption and adoption.since_year:
        return adoption.since_year
    start_years = [case.start_year for case in use.cases if case.start_year]
    if start_years:
        return min(start_years)
    if adoption:
        return timezone.localtime(adoption.created_at).year
    published = [case.first_published_at for case in use.cases if case.first_published_at]
    return timezone.localtime(min(published)).year if published else None


def _timeline(uses):
    years = sorted(use.year for use in uses if use.year)
    if not years:
        return []
    rows, total = [], 0
    for year, group in groupby(years):
        new = len(list(group))
        total += new
        rows.append(YearRow(year=year, new=new, total=total, bar_step=0))
    for row in rows:
        row.bar_step = max(1, ceil(row.total * BAR_STEPS / total))
    return rows


def where_used(method, public_cases_of_method):
    """The municipalities using `method`. `public_cases_of_method` are its public cases with
    municipalities prefetched (MethodPage.usage() gives them)."""
    uses = {}

    def use_of(municipality):
        return uses.setdefault(municipality.pk, MunicipalityUse(municipality=municipality))

    cases_without_municipality = 0
    for case in public_cases_of_method:
        municipalities = case.municipalities.all()
        if not municipalities:
            cases_without_municipality += 1
        for municipality in municipalities:
            use = use_of(municipality)
            use.cases.append(case)
            use.owns_case = True
    for adoption in _adoptions(method):
        use = use_of(adoption.municipality)
        use.adoption = adoption
        if adoption.case_is_public and adoption.case not in use.cases:
            use.cases.insert(0, adoption.case)
    for use in uses.values():
        use.year = _year_of(use)

    all_municipalities = list(
        Municipality.objects.select_related("region").order_by("region__code", "name")
    )
    regions = []
    for region, municipalities in groupby(all_municipalities, key=lambda m: m.region):
        tiles = []
        for municipality in municipalities:
            use = uses.get(municipality.pk)
            if use:
                use.municipality = municipality  # the instance with its region loaded
            tiles.append(Tile(municipality=municipality, use=use))
        regions.append(RegionGroup(region=region, tiles=tiles))

    return WhereUsed(
        uses=uses,
        regions=regions,
        municipality_count=len(all_municipalities),
        timeline=_timeline(uses.values()),
        unknown_year=sum(1 for use in uses.values() if not use.year),
        cases_without_municipality=cases_without_municipality,
    )


def public_cases_by_municipality(municipalities):
    """{municipality id: [(case id, title), …]} of the public cases each municipality owns.

    One query through the many-to-many table, whatever the number of municipalities."""
    from cases.models import CasePage, public_cases

    links = (
        CasePage.municipalities.through.objects.filter(
            municipality__in=[m.pk for m in municipalities], casepage__in=public_cases()
        )
        .select_related("casepage")
        .order_by("casepage__title")
    )
    by_municipality = {m.pk: [] for m in municipalities}
    for link in links:
        by_municipality[link.municipality_id].append((link.casepage_id, link.casepage.title))
    return by_municipality


def adoption_context(method, user, where):
    """What the 'Vi gør det også' box shows this user. Only logged-in users get a form, so the
    page is never the same for two logged-in users and must not be shared-cached for them."""
    from editorial.roles import contributor_municipalities

    from .forms import AdoptionForm, WithdrawForm

    if not user.is_authenticated:
        return {"adoption_box": {"login_needed": True}}
    municipalities = list(contributor_municipalities(user).order_by("name"))
    if not municipalities:
        return {"adoption_box": {"not_contributor": True}}
    recorded = [where.uses[m.pk] for m in municipalities if _has_adoption(where, m)]
    open_municipalities = [m for m in municipalities if not _has_adoption(where, m)]
    form = None
    if open_municipalities:
        form = AdoptionForm(
            municipalities=open_municipalities,
            cases_by_municipality=public_cases_by_municipality(open_municipalities),
        )
    withdraw_forms = [
        (
            use,
            WithdrawForm(
                municipalities=municipalities,
                initial={"municipality": use.municipality.pk},
                auto_id=False,  # one hidden field per form: no clashing ids
            ),
        )
        for use in recorded
    ]
    return {"adoption_box": {"form": form, "withdraw_forms": withdraw_forms}}


def _has_adoption(where, municipality):
    use = where.uses.get(municipality.pk)
    return bool(use and use.adoption)
