"""The digest (`manage.py send_search_digests`): one e-mail per user per period with the new
and changed pages their saved searches find, never the same page version twice, never a page
that is unpublished or members-only, and a signed unsubscribe link that works signed out."""

import datetime
import re

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, CasePage
from following.digest import deliver, plan, send_digests
from following.models import Frequency, SavedSearch, SentItem, period_of
from following.tokens import SALT, make_token
from search.documents import build_documents

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = re.compile(r"http://testserver(/afmeld/soegninger/[^/\s]+/)")


def _follow(user, query_string, frequency=Frequency.DAILY, **fields):
    return SavedSearch.objects.create(
        user=user, query_string=query_string, frequency=frequency, **fields
    )


def _titles(mail):
    return re.findall(r"^(?:Nyt|Opdateret): (.+) \(", mail.body, flags=re.MULTILINE)


def test_a_published_case_is_sent_once_to_the_user_whose_search_finds_it(
    search_index, publish_case, make_user, mailoutbox
):
    follower, other = make_user("foelger"), make_user("anden")
    _follow(follower, "q=kvarkmetoden&type=case")
    _follow(other, "q=rejselærer")

    case = publish_case(title="Kvarkmetoden i hjemmeplejen", summary="Om kvarkmetoden.")
    send_digests()

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [follower.email]
    assert mail.subject == "Praksisbanken: 1 nyt resultat i dine søgninger"
    assert _titles(mail) == [case.title]
    assert f"http://testserver{case.url}" in mail.body
    assert "== «kvarkmetoden» · Type: Praksiseksempel ==" in mail.body
    html = mail.alternatives[0][0]
    assert f'<a href="http://testserver{case.url}">{case.title}</a>' in html

    # Again the same day, and the next day: nothing new, so nothing is sent.
    send_digests()
    send_digests(now=timezone.now() + datetime.timedelta(days=1))
    assert len(mailoutbox) == 1


def test_the_command_sends_the_digest(search_index, publish_case, make_user, mailoutbox, capsys):
    user = make_user("foelger")
    _follow(user, "q=kvarkmetoden")
    publish_case(title="Kvarkmetoden")
    call_command("send_search_digests", "--dry-run")
    assert mailoutbox == []
    assert "foelger@example.org: 1 (Kvarkmetoden)" in capsys.readouterr().out
    call_command("send_search_digests")
    assert len(mailoutbox) == 1
    assert "Sent 1 e-mail(s)" in capsys.readouterr().out


def test_one_email_per_user_with_each_page_once_and_never_again_through_another_search(
    search_index, publish_case, make_user, mailoutbox
):
    user = make_user("foelger")
    narrow = _follow(user, "q=kvarkmetoden")
    broad = _follow(user, "type=case", frequency=Frequency.WEEKLY)
    first = publish_case(title="Kvarkmetoden for unge")
    second = publish_case(title="Et andet praksiseksempel om fritid")

    send_digests()
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert _titles(mailoutbox[0]).count(first.title) == 1  # found by both, listed once
    assert body.index(first.title) < body.index("== Type: Praksiseksempel ==")
    assert body.index(second.title) > body.index("== Type: Praksiseksempel ==")

    # The broad search due again and looking back as far: what was told is not told again.
    SavedSearch.objects.filter(pk=broad.pk).update(
        last_period="", changes_since=broad.changes_since
    )
    send_digests()
    assert len(mailoutbox) == 1

    # A new version of the page is news again: "Opdateret", once.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    first.title = "Kvarkmetoden for unge, udvidet"
    first.save_revision().publish()
    send_digests(now=tomorrow)
    assert len(mailoutbox) == 2
    assert "Opdateret: Kvarkmetoden for unge, udvidet (Praksiseksempel)" in mailoutbox[1].body
    narrow.refresh_from_db()
    assert narrow.last_period == period_of(Frequency.DAILY, tomorrow)
    assert SentItem.objects.filter(user=user, page=first).count() == 2  # two versions


def test_unpublished_and_members_only_pages_are_never_sent(
    search_index, publish_case, make_user, mailoutbox
):
    user = make_user("foelger")
    _follow(user, "q=kvarkmetoden")
    gone = publish_case(title="Kvarkmetoden, der blev trukket tilbage")
    gone.unpublish()  # the index has not been told yet (no commit)
    closed = publish_case(title="Kvarkmetoden kun for medlemmer")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    send_digests()
    assert mailoutbox == []


def test_a_page_the_index_learns_of_late_is_sent_by_the_next_digest(
    search_index, make_user, mailoutbox
):
    user = make_user("foelger")
    _follow(user, "q=kvarkmetoden")
    # Published, but its index update has not run yet (queued, or the search server is down).
    case = CasePageFactory(parent=CaseIndexPage.objects.get(), title="Kvarkmetoden", live=False)
    case.save_revision().publish()
    send_digests()
    assert mailoutbox == []
    search_index.index_documents(build_documents([case.pk]))  # the update lands
    send_digests(now=timezone.now() + datetime.timedelta(days=1))
    assert len(mailoutbox) == 1 and _titles(mailoutbox[0]) == ["Kvarkmetoden"]


def test_daily_searches_once_a_day_and_weekly_ones_once_a_week(
    search_index, publish_case, make_user, mailoutbox
):
    today = timezone.localdate()
    next_monday = today + datetime.timedelta(days=7 - today.weekday())
    monday = timezone.make_aware(datetime.datetime.combine(next_monday, datetime.time(7)))
    daily_user, weekly_user = make_user("daglig"), make_user("ugentlig")
    before = timezone.now() - datetime.timedelta(hours=1)
    _follow(daily_user, "q=kvarkmetoden", Frequency.DAILY, changes_since=before)
    _follow(
        weekly_user,
        "q=kvarkmetoden",
        Frequency.WEEKLY,
        changes_since=before,
        last_period=period_of(Frequency.WEEKLY, monday),  # this week's digest was sent
    )
    publish_case(title="Kvarkmetoden")
    send_digests(now=monday)
    assert [mail.to for mail in mailoutbox] == [[daily_user.email]]

    again = publish_case(title="Kvarkmetoden igen")
    wednesday = monday + datetime.timedelta(days=2)  # as if published then
    CasePage.objects.filter(pk=again.pk).update(
        first_published_at=wednesday, last_published_at=wednesday
    )
    send_digests(now=monday + datetime.timedelta(days=6))  # Sunday: same week
    assert [mail.to[0] for mail in mailoutbox] == [daily_user.email] * 2
    send_digests(now=monday + datetime.timedelta(days=7))  # next Monday
    assert [mail.to[0] for mail in mailoutbox][2:] == [weekly_user.email]
    assert sorted(_titles(mailoutbox[2])) == ["Kvarkmetoden", "Kvarkmetoden igen"]


def test_two_runs_at_once_send_one_email(search_index, publish_case, make_user, mailoutbox):
    user = make_user("foelger")
    _follow(user, "q=kvarkmetoden")
    publish_case(title="Kvarkmetoden")
    now = timezone.now()
    first, second = plan(now), plan(now)  # both planned before either has sent
    assert deliver(first, now).sent == 1
    late = deliver(second, now)
    assert (late.sent, late.claimed) == (0, 1)
    assert len(mailoutbox) == 1
    assert SentItem.objects.filter(user=user).count() == 1


def test_nobody_without_an_address_or_inactive_or_paused_gets_mail(
    search_index, publish_case, make_user, mailoutbox
):
    _follow(make_user("uden", email=""), "q=kvarkmetoden")
    inactive = make_user("inaktiv")
    inactive.is_active = False
    inactive.save()
    _follow(inactive, "q=kvarkmetoden")
    _follow(make_user("pause"), "q=kvarkmetoden", Frequency.NEVER)
    publish_case(title="Kvarkmetoden")
    send_digests()
    assert mailoutbox == []


def test_a_mail_server_that_fails_loses_nothing(
    search_index, publish_case, make_user, mailoutbox, settings
):
    user = make_user("foelger")
    _follow(user, "q=kvarkmetoden")
    case = publish_case(title="Kvarkmetoden")
    settings.EMAIL_BACKEND = "tests.contribute.failing_mail.UnreachableMailServer"
    run = send_digests()
    assert run.failed == 1 and not SentItem.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_digests()
    assert len(mailoutbox) == 1 and _titles(mailoutbox[0]) == [case.title]


def test_the_unsubscribe_link_works_signed_out_and_a_tampered_one_is_refused(
    client, search_index, publish_case, make_user, mailoutbox
):
    user = make_user("foelger")
    saved = _follow(user, "q=kvarkmetoden")
    publish_case(title="Kvarkmetoden")
    send_digests()
    mail = mailoutbox[0]
    per_search, everything = UNSUBSCRIBE.findall(mail.body)
    assert mail.extra_headers["List-Unsubscribe"] == f"<http://testserver{everything}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    tampered = per_search[:-6] + ("A" if per_search[-6] != "A" else "B") + per_search[-5:]
    for bad in (tampered, "/afmeld/soegninger/noget-helt-andet/"):
        response = client.get(bad)
        assert response.status_code == 400
        assert "Linket til at stoppe e-mails er ugyldigt" in response.content.decode()
        assert client.post(bad).status_code == 400
    saved.refresh_from_db()
    assert saved.frequency == Frequency.DAILY

    # Opening the link (as a mail scanner does) changes nothing; the button does.
    page = client.get(per_search)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "«kvarkmetoden»" in page.content.decode()
    saved.refresh_from_db()
    assert saved.frequency == Frequency.DAILY
    response = client.post(per_search)  # signed out, no CSRF token: the signature suffices
    assert response.status_code == 200
    assert "Du får ikke flere e-mails om søgningen" in response.content.decode()
    saved.refresh_from_db()
    assert saved.frequency == Frequency.NEVER

    publish_case(title="Kvarkmetoden igen")
    send_digests(now=timezone.now() + datetime.timedelta(days=1))
    assert len(mailoutbox) == 1


def test_one_click_unsubscribe_stops_every_search_of_that_user_only(client, make_user):
    user, other = make_user("foelger"), make_user("anden")
    mine = [_follow(user, "q=unge"), _follow(user, "q=skole", Frequency.WEEKLY)]
    theirs = _follow(other, "q=unge")
    response = client.post(
        f"/afmeld/soegninger/{make_token(user.pk)}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert {s.frequency for s in SavedSearch.objects.filter(pk__in=[s.pk for s in mine])} == {
        Frequency.NEVER
    }
    theirs.refresh_from_db()
    assert theirs.frequency == Frequency.DAILY


def test_a_token_signed_for_something_else_is_refused(client, make_user):
    user = make_user("foelger")
    _follow(user, "q=unge")
    other_salt = signing.dumps({"u": user.pk}, salt="noget-andet")
    no_user = signing.dumps({"s": 1}, salt=SALT)
    for token in (other_salt, no_user):
        assert client.post(f"/afmeld/soegninger/{token}/").status_code == 400
    assert SavedSearch.objects.get().frequency == Frequency.DAILY


def _digest_queries(now):
    with CaptureQueriesContext(connection) as ctx:
        send_digests(now=now)
    return len(ctx.captured_queries)


def test_the_digest_does_not_query_per_page_or_per_search(
    search_index, publish_case, make_user, mailoutbox
):
    day = timezone.now()
    user = make_user("foelger")
    saved = _follow(user, "q=kvarkmetoden")
    publish_case(title="Kvarkmetoden")
    send_digests(now=day)  # warms per-process caches (facet values, site root paths)
    one = [saved]

    def again(searches):
        SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(last_period="")

    for _ in range(5):
        publish_case(title="Kvarkmetoden på ny")
    again(one)
    small = _digest_queries(day)
    assert len(mailoutbox) == 2

    many = [_follow(user, f"q=kvarkmetoden&type=case&exact={n}") for n in ("1",)]
    many.append(_follow(user, "type=case"))
    for _ in range(10):
        publish_case(title="Kvarkmetoden endnu en gang")
    again(one + many)
    assert _digest_queries(day) == small  # 10 pages and 3 searches cost what 5 and 1 did
    assert len(_titles(mailoutbox[-1])) == 10

    # Each user with something to tell adds the same few queries.
    for name in ("b", "c"):
        _follow(make_user(name), "q=kvarkmetoden")
    publish_case(title="Kvarkmetoden til sidst")
    again(list(SavedSearch.objects.all()))
    three_users = _digest_queries(day)
    assert len(mailoutbox) == 6
    assert three_users <= small + 2 * 4
