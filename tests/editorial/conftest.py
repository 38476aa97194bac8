"""Users in each editorial role and cases owned by Favrskov (own) and Silkeborg (other)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cases.models import CaseIndexPage, CasePage
from editorial.models import MunicipalContributorGroup
from editorial.roles import COORDINATOR_GROUP, EDITOR_GROUP
from taxonomy.models import Movement, Municipality


def make_user(username, *groups, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "adgangskode-til-test", **extra
    )
    user.groups.add(*groups)
    return user


def contributor_group(slug):
    return MunicipalContributorGroup.objects.get(municipality__slug=slug).group


@pytest.fixture
def editor(db):
    return make_user("redaktoer-a", Group.objects.get(name=EDITOR_GROUP))


@pytest.fixture
def second_editor(db):
    return make_user("redaktoer-b", Group.objects.get(name=EDITOR_GROUP))


@pytest.fixture
def contributor(db):
    return make_user("bidragyder-favrskov", contributor_group("favrskov"))


@pytest.fixture
def coordinator(db):
    return make_user("koordinator", Group.objects.get(name=COORDINATOR_GROUP))


@pytest.fixture
def plain_user(db):
    return make_user("almindelig-bruger")


def make_draft_case(slug, municipality_slug, owner=None):
    """An unpublished case, as a contributor's first save leaves it."""
    index = CaseIndexPage.objects.get()
    case = CasePage(
        title=f"Kladde {slug}",
        slug=slug,
        summary="Et resumé af kladden.",
        live=False,
        owner=owner,
    )
    index.add_child(instance=case)
    case.municipalities.set([Municipality.objects.get(slug=municipality_slug)])
    case.movements.set([Movement.objects.get(slug="mestring")])
    case.save()
    case.save_revision(user=owner)
    return CasePage.objects.get(pk=case.pk)


@pytest.fixture
def own_draft(contributor):
    return make_draft_case("favrskov-kladde", "favrskov", owner=contributor)


@pytest.fixture
def other_draft(db):
    return make_draft_case("silkeborg-kladde", "silkeborg")


@pytest.fixture
def own_live():
    return CasePage.objects.get(slug="favrskov-kraftvaerk")


@pytest.fixture
def other_live():
    return CasePage.objects.get(slug="silkeborg-rejselaerer")
