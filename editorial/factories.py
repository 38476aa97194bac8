"""Users in the editorial roles, for tests and demos.

They join the groups `setup_roles` made (the test database runs it once per session), so a test
exercises the real role rules rather than a copy of them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import EDITOR_GROUP


def _user(username, email=None, is_active=True):
    return get_user_model().objects.create_user(
        username,
        email=f"{username}@example.org" if email is None else email,
        password="adgangskode-til-test",  # noqa: S106 - test users only
        is_active=is_active,
    )


def make_contributor(username, *municipalities, email=None, is_active=True):
    """A 'Kommunal bidragyder' of each of `municipalities` (Municipality objects)."""
    user = _user(username, email=email, is_active=is_active)
    groups = Group.objects.filter(contributor_for__municipality__in=municipalities)
    assert len(groups) == len(municipalities), "setup_roles has not run"
    user.groups.add(*groups)
    return user


def make_editor(username="redaktoer"):
    """A member of Redaktør: edits and publishes everything."""
    user = _user(username)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user
