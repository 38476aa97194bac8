"""The admin pages each role uses, walked with Django's test client: the shared support of the
Danish-admin tests (tests/portal/test_admin_danish.py).

Roles: an editor (Redaktør), a municipal contributor (Favrskov) and an erfa coordinator. The walk
does what they do: dashboard, explorer, the case editor (add and edit), save a draft, submit it
to "Redaktionel gennemgang", the editor approves it (edit view and the workflow modal), page
history, admin search, snippets, reports, images and documents, the account page, the erfa
group's page editor and the project's own admin views (access requests, erfa, "Del et eksempel").
Each visited page's HTML is kept, with the messages shown after each action."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page

from accounts.models import AccessRequest, Purpose, Status
from cases.models import CaseIndexPage, CasePage
from editorial.models import MunicipalContributorGroup
from editorial.roles import EDITOR_GROUP
from erfa.factories import ErfaGroupPageFactory, MeetingFactory, add_member
from taxonomy.models import Municipality

from ..editorial.helpers import add_url, case_form, edit_form, edit_url

TITLE = "Æblehaven på Østerbro – åben café"


@dataclass
class Visit:
    role: str
    url: str
    status: int
    html: str


@dataclass
class Walk:
    visits: list = field(default_factory=list)

    def get(self, role, client, url):
        response = client.get(url, follow=True)
        self.visits.append(Visit(role, url, response.status_code, response.content.decode()))
        return response

    def post(self, role, client, url, data):
        response = client.post(url, data, follow=True)
        self.visits.append(
            Visit(role, f"POST {url}", response.status_code, response.content.decode())
        )
        return response


def _user(username, first_name, *groups):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "adgangskode-til-test", first_name=first_name
    )
    user.groups.add(*groups)
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


COMMON = [
    "/admin/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/documents/multiple/add/",
    "/admin/account/",
    "/admin/pages/search/?q=recovery",
]
EDITOR_ONLY = [
    "/admin/pages/",
    "/admin/snippets/",
    "/admin/snippets/erfa/meeting/",
    "/admin/snippets/erfa/meeting/add/",
    "/admin/snippets/erfa/membership/add/",
    "/admin/snippets/erfa/membership/",
    "/admin/snippets/erfa/joinrequest/",
    "/admin/snippets/erfa/post/",
    "/admin/snippets/contribute/submission/",
    "/admin/snippets/taxonomy/municipality/",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/anmodninger-om-adgang/",
]


def walk_admin():
    """Set up the three roles and walk their pages. Needs the test database (fixtures content and
    setup_roles, as tests/conftest.py provides)."""
    walk = Walk()
    municipality = Municipality.objects.get(slug="favrskov")
    editor = _user("walk-redaktoer", "Rikke", Group.objects.get(name=EDITOR_GROUP))
    contributor = _user(
        "walk-bidragyder",
        "Bo",
        MunicipalContributorGroup.objects.get(municipality=municipality).group,
    )
    coordinator = _user("walk-koordinator", "Karen")
    group = ErfaGroupPageFactory(title="Walk-gruppen", slug="walk-gruppen")
    add_member(group, coordinator, coordinator=True)
    MeetingFactory(group=group, title="Walk-mødet", days=10)
    request = AccessRequest.objects.create(
        name="Ansøger Andersen",
        email="ansoeger@favrskov.dk",
        municipality=municipality,
        purpose=Purpose.MEMBER,
        erfa_group=group,
        status=Status.PENDING,
    )
    index = CaseIndexPage.objects.get()
    live_case = CasePage.objects.live().filter(municipalities=municipality).first()

    # Everyone starts at the admin's login page.
    walk.get("log ind", Client(), "/admin/login/")

    # The contributor: dashboard, explorer, add a case, save it, submit it for review.
    bo = _client(contributor)
    for url in COMMON + [
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/add_subpage/",
        add_url(),
        edit_url(live_case),
    ]:
        walk.get("bidragyder", bo, url)
    walk.post("bidragyder", bo, add_url(), case_form(["favrskov"], title="", slug=""))  # invalid
    walk.post("bidragyder", bo, add_url(), case_form(["favrskov"], title=TITLE, slug=""))
    draft = CasePage.objects.get(title=TITLE)
    walk.get("bidragyder", bo, edit_url(draft))
    walk.post("bidragyder", bo, edit_url(draft), edit_form(draft, summary=""))  # invalid
    walk.post("bidragyder", bo, edit_url(draft), edit_form(draft, **{"action-submit": "1"}))
    walk.get("bidragyder", bo, edit_url(draft))
    walk.get("bidragyder", bo, f"/admin/pages/{draft.pk}/history/")

    # The editor: everything, then approves the submitted case.
    rikke = _client(editor)
    for url in COMMON + EDITOR_ONLY:
        walk.get("redaktoer", rikke, url)
    meeting = {
        "group": str(group.pk),
        "title": "Nyt møde",
        "starts_at": "2026-03-02 10:00",
        "ends_at": "2026-03-02 12:00",
    }
    walk.post("redaktoer", rikke, "/admin/snippets/erfa/meeting/add/", {**meeting, "title": ""})
    walk.post("redaktoer", rikke, "/admin/snippets/erfa/meeting/add/", meeting)
    for url in (
        f"/admin/pages/{index.pk}/",
        add_url(),
        edit_url(draft),
        f"/admin/pages/{draft.pk}/history/",
        f"/admin/pages/{draft.pk}/workflow_history/",
        f"/admin/anmodninger-om-adgang/inspect/{request.pk}/",
        edit_url(live_case),
    ):
        walk.get("redaktoer", rikke, url)
    draft = CasePage.objects.get(pk=draft.pk)
    task_state = draft.current_workflow_task_state
    for action in ("approve", "reject"):
        walk.get(
            "redaktoer",
            rikke,
            f"/admin/pages/workflow/action/{draft.pk}/{action}/{task_state.pk}/",
        )
    walk.post(
        "redaktoer",
        rikke,
        edit_url(draft),
        edit_form(draft, **{"action-workflow-action": "true", "workflow-action-name": "approve"}),
    )

    # The coordinator: their group's page and the membership requests for it.
    karen = _client(coordinator)
    for url in COMMON + [
        edit_url(Page.objects.get(pk=group.pk)),
        "/admin/anmodninger-om-adgang/",
    ]:
        walk.get("koordinator", karen, url)
    return walk
