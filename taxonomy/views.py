"""Public pages per taxonomy value: one per movement, challenge, municipality and region.

Each page lists the public cases tagged with the value in a fixed number of queries."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from cases.models import public_cases
from cases.stats import counts_by
from methods.models import public_methods

from .models import Challenge, Handlerum, Movement, Municipality, Region

CASES_PER_PAGE = 20


def _case_list(request, cases):
    cases = (
        cases.order_by("title")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
            "regions",
            "movements",
        )
        .distinct()
    )
    return Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("side"))


def movement_list(request):
    movements = list(Movement.objects.all())
    counts = counts_by("movements")
    for movement in movements:
        movement.case_count = counts.get(movement.slug, 0)
    return render(request, "taxonomy/movement_list.html", {"movements": movements})


def movement_detail(request, slug):
    movement = get_object_or_404(Movement, slug=slug)
    cases = public_cases().filter(movements=movement)
    context = {
        "term": movement,
        "cases": _case_list(request, cases),
        "methods": public_methods().filter(movements=movement).order_by("title"),
        "challenge_counts": _challenge_counts(cases),
    }
    return render(request, "taxonomy/movement_detail.html", context)


def _challenge_counts(cases):
    counts = counts_by("challenges", cases)
    challenges = list(Challenge.objects.all())
    for challenge in challenges:
        challenge.case_count = counts.get(challenge.slug, 0)
    return [c for c in challenges if c.case_count]


def challenge_list(request):
    handlerum = list(Handlerum.objects.prefetch_related("challenges"))
    counts = counts_by("challenges")
    for group in handlerum:
        for challenge in group.challenges.all():
            challenge.case_count = counts.get(challenge.slug, 0)
    return render(request, "taxonomy/challenge_list.html", {"handlerum": handlerum})


def challenge_detail(request, slug):
    challenge = get_object_or_404(Challenge.objects.select_related("handlerum"), slug=slug)
    cases = public_cases().filter(challenges=challenge)
    movement_counts = counts_by("movements", cases)
    movements = [m for m in Movement.objects.all() if movement_counts.get(m.slug)]
    for movement in movements:
        movement.case_count = movement_counts[movement.slug]
    context = {
        "term": challenge,
        "cases": _case_list(request, cases),
        "movement_counts": movements,
    }
    return render(request, "taxonomy/challenge_detail.html", context)


def municipality_list(request):
    case_filter = Q(municipalities__cases__in=public_cases())
    regions = Region.objects.prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.order_by("name").annotate(
                case_count=Count("cases", filter=Q(cases__in=public_cases()), distinct=True)
            ),
        )
    ).annotate(case_count=Count("municipalities__cases", filter=case_filter, distinct=True))
    return render(request, "taxonomy/municipality_list.html", {"regions": regions})


def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality.objects.select_related("region"), slug=slug)
    cases = public_cases().filter(municipalities=municipality)
    methods = (
        public_methods()
        .filter(cases__in=cases)
        .distinct()
        .order_by("title")
        .select_related("evidence_level")
    )
    context = {
        "term": municipality,
        "cases": _case_list(request, cases),
        "methods": methods,
    }
    return render(request, "taxonomy/municipality_detail.html", context)


def region_list(request):
    regions = Region.objects.annotate(
        municipality_count=Count("municipalities", distinct=True)
    ).order_by("name")
    return render(request, "taxonomy/region_list.html", {"regions": regions})


def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    cases = public_cases().filter(Q(regions=region) | Q(municipalities__region=region))
    municipalities = region.municipalities.order_by("name").annotate(
        case_count=Count("cases", filter=Q(cases__in=public_cases()), distinct=True)
    )
    context = {
        "term": region,
        "cases": _case_list(request, cases),
        "municipalities": municipalities,
    }
    return render(request, "taxonomy/region_detail.html", context)
