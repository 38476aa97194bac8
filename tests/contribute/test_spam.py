"""Spam protection without third-party services: a honeypot field and a per-address limit."""

import pytest
from django.core import mail

from cases.models import CasePage
from contribute.models import Submission
from contribute.views import RATE_LIMITED

from .helpers import FORM_URL, THANKS_URL, TITLE, submit, text, valid_data

pytestmark = pytest.mark.django_db


def test_filled_honeypot_pretends_success_but_creates_and_sends_nothing(client, review_workflow):
    pages = CasePage.objects.count()
    response = submit(client, valid_data(website="http://billige-piller.example"))
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    assert CasePage.objects.count() == pages
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    html = text(client.get(FORM_URL))
    assert '<div class="contribute-hp" aria-hidden="true">' in html
    assert (
        '<input type="text" name="website" tabindex="-1" autocomplete="off" id="id_website">'
        in html
    )
    assert "Lad dette felt stå tomt." in html


def test_sixth_submission_from_one_address_within_the_hour_is_refused(
    client, review_workflow, settings
):
    settings.CONTRIBUTE_RATE_LIMIT = 5
    for number in range(5):
        response = submit(client, valid_data(title=f"{TITLE} {number}"))
        assert response.status_code == 302
    pages, submissions = CasePage.objects.count(), Submission.objects.count()
    mails = len(mail.outbox)

    response = submit(client, valid_data(title="Et sjette forslag"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = text(response)
    assert RATE_LIMITED in html
    assert 'value="Et sjette forslag"' in html  # the text is not lost
    assert CasePage.objects.count() == pages and Submission.objects.count() == submissions
    assert len(mail.outbox) == mails

    other = submit(client, valid_data(title="Fra en anden forbindelse"), ip="198.51.100.7")
    assert other.status_code == 302 and other["Location"] == THANKS_URL
    assert CasePage.objects.filter(title="Fra en anden forbindelse").exists()


def test_the_limit_is_a_setting(client, review_workflow, settings):
    settings.CONTRIBUTE_RATE_LIMIT = 1
    assert submit(client, valid_data()).status_code == 302
    assert submit(client, valid_data()).status_code == 429


def test_honeypot_hits_count_towards_the_limit(client, review_workflow, settings):
    settings.CONTRIBUTE_RATE_LIMIT = 2
    submit(client, valid_data(website="spam"))
    submit(client, valid_data(website="spam"))
    assert submit(client, valid_data()).status_code == 429
    assert not Submission.objects.exists()


def test_corrections_after_errors_do_not_use_up_the_limit(client, review_workflow, settings):
    settings.CONTRIBUTE_RATE_LIMIT = 1
    for _ in range(3):
        assert submit(client, valid_data(title="")).status_code == 200
    assert submit(client, valid_data()).status_code == 302


def test_a_cache_that_is_down_does_not_block_submissions(client, review_workflow, settings):
    # Nothing listens on port 1: every cache call fails at once with "connection refused".
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = submit(client, valid_data())
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    assert Submission.objects.count() == 1
