"""Limits on the account forms, per client address and per e-mail address (hashed), with the
same limiter as "Del et eksempel" (contribute.ratelimit). An e-mail's count is kept whether or not
an account has that address, so the limit says nothing about who has one."""

from contribute.ratelimit import Limiter, ip_hash, keyed_hash

ACCESS_BY_IP = Limiter(
    "accounts:access-request:ip", "ACCOUNTS_REQUEST_LIMIT_PER_IP", "ACCOUNTS_REQUEST_WINDOW"
)
ACCESS_BY_EMAIL = Limiter(
    "accounts:access-request:email",
    "ACCOUNTS_REQUEST_LIMIT_PER_EMAIL",
    "ACCOUNTS_REQUEST_WINDOW",
    default_limit=3,
)
RESET_BY_IP = Limiter(
    "accounts:password-reset:ip", "ACCOUNTS_RESET_LIMIT_PER_IP", "ACCOUNTS_RESET_WINDOW"
)
RESET_BY_EMAIL = Limiter(
    "accounts:password-reset:email",
    "ACCOUNTS_RESET_LIMIT_PER_EMAIL",
    "ACCOUNTS_RESET_WINDOW",
    default_limit=3,
)

__all__ = ["ip_hash", "email_hash"]


def email_hash(email):
    return keyed_hash("accounts.email", (email or "").strip().lower())
