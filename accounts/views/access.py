"""/anmod-om-adgang/: ask for an account, then confirm the e-mail through the signed link.

The form's answer is the same whether or not the address already has an account (no account
enumeration): in both cases exactly one e-mail is sent and the browser is sent on to the same
"check your e-mail" page. Only the mail's content differs, and only the mailbox owner reads it."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .. import throttle
from ..decisions import deciders_for
from ..emails import send_already_registered, send_to_deciders, send_verification
from ..forms import AccessRequestForm
from ..models import AccessRequest, Status
from ..tokens import read_verification_token

RATE_LIMITED = (
    "Der er sendt mange anmodninger herfra eller til denne e-mailadresse på kort tid. "
    "Prøv igen om en time. Det, du har skrevet, står stadig i formularen."
)
MAIL_FAILED = (
    "Vi kunne ikke sende e-mailen lige nu, så anmodningen er ikke gemt. Prøv igen om lidt."
)


class MailNotSent(Exception):
    pass


def _render(request, form, status=200):
    return TemplateResponse(request, "accounts/request_access.html", {"form": form}, status=status)


def _limited(request, form):
    form.add_error(None, RATE_LIMITED)
    response = _render(request, form, status=429)
    response["Retry-After"] = str(throttle.ACCESS_BY_IP.window_seconds)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_access(request):
    if request.method != "POST":
        return _render(request, AccessRequestForm())
    by_ip = throttle.ip_hash(request)
    form = AccessRequestForm(request.POST)
    if throttle.ACCESS_BY_IP.is_limited(by_ip):
        form.is_valid()
        return _limited(request, form)
    if form.is_spam():
        throttle.ACCESS_BY_IP.count(by_ip)
        return redirect("accounts:request_sent")
    if not form.is_valid():
        return _render(request, form, status=400)
    email = form.cleaned_data["email"]
    by_email = throttle.email_hash(email)
    if throttle.ACCESS_BY_EMAIL.is_limited(by_email):
        return _limited(request, form)
    throttle.ACCESS_BY_IP.count(by_ip)
    throttle.ACCESS_BY_EMAIL.count(by_email)
    try:
        with transaction.atomic():
            if get_user_model().objects.filter(email__iexact=email).exists():
                sent = send_already_registered(email)
            else:
                access_request = AccessRequest.objects.create(
                    name=form.cleaned_data["name"],
                    email=email,
                    municipality=form.municipality,
                    region=form.region,
                    purpose=form.cleaned_data["purpose"],
                    erfa_group=form.cleaned_data.get("erfa_group"),
                    note=form.cleaned_data["note"],
                )
                sent = send_verification(access_request)
            if not sent:
                raise MailNotSent  # nothing is kept that no one can ever confirm
    except MailNotSent:
        form.add_error(None, MAIL_FAILED)
        return _render(request, form, status=503)
    return redirect("accounts:request_sent")


@never_cache
@require_safe
def request_sent(request):
    return TemplateResponse(request, "accounts/request_sent.html", {})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify_request(request, token):
    """GET shows a button; POST confirms. A mail scanner that opens links must not confirm a
    request on the applicant's behalf."""
    data = read_verification_token(token)
    access_request = None
    if data is not None:
        access_request = AccessRequest.objects.filter(
            pk=data.get("r"), email__iexact=data.get("e", "")
        ).first()
    if access_request is None:
        return TemplateResponse(request, "accounts/verify_invalid.html", {}, status=400)
    if access_request.status != Status.UNVERIFIED:
        return TemplateResponse(
            request, "accounts/verify_done.html", {"access_request": access_request, "again": True}
        )
    if request.method != "POST":
        return TemplateResponse(
            request, "accounts/verify_confirm.html", {"access_request": access_request}
        )
    with transaction.atomic():
        updated = AccessRequest.objects.filter(
            pk=access_request.pk, status=Status.UNVERIFIED
        ).update(status=Status.PENDING, verified_at=timezone.now())
    if updated:
        access_request.refresh_from_db()
        send_to_deciders(access_request, deciders_for(access_request))
    return TemplateResponse(
        request, "accounts/verify_done.html", {"access_request": access_request}
    )
