"""Which practice examples to compare: the `ids` parameter, validated.

The selection lives in the URL only (`?ids=12,34,56`, or `ids` repeated as a form sends it),
never in a session, so a comparison is a stable address to share. Every problem gets a Danish
message; an id that is unknown, unpublished, members-only or not a practice example gets the
same one, so the answer never tells whether a hidden page exists."""

import re
from dataclasses import dataclass, field

from cases.models import public_cases

MIN_CASES = 2
MAX_CASES = 4
# Page ids are database integers; a larger number is no id (and would overflow PostgreSQL).
MAX_ID = 2**31 - 1
# Garbage values named in one message at most; the rest are counted.
MAX_NAMED = 3
SEPARATORS = re.compile(r"[,;\s]+")


@dataclass
class Selection:
    cases: list = field(default_factory=list)  # public CasePages, in the order given, no repeats
    errors: list = field(default_factory=list)  # Danish messages

    @property
    def ids(self):
        return [case.pk for case in self.cases]

    @property
    def comparable(self):
        return not self.errors and MIN_CASES <= len(self.cases) <= MAX_CASES


def tokens(params):
    """The raw values of every `ids` parameter, split at commas and spaces."""
    return [
        token
        for value in params.getlist("ids")
        for token in SEPARATORS.split(value.strip())
        if token
    ]


def parse_ids(raw):
    """(ids in order without repeats, Danish messages) for the raw tokens; no database."""
    errors, ids, garbage, repeated = [], [], [], []
    for token in raw:
        if not token.isascii() or not token.isdigit() or not 0 < int(token) <= MAX_ID:
            garbage.append(token)
        elif int(token) in ids:
            if int(token) not in repeated:
                repeated.append(int(token))
        else:
            ids.append(int(token))
    if garbage:
        named = ", ".join(f"«{_shorten(token)}»" for token in garbage[:MAX_NAMED])
        more = len(garbage) - MAX_NAMED
        extra = f" og {more} til" if more > 0 else ""
        errors.append(
            f"{named}{extra} er ikke numre på praksiseksempler."
            if len(garbage) > 1
            else f"{named} er ikke et nummer på et praksiseksempel."
        )
    for page_id in repeated:
        errors.append(f"Praksiseksempel nr. {page_id} er valgt mere end én gang.")
    if len(ids) > MAX_CASES:
        errors.append(
            f"Du kan sammenligne højst {MAX_CASES} praksiseksempler ad gangen; "
            f"der er valgt {len(ids)}."
        )
    return ids, errors


def select(params, queryset=None):
    """The Selection the request parameters ask for, its cases taken from `queryset` (default:
    every public case): a fixed number of queries whatever was sent, as at most MAX_CASES ids
    are looked up."""
    queryset = public_cases() if queryset is None else queryset
    ids, errors = parse_ids(tokens(params))
    ids = ids[:MAX_CASES]
    found = {case.pk: case for case in queryset.filter(pk__in=ids)} if ids else {}
    for page_id in ids:
        if page_id not in found:
            errors.append(f"Der er intet offentligt praksiseksempel med nr. {page_id}.")
    return Selection(cases=[found[pk] for pk in ids if pk in found], errors=errors)


def ids_param(ids):
    """The canonical value of `ids`: "12,34,56"."""
    return ",".join(str(page_id) for page_id in ids)


def _shorten(token, limit=20):
    return token if len(token) <= limit else token[: limit - 1] + "…"
