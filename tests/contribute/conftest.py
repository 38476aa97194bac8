import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cases.models import CaseIndexPage
from editorial.roles import EDITOR_GROUP
from erfa.factories import make_user

REVIEW_WORKFLOW = "Redaktionel gennemgang"


@pytest.fixture
def editor_group(db):
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    return group


@pytest.fixture
def review_workflow(editor_group):
    """The review on the case index, as `setup_roles` sets it up, built with Wagtail's API."""
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(name="Godkendelse af redaktør")
    task.groups.set([editor_group])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=CaseIndexPage.objects.get(), defaults={"workflow": workflow}
    )
    return workflow


@pytest.fixture
def editors(editor_group):
    """Two editors with an address; one without and one former editor are never mailed."""
    users = [
        make_user("redaktoer-a"),
        make_user("redaktoer-b"),
        make_user("redaktoer-uden-mail", email=""),
        make_user("tidligere-redaktoer", is_active=False),
    ]
    editor_group.user_set.add(*users)
    return users
