"""Case counts per taxonomy value: one query per count list, whatever the number of cases."""

from django.db.models import Count

from .models import public_cases


def counts_by(field, cases=None):
    """{slug: number of public cases} for a many-to-many taxonomy field of CasePage."""
    cases = public_cases() if cases is None else cases
    # order_by() drops Page's default ordering, which would otherwise split the groups.
    rows = cases.order_by().values(f"{field}__slug").annotate(n=Count("pk", distinct=True))
    return {row[f"{field}__slug"]: row["n"] for row in rows if row[f"{field}__slug"]}


def movement_challenge_matrix(cases=None):
    """{(movement slug, challenge slug): number of public cases tagged with both}."""
    cases = public_cases() if cases is None else cases
    rows = (
        cases.order_by()
        .values("movements__slug", "challenges__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    return {
        (row["movements__slug"], row["challenges__slug"]): row["n"]
        for row in rows
        if row["movements__slug"] and row["challenges__slug"]
    }
