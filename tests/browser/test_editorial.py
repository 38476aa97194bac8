"""The editorial flow in a real browser, through the Wagtail admin.

A municipal contributor drafts a case for their municipality and submits it to the review
workflow; it is not public. An editor opens it and approves it; then it is public.

The admin is Danish (Wagtail's catalogue plus the project's, locale/), so labels are matched in
Danish."""

import re

from playwright.sync_api import expect

from .conftest import BROWSER_PASSWORD

WORKFLOW = "Redaktionel gennemgang"
CASE_TITLE = "Testeksempel fra browsertesten"
CASE_URL = "/praksiseksempler/testeksempel-fra-browsertesten/"
CASE_SUMMARY = "Oprettet af browsertesten for at prøve den redaktionelle gennemgang."
# One of the source documents in /work/shared/seeds, as the fixtures cite them.
SOURCE_DOCUMENT = "000_76fcd7e0688ceb78.txt"
WAIT = 30_000  # ms; the admin pages are heavy and the test server shares two cores


def _field(page, role, label):
    # Wagtail appends "*" to the labels of required fields.
    return page.get_by_role(role, name=re.compile(rf"^{re.escape(label)}\*?$"))


def _admin_login(page, username):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"), timeout=WAIT)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label(re.compile(r"Adgangskode|Password")).fill(BROWSER_PASSWORD)
    page.get_by_role("button", name=re.compile(r"^log ind$", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(r"/admin/$"), timeout=WAIT)


def _admin_logout(page, display_name):
    # The account menu at the foot of the sidebar carries the user's first name.
    page.get_by_role("button", name=display_name, exact=True).click()
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"), timeout=WAIT)


def _open_more_actions(page):
    page.get_by_role("button", name="Flere handlinger", exact=True).click()


def _public_status(page):
    return page.goto(CASE_URL).status


def test_contributor_submits_a_case_and_an_editor_approves_it(page):
    page.set_default_timeout(WAIT)
    page.set_default_navigation_timeout(WAIT)

    # The contributor drafts a case under "Praksiseksempler" and submits it for review.
    _admin_login(page, "browser-bidragyder")
    page.goto("/admin/pages/")
    expect(page).to_have_title(re.compile("Praksiseksempler"), timeout=WAIT)
    page.get_by_role("link", name="Tilføj en underside").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/cases/casepage/\d+/$"), timeout=WAIT)

    _field(page, "textbox", "Titel").fill(CASE_TITLE)
    _field(page, "textbox", "Resumé").fill(CASE_SUMMARY)
    # The contributor's only municipality is chosen already in the searchable checkbox list.
    expect(page.get_by_role("checkbox", name="Favrskov Kommune")).to_be_checked()
    _field(page, "listbox", "Bevægelser").select_option(label="Mestring")
    _field(page, "textbox", "Kildedokument").fill(SOURCE_DOCUMENT)
    _open_more_actions(page)
    page.get_by_role("button", name=re.compile(rf"^Send til {WORKFLOW}$")).click()

    # Back in the explorer, with a message naming the case.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"), timeout=WAIT)
    expect(page.locator(".messages")).to_contain_text(CASE_TITLE, timeout=WAIT)
    _admin_logout(page, "Bidragyder")
    assert _public_status(page) == 404, "a case awaiting review must not be public"

    # The editor finds it awaiting review, opens it and approves it.
    _admin_login(page, "browser-redaktoer")
    page.get_by_role("link", name=CASE_TITLE).first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"), timeout=WAIT)
    edit_url = page.url
    _open_more_actions(page)
    approve = re.compile(r"^Godkend og udgiv$", re.IGNORECASE)
    page.get_by_role("button", name=approve).click()
    page.wait_for_url(lambda url: url != edit_url)
    expect(page.locator(".messages")).to_contain_text(f"»{CASE_TITLE}« er godkendt og udgivet")
    _admin_logout(page, "Redaktør")

    # Anyone can now read it at its public address.
    assert _public_status(page) == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(CASE_TITLE, timeout=WAIT)
    expect(page.get_by_text(CASE_SUMMARY)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Favrskov")
