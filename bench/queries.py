"""The fixed mix of 50 queries: 1–3 Danish words from the fixtures' vocabulary.

Kinds: `word` (one word, often inflected), `words` (2–3 words, all must match), `prefix` (the
last word is unfinished, as while typing), `ascii` (æ/ø/å typed as ae/oe/aa), `broad` (words in
almost every case: ranking and counting nearly the whole corpus) and `browse` (no text, only
filters). About a third carry one or two facet filters. The order interleaves the kinds, so an
evenly spaced subset (see `subset`) still has every kind."""

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


def subset(count):
    """`count` queries spread evenly over the mix (all of them when count >= 50)."""
    if count >= len(QUERIES):
        return list(QUERIES)
    step = len(QUERIES) / count
    return [QUERIES[int(i * step)] for i in range(count)]
