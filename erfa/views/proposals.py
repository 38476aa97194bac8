"""From group to case: a member proposes the group's experience as a practice example. It
becomes a draft case (never published here) owned by the member's municipality, which the
editors review and publish."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.coreutils import find_available_slug

from cases.models import CaseIndexPage, CasePage, CaseSource
from content.markdown import render_markdown
from content.slugs import slug_for_title

from ..emails import notify_case_proposal
from ..forms import ProposeCaseForm
from ..models import CaseProposal, Profile
from ..permissions import group_view, require_member


def danish_slug(title):
    return slug_for_title(title, fallback="forslag")


def _profile_municipality(user):
    try:
        return user.profile.municipality
    except ObjectDoesNotExist:
        return None


@transaction.atomic
def create_draft_case(group, user, data):
    index = CaseIndexPage.objects.get()
    municipality = data["municipality"]
    case = CasePage(
        title=data["title"],
        slug=find_available_slug(index, danish_slug(data["title"])),
        summary=data["summary"],
        approach=render_markdown(data["description"]),
        live=False,
        owner=user,
        municipalities=[municipality],
        movements=list(data["movements"]),
        sources=[CaseSource(document=f"Erfa-gruppe: {group.title}", locator="forslag fra medlem")],
    )
    index.add_child(instance=case)
    case.save_revision(user=user)
    proposal = CaseProposal.objects.create(group=group, case=case, proposed_by=user)
    profile, _ = Profile.objects.get_or_create(user=user)
    if profile.municipality_id is None:
        # Remember the municipality the member chose, for the next proposal.
        profile.municipality = municipality
        profile.save(update_fields=["municipality"])
    return proposal


@require_http_methods(["GET", "POST"])
@group_view
def propose_case(request, group, access):
    url = reverse("erfa:propose", args=[group.slug])
    require_member(request, access, next_url=url)
    own = _profile_municipality(request.user)
    status = 200
    if request.method == "POST":
        form = ProposeCaseForm(request.POST)
        if form.is_valid():
            proposal = create_draft_case(group, request.user, form.cleaned_data)
            sent = notify_case_proposal(request, proposal, form.cleaned_data["municipality"])
            messages.success(
                request,
                f"Tak! Dit forslag »{proposal.case.title}« er gemt som kladde og sendt til "
                "redaktionen. Det bliver offentligt, når en redaktør har gennemgået og udgivet "
                "det.",
            )
            if sent is None:
                messages.warning(request, "Forslaget er gemt, men redaktionen fik ingen e-mail.")
            return redirect(group.url)
        status = 400
    else:
        initial = {"municipality": own.slug} if own else {}
        initial["movements"] = [m.slug for m in group.movements.all()]
        form = ProposeCaseForm(initial=initial)
    return TemplateResponse(
        request,
        "erfa/propose_case.html",
        {
            "page": group,
            "group": group,
            "access": access,
            "form": form,
            "missing_municipality": own is None,
        },
        status=status,
    )
