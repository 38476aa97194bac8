"""Signed unsubscribe links: they work without logging in (from an e-mail, on any device), and
a changed or made-up one is refused. Signed with SECRET_KEY and a salt of their own, so no
other signed value of the site can pass for one; they do not expire, as a link in an old
e-mail should still stop the e-mails."""

from django.core import signing

SALT = "following.unsubscribe"


def make_token(user_id, search_id=None):
    """A token that stops one saved search's e-mails, or all of the user's (search_id None)."""
    payload = {"u": user_id}
    if search_id is not None:
        payload["s"] = search_id
    return signing.dumps(payload, salt=SALT)


def read_token(token):
    """(user id, saved search id or None); raises signing.BadSignature for anything else."""
    payload = signing.loads(token, salt=SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise signing.BadSignature("Unsubscribe token without a user")
    search_id = payload.get("s")
    if search_id is not None and not isinstance(search_id, int):
        raise signing.BadSignature("Unsubscribe token with a malformed search id")
    return payload["u"], search_id
