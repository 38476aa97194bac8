"""Request ids, the per-area Content-Security-Policy, and one transaction per write request."""

import re
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import transaction

from .logging import current_request_id

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept only if it is short and plain, so it can go into logs and headers as is
# (no spaces, quotes or newlines that could forge log lines).
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


class RequestIDMiddleware:
    """Gives every request an id, echoed in the X-Request-ID response header and in the logs.

    A proxy in front (nginx) may already have assigned one; it is reused when it looks sane, so
    the proxy's and the application's log lines share it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin under its own policy.

    The public site runs without 'unsafe-inline'. The Wagtail admin still writes inline scripts
    (date widgets, inline panels) and style attributes, and shows page previews in a same-origin
    iframe, so /admin/ gets ADMIN_CONTENT_SECURITY_POLICY instead. A preview is rendered by Wagtail
    through a dummy request for the page's public path (`request.is_dummy`); it keeps the strict
    public policy but may be framed by the admin. A view may still set its own policy with
    django-csp's decorators; that wins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        elif getattr(request, "is_dummy", False) and parts.replace is None:
            parts.replace = {"frame-ancestors": ["'self'"]}
        return parts


SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class AtomicWritesMiddleware:
    """Every write request (POST, PUT, PATCH, DELETE) is one database transaction: a publish
    in the Wagtail admin and the search outbox row it writes (search/outbox.py) commit
    together or not at all, and an error answer (5xx) rolls back whatever the request did.
    Reading requests stay outside a transaction. What runs on commit (delivering the outbox
    rows) runs as the block ends, before the response leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
