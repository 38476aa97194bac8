"""Erfa-coordinators edit their own erfa-groups' pages in the admin, and nothing else."""

import pytest
from django.contrib.auth.models import Group

from editorial.roles import COORDINATOR_GROUP
from erfa.factories import ErfaGroupPageFactory, add_member, make_user

from .helpers import assert_refused, edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_group():
    return ErfaGroupPageFactory(title="Koordinatorens gruppe", slug="koordinatorens-gruppe")


@pytest.fixture
def other_group():
    return ErfaGroupPageFactory(title="En anden gruppe", slug="en-anden-gruppe")


@pytest.fixture
def group_coordinator(own_group, other_group):
    user = make_user("koordinator-k")
    add_member(own_group, user, coordinator=True)
    add_member(other_group, user)  # a plain member of the other group
    return user


def test_coordinator_edits_only_the_groups_they_coordinate(
    client, group_coordinator, own_group, other_group
):
    assert group_coordinator.groups.filter(name=COORDINATOR_GROUP).exists()
    client.force_login(group_coordinator)
    assert client.get("/admin/").status_code == 200
    assert client.get(edit_url(own_group)).status_code == 200
    assert_refused(client.get(edit_url(other_group)))
    assert_refused(client.post(f"/admin/pages/{own_group.pk}/unpublish/"))
    assert_refused(client.post(f"/admin/pages/{own_group.pk}/delete/"))
    own_group.refresh_from_db()
    assert own_group.live
    assert not own_group.permissions_for_user(group_coordinator).can_publish()


def test_losing_the_coordinator_role_removes_admin_access(client, group_coordinator, own_group):
    own_group.memberships.get(user=group_coordinator).remove()
    assert not group_coordinator.groups.filter(name=COORDINATOR_GROUP).exists()
    client.force_login(group_coordinator)
    assert_refused(client.get(edit_url(own_group)))


def test_a_coordinators_edit_goes_to_the_editors_for_review(own_group):
    workflow = own_group.get_workflow()
    assert workflow is not None
    [task] = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == ["Redaktør"]


def test_coordinator_groups_exist_once_per_erfa_group(own_group, other_group, group_coordinator):
    names = set(Group.objects.filter(coordinates__isnull=False).values_list("name", flat=True))
    assert "Erfa-koordinator – Koordinatorens gruppe" in names
    assert "Erfa-koordinator – En anden gruppe" in names
    own_group.delete()
    assert not Group.objects.filter(name="Erfa-koordinator – Koordinatorens gruppe").exists()
