"""Cases not confirmed for 24 months are flagged on their page, in the case list and on the
editors' dashboard."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.freshness import is_stale, stale_cases

from .freshness_helpers import (
    everything_fresh,
    make_case,
    make_contributor,
    make_editor,
    stale_date,
    today,
)

pytestmark = pytest.mark.django_db

STALE_NOTICE = "Oplysningerne kan være forældede"


@pytest.mark.parametrize(
    ("today_", "confirmed", "stale"),
    [
        (datetime.date(2026, 5, 10), datetime.date(2024, 5, 10), True),  # exactly 24 months
        (datetime.date(2026, 5, 10), datetime.date(2024, 5, 11), False),  # one day later
        (datetime.date(2026, 5, 10), datetime.date(2019, 1, 1), True),
        # 29 February 2028 minus 24 months is the last day of February 2026.
        (datetime.date(2028, 2, 29), datetime.date(2026, 2, 28), True),
        (datetime.date(2028, 2, 29), datetime.date(2026, 3, 1), False),
        # Confirmed on a leap day: stale once the calendar passes 28 February two years on.
        (datetime.date(2026, 2, 28), datetime.date(2024, 2, 29), False),
        (datetime.date(2026, 3, 1), datetime.date(2024, 2, 29), True),
        # Across a year boundary.
        (datetime.date(2027, 1, 31), datetime.date(2025, 1, 31), True),
        (datetime.date(2027, 1, 31), datetime.date(2025, 2, 1), False),
    ],
)
def test_stale_after_24_calendar_months(today_, confirmed, stale):
    assert is_stale(confirmed, today_) is stale


def test_stale_cases_query_agrees_with_the_boundary():
    on_boundary = make_case(last_confirmed=datetime.date(2024, 5, 10))
    day_after = make_case(last_confirmed=datetime.date(2024, 5, 11))
    archived = make_case(
        last_confirmed=datetime.date(2020, 1, 1), archived_on=datetime.date(2025, 1, 1)
    )
    stale_ids = set(stale_cases(datetime.date(2026, 5, 10)).values_list("pk", flat=True))
    assert on_boundary.pk in stale_ids
    assert day_after.pk not in stale_ids
    assert archived.pk not in stale_ids


def test_months_setting_changes_the_limit(settings):
    settings.PRAKSISBANKEN_STALE_AFTER_MONTHS = 12
    assert is_stale(datetime.date(2025, 5, 10), datetime.date(2026, 5, 10))
    assert not is_stale(datetime.date(2025, 5, 11), datetime.date(2026, 5, 10))


def test_stale_case_page_says_the_information_may_be_outdated(client):
    case = make_case(last_confirmed=stale_date())
    html = client.get(case.url).content.decode()
    assert STALE_NOTICE in html
    assert f'<time datetime="{stale_date():%Y-%m-%d}">' in html
    assert f'href="/bekraeft-eksempel/{case.pk}/"' in html


def test_case_confirmed_one_day_inside_the_limit_has_no_notice(client):
    case = make_case(last_confirmed=stale_date() + datetime.timedelta(days=1))
    html = client.get(case.url).content.decode()
    assert STALE_NOTICE not in html
    assert "Senest bekræftet" in html


def _list_item(html, title):
    """The <li> of the case list that holds the card with this title."""
    for item in re.findall(r"<li>\s*<article class=\"card case-card\">.*?</li>", html, re.S):
        if f">{title}</a>" in item:
            return item
    raise AssertionError(f"{title} not in the list")


def test_case_list_marks_stale_cases_only(client):
    everything_fresh()
    stale = make_case(title="Aaa gammelt eksempel", last_confirmed=stale_date())
    fresh = make_case(title="Aaa nyt eksempel", last_confirmed=today())
    html = client.get("/praksiseksempler/").content.decode()
    assert "Ikke bekræftet siden" in _list_item(html, stale.title)
    assert "Ikke bekræftet siden" not in _list_item(html, fresh.title)


def test_case_list_queries_do_not_grow_with_flagged_cases(client):
    everything_fresh()
    make_case(title="Aaa første", last_confirmed=stale_date())
    client.get("/praksiseksempler/")  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        client.get("/praksiseksempler/")
    for n in range(6):
        make_case(title=f"Aaa flere {n}", last_confirmed=stale_date())
    with CaptureQueriesContext(connection) as many:
        html = client.get("/praksiseksempler/").content.decode()
    assert html.count("Ikke bekræftet siden") == 7
    assert len(many) == len(few)


# The editors' dashboard panel ---------------------------------------------------------------

PANEL_HEADING = "Praksiseksempler der trænger til bekræftelse"


def _panel(html):
    start = html.index(PANEL_HEADING)
    return html[start : html.index("</table>", start)]


def test_editor_dashboard_lists_stale_cases_oldest_first(client):
    oldest = make_case(
        title="Ældste eksempel",
        municipality_slug="aarhus",
        last_confirmed=datetime.date(2001, 1, 2),
    )
    make_case(
        title="Arkiveret eksempel", last_confirmed=datetime.date(2000, 1, 1), archived_on=today()
    )
    client.force_login(make_editor())
    panel = _panel(client.get("/admin/").content.decode())
    total = stale_cases().count()
    assert total > 20  # the imported fixture cases are all years old
    assert f"{total} praksiseksempler er ikke blevet bekræftet" in panel
    assert panel.count("<tr>") == 1 + 20  # header row + the first 20
    first_row = panel.split("<tbody>")[1].split("</tr>")[0]
    assert f'href="/admin/pages/{oldest.pk}/edit/"' in first_row
    assert "Aarhus" in first_row
    assert "2. januar 2001" in first_row
    assert "Arkiveret eksempel" not in panel


def test_contributor_dashboard_shows_only_own_municipality(client):
    everything_fresh()
    own = make_case(title="Odenses gamle eksempel", municipality_slug="odense")
    other = make_case(title="Aarhus' gamle eksempel", municipality_slug="aarhus")
    client.force_login(make_contributor("odense", "bidrag-odense"))
    panel = _panel(client.get("/admin/").content.decode())
    assert own.title in panel
    assert other.title not in panel
    assert "Ét praksiseksempel er ikke blevet bekræftet" in panel


def test_dashboard_has_no_panel_when_nothing_is_stale(client):
    everything_fresh()
    client.force_login(make_contributor("odense", "bidrag-odense"))
    html = client.get("/admin/").content.decode()
    assert PANEL_HEADING not in html


def _render_panel(rf, user):
    from cases.wagtail_hooks import StaleCasesPanel

    request = rf.get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        html = StaleCasesPanel(user).render_html({"request": request})
    return html, len(queries)


@pytest.mark.parametrize("role", ["editor", "contributor"])
def test_dashboard_panel_query_count_is_constant(rf, role):
    everything_fresh()
    user = make_editor() if role == "editor" else make_contributor("odense", "bidrag-odense")
    make_case(title="Første")
    html, few = _render_panel(rf, user)
    assert html.count("<tr>") == 2
    for n in range(8):
        make_case(title=f"Nummer {n}")
    user = type(user).objects.get(pk=user.pk)  # a fresh request's user, no cached groups
    html, many = _render_panel(rf, user)
    assert html.count("<tr>") == 10
    assert many == few


def test_every_case_list_marks_stale_cases_not_only_the_index(client):
    """A municipality's page lists its cases with the same card: a stale one carries the flag."""
    from cases.models import public_cases

    case = public_cases().filter(municipalities__slug="aalborg").order_by("title").first()
    html = client.get("/kommuner/aalborg/").content.decode()
    assert case.is_stale  # its source dates from 2017
    assert "Ikke bekræftet siden" in html
    case.last_confirmed = today()
    case.save_revision().publish()
    others_stale = [c for c in public_cases().filter(municipalities__slug="aalborg") if c.is_stale]
    html = client.get("/kommuner/aalborg/").content.decode()
    assert html.count("Ikke bekræftet siden") == len(others_stale)
