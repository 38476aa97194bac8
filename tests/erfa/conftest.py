import pytest

from erfa.factories import ErfaGroupPageFactory, MeetingFactory, add_member, make_user
from taxonomy.models import Municipality


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Attachments made by these tests are written to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def municipality():
    return Municipality.objects.order_by("name").first()


@pytest.fixture
def group(municipality):
    return ErfaGroupPageFactory(
        title="Mestringsforløb på tværs",
        slug="mestringsforloeb",
        municipalities=[municipality],
    )


@pytest.fixture
def coordinator(group, municipality):
    user = make_user("koordinator", municipality, first_name="Karen", last_name="Koordinator")
    add_member(group, user, coordinator=True)
    return user


@pytest.fixture
def member(group, municipality):
    user = make_user("medlem", municipality, first_name="Mads", last_name="Medlem")
    add_member(group, user)
    return user


@pytest.fixture
def outsider():
    return make_user("udefra", first_name="Ulla", last_name="Udefra")


@pytest.fixture
def upcoming(group):
    return MeetingFactory(group=group, title="Forårsmødet", days=14)


@pytest.fixture
def past(group):
    return MeetingFactory(
        group=group, title="Vintermødet", days=-30, minutes="Vi talte om forløbene."
    )
