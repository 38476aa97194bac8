"""The account forms. Labels, help and every error message in Danish."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from wagtail.admin.forms.auth import LoginForm

from contribute.forms import HoneypotForm
from erfa.models import ErfaGroupPage
from erfa.models.pages import GroupStatus
from taxonomy.models import Municipality, Region

from .models import NAME_MAX, NOTE_MAX, Purpose

MUNICIPALITY_PREFIX = "kommune:"
REGION_PREFIX = "region:"
NULL_CHARACTERS = "Teksten indeholder et ugyldigt tegn (nul-tegn). Fjern det og prøv igen."
EMAIL_ERRORS = {
    "required": "Skriv din e-mailadresse.",
    "invalid": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.",
    "max_length": "E-mailadressen må højst være %(limit_value)d tegn.",
    "null_characters_not_allowed": NULL_CHARACTERS,
}
NAME_ERRORS = {
    "required": "Skriv dit navn.",
    "max_length": f"Navnet må højst være {NAME_MAX} tegn (der er %(show_value)d tegn).",
    "null_characters_not_allowed": NULL_CHARACTERS,
}


def _email_field(label="Arbejds-e-mail", help_text=""):
    return forms.EmailField(
        label=label, max_length=254, help_text=help_text, error_messages=EMAIL_ERRORS
    )


class AccessRequestForm(HoneypotForm):
    name = forms.CharField(
        label="Dit navn", max_length=NAME_MAX, error_messages=NAME_ERRORS, strip=True
    )
    email = _email_field(
        help_text="Din e-mail på arbejdet. Vi sender et link, som du skal åbne for at bekræfte den."
    )
    organisation = forms.ChoiceField(
        label="Kommune eller region",
        help_text="Den kommune eller region, du arbejder i.",
        error_messages={
            "required": "Vælg den kommune eller region, du arbejder i.",
            "invalid_choice": "Ukendt kommune eller region. Vælg en fra listen.",
        },
    )
    purpose = forms.ChoiceField(
        label="Hvad vil du bruge adgangen til?",
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vælg, hvad du vil bruge adgangen til.",
            "invalid_choice": "Ukendt valg. Vælg en af mulighederne.",
        },
    )
    erfa_group = forms.ModelChoiceField(
        label="Erfa-gruppe",
        queryset=ErfaGroupPage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Vælg erfa-gruppe",
        help_text="Kun hvis du vil være medlem af en erfa-gruppe.",
        error_messages={"invalid_choice": "Ukendt erfa-gruppe. Vælg en fra listen."},
    )
    note = forms.CharField(
        label="Kort besked",
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Fx din stilling og hvad du arbejder med. Højst {NOTE_MAX} tegn.",
        error_messages={
            "max_length": f"Beskeden må højst være {NOTE_MAX} tegn (der er %(show_value)d tegn).",
            "null_characters_not_allowed": NULL_CHARACTERS,
        },
    )

    field_order = ["name", "email", "organisation", "purpose", "erfa_group", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.slug: m for m in Municipality.objects.order_by("name")}
        self.regions = {r.slug: r for r in Region.objects.order_by("name")}
        self.fields["organisation"].choices = [
            ("", "Vælg kommune eller region"),
            (
                "Kommuner",
                [(MUNICIPALITY_PREFIX + slug, str(m)) for slug, m in self.municipalities.items()],
            ),
            ("Regioner", [(REGION_PREFIX + slug, r.name) for slug, r in self.regions.items()]),
        ]
        self.fields["erfa_group"].queryset = (
            ErfaGroupPage.objects.live().public().filter(status=GroupStatus.AKTIV).order_by("title")
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        if value.startswith(MUNICIPALITY_PREFIX):
            return self.municipalities[value.removeprefix(MUNICIPALITY_PREFIX)]
        return self.regions[value.removeprefix(REGION_PREFIX)]

    def clean(self):
        cleaned = super().clean()
        purpose = cleaned.get("purpose")
        organisation = cleaned.get("organisation")
        wants_group = purpose in (Purpose.MEMBER, Purpose.BOTH)
        if wants_group and not cleaned.get("erfa_group") and "erfa_group" not in self.errors:
            self.add_error("erfa_group", "Vælg den erfa-gruppe, du vil være medlem af.")
        if purpose in (Purpose.CONTRIBUTOR, Purpose.BOTH) and isinstance(organisation, Region):
            self.add_error(
                "organisation",
                "Bidragydere skriver for en kommune. Vælg din kommune, eller vælg kun "
                "medlemskab af en erfa-gruppe.",
            )
        if purpose == Purpose.CONTRIBUTOR:
            cleaned["erfa_group"] = None
        return cleaned

    @property
    def municipality(self):
        value = self.cleaned_data.get("organisation")
        return value if isinstance(value, Municipality) else None

    @property
    def region(self):
        value = self.cleaned_data.get("organisation")
        return value if isinstance(value, Region) else None

    def error_summary(self):
        items = [("", message) for message in self.non_field_errors()]
        for name in self.field_order:
            bound = self[name]
            anchor = (
                bound.subwidgets[0].id_for_label
                if bound.field.widget.use_fieldset
                else bound.id_for_label
            )
            items += [(anchor, message) for message in bound.errors]
        return items


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form with a Danish field, and one e-mail whether or not the address has an
    account: to a known address the reset link, to an unknown one a note that there is no
    account there. The page's answer and the work done are the same either way."""

    email = _email_field(label="E-mail")

    def get_users(self, email):
        # Also accounts that have not chosen a password yet (approved, but the mail with the
        # set-password link was lost): the reset link lets them choose one.
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

    def save(self, **kwargs):
        from .emails import absolute, send

        # The link's host from settings, never from the request's Host header.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        kwargs.update(domain_override=base.netloc, use_https=base.scheme == "https")
        email = self.cleaned_data["email"]
        if any(True for _ in self.get_users(email)):
            return super().save(**kwargs)
        send(
            "password_reset_unknown",
            "Nulstilling af adgangskode til Praksisbanken",
            [email],
            {"request_url": absolute(reverse("accounts:request_access"))},
        )
        return None


class NameForm(forms.Form):
    first_name = forms.CharField(
        label="Fornavn",
        max_length=150,
        error_messages={**NAME_ERRORS, "required": "Skriv dit fornavn."},
    )
    last_name = forms.CharField(
        label="Efternavn",
        max_length=150,
        required=False,
        error_messages={**NAME_ERRORS, "max_length": "Efternavnet må højst være 150 tegn."},
    )


class CurrentPasswordMixin(forms.Form):
    current_password = forms.CharField(
        label="Din nuværende adgangskode",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Skriv din nuværende adgangskode."},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Adgangskoden er forkert.")
        return password


class EmailChangeForm(CurrentPasswordMixin):
    new_email = _email_field(
        label="Ny e-mailadresse",
        help_text="Vi sender et link til den nye adresse. Den gælder, når du har åbnet linket.",
    )

    field_order = ["new_email", "current_password"]

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip()
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError("Det er allerede din e-mailadresse.")
        return email


class DeleteAccountForm(CurrentPasswordMixin):
    confirm = forms.BooleanField(
        label="Ja, slet min konto. Jeg ved, at det ikke kan fortrydes.",
        error_messages={"required": "Sæt kryds for at bekræfte, at kontoen skal slettes."},
    )


class AdminLoginForm(LoginForm):
    """Wagtail's admin login form; its password field has no label of its own, so Django makes
    one from the field's name, in English (WAGTAILADMIN_USER_LOGIN_FORM)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Adgangskode"
        self.fields["remember"].label = "Husk mig"
