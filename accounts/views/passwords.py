"""Password reset ("Glemt adgangskode") and the first password after approval: Django's own
views and token machinery, with Danish templates, the same answer for every address and a
limit per client address and per e-mail address."""

from django.contrib.auth import views as auth_views
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from .. import throttle
from ..forms import PortalPasswordResetForm

RATE_LIMITED = (
    "Der er bedt om mange nulstillinger herfra eller for denne e-mailadresse på kort tid. "
    "Prøv igen om en time."
)


@method_decorator(never_cache, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def _limited(self, form):
        form.add_error(None, RATE_LIMITED)
        response = TemplateResponse(
            self.request, self.template_name, self.get_context_data(form=form), status=429
        )
        response["Retry-After"] = str(throttle.RESET_BY_IP.window_seconds)
        return response

    def form_invalid(self, form):
        return TemplateResponse(
            self.request, self.template_name, self.get_context_data(form=form), status=400
        )

    def form_valid(self, form):
        by_ip = throttle.ip_hash(self.request)
        by_email = throttle.email_hash(form.cleaned_data["email"])
        if throttle.RESET_BY_IP.is_limited(by_ip) or throttle.RESET_BY_EMAIL.is_limited(by_email):
            return self._limited(form)
        throttle.RESET_BY_IP.count(by_ip)
        throttle.RESET_BY_EMAIL.count(by_email)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    reset_url_token = "ny-adgangskode"  # noqa: S105 - the URL segment that replaces the token
    extra_context = {"first_password": False}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # The page states the rules in one sentence; Django's help is an HTML list.
        form.fields["new_password1"].help_text = ""
        return form


class SetFirstPasswordView(PasswordResetConfirmView):
    """The link in the approval e-mail: the same token machinery as a reset, worded as a first
    password."""

    extra_context = {"first_password": True}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
