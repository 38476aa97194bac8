"""`setup_roles` builds the editorial roles; running it again changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    WorkflowPage,
    WorkflowTask,
)

from cases.models import CaseIndexPage
from editorial.models import MunicipalContributorGroup
from editorial.roles import COORDINATOR_GROUP, EDITOR_GROUP, contributor_group_name
from editorial.setup import WORKFLOW_NAME
from methods.models import MethodIndexPage
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "groups": sorted(
            (
                g.name,
                tuple(sorted(g.permissions.values_list("content_type__app_label", "codename"))),
            )
            for g in Group.objects.prefetch_related("permissions")
        ),
        "page": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collection": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission__codename"
            )
        ),
        "workflow_tasks": sorted(
            WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "task_groups": sorted(
            (t.name, tuple(sorted(t.groups.values_list("name", flat=True))))
            for t in GroupApprovalTask.objects.all()
        ),
        "bindings": sorted(
            MunicipalContributorGroup.objects.values_list("group__name", "municipality__slug")
        ),
    }


def test_running_setup_roles_again_changes_nothing():
    before = snapshot()
    call_command("setup_roles")
    call_command("setup_roles")
    assert snapshot() == before


def test_every_municipality_has_its_own_contributor_group():
    municipalities = Municipality.objects.all()
    assert municipalities.count() == 98
    bindings = MunicipalContributorGroup.objects.select_related("group", "municipality")
    assert bindings.count() == 98
    for binding in bindings:
        assert binding.group.name == contributor_group_name(binding.municipality)
    favrskov = MunicipalContributorGroup.objects.get(municipality__slug="favrskov")
    assert favrskov.group.name == "Kommunal bidragyder – Favrskov"


def test_contributors_may_add_and_change_under_the_case_index_but_never_publish():
    group = Group.objects.get(name="Kommunal bidragyder – Silkeborg")
    case_index = CaseIndexPage.objects.get()
    rules = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert rules == {(case_index.pk, "add_page"), (case_index.pk, "change_page")}
    assert group.permissions.filter(codename="access_admin").exists()
    assert set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_image", "choose_image", "add_document", "choose_document"}


def test_editors_publish_everywhere_and_review_the_workflow():
    editor = Group.objects.get(name=EDITOR_GROUP)
    codenames = set(
        GroupPagePermission.objects.filter(group=editor, page__depth=1).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"} <= codenames
    assert editor.permissions.filter(codename="change_municipality").exists()
    assert Group.objects.filter(name=COORDINATOR_GROUP).exists()

    for index in (CaseIndexPage.objects.get(), MethodIndexPage.objects.get()):
        workflow = index.get_workflow()
        assert workflow.name == WORKFLOW_NAME
        [task] = workflow.tasks.specific()
        assert list(task.groups.values_list("name", flat=True)) == [EDITOR_GROUP]


def test_a_renamed_municipality_renames_its_group_without_a_second_group():
    favrskov = Municipality.objects.get(slug="favrskov")
    favrskov.name = "Favrskov Kommune"
    favrskov.save()
    call_command("setup_roles")
    binding = MunicipalContributorGroup.objects.get(municipality=favrskov)
    assert binding.group.name == "Kommunal bidragyder – Favrskov Kommune"
    assert not Group.objects.filter(name="Kommunal bidragyder – Favrskov").exists()
