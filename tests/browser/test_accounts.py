"""Self-service accounts in a real browser, without the shell.

The whole way in: a member of staff asks for access → opens the verification link from the
e-mail → an editor approves in the admin → the applicant chooses a password through the e-mailed
link → logs in → asks to join an erfa-group → the group's coordinator approves → the members-only
minutes are visible. What the flow needs besides an erfa-group page is made through the app as
well: the editor makes a colleague the group's coordinator and adds a past meeting with
members-only minutes in the admin. And the password reset, end to end.

E-mails are read from the files the server writes (the `mail_dir` fixture), as from an inbox."""

import email
import re
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from .conftest import BROWSER_PASSWORD, ERFA_GROUP_SLUG
from .test_accessibility import _describe, serious_violations

WAIT = 30_000  # ms: the admin is heavy and the test server shares two cores
APPLICANT = "Aase Ærø"
APPLICANT_EMAIL = "aase.aeroe@favrskov.dk"
APPLICANT_PASSWORD = "Mestring-og-mod-2026"
MEETING = "Efterårsmødet i browsergruppen"
MINUTES = "Vi aftalte at dele erfaringer med peer-medarbejdere."
LINK = re.compile(r"http://127\.0\.0\.1:\d+/\S+")


def mails_to(mail_dir, address):
    """The messages the server has sent to `address`, oldest first, as (subject, body)."""
    found = []
    for path in sorted(Path(mail_dir).iterdir(), key=lambda p: p.stat().st_mtime):
        for raw in path.read_bytes().split(b"-" * 79):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.strip())
            if address in message.get("To", ""):
                body = message.get_payload(decode=True).decode(message.get_content_charset())
                found.append(
                    (
                        str(make_header(decode_header(message["Subject"]))),
                        body,
                    )
                )
    return found


def link_in(mail_dir, address, subject_part, path_part):
    for subject, body in reversed(mails_to(mail_dir, address)):
        if subject_part in subject:
            return next(link for link in LINK.findall(body) if path_part in link)
    raise AssertionError(f"no mail to {address} about {subject_part!r}")


def admin_field(page, role, label):
    # Wagtail appends "*" to the labels of required fields.
    return page.get_by_role(role, name=re.compile(rf"^{re.escape(label)}\*?$"))


def admin_login(page, username, password=BROWSER_PASSWORD):
    page.goto("/admin/login/")
    admin_field(page, "textbox", "Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name=re.compile(r"^log ind$", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(r"/admin/$"), timeout=WAIT)


def site_login(page, username, password, next_path="/"):
    page.goto(f"/log-ind/?next={next_path}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode", exact=True).fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def test_request_access_to_members_only_minutes(browser, server_url, mail_dir, axe_path):
    applicant_context = browser.new_context(base_url=server_url, locale="da-DK")
    editor_context = browser.new_context(base_url=server_url, locale="da-DK")
    coordinator_context = browser.new_context(base_url=server_url, locale="da-DK")
    try:
        applicant = applicant_context.new_page()
        editor = editor_context.new_page()
        coordinator = coordinator_context.new_page()
        for tab in (applicant, editor, coordinator):
            tab.set_default_timeout(WAIT)

        # The editor makes a colleague the group's coordinator and adds a past meeting with
        # members-only minutes, in the admin.
        group_path = f"/erfa-grupper/{ERFA_GROUP_SLUG}/"
        editor.goto(group_path)
        group_title = editor.get_by_role("heading", level=1).inner_text().strip()
        admin_login(editor, "browser-redaktoer")
        editor.goto("/admin/snippets/erfa/membership/add/")
        admin_field(editor, "combobox", "Bruger").select_option(label="browser-tovholder")
        admin_field(editor, "combobox", "Erfa-gruppe").select_option(label=group_title)
        admin_field(editor, "combobox", "Rolle").select_option(label="Koordinator")
        editor.get_by_role("button", name="Gem", exact=True).click()
        expect(editor.locator(".messages")).to_contain_text("browser-tovholder")

        held = timezone.localtime() - timedelta(days=20)
        editor.goto("/admin/snippets/erfa/meeting/add/")
        admin_field(editor, "combobox", "Erfa-gruppe").select_option(label=group_title)
        admin_field(editor, "textbox", "Titel").fill(MEETING)
        admin_field(editor, "textbox", "Starter").fill(held.strftime("%Y-%m-%d 10:00"))
        admin_field(editor, "textbox", "Slutter").fill(held.strftime("%Y-%m-%d 12:00"))
        admin_field(editor, "textbox", "Referat (Markdown)").fill(MINUTES)
        editor.get_by_role("button", name="Gem", exact=True).click()
        expect(editor.locator(".messages")).to_contain_text(MEETING)

        # 1. Anmod om adgang, from the login page.
        applicant.goto("/log-ind/")
        applicant.get_by_role("link", name="Anmod om adgang").click()
        applicant.get_by_label("Dit navn").fill(APPLICANT)
        applicant.get_by_label("Arbejds-e-mail").fill(APPLICANT_EMAIL)
        applicant.get_by_label("Kommune eller region").select_option(label="Favrskov Kommune")
        applicant.get_by_label("Bidragyder for min kommune").check()
        applicant.get_by_label("Kort besked").fill("Jeg er konsulent i socialpsykiatrien.")
        applicant.get_by_role("button", name="Send anmodningen").click()
        expect(applicant.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")

        # 2. The verification link from the e-mail.
        applicant.goto(link_in(mail_dir, APPLICANT_EMAIL, "Bekræft", "/anmod-om-adgang/bekraeft/"))
        applicant.get_by_role("button", name="Bekræft min e-mail").click()
        expect(applicant.get_by_role("heading", level=1)).to_have_text(
            "Tak, din e-mail er bekræftet"
        )

        # 3. The editor approves in the admin with one action.
        editor.goto("/admin/")
        editor.get_by_role("link", name="Anmodninger om adgang").first.click()
        editor.get_by_role("button", name=f"Godkend {APPLICANT}").click()
        expect(editor.locator(".messages")).to_contain_text(f"{APPLICANT} har nu adgang")

        # 4. The password, chosen through the link in the approval e-mail.
        applicant.goto(link_in(mail_dir, APPLICANT_EMAIL, "godkendt", "/vaelg-adgangskode/"))
        expect(applicant.get_by_role("heading", level=1)).to_have_text("Vælg din adgangskode")
        applicant.get_by_label("Ny adgangskode", exact=True).fill(APPLICANT_PASSWORD)
        applicant.get_by_label("Bekræftelse af ny adgangskode").fill(APPLICANT_PASSWORD)
        applicant.get_by_role("button", name="Gem adgangskoden").click()
        expect(applicant.get_by_role("heading", level=1)).to_have_text("Adgangskoden er gemt")

        # 5. Log in, and ask to join the group; its minutes are for members only.
        site_login(applicant, APPLICANT_EMAIL, APPLICANT_PASSWORD, group_path)
        applicant.get_by_role("link", name=re.compile(MEETING)).first.click()
        expect(applicant.get_by_text("Referatet er kun for medlemmer.")).to_be_visible()
        applicant.goto(group_path)
        applicant.get_by_label("Hvorfor vil du være med?").fill(
            "Vi arbejder med recovery i Favrskov og vil gerne lære af andre."
        )
        applicant.get_by_role("button", name="Send anmodning").click()
        expect(
            applicant.get_by_text("Din anmodning venter på koordinatorens svar.")
        ).to_be_visible()

        # 6. The coordinator approves on the group page.
        site_login(coordinator, "browser-tovholder", BROWSER_PASSWORD, group_path)
        coordinator.get_by_role("button", name=re.compile(rf"^Godkend {APPLICANT}")).click()
        expect(coordinator.locator(".messages")).to_contain_text(f"{APPLICANT} er nu medlem")

        # 7. The members-only minutes are there for the new member; Min profil shows the group.
        applicant.goto(group_path)
        applicant.get_by_role("link", name=re.compile(MEETING)).first.click()
        expect(applicant.get_by_text(MINUTES)).to_be_visible()
        expect(applicant.get_by_text("Referatet er kun for medlemmer.")).to_have_count(0)
        applicant.get_by_role("link", name="Min profil").click()
        expect(applicant.get_by_role("link", name=group_title)).to_be_visible()
        serious = serious_violations(applicant, axe_path)
        assert not serious, f"axe on /min-profil/:\n{_describe(serious)}"
    finally:
        for context in (applicant_context, editor_context, coordinator_context):
            context.close()


def test_password_reset_end_to_end(page, mail_dir):
    page.goto("/log-ind/")
    page.get_by_role("link", name="Glemt adgangskode?").click()
    page.get_by_label("E-mail").fill("browser-glemsom@example.org")
    page.get_by_role("button", name="Send e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")

    page.goto(link_in(mail_dir, "browser-glemsom@example.org", "Nulstil", "/nulstil-adgangskode/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en ny adgangskode")
    page.get_by_label("Ny adgangskode", exact=True).fill("Glemt-men-fundet-2026")
    page.get_by_label("Bekræftelse af ny adgangskode").fill("Glemt-men-fundet-2026")
    page.get_by_role("button", name="Gem adgangskoden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adgangskoden er gemt")
    site_login(page, "browser-glemsom", "Glemt-men-fundet-2026")
    expect(page.get_by_role("link", name="Min profil")).to_be_visible()
