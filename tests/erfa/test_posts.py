"""Posts (opslag): members write and reply, coordinators hide and make public."""

import pytest
from django.urls import reverse

from erfa.factories import PostFactory
from erfa.models import Post

from .helpers import messages_of, text

pytestmark = pytest.mark.django_db


def _posts_url(group):
    return reverse("erfa:posts", args=[group.slug])


def test_member_writes_a_sanitised_markdown_post(client, group, member):
    client.force_login(member)
    body = "Hvem har **erfaring** med [IPS](https://example.org)?\n\n<script>alert(1)</script>"
    response = client.post(_posts_url(group), {"body": body}, follow=True)
    assert "Dit opslag er delt med gruppen." in messages_of(response)
    post = Post.objects.get()
    assert post.author == member and post.group == group
    assert post.parent is None and not post.public and not post.hidden
    html = text(response)
    assert "<strong>erfaring</strong>" in html
    assert 'href="https://example.org"' in html
    assert "<script>alert(1)</script>" not in html
    assert "Mads Medlem" in html
    assert "no-store" in client.get(_posts_url(group))["Cache-Control"]


def test_reply(client, group, member, coordinator):
    post = PostFactory(group=group, author=coordinator, body="Hvordan går det?")
    client.force_login(member)
    url = reverse("erfa:reply", args=[group.slug, post.pk])
    response = client.post(url, {"body": "Det går *godt*."}, follow=True)
    assert "Dit svar er sendt." in messages_of(response)
    reply = Post.objects.get(parent=post)
    assert reply.author == member and reply.group == group
    assert "<em>godt</em>" in text(response)


def test_coordinator_hides_and_shows_a_post(client, group, member, coordinator):
    post = PostFactory(group=group, author=member, body="Et upassende opslag.")
    client.force_login(coordinator)
    url = reverse("erfa:hide", args=[group.slug, post.pk])
    response = client.post(url, follow=True)
    assert "Opslaget er skjult" in " ".join(messages_of(response))
    post.refresh_from_db()
    assert post.hidden
    html = text(response)
    assert "Et upassende opslag." in html and "Skjult" in html  # coordinators still see it
    client.force_login(member)
    assert "Et upassende opslag." not in text(client.get(_posts_url(group)))
    # Hidden posts cannot be replied to by members either.
    reply_url = reverse("erfa:reply", args=[group.slug, post.pk])
    assert client.post(reply_url, {"body": "Hej"}).status_code == 404
    client.force_login(coordinator)
    client.post(url, {"hidden": "0"})
    post.refresh_from_db()
    assert not post.hidden


def test_hidden_reply_is_only_for_coordinators(client, group, member, coordinator):
    post = PostFactory(group=group, body="Spørgsmål")
    PostFactory(group=group, parent=post, body="Skjult svar", hidden=True)
    PostFactory(group=group, parent=post, body="Synligt svar")
    client.force_login(member)
    html = text(client.get(_posts_url(group)))
    assert "Synligt svar" in html and "Skjult svar" not in html
    client.force_login(coordinator)
    assert "Skjult svar" in text(client.get(_posts_url(group)))


def test_member_cannot_hide(client, group, member, coordinator):
    post = PostFactory(group=group, body="Opslag")
    client.force_login(member)
    response = client.post(reverse("erfa:hide", args=[group.slug, post.pk]))
    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.hidden


def test_coordinator_makes_a_post_public(client, group, member, coordinator):
    post = PostFactory(group=group, author=member, body="Nyt fra gruppen: vi mødes i Odense.")
    assert "vi mødes i Odense" not in text(client.get(group.url))
    client.force_login(coordinator)
    data = {"action": "offentlig", "post_id": post.pk, "public": "1"}
    response = client.post(_posts_url(group), data, follow=True)
    assert "offentlig opdatering" in " ".join(messages_of(response))
    post.refresh_from_db()
    assert post.public
    client.logout()
    html = text(client.get(group.url))
    assert "vi mødes i Odense" in html
    assert "Mads Medlem" not in html  # public updates do not name the author
    client.force_login(coordinator)
    client.post(_posts_url(group), {**data, "public": "0"})
    post.refresh_from_db()
    assert not post.public


def test_member_cannot_make_a_post_public(client, group, member):
    post = PostFactory(group=group, body="Opslag")
    client.force_login(member)
    data = {"action": "offentlig", "post_id": post.pk, "public": "1"}
    assert client.post(_posts_url(group), data).status_code == 403
    post.refresh_from_db()
    assert not post.public


def test_posts_are_paginated(client, group, member):
    for n in range(25):
        PostFactory(group=group, body=f"Opslag {n:02d}")
    client.force_login(member)
    first = text(client.get(_posts_url(group)))
    assert "Opslag 24" in first and "Opslag 00" not in first
    assert "Opslag 00" in text(client.get(_posts_url(group) + "?side=2"))
