"""/min-profil/: the signed-in user's groups, pending requests, calendar link, name, e-mail,
password and account deletion.

Other apps add sections to the page through the `accounts.profile.sections` hook (see
accounts/profile_sections.py); this module knows none of them."""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from erfa.models import CalendarToken, ErfaGroupPage, JoinRequest, Membership
from erfa.models.membership import JoinStatus, Role

from ..decisions import pending_for_email
from ..emails import send_email_change, send_email_changed_notice
from ..forms import DeleteAccountForm, EmailChangeForm, NameForm
from ..models import AccessRequest
from ..profile_sections import sections_for
from ..tokens import read_email_change_token

MAIL_FAILED = "E-mailen kunne ikke sendes lige nu. Prøv igen om lidt."


def _only_coordinator_of(user):
    """Groups where the user is the only coordinator: they must hand over first."""
    coordinated = Membership.objects.filter(user=user, role=Role.COORDINATOR).values("group")
    return [
        group
        for group in ErfaGroupPage.objects.filter(pk__in=coordinated).order_by("title")
        if group.memberships.filter(role=Role.COORDINATOR).count() == 1
    ]


def _context(request, **forms):
    user = request.user
    memberships = (
        Membership.objects.filter(user=user).select_related("group").order_by("group__title")
    )
    token = CalendarToken.current_for(user)
    feed_path = reverse("erfa:personal_feed", args=[token.token])
    context = {
        "memberships": memberships,
        "join_requests": JoinRequest.objects.filter(user=user, status=JoinStatus.PENDING)
        .select_related("group")
        .order_by("created_at"),
        "access_requests": pending_for_email(user.email) if user.email else [],
        "feed_url": request.build_absolute_uri(feed_path),
        "webcal_url": "webcal://" + request.get_host() + feed_path,
        "name_form": forms.get("name_form")
        or NameForm(initial={"first_name": user.first_name, "last_name": user.last_name}),
        "email_form": forms.get("email_form") or EmailChangeForm(user),
        "sections": sections_for(request),
    }
    return context


def _render(request, status=200, **forms):
    response = TemplateResponse(
        request, "accounts/profile.html", _context(request, **forms), status=status
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def profile(request):
    return _render(request)


@never_cache
@login_required
@require_POST
def change_name(request):
    form = NameForm(request.POST)
    if not form.is_valid():
        return _render(request, status=400, name_form=form)
    user = request.user
    user.first_name = form.cleaned_data["first_name"]
    user.last_name = form.cleaned_data["last_name"]
    user.save(update_fields=["first_name", "last_name"])
    messages.success(request, "Dit navn er ændret.")
    return redirect("accounts:profile")


@never_cache
@login_required
@require_POST
def change_email(request):
    form = EmailChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _render(request, status=400, email_form=form)
    new_email = form.cleaned_data["new_email"]
    if send_email_change(request.user, new_email) is None:
        form.add_error(None, MAIL_FAILED)
        return _render(request, status=503, email_form=form)
    messages.success(
        request,
        f"Vi har sendt et link til {new_email}. Din nye adresse gælder, når du har åbnet det. "
        "Indtil da bruger vi den gamle.",
    )
    return redirect("accounts:profile")


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email(request, token):
    data = read_email_change_token(token)
    user = request.user
    valid = (
        data is not None
        and data.get("u") == user.pk
        and data.get("old") == (user.email or "").lower()
    )
    if not valid:
        return TemplateResponse(request, "accounts/email_invalid.html", {}, status=400)
    new_email = data["new"]
    if request.method != "POST":
        return TemplateResponse(request, "accounts/email_confirm.html", {"new_email": new_email})
    User = get_user_model()
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        messages.error(
            request,
            "Adressen bruges allerede af en anden konto, så den kan ikke bruges her. Kontakt "
            "redaktionen, hvis du har to konti.",
        )
        return redirect("accounts:profile")
    old_email = user.email
    with transaction.atomic():
        fields = ["email"]
        # Self-service accounts log in with their address: the username follows it.
        follows = user.get_username().lower() == (old_email or "").lower()
        if follows and not User.objects.filter(username__iexact=new_email).exists():
            user.username = new_email.lower()
            fields.append("username")
        user.email = new_email
        user.save(update_fields=fields)
    send_email_changed_notice(user, old_email)
    messages.success(request, f"Din e-mailadresse er nu {new_email}.")
    return redirect("accounts:profile")


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields[
            "new_password1"
        ].help_text = (
            "Mindst 8 tegn. Den må ikke ligne dit navn, være almindelig eller kun bestå af tal."
        )
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Din adgangskode er ændret.")
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    user = request.user
    blocking = _only_coordinator_of(user)
    form = DeleteAccountForm(user, request.POST or None)
    status = 200
    if request.method == "POST":
        if blocking:
            status = 400
        elif form.is_valid():
            with transaction.atomic():
                # Posts keep their text: Post.author is SET_NULL and shows "Tidligere medlem".
                for membership in Membership.objects.filter(user=user).select_related("group"):
                    membership.remove()
                # The requests that led to the account hold the same personal data.
                AccessRequest.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()
                user.delete()
            logout(request)
            messages.success(request, "Din konto er slettet. Tak for din tid i Praksisbanken.")
            return redirect("/")
        else:
            status = 400
    return TemplateResponse(
        request,
        "accounts/delete_account.html",
        {"form": form, "blocking": blocking},
        status=status,
    )
