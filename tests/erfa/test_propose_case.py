"""From group to case: a member's proposal becomes one draft case, owned by the member's
municipality, linked to the group, never public until an editor publishes it."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from cases.models import CaseIndexPage, CasePage, public_cases
from editorial.roles import EDITOR_GROUP
from erfa.factories import make_user
from erfa.models import CaseProposal, Profile
from taxonomy.models import Movement, Municipality

from .helpers import messages_of, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors():
    """Members of Redaktør are told; a superuser outside the group (IT) is not."""
    group = Group.objects.get_or_create(name=EDITOR_GROUP)[0]
    users = [
        make_user("redaktoer"),
        make_user("chef"),
        make_user("uden-mail", email=""),
    ]
    group.user_set.add(*users)
    make_user("it-drift", is_superuser=True, is_staff=True)
    return users


def _data(**overrides):
    movements = list(Movement.objects.values_list("slug", flat=True)[:2])
    data = {
        "municipality": Municipality.objects.order_by("name").first().slug,
        "title": "Fælles mestringsforløb i Sønderjylland",
        "summary": "Fire kommuner kører et fælles mestringsforløb for unge.",
        "description": "Vi startede i **2023**.\n\n- Unge\n- Pårørende",
        "movements": movements,
    }
    data.update(overrides)
    return data


def _propose(client, group, data):
    return client.post(reverse("erfa:propose", args=[group.slug]), data, follow=True)


def test_form_defaults_to_the_members_municipality(client, group, member, municipality):
    client.force_login(member)
    response = client.get(reverse("erfa:propose", args=[group.slug]))
    assert response.status_code == 200
    html = text(response)
    assert f'<option value="{municipality.slug}" selected>' in html
    assert "Du har ikke angivet, hvilken kommune" not in html
    assert 'type="checkbox" name="movements"' in html
    assert "no-store" in response["Cache-Control"]


def test_proposal_creates_one_draft_case(client, group, member, municipality, editors):
    cases_before = CasePage.objects.count()
    client.force_login(member)
    response = _propose(client, group, _data())
    assert response.redirect_chain[-1][0] == group.url
    assert "er gemt som kladde og sendt til redaktionen" in " ".join(messages_of(response))
    assert CasePage.objects.count() == cases_before + 1
    proposal = CaseProposal.objects.get()
    case = proposal.case
    assert proposal.group == group and proposal.proposed_by == member
    assert case.title == "Fælles mestringsforløb i Sønderjylland"
    assert case.slug == "faelles-mestringsforloeb-i-soenderjylland"
    assert not case.live and case.has_unpublished_changes
    assert case.get_parent().specific_class is CaseIndexPage
    assert list(case.municipalities.all()) == [municipality]
    assert sorted(m.slug for m in case.movements.all()) == sorted(_data()["movements"])
    assert "<strong>2023</strong>" in case.approach
    source = case.sources.get()
    assert source.document == f"Erfa-gruppe: {group.title}"
    assert source.locator == "forslag fra medlem"
    assert case.latest_revision is not None and case.owner == member
    # Not public anywhere.
    assert not public_cases().filter(pk=case.pk).exists()
    assert client.get(case.url or "/praksiseksempler/" + case.slug + "/").status_code == 404
    api = json.loads(client.get("/api/v2/pages/?type=cases.CasePage&limit=100").content)
    assert case.pk not in [item["id"] for item in api["items"]]
    assert api["meta"]["total_count"] == public_cases().count()
    assert "Fælles mestringsforløb" not in text(client.get(group.url))
    # Editors with an address are told; one mail each.
    assert sorted(m.to[0] for m in mail.outbox) == ["chef@example.org", "redaktoer@example.org"]
    message = mail.outbox[0]
    assert message.subject == f"Nyt forslag til praksiseksempel fra erfa-gruppen {group.title}"
    assert f"/admin/pages/{case.pk}/edit/" in message.body
    assert municipality.name in message.body


def test_member_without_municipality_must_choose_one(client, group, outsider, editors):
    from erfa.factories import add_member

    add_member(group, outsider)
    odense = Municipality.objects.get(slug="odense")
    client.force_login(outsider)
    page = client.get(reverse("erfa:propose", args=[group.slug]))
    assert "Du har ikke angivet, hvilken kommune du arbejder i" in text(page)
    response = _propose(client, group, _data(municipality=""))
    assert response.status_code == 400
    assert "Vælg den kommune, du arbejder i." in text(response)
    assert not CaseProposal.objects.exists()
    assert 'value="Fælles mestringsforløb i Sønderjylland"' in text(response)  # kept
    response = _propose(client, group, _data(municipality=odense.slug))
    case = CaseProposal.objects.get().case
    assert list(case.municipalities.all()) == [odense]
    assert Profile.objects.get(user=outsider).municipality == odense


def test_second_proposal_with_same_title_gets_its_own_slug(client, group, member, editors):
    client.force_login(member)
    _propose(client, group, _data())
    _propose(client, group, _data())
    slugs = sorted(CaseProposal.objects.values_list("case__slug", flat=True))
    assert slugs == [
        "faelles-mestringsforloeb-i-soenderjylland",
        "faelles-mestringsforloeb-i-soenderjylland-1",
    ]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"movements": []}, "Vælg mindst én bevægelse."),
        ({"movements": ["findes-ikke"]}, "Ukendt bevægelse"),
        ({"title": "   "}, "Giv eksemplet en titel."),
        ({"summary": "x" * 301}, "Resuméet må højst være 300 tegn"),
        ({"description": ""}, "Beskriv erfaringen."),
        ({"municipality": "findes-ikke"}, "Ukendt kommune"),
    ],
)
def test_bad_proposals_change_nothing(client, group, member, overrides, message):
    client.force_login(member)
    cases_before = CasePage.objects.count()
    response = _propose(client, group, _data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert "Forslaget blev ikke sendt" in text(response)
    assert CasePage.objects.count() == cases_before
    assert not CaseProposal.objects.exists()
    assert not mail.outbox


def test_only_members_may_propose(client, group, outsider):
    url = reverse("erfa:propose", args=[group.slug])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/log-ind/")
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, _data()).status_code == 403
    assert not CaseProposal.objects.exists()
