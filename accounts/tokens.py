"""Signed, expiring links: e-mail verification of an access request and of a new address on
Min profil. Django's signing (HMAC with SECRET_KEY and a salt per purpose) makes them; nothing is
stored. Setting and resetting passwords use Django's own token generator instead
(django.contrib.auth.tokens), which also dies when the password changes."""

from datetime import timedelta

from django.core import signing

from .models import verification_days

VERIFY_SALT = "accounts.access-request.verify"
EMAIL_CHANGE_SALT = "accounts.profile.email-change"


def _max_age():
    return timedelta(days=verification_days())


def verification_token(access_request):
    return signing.TimestampSigner(salt=VERIFY_SALT).sign_object(
        {"r": access_request.pk, "e": access_request.email.lower()}
    )


def read_verification_token(token):
    """{"r": pk, "e": email} or None when forged, altered or expired."""
    try:
        return signing.TimestampSigner(salt=VERIFY_SALT).unsign_object(token, max_age=_max_age())
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None


def email_change_token(user, new_email):
    return signing.TimestampSigner(salt=EMAIL_CHANGE_SALT).sign_object(
        {"u": user.pk, "old": user.email.lower(), "new": new_email}
    )


def read_email_change_token(token):
    try:
        return signing.TimestampSigner(salt=EMAIL_CHANGE_SALT).unsign_object(
            token, max_age=_max_age()
        )
    except signing.BadSignature:
        return None
