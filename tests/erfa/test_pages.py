"""The index /erfa-grupper/ and the group pages: content, filters, what each kind of visitor
sees, caching, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage
from erfa.factories import (
    ErfaGroupPageFactory,
    MeetingFactory,
    PostFactory,
    add_member,
    make_user,
)
from erfa.models import CaseProposal, ErfaGroupIndexPage
from erfa.models.pages import GroupStatus
from methods.factories import MethodPageFactory
from methods.models import MethodIndexPage
from taxonomy.factories import ChallengeFactory, MovementFactory, MunicipalityFactory
from taxonomy.models import Challenge, Movement, Municipality, Region

from .helpers import text

pytestmark = pytest.mark.django_db
NOINDEX = '<meta name="robots" content="noindex">'


def test_site_structure_has_the_group_index(client):
    index = ErfaGroupIndexPage.objects.get()
    assert index.url == "/erfa-grupper/"
    response = client.get("/erfa-grupper/")
    assert response.status_code == 200
    assert "<h1>Erfa-grupper</h1>" in text(response)
    assert 'href="/erfa-grupper/"' in text(response)  # in the main navigation


def test_index_lists_groups_with_themes_members_and_next_public_meeting(client, group):
    movement, challenge = Movement.objects.first(), Challenge.objects.first()
    region = Region.objects.first()
    group.movements.add(movement)
    group.challenges.add(challenge)
    group.regions.add(region)
    group.save()
    MeetingFactory(group=group, title="Hemmeligt møde", days=3, members_only=True)
    MeetingFactory(group=group, title="Gammelt møde", days=-10)
    nxt = MeetingFactory(group=group, days=20)
    html = text(client.get("/erfa-grupper/"))
    assert group.title in html and group.summary in html
    assert "Aktiv" in html
    assert movement.name in html and challenge.name in html
    assert group.municipalities.first().name in html and region.name in html
    assert "Næste møde" in html
    local = timezone.localtime(nxt.starts_at)
    assert date_format(local, "j. F Y") in html
    members_only_day = date_format(
        timezone.localtime(group.meetings.get(title="Hemmeligt møde").starts_at), "j. F Y"
    )
    assert members_only_day not in html
    assert NOINDEX not in html


def test_index_without_meetings_says_so(client, group):
    assert "Intet offentligt møde planlagt" in text(client.get("/erfa-grupper/"))


@pytest.fixture
def tagged_groups():
    m1, m2 = MovementFactory(name="Bevægelse Et"), MovementFactory(name="Bevægelse To")
    c1, c2 = ChallengeFactory(name="Udfordring Et"), ChallengeFactory(name="Udfordring To")
    north = Region.objects.get(slug="region-nordjylland")
    aalborg = Municipality.objects.get(slug="aalborg")
    odense = Municipality.objects.get(slug="odense")
    a = ErfaGroupPageFactory(title="Gruppe Alfa", movements=[m1], challenges=[c1])
    b = ErfaGroupPageFactory(
        title="Gruppe Beta", movements=[m2], challenges=[c2], municipalities=[aalborg]
    )
    c = ErfaGroupPageFactory(
        title="Gruppe Gamma",
        movements=[m1, m2],
        municipalities=[odense],
        regions=[north],
        status=GroupStatus.AFSLUTTET,
    )
    return {"m1": m1, "m2": m2, "c1": c1, "c2": c2, "north": north, "groups": (a, b, c)}


def _titles(response):
    return [g.title for g in response.context["groups"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("movement={m1}", ["Gruppe Alfa", "Gruppe Gamma"]),
        ("movement={m1}&movement={m2}", ["Gruppe Alfa", "Gruppe Beta", "Gruppe Gamma"]),
        ("challenge={c2}", ["Gruppe Beta"]),
        ("movement={m2}&challenge={c2}", ["Gruppe Beta"]),
        ("region={north}", ["Gruppe Beta", "Gruppe Gamma"]),  # via Aalborg, or directly
        ("status=afsluttet", ["Gruppe Gamma"]),
        ("status=aktiv&movement={m1}", ["Gruppe Alfa"]),
    ],
)
def test_index_filters_by_slug_and_is_noindex(client, tagged_groups, query, expected):
    slugs = {k: v.slug for k, v in tagged_groups.items() if hasattr(v, "slug")}
    response = client.get("/erfa-grupper/?" + query.format(**slugs))
    assert response.status_code == 200
    assert _titles(response) == expected
    assert NOINDEX in text(response)
    assert "Vis alle erfa-grupper" in text(response)


def test_index_filter_form_works_without_javascript(client, tagged_groups):
    html = text(client.get("/erfa-grupper/"))
    assert '<form class="search-filters" method="get" action="/erfa-grupper/"' in html
    assert f'name="movement" value="{tagged_groups["m1"].slug}"' in html
    assert f'name="challenge" value="{tagged_groups["c1"].slug}"' in html
    assert f'<option value="{tagged_groups["north"].slug}"' in html
    checked = client.get(f"/erfa-grupper/?movement={tagged_groups['m1'].slug}")
    assert f'value="{tagged_groups["m1"].slug}" id="f-movement-' in text(checked)
    assert " checked>" in text(checked)


def test_index_ignores_unknown_filter_values(client, tagged_groups):
    response = client.get("/erfa-grupper/?movement=findes-ikke&status=%3Cscript%3E&region=x")
    assert response.status_code == 200
    assert len(_titles(response)) == 3
    assert "<script>" not in text(response)
    assert NOINDEX in text(response)


def test_index_hides_unpublished_groups(client, group):
    draft = ErfaGroupPageFactory(title="Kladdegruppe", live=False)
    html = text(client.get("/erfa-grupper/"))
    assert group.title in html and draft.title not in html


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _big_group(size, **extra):
    group = ErfaGroupPageFactory(
        movements=[MovementFactory() for _ in range(size)],
        challenges=[ChallengeFactory() for _ in range(size)],
        municipalities=[MunicipalityFactory() for _ in range(size)],
        methods=[MethodPageFactory(parent=MethodIndexPage.objects.get()) for _ in range(size)],
        **extra,
    )
    index = CaseIndexPage.objects.get()
    group.cases.add(*[CasePageFactory(parent=index) for _ in range(size)])
    group.save()
    for day in range(size):
        MeetingFactory(group=group, days=day + 1)
        MeetingFactory(group=group, days=-day - 1, members_only=True)
        PostFactory(group=group, public=True)
    for n in range(size):
        add_member(group, make_user(f"g{group.pk}m{n}"), coordinator=n == 0)
    return group


def test_index_queries_do_not_grow_with_groups(client):
    _big_group(1)
    few = _queries(client, "/erfa-grupper/")
    for _ in range(4):
        _big_group(3)
    assert _queries(client, "/erfa-grupper/") == few


@pytest.mark.parametrize("who", ["anonymous", "member", "coordinator"])
def test_group_page_queries_do_not_grow(client, who):
    small, large = _big_group(1), _big_group(5)
    counts = []
    for group in (small, large):
        if who != "anonymous":
            user = make_user(f"{who}-{group.pk}")
            add_member(group, user, coordinator=who == "coordinator")
            client.force_login(user)
        counts.append(_queries(client, group.url))
    assert counts[0] == counts[1]


def test_group_page_shows_public_content(client, group, coordinator, past, upcoming):
    movement = Movement.objects.first()
    challenge = Challenge.objects.first()
    region = Region.objects.first()
    method = MethodPageFactory(parent=MethodIndexPage.objects.get(), title="Testmetoden")
    index = CaseIndexPage.objects.get()
    linked = CasePageFactory(parent=index, title="Gruppens eksempel")
    proposed = CasePageFactory(parent=index, title="Foreslået og udgivet")
    draft = CasePageFactory(parent=index, title="Foreslået kladde", live=False)
    CaseProposal.objects.create(group=group, case=proposed)
    CaseProposal.objects.create(group=group, case=draft)
    group.movements.add(movement)
    group.challenges.add(challenge)
    group.regions.add(region)
    group.methods.add(method)
    group.cases.add(linked)
    group.save()
    PostFactory(group=group, body="En **offentlig** opdatering.", public=True)
    PostFactory(group=group, body="Intern snak.")
    PostFactory(group=group, body="Skjult offentlig.", public=True, hidden=True)
    MeetingFactory(group=group, title="Lukket møde", members_only=True)
    response = client.get(group.url)
    assert response.status_code == 200
    html = text(response)
    assert "Gruppens formål." in html
    assert "Fire gange om året" in html and "Aktiv" in html
    assert f'href="{movement.get_absolute_url()}"' in html
    assert f'href="{challenge.get_absolute_url()}"' in html
    assert f'href="{region.get_absolute_url()}"' in html
    assert f'href="{group.municipalities.first().get_absolute_url()}"' in html
    assert f'href="{method.url}"' in html
    assert "Gruppens eksempel" in html and "Foreslået og udgivet" in html
    assert "Foreslået kladde" not in html
    assert "<strong>offentlig</strong> opdatering" in html
    assert "Intern snak" not in html and "Skjult offentlig" not in html
    assert "<dt>Koordinator</dt><dd>Karen Koordinator</dd>" in html
    assert coordinator.email not in html and "koordinator@" not in html
    assert "Skriv kort, hvorfor du vil være med." in html
    assert upcoming.title in html and past.title in html
    assert "Lukket møde" not in html
    assert "Vi talte om forløbene" not in html  # minutes are never on the group page
    assert "tirsdag" in html or "kl. 13.00" in html
    assert 'href="/erfa-grupper/mestringsforloeb/kalender.ics"' in html


def test_anonymous_gets_login_link_not_form(client, group):
    response = client.get(group.url)
    html = text(response)
    assert "Log ind for at blive medlem" in html
    assert 'href="/log-ind/?next=/erfa-grupper/mestringsforloeb/"' in html
    assert 'name="motivation"' not in html
    assert "private" not in response.get("Cache-Control", "")


def test_logged_in_outsider_gets_join_form_and_private_cache(client, group, outsider):
    client.force_login(outsider)
    response = client.get(group.url)
    html = text(response)
    assert 'name="motivation"' in html
    assert "Hvorfor vil du være med?" in html and "Højst 1000 tegn" in html
    assert 'action="/erfa-grupper/mestringsforloeb/bliv-medlem/"' in html
    assert "csrfmiddlewaretoken" in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Kun for medlemmer" not in html and "Forlad gruppen" not in html


def test_closed_group_has_no_join_form(client, outsider):
    closed = ErfaGroupPageFactory(status=GroupStatus.AFSLUTTET)
    client.force_login(outsider)
    html = text(client.get(closed.url))
    assert 'name="motivation"' not in html
    assert "Gruppen er afsluttet og optager ikke nye medlemmer" in html


def test_member_sees_members_area(client, group, member, coordinator):
    MeetingFactory(group=group, title="Lukket møde", members_only=True)
    client.force_login(member)
    response = client.get(group.url)
    html = text(response)
    assert "Lukket møde" in html
    assert 'href="/erfa-grupper/mestringsforloeb/opslag/"' in html
    assert 'href="/erfa-grupper/kalender/"' in html
    assert "Mads Medlem" in html and "Karen Koordinator" in html
    assert "Forlad gruppen" in html
    assert 'name="motivation"' not in html
    assert "Anmodninger om medlemskab" not in html and "/fjern/" not in html
    assert "no-store" in response["Cache-Control"]


def test_coordinator_sees_requests_and_remove_buttons(client, group, coordinator, member):
    applicant = make_user("ansoeger", first_name="Anna", last_name="Ansøger")
    request = group.join_requests.create(user=applicant, motivation="Jeg arbejder med det.")
    client.force_login(coordinator)
    html = text(client.get(group.url))
    assert "Anna Ansøger" in html and "Jeg arbejder med det." in html
    assert f"/anmodninger/{request.pk}/godkend/" in html
    assert f"/anmodninger/{request.pk}/afvis/" in html
    member_ship = group.memberships.get(user=member)
    assert f"/medlemmer/{member_ship.pk}/fjern/" in html
    own = group.memberships.get(user=coordinator)
    assert f"/medlemmer/{own.pk}/fjern/" not in html


def test_login_and_logout(client, group, member):
    page = client.get("/log-ind/?next=/erfa-grupper/mestringsforloeb/")
    assert page.status_code == 200
    assert "Adgangskode" in text(page) and NOINDEX in text(page)
    wrong = client.post("/log-ind/", {"username": "medlem", "password": "forkert"})
    assert wrong.status_code == 200 and "korrekt" in text(wrong)
    response = client.post(
        "/log-ind/",
        {"username": "medlem", "password": "kodeord-123", "next": group.url},
    )
    assert response.status_code == 302 and response["Location"] == group.url
    assert "Log ud" in text(client.get(group.url))
    assert client.get("/log-ud/").status_code == 405  # logging out takes a POST
    assert client.post("/log-ud/").status_code == 302
    assert "Log ind" in text(client.get("/"))
