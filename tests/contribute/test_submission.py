"""A valid submission from someone without an account: one draft case in editorial review,
one Submission row, mail to the editors and a receipt, then a thank-you page."""

import re

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from cases.models import CaseIndexPage, CasePage
from contribute.emails import EDITOR_SUBJECT, RECEIPT_SUBJECT
from contribute.models import Submission
from contribute.submissions import SYSTEM_USERNAME
from erfa.factories import make_user
from taxonomy.models import Challenge, Movement, Municipality, Region, TargetGroup

from .conftest import REVIEW_WORKFLOW
from .helpers import FORM_URL, THANKS_URL, TITLE, submit, text, valid_data

pytestmark = pytest.mark.django_db


def _mails(subject):
    return [m for m in mail.outbox if m.subject == subject]


def test_valid_submission_creates_one_draft_in_review(client, review_workflow, editors):
    pages_before = CasePage.objects.count()
    response = submit(client, valid_data())

    assert response.status_code == 302 and response["Location"] == THANKS_URL
    assert CasePage.objects.count() == pages_before + 1
    case = CasePage.objects.get(title=TITLE)
    assert not case.live and case.has_unpublished_changes
    assert case.get_parent().specific_class is CaseIndexPage
    assert list(case.municipalities.all()) == [Municipality.objects.get(slug="skanderborg")]
    assert not case.regions.exists()
    data = valid_data()
    assert sorted(case.movements.values_list("slug", flat=True)) == sorted(data["movements"])
    assert list(case.challenges.values_list("slug", flat=True)) == data["challenges"]
    assert list(case.target_groups.values_list("slug", flat=True)) == data["target_groups"]
    assert case.summary == data["summary"]
    assert case.contact_organisation == "Socialpsykiatrien, Voksenområdet"
    assert case.contact_email == ""  # the submitter's address is never on the public page
    source = case.sources.get()
    assert re.fullmatch(r"Indsendt via Del et eksempel, \d{1,2}\. [a-zæøå]+ \d{4}", source.document)
    assert case.latest_revision is not None

    state = WorkflowState.objects.get(object_id=str(case.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == REVIEW_WORKFLOW
    assert state.requested_by.username == SYSTEM_USERNAME
    assert not state.requested_by.is_active and not state.requested_by.has_usable_password()

    submission = Submission.objects.get()
    assert submission.page_id == case.pk
    assert submission.organisation == "Socialpsykiatrien, Voksenområdet"
    assert submission.contact_email == "medarbejder@kommune.example"
    assert len(submission.ip_hash) == 64 and "192.0.2.10" not in submission.ip_hash

    to_editors = _mails(EDITOR_SUBJECT)
    assert sorted(m.to[0] for m in to_editors) == [
        "redaktoer-a@example.org",
        "redaktoer-b@example.org",
    ]
    body = to_editors[0].body
    assert f"http://testserver/admin/pages/{case.pk}/edit/" in body
    assert TITLE in body and "Skanderborg Kommune" in body
    assert "medarbejder@kommune.example" in body
    (receipt,) = _mails(RECEIPT_SUBJECT)
    assert receipt.to == ["medarbejder@kommune.example"]
    assert "ikke offentligt" in receipt.body and "Vi kan ikke love en bestemt dato" in receipt.body
    assert TITLE not in receipt.body  # nothing the sender typed is mailed to that address


def test_thank_you_page_says_what_happens_next(client, review_workflow, editors):
    response = client.get(submit(client, valid_data())["Location"])
    assert response.status_code == 200
    html = text(response)
    assert "<h1>Tak for dit forslag</h1>" in html
    assert "Sådan går det videre" in html
    assert "no-store" in response["Cache-Control"]


def test_a_region_can_own_the_example(client, review_workflow):
    submit(client, valid_data(owner="region:region-midtjylland"))
    case = CasePage.objects.get(title=TITLE)
    assert list(case.regions.all()) == [Region.objects.get(slug="region-midtjylland")]
    assert not case.municipalities.exists()


def test_named_contact_with_consent_is_kept(client, review_workflow):
    submit(client, valid_data(contact_name="Kim Eksempel", contact_consent="on"))
    case = CasePage.objects.get(title=TITLE)
    assert case.contact_person == "Kim Eksempel" and case.contact_consent


def test_description_is_plain_text_in_paragraphs(client, review_workflow):
    description = "Første afsnit med <script>alert(1)</script> og **stjerner**.\nNy linje.\n\nAndet"
    submit(client, valid_data(description=description, purpose="Vi <b>ville</b> noget."))
    case = CasePage.objects.get(title=TITLE)
    assert case.approach == (
        "<p>Første afsnit med &lt;script&gt;alert(1)&lt;/script&gt; og **stjerner**.<br>"
        "Ny linje.</p>\n\n<p>Andet</p>"
    )
    assert case.purpose == "<p>Vi &lt;b&gt;ville&lt;/b&gt; noget.</p>"


def test_same_title_twice_gets_its_own_address(client, review_workflow):
    submit(client, valid_data())
    submit(client, valid_data())
    slugs = sorted(CasePage.objects.filter(title=TITLE).values_list("slug", flat=True))
    assert slugs == [
        "gaahold-for-unge-med-angst-i-skanderborg",
        "gaahold-for-unge-med-angst-i-skanderborg-1",
    ]


def test_without_editors_the_configured_addresses_are_told(client, review_workflow, settings):
    settings.PRAKSISBANKEN_EDITOR_EMAILS = ["redaktion@praksisbanken.example"]
    submit(client, valid_data())
    assert [m.to for m in _mails(EDITOR_SUBJECT)] == [["redaktion@praksisbanken.example"]]


def test_without_any_editor_address_the_site_mailbox_is_told(client, review_workflow, settings):
    settings.PRAKSISBANKEN_EDITOR_EMAILS = []
    settings.DEFAULT_FROM_EMAIL = "praksisbanken@kommune.example"
    submit(client, valid_data())
    assert [m.to for m in _mails(EDITOR_SUBJECT)] == [["praksisbanken@kommune.example"]]


def test_without_a_review_workflow_the_draft_still_waits_for_editors(client, editors):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.all().delete()  # not even Wagtail's default on the root
    response = submit(client, valid_data())
    assert response["Location"] == THANKS_URL
    case = CasePage.objects.get(title=TITLE)
    assert not case.live
    assert not WorkflowState.objects.filter(object_id=str(case.pk)).exists()
    assert len(_mails(EDITOR_SUBJECT)) == 2


def test_form_lists_every_owner_and_term(client):
    html = text(client.get(FORM_URL))
    for municipality in Municipality.objects.all():
        assert f'<option value="kommune:{municipality.slug}">' in html
    for region in Region.objects.all():
        assert f'<option value="region:{region.slug}">' in html
    for model in (Movement, Challenge, TargetGroup):
        for term in model.objects.all():
            assert f'value="{term.slug}"' in html


def test_a_failing_mail_server_does_not_lose_the_submission(client, review_workflow, settings):
    settings.EMAIL_BACKEND = "tests.contribute.failing_mail.UnreachableMailServer"
    response = submit(client, valid_data())
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    case = CasePage.objects.get(title=TITLE)
    assert Submission.objects.get().page_id == case.pk
    assert WorkflowState.objects.get(object_id=str(case.pk)).status == "in_progress"


def test_editors_can_open_the_draft_in_the_admin(client, review_workflow):
    submit(client, valid_data())
    case = CasePage.objects.get(title=TITLE)
    client.force_login(make_user("chefredaktoer", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/{case.pk}/edit/")
    assert response.status_code == 200
    html = text(response)
    assert TITLE in html and REVIEW_WORKFLOW in html


def test_editors_find_submissions_read_only_in_the_admin(client, review_workflow):
    submit(client, valid_data())
    submission = Submission.objects.get()
    client.force_login(make_user("chefredaktoer", is_superuser=True, is_staff=True))
    listing = client.get("/admin/snippets/contribute/submission/")
    assert listing.status_code == 200
    assert "medarbejder@kommune.example" in text(listing)
    inspect = client.get(f"/admin/snippets/contribute/submission/inspect/{submission.pk}/")
    assert inspect.status_code == 200 and "Socialpsykiatrien" in text(inspect)
    for url in (
        "/admin/snippets/contribute/submission/add/",
        f"/admin/snippets/contribute/submission/edit/{submission.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
