"""The case form for a contributor: only their own municipalities, at least one of them;
regions and co-owners they do not control stay as they were."""

import pytest

from cases.forms import CONTRIBUTOR_OWNER_REQUIRED
from cases.models import CasePage
from taxonomy.models import Municipality, Region

from .conftest import make_draft_case
from .helpers import add_url, case_form, edit_form, edit_url

pytestmark = pytest.mark.django_db


def test_the_form_offers_only_the_contributors_municipalities(client, contributor):
    client.force_login(contributor)
    response = client.get(add_url())
    favrskov = Municipality.objects.get(slug="favrskov")
    field = response.context["form"].fields["municipalities"]
    assert list(field.queryset) == [favrskov]
    html = response.content.decode()
    assert "Favrskov" in html
    assert "Silkeborg" not in html
    assert "Aarhus" not in html


def test_a_case_without_one_of_the_contributors_municipalities_is_refused(client, contributor):
    client.force_login(contributor)
    response = client.post(add_url(), case_form([], slug="uden-kommune"))
    assert response.status_code == 200
    assert CONTRIBUTOR_OWNER_REQUIRED in response.content.decode()
    assert not CasePage.objects.filter(slug="uden-kommune").exists()


def test_posted_regions_are_ignored_for_a_contributor(client, contributor):
    client.force_login(contributor)
    region = Region.objects.get(slug="region-midtjylland")
    response = client.post(
        add_url(), case_form(["favrskov"], slug="med-region", regions=[str(region.pk)])
    )
    assert response.status_code == 302
    case = CasePage.objects.get(slug="med-region")
    assert list(case.get_latest_revision_as_object().regions.all()) == []


def test_a_co_owning_municipality_is_kept_when_a_contributor_edits(client, contributor):
    case = make_draft_case("faelles-kladde", "favrskov", owner=contributor)
    # An editor made Silkeborg a co-owner.
    case.municipalities.add(Municipality.objects.get(slug="silkeborg"))
    case.save()
    case.save_revision()
    client.force_login(contributor)
    data = edit_form(case, title="Fælles kladde, rettet")
    data["municipalities"] = [str(Municipality.objects.get(slug="favrskov").pk)]
    response = client.post(edit_url(case), data)
    assert response.status_code == 302
    latest = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert latest.title == "Fælles kladde, rettet"
    assert sorted(m.slug for m in latest.municipalities.all()) == ["favrskov", "silkeborg"]


def test_a_region_owner_is_kept_and_hidden_from_the_contributor(client, contributor):
    case = make_draft_case("region-kladde", "favrskov", owner=contributor)
    case.regions.add(Region.objects.get(slug="region-midtjylland"))
    case.save()
    case.save_revision()
    client.force_login(contributor)
    form_page = client.get(edit_url(case))
    assert "regions" not in form_page.context["form"].fields
    response = client.post(edit_url(case), edit_form(case, title="Med region, rettet"))
    assert response.status_code == 302
    latest = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert latest.title == "Med region, rettet"
    assert [r.slug for r in latest.regions.all()] == ["region-midtjylland"]
