"""Turning an accepted form into a draft case in editorial review.

Everything happens in one transaction: the draft page, its first revision, the start of the
review workflow and the Submission row exist together or not at all."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import linebreaks
from wagtail.coreutils import find_available_slug

from cases.models import CaseIndexPage, CasePage, CaseSource
from content.markdown import sanitise_html
from content.slugs import slug_for_title

from .models import Submission

SYSTEM_USERNAME = "del-et-eksempel"
SOURCE_PREFIX = "Indsendt via Del et eksempel"


def slug_for(title):
    """The project's slug rule (content.slugs), kept short for URLs."""
    return slug_for_title(title, fallback="forslag")


def plain_text_to_html(text):
    """Submitted text is plain text, never HTML or Markdown: everything is escaped, blank lines
    become paragraphs and single line breaks <br>. The sanitiser is a second line of defence."""
    return sanitise_html(linebreaks(text, autoescape=True)) if text else ""


def system_user():
    """The account that submissions are recorded under (revision, workflow, page owner).

    Wagtail's workflow accepts no requester, but then the admin shows an empty "requested by"
    and Wagtail's notifications name no one. This account makes the history read "Del et
    eksempel". It is inactive and has no usable password, so no one can ever log in as it."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "first_name": "Del et eksempel",
            "last_name": "(offentlig formular)",
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_submission(form, ip_hash):
    """One draft CasePage under the case index, in its review workflow, and its Submission."""
    data = form.cleaned_data
    user = system_user()
    index = CaseIndexPage.objects.get()
    municipality, region = form.owner_municipality, form.owner_region
    today = date_format(timezone.localdate(), "j. F Y")
    case = CasePage(
        title=data["title"],
        slug=find_available_slug(index, slug_for(data["title"])),
        summary=data["summary"],
        purpose=plain_text_to_html(data["purpose"]),
        approach=plain_text_to_html(data["description"]),
        contact_organisation=data["organisation"],
        contact_person=data["contact_name"],
        contact_consent=bool(data["contact_name"]) and data["contact_consent"],
        live=False,
        owner=user,
        municipalities=[municipality] if municipality else [],
        regions=[region] if region else [],
        movements=list(data["movements"]),
        challenges=list(data["challenges"]),
        target_groups=list(data["target_groups"]),
        sources=[CaseSource(document=f"{SOURCE_PREFIX}, {today}")],
    )
    index.add_child(instance=case)
    case.save_revision(user=user, log_action=True)
    # The review workflow on the case index (editorial's "Redaktionel gennemgang"), or
    # whichever Wagtail finds above it. Without one the draft simply waits in the admin.
    workflow = case.get_workflow()
    if workflow is not None:
        workflow.start(case, user)
    return Submission.objects.create(
        page=case,
        organisation=data["organisation"],
        contact_email=data["contact_email"],
        ip_hash=ip_hash,
    )
