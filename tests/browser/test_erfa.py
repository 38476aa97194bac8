"""Erfa-groups in a real browser: ask to join, the coordinator approves, the member reads the
members-only minutes; and axe-core on the group index and a group page."""

import pytest
from playwright.sync_api import expect

from .conftest import BROWSER_PASSWORD, ERFA_GROUP_SLUG
from .test_accessibility import AXE_RUN, _describe

GROUP = f"/erfa-grupper/{ERFA_GROUP_SLUG}/"


def _login(page, username):
    page.goto(f"/log-ind/?next={GROUP}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{page.url.split('/erfa')[0]}{GROUP}")


def _past_meeting_link(page):
    section = page.locator("section", has=page.locator("#tidligere"))
    return section.get_by_role("link").first


@pytest.mark.parametrize("path", ["/erfa-grupper/", GROUP])
def test_erfa_pages_pass_axe(page, axe_path, path):
    response = page.goto(path)
    assert response is not None and response.status == 200
    # Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts.
    page.evaluate(axe_path.read_text())
    results = page.evaluate(AXE_RUN)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {path}:\n{_describe(serious)}"


def test_join_approve_and_read_members_only_minutes(browser, server_url):
    member_context = browser.new_context(base_url=server_url, locale="da-DK")
    coordinator_context = browser.new_context(base_url=server_url, locale="da-DK")
    try:
        member = member_context.new_page()
        # Before joining: the minutes of a past meeting are for members only.
        member.goto(GROUP)
        _past_meeting_link(member).click()
        expect(member.get_by_text("Referatet er kun for medlemmer.")).to_be_visible()

        _login(member, "browser-deltager")
        member.get_by_label("Hvorfor vil du være med?").fill(
            "Vi starter mestringsforløb i vores kommune og vil gerne lære af de andre."
        )
        member.get_by_role("button", name="Send anmodning").click()
        expect(member.get_by_text("Din anmodning venter på koordinatorens svar.")).to_be_visible()

        coordinator = coordinator_context.new_page()
        _login(coordinator, "browser-koordinator")
        coordinator.get_by_role("button", name="Godkend Deltager").click()
        expect(coordinator.locator(".messages")).to_contain_text("Deltager")

        member.goto(GROUP)
        expect(member.get_by_role("heading", name="Kun for medlemmer")).to_be_visible()
        _past_meeting_link(member).click()
        expect(member.get_by_role("heading", name="Referat")).to_be_visible()
        expect(member.get_by_text("Referatet er kun for medlemmer.")).to_have_count(0)
    finally:
        member_context.close()
        coordinator_context.close()
