"""The fixed query mixes: `QUERIES`, 50 queries of 1–3 Danish words from the fixtures'
vocabulary (also the load benchmark's search phase), and `MIX`, those 50 plus 20 queries the way
users type them when the search covers cases, methods and erfa groups (the search benchmark).

Kinds: `word` (one word, often inflected), `words` (2–3 words, all must match), `prefix` (the
last word is unfinished, as while typing), `ascii` (æ/ø/å typed as ae/oe/aa), `broad` (words in
almost every case: ranking and counting nearly the whole corpus) and `browse` (no text, only
filters). About a third carry one or two facet filters. The 20 added in `MIX`: `typo` (a
misspelt word, to be corrected against the index vocabulary), `partial` (several words that no
single document has all of: ranked by how many match), `field` (abbreviations, synonyms and
compounds of the field: "IPS", "open dialogue", "akutteam") and `type` (the `type` facet, alone
or with others). The order interleaves the kinds, so an evenly spaced subset (see `subset`)
still has every kind."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    text: str
    filters: dict = field(default_factory=dict)  # facet key -> tuple of slugs

    @property
    def label(self):
        parts = [repr(self.text)] + [f"{k}={'|'.join(v)}" for k, v in self.filters.items()]
        return " ".join(parts)


def _q(kind, text, **filters):
    return BenchQuery(kind, text, {key: tuple(values) for key, values in filters.items()})


QUERIES = (
    _q("word", "rejselærere"),
    _q("broad", "borgeren"),
    _q("prefix", "mestr"),
    _q("words", "tidlig opsporing"),
    _q("word", "bostøtte", movement=["mestring"]),
    _q("ascii", "socialraadgivere"),
    _q("word", "psykiatri", region=["region-midtjylland"]),
    _q("browse", "", movement=["mestring"]),
    _q("words", "skæve boliger"),
    _q("broad", "kommune", status=["i-drift"]),
    _q("prefix", "tidlig ops"),
    _q("word", "mestringsforløbene"),
    _q("words", "unge uddannelse", target_group=["boern-og-unge", "unge-voksne"]),
    _q("word", "netværksmøder"),
    _q("broad", "tilbud"),
    _q("prefix", "samarb", sector=["social"]),
    _q("ascii", "boern og unge"),
    _q("word", "hjemløse", municipality=["aarhus"]),
    _q("words", "peerstøtter recovery"),
    _q("word", "forsorgshjem"),
    _q("broad", "borgere kommuner", movement=["tidlig-opsporing"], status=["i-drift"]),
    _q("prefix", "rejsel"),
    _q("word", "sagsbehandlere", challenge=["naar-vi-handler-for-sent"]),
    _q("words", "fælles plan koordinering"),
    _q("word", "indlæggelse", region=["region-hovedstaden", "region-sjaelland"]),
    _q("ascii", "faelles moeder"),
    _q("browse", "", region=["region-midtjylland"], status=["i-drift"]),
    _q("word", "beskæftigelse"),
    _q("prefix", "borgerdes"),
    _q("words", "botilbud støtte", evidence=["erfaringsbaseret"]),
    _q("broad", "region"),
    _q("word", "civilsamfundet", movement=["samspil-med-civilsamfundet"]),
    _q("words", "jobcentret sagsbehandlere"),
    _q("prefix", "psykiatris"),
    _q("word", "koordinerende", handlerum=["samspil-med-regionen"]),
    _q("ascii", "paaroerende"),
    _q("words", "familier børn skole", sector=["boern-unge-og-skole"]),
    _q("word", "mentorer"),
    _q("broad", "arbejde", method=["ips"]),
    _q("prefix", "bost", target_group=["voksne"]),
    _q("word", "serviceloven"),
    _q("words", "tidlig indsats", movement=["tidlig-opsporing", "mestring"]),
    _q("word", "virksomheder"),
    _q("prefix", "unge udd"),
    _q("words", "region kommune aftaler", status=["pilot"]),
    _q("word", "lovgivninger"),
    _q("broad", "kommuner tilbud"),
    _q("word", "evaluere", evidence=["evalueret", "effektmaalt"]),
    _q("prefix", "netv", municipality=["silkeborg", "aarhus", "randers"]),
    _q("words", "medarbejdere teamet", sector=["sundhed"], region=["region-nordjylland"]),
)
assert len(QUERIES) == 50

# Misspellings, partial matches, field vocabulary and the `type` facet; interleaved into MIX.
ADDED = (
    _q("typo", "rejselæer"),
    _q("partial", "uvisiteret indgang voksne"),
    _q("type", "ips", type=["method"]),
    _q("field", "open dialogue"),
    _q("typo", "netværsmøde"),
    _q("partial", "job og psykisk sårbarhed"),
    _q("type", "borgeren", type=["method", "erfa_group"]),
    _q("field", "akutteam"),
    _q("typo", "beskæftigelese", movement=["fokus-paa-beskaeftigelse"]),
    _q("partial", "peerstøtte ensomhed unge voksne"),
    _q("type", "", type=["erfa_group"]),
    _q("field", "jobfastholdelse"),
    _q("typo", "sagsbehandlr koordinering"),
    _q("partial", "tidlig opsporing skole angst", type=["case"]),
    _q("type", "mestring", type=["case", "method"], region=["region-midtjylland"]),
    _q("field", "SKP støtte"),
    _q("typo", "psykiatrein"),
    _q("partial", "bolig hjemløse misbrug eftervær"),
    _q("type", "netværksmøder", type=["method"], movement=["mestring"]),
    _q("field", "IPS"),
)
assert len(ADDED) == 20
# Two of the 50, then one added, 20 times; then the last 10 of the 50.
MIX = (
    tuple(q for i, new in enumerate(ADDED) for q in (QUERIES[2 * i], QUERIES[2 * i + 1], new))
    + QUERIES[40:]
)
assert len(MIX) == 70

# Type-ahead: each word cut to 2..8 letters (fewer when the word is shorter), as while typing:
# method names, municipalities, words of case titles, æ/ø/å both ways.
SUGGEST_WORDS = (
    "rejselærere", "borgerdesign", "netværksmøder", "beskæftigelse", "aalborg", "københavn",
    "silkeborg", "mestringsforløb", "recovery", "socialpsykiatri", "aaben dialog", "skæve boliger",
    "peerstøtte", "udskrivningsaftaler", "hjemløse", "tidlig opsporing",
)  # fmt: skip
SUGGEST_PREFIXES = tuple(
    dict.fromkeys(word[:n] for word in SUGGEST_WORDS for n in range(2, 9) if n <= len(word))
)


def subset(count, queries=QUERIES):
    """`count` queries spread evenly over `queries` (all of them when count >= len)."""
    if count >= len(queries):
        return list(queries)
    step = len(queries) / count
    return [queries[int(i * step)] for i in range(count)]
