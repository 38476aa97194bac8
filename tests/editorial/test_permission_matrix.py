"""Who may do what with cases, through the real Wagtail admin views (GET and POST).

Roles: editor (Redaktør), Favrskov contributor, erfa-coordinator, plain logged-in user.
Targets: a Favrskov case (the contributor's own municipality) and a Silkeborg case (another)."""

import pytest

from cases.forms import NOT_YOUR_MUNICIPALITY
from cases.models import CasePage

from .helpers import add_url, assert_refused, case_form, edit_form, edit_url

pytestmark = pytest.mark.django_db

ROLES = ["editor", "contributor", "coordinator", "plain_user"]
TARGETS = ["own", "other"]
MUNICIPALITY = {"own": "favrskov", "other": "silkeborg"}

# (role, action, target) -> allowed. Everything not listed is refused.
ALLOWED = {
    ("editor", action, target)
    for action in ("create", "edit", "submit", "publish", "delete", "unpublish")
    for target in TARGETS
} | {
    ("contributor", "create", "own"),
    ("contributor", "edit", "own"),
    ("contributor", "submit", "own"),
    ("contributor", "delete", "own"),
}


def revision_count(case):
    return case.revisions.count()


def check_create(client, role, target, request):
    slug = f"ny-{target}"
    allowed = (role, "create", target) in ALLOWED
    get = client.get(add_url())
    if role in ("editor", "contributor"):
        assert get.status_code == 200
    else:
        assert_refused(get)
    response = client.post(add_url(), case_form([MUNICIPALITY[target]], slug=slug))
    if allowed:
        assert response.status_code == 302
        case = CasePage.objects.get(slug=slug)
        assert not case.live
        assert [m.slug for m in case.municipalities.all()] == [MUNICIPALITY[target]]
    else:
        if role == "contributor":
            # The form itself refuses another municipality, with a message by the field.
            assert response.status_code == 200
            assert NOT_YOUR_MUNICIPALITY in response.content.decode()
        else:
            assert_refused(response)
        assert not CasePage.objects.filter(slug=slug).exists()


def check_edit(client, role, target, request):
    case = request.getfixturevalue(f"{target}_draft")
    allowed = (role, "edit", target) in ALLOWED
    before = revision_count(case)
    get = client.get(edit_url(case))
    if allowed:
        assert get.status_code == 200
    else:
        assert_refused(get)
    response = client.post(edit_url(case), edit_form(case, title="En ny titel"))
    case.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert case.get_latest_revision_as_object().title == "En ny titel"
    else:
        assert_refused(response)
        assert revision_count(case) == before
        assert case.get_latest_revision_as_object().title != "En ny titel"


def check_submit(client, role, target, request):
    case = request.getfixturevalue(f"{target}_draft")
    response = client.post(edit_url(case), edit_form(case, **{"action-submit": "1"}))
    case.refresh_from_db()
    if (role, "submit", target) in ALLOWED:
        assert response.status_code == 302
        assert case.workflow_in_progress
        assert case.current_workflow_task.name == "Godkendelse af redaktør"
    else:
        assert_refused(response)
        assert not case.workflow_in_progress


def check_publish(client, role, target, request):
    case = request.getfixturevalue(f"{target}_draft")
    response = client.post(
        edit_url(case), edit_form(case, title="Udgivet titel", **{"action-publish": "1"})
    )
    case.refresh_from_db()
    if (role, "publish", target) in ALLOWED:
        assert response.status_code == 302
        assert case.live
        assert case.title == "Udgivet titel"
    elif (role, "edit", target) in ALLOWED:
        # A contributor's "publish" is saved as a draft, never published.
        assert response.status_code == 302
        assert not case.live
        assert case.get_latest_revision_as_object().title == "Udgivet titel"
    else:
        assert_refused(response)
        assert not case.live


def check_delete(client, role, target, request):
    case = request.getfixturevalue(f"{target}_draft")
    url = f"/admin/pages/{case.pk}/delete/"
    allowed = (role, "delete", target) in ALLOWED
    get = client.get(url)
    if allowed:
        assert get.status_code == 200
    else:
        assert_refused(get)
    response = client.post(url)
    if allowed:
        assert response.status_code == 302
    else:
        assert_refused(response)
    assert CasePage.objects.filter(pk=case.pk).exists() is not allowed


def check_unpublish(client, role, target, request):
    case = request.getfixturevalue(f"{target}_live")
    url = f"/admin/pages/{case.pk}/unpublish/"
    allowed = (role, "unpublish", target) in ALLOWED
    get = client.get(url)
    if allowed:
        assert get.status_code == 200
    else:
        assert_refused(get)
    response = client.post(url)
    case.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert not case.live
    else:
        assert_refused(response)
        assert case.live


CHECKS = {
    "create": check_create,
    "edit": check_edit,
    "submit": check_submit,
    "publish": check_publish,
    "delete": check_delete,
    "unpublish": check_unpublish,
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("action", list(CHECKS))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, request, role, action, target):
    client.force_login(request.getfixturevalue(role))
    CHECKS[action](client, role, target, request)
