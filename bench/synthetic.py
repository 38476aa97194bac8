"""Synthetic cases, methods and erfa groups: Danish text assembled from the fixtures' vocabulary
and realistic tag spreads.

Pure Python (no Django): `CaseGenerator.cases` returns plain `CaseSpec`s and
`PageGenerator.methods` / `.groups` plain `MethodSpec`s / `GroupSpec`s from seeded random
generators, so the same seed and taxonomy always give the same corpus."""

import datetime
import random
from dataclasses import dataclass

BODY_FIELDS = ("purpose", "target_group_text", "approach", "results", "economy")
# Share of the body each of the five knowledge dimensions gets.
BODY_SHARES = (0.2, 0.1, 0.35, 0.25, 0.1)
BODY_WORDS = (380, 520)  # ~450 words a case
SUMMARY_MAX = 300
TITLE_MAX = 120
STATUS_WEIGHTS = {"i-drift": 60, "pilot": 25, "afsluttet": 15}
EVIDENCE_WEIGHTS = [55, 25, 15, 5]  # erfaringsbaseret … effektmålt
FIRST_PUBLISHED = (datetime.date(2016, 1, 1), datetime.date(2026, 10, 31))


@dataclass
class Taxonomy:
    """Slugs available to tag with, in a fixed order (the database's)."""

    movements: list
    challenges: list
    municipalities: list
    regions: list
    target_groups: list
    sectors: list
    methods: list
    evidence_levels: list  # ordered from the weakest evidence to the strongest


@dataclass
class CaseSpec:
    slug: str
    title: str
    summary: str
    body: dict  # field name -> HTML
    first_published_at: datetime.datetime
    start_year: int
    status: str
    evidence: str
    movements: list
    challenges: list
    municipalities: list
    regions: list
    target_groups: list
    sectors: list
    methods: list

    @property
    def body_words(self):
        return sum(len(html.split()) for html in self.body.values())


def _skewed(rng, values, count, skew=0.8):
    """`count` distinct values; earlier values are more popular (Zipf-like weights)."""
    count = min(count, len(values))
    weights = [1 / (rank + 1) ** skew for rank in range(len(values))]
    chosen = []
    while len(chosen) < count:
        value = rng.choices(values, weights)[0]
        if value not in chosen:
            chosen.append(value)
    return chosen


class CaseGenerator:
    def __init__(self, vocabulary, taxonomy, seed=2026):
        self.vocabulary = vocabulary
        self.taxonomy = taxonomy
        self.rng = random.Random(seed)
        # Popularity orders are shuffled once per seed, so "popular" is not alphabetical.
        self.municipality_order = list(taxonomy.municipalities)
        self.rng.shuffle(self.municipality_order)
        self.method_order = list(taxonomy.methods)
        self.rng.shuffle(self.method_order)

    def _title(self):
        rng = self.rng
        if rng.random() < 0.3:
            title = rng.choice(self.vocabulary.titles)
        else:
            words = rng.sample(self.vocabulary.title_words, rng.randint(3, 6))
            title = " ".join(words)
        return (title[0].upper() + title[1:])[:TITLE_MAX]

    def _summary(self):
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(self.vocabulary.summaries)
        summary = rng.choice(self.vocabulary.sentences)[:SUMMARY_MAX]
        for _ in range(3):
            more = f"{summary} {rng.choice(self.vocabulary.sentences)}"
            if len(more) > SUMMARY_MAX:
                break
            summary = more
        return summary

    def _body(self):
        rng = self.rng
        target = rng.randint(*BODY_WORDS)
        body = {}
        for name, share in zip(BODY_FIELDS, BODY_SHARES, strict=True):
            paragraphs, paragraph, words = [], [], 0
            while words < target * share:
                sentence = rng.choice(self.vocabulary.sentences)
                paragraph.append(sentence)
                words += len(sentence.split())
                if len(paragraph) >= rng.randint(2, 4):
                    paragraphs.append(paragraph)
                    paragraph = []
            if paragraph:
                paragraphs.append(paragraph)
            body[name] = "".join(f"<p>{' '.join(p)}</p>" for p in paragraphs)
        return body

    def _published(self):
        start, end = FIRST_PUBLISHED
        day = start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))
        seconds = self.rng.randint(7 * 3600, 17 * 3600)
        moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        return moment + datetime.timedelta(seconds=seconds)

    def _evidence(self):
        levels = self.taxonomy.evidence_levels
        return self.rng.choices(levels, EVIDENCE_WEIGHTS[: len(levels)])[0]

    def case(self, number):
        rng, tax = self.rng, self.taxonomy
        title = self._title()
        published = self._published()
        municipalities = _skewed(rng, self.municipality_order, rng.choice((1, 1, 1, 2)), 0.6)
        return CaseSpec(
            slug=f"syntetisk-{number:05d}",
            title=title,
            summary=self._summary(),
            body=self._body(),
            first_published_at=published,
            start_year=max(2005, published.year - rng.randint(0, 4)),
            status=rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0],
            evidence=self._evidence(),
            movements=_skewed(rng, tax.movements, rng.choice((1, 1, 2, 2, 3))),
            challenges=_skewed(rng, tax.challenges, rng.choice((0, 1, 1, 2, 3))),
            municipalities=municipalities,
            # Sometimes a region owns the case too (cross-sector work).
            regions=[rng.choice(tax.regions)] if rng.random() < 0.2 else [],
            target_groups=_skewed(rng, tax.target_groups, rng.choice((0, 1, 1, 2, 3))),
            sectors=_skewed(rng, tax.sectors, rng.choice((0, 1, 1, 2))),
            methods=_skewed(rng, self.method_order, rng.choice((0, 0, 1, 2, 3))),
        )

    def cases(self, count, first_number=1):
        return [self.case(first_number + i) for i in range(count)]


# --- methods and erfa groups -------------------------------------------------------------------

METHOD_WORDS = (300, 600)  # description; the 20 real methods average a few hundred words
CORE_ELEMENTS = (3, 6)  # sentences, one list item each
GROUP_PURPOSE_WORDS = (120, 260)
GROUP_STATUS_WEIGHTS = {"aktiv": 85, "afsluttet": 15}
CADENCES = (
    "Fire møder om året",
    "Fire møder om året, alle online",
    "Hver anden måned, skiftevis online og fysisk",
    "Seks møder om året i en af de deltagende kommuner",
    "Et årligt seminar og to onlinemøder",
)


@dataclass
class MethodSpec:
    slug: str
    title: str
    summary: str
    description: str  # HTML
    core_elements: str  # HTML
    first_published_at: datetime.datetime
    evidence: str
    movements: list


@dataclass
class GroupSpec:
    slug: str
    title: str
    summary: str
    purpose: str  # HTML
    how_to_join: str  # HTML
    meeting_cadence: str
    status: str
    first_published_at: datetime.datetime
    movements: list
    challenges: list
    methods: list
    municipalities: list
    regions: list
    cases: list


class PageGenerator(CaseGenerator):
    """Synthetic methods and erfa groups, from the same vocabulary and taxonomy as the cases.

    Its own random stream (seed + 1), so adding methods and groups never changes how the
    generator draws titles and bodies for the cases."""

    def __init__(self, vocabulary, taxonomy, seed=2026, region_of=None):
        super().__init__(vocabulary, taxonomy, seed=seed + 1)
        self.region_of = region_of or {}  # municipality slug -> region slug

    def _paragraphs(self, words_range, per_paragraph=(2, 4)):
        rng = self.rng
        target = rng.randint(*words_range)
        paragraphs, paragraph, words = [], [], 0
        while words < target:
            sentence = rng.choice(self.vocabulary.sentences)
            paragraph.append(sentence)
            words += len(sentence.split())
            if len(paragraph) >= rng.randint(*per_paragraph):
                paragraphs.append(paragraph)
                paragraph = []
        if paragraph:
            paragraphs.append(paragraph)
        return "".join(f"<p>{' '.join(p)}</p>" for p in paragraphs)

    def method(self, number):
        rng, tax = self.rng, self.taxonomy
        items = [rng.choice(self.vocabulary.sentences) for _ in range(rng.randint(*CORE_ELEMENTS))]
        return MethodSpec(
            slug=f"syntetisk-metode-{number:03d}",
            title=self._title(),
            summary=self._summary(),
            description=self._paragraphs(METHOD_WORDS),
            core_elements="<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
            first_published_at=self._published(),
            evidence=self._evidence(),
            movements=_skewed(rng, tax.movements, rng.choice((1, 2, 2, 3))),
        )

    def methods(self, count, first_number=1):
        return [self.method(first_number + i) for i in range(count)]

    def group(self, number, case_slugs):
        rng, tax = self.rng, self.taxonomy
        municipalities = _skewed(rng, self.municipality_order, rng.randint(3, 8), 0.6)
        regions = sorted({self.region_of[m] for m in municipalities if m in self.region_of})
        return GroupSpec(
            slug=f"syntetisk-gruppe-{number:03d}",
            title="Erfa-gruppe: " + self._title(),
            summary=self._summary(),
            purpose=self._paragraphs(GROUP_PURPOSE_WORDS),
            how_to_join=f"<p>{rng.choice(self.vocabulary.sentences)}</p>",
            meeting_cadence=rng.choice(CADENCES),
            status=rng.choices(list(GROUP_STATUS_WEIGHTS), list(GROUP_STATUS_WEIGHTS.values()))[0],
            first_published_at=self._published(),
            movements=_skewed(rng, tax.movements, rng.choice((1, 1, 2))),
            challenges=_skewed(rng, tax.challenges, rng.choice((0, 1, 2))),
            methods=_skewed(rng, self.method_order, rng.choice((0, 1, 2, 3))),
            municipalities=municipalities,
            regions=regions,
            cases=rng.sample(case_slugs, min(len(case_slugs), rng.randint(0, 5))),
        )

    def groups(self, count, case_slugs, first_number=1):
        case_slugs = list(case_slugs)
        return [self.group(first_number + i, case_slugs) for i in range(count)]
