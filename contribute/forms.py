"""The public form "Del et eksempel": labels, help and every error message in Danish."""

from django import forms

from cases.models import CasePage
from content.models import SummaryMixin
from taxonomy.models import Challenge, Movement, Municipality, Region, TargetGroup

TITLE_MAX = CasePage._meta.get_field("title").max_length
SUMMARY_MAX = SummaryMixin._meta.get_field("summary").max_length
ORGANISATION_MAX = CasePage._meta.get_field("contact_organisation").max_length
NAME_MAX = CasePage._meta.get_field("contact_person").max_length
PURPOSE_MAX = 10_000
DESCRIPTION_MAX = 20_000

MUNICIPALITY_PREFIX = "kommune:"
REGION_PREFIX = "region:"
NULL_CHARACTERS = "Teksten indeholder et ugyldigt tegn (nul-tegn). Fjern det og prøv igen."


def _text_field(label, max_length, required_message=None, help_text="", rows=None, noun=None):
    """A text field whose every message, the length message included, is Danish."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required_message is not None,
        help_text=help_text,
        widget=widget,
        error_messages={
            "required": required_message or "",
            "max_length": (
                f"{noun or label} må højst være {max_length} tegn (der er %(show_value)d tegn)."
            ),
            "null_characters_not_allowed": NULL_CHARACTERS,
        },
    )


def _choices_field(label, model, help_text, required_message=None):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=model.objects.all(),
        to_field_name="slug",
        required=required_message is not None,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={
            "required": required_message or "",
            "invalid_choice": f"Ukendt værdi: %(value)s. Vælg blandt {label.lower()} på listen.",
            "invalid_pk_value": f"Ukendt værdi: %(pk)s. Vælg blandt {label.lower()} på listen.",
        },
    )


class HoneypotForm(forms.Form):
    """A form with the honeypot field (rendered by contribute/_honeypot.html): hidden from
    people (CSS, aria-hidden, out of the tab order); programs that fill in every field fill it."""

    website = forms.CharField(
        label="Lad dette felt stå tomt. Det er et filter mod automatiske indsendelser.",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self):
        """True when the honeypot was filled in: only a program sees and fills that field."""
        return bool(self.data.get("website", "").strip())


class SubmissionForm(HoneypotForm):
    owner = forms.ChoiceField(
        label="Kommune eller region",
        help_text="Den kommune eller region, der står bag indsatsen. Den bliver ejer af eksemplet.",
        error_messages={
            "required": "Vælg den kommune eller region, der står bag indsatsen.",
            "invalid_choice": "Ukendt kommune eller region. Vælg en fra listen.",
        },
    )
    organisation = _text_field(
        "Afdeling eller organisation",
        ORGANISATION_MAX,
        "Skriv navnet på jeres afdeling eller organisation.",
        help_text="Fx »Socialpsykiatrien, Voksenområdet«.",
    )
    contact_email = forms.EmailField(
        label="Din e-mail",
        help_text=(
            "Redaktionen bruger den kun til at kontakte dig om forslaget. "
            "Den bliver ikke vist offentligt."
        ),
        error_messages={
            "required": "Skriv din e-mail, så redaktionen kan kontakte dig.",
            "invalid": "Skriv en gyldig e-mail, fx navn@kommune.dk.",
            "max_length": "E-mailen må højst være %(limit_value)d tegn.",
            "null_characters_not_allowed": NULL_CHARACTERS,
        },
    )
    contact_name = _text_field(
        "Kontaktperson",
        NAME_MAX,
        help_text="Navnet bliver vist på eksemplet, hvis du giver samtykke herunder.",
        noun="Navnet",
    )
    contact_consent = forms.BooleanField(
        label="Jeg giver samtykke til, at navnet vises offentligt som kontaktperson på eksemplet.",
        required=False,
    )
    title = _text_field(
        "Titel",
        TITLE_MAX,
        "Giv eksemplet en titel.",
        help_text="Et kort navn på indsatsen, fx »Rejselærer i folkeskolen«.",
    )
    summary = _text_field(
        "Resumé",
        SUMMARY_MAX,
        "Skriv et kort resumé.",
        help_text=f"Kort beskrivelse i klart sprog, højst {SUMMARY_MAX} tegn. Vises i lister.",
        rows=3,
    )
    purpose = _text_field(
        "Formål og baggrund",
        PURPOSE_MAX,
        help_text="Hvorfor startede I indsatsen? Almindelig tekst; en tom linje giver nyt afsnit.",
        rows=5,
    )
    description = _text_field(
        "Indsatsen",
        DESCRIPTION_MAX,
        "Beskriv indsatsen.",
        help_text=(
            "Hvad gør I, for hvem, og hvad har I lært? Også det, der ikke virkede. "
            "Almindelig tekst; en tom linje giver nyt afsnit."
        ),
        rows=10,
    )
    movements = _choices_field(
        "Bevægelser",
        Movement,
        "Vælg mindst én af de syv bevægelser, som indsatsen understøtter.",
        "Vælg mindst én bevægelse.",
    )
    challenges = _choices_field(
        "Udfordringer", Challenge, "De udfordringer, indsatsen tager fat på."
    )
    target_groups = _choices_field("Målgrupper", TargetGroup, "De borgere, indsatsen er for.")

    # The order of the fields in the error summary at the top of the page.
    field_order = [
        "owner", "organisation", "contact_email", "contact_name", "contact_consent", "title",
        "summary", "purpose", "description", "movements", "challenges", "target_groups",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.slug: m for m in Municipality.objects.order_by("name")}
        self.regions = {r.slug: r for r in Region.objects.order_by("name")}
        self.fields["owner"].choices = [
            ("", "Vælg kommune eller region"),
            (
                "Kommuner",
                [(MUNICIPALITY_PREFIX + slug, str(m)) for slug, m in self.municipalities.items()],
            ),
            ("Regioner", [(REGION_PREFIX + slug, r.name) for slug, r in self.regions.items()]),
        ]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        # The choice check has already refused anything not in the two lists.
        if value.startswith(MUNICIPALITY_PREFIX):
            return self.municipalities[value.removeprefix(MUNICIPALITY_PREFIX)]
        return self.regions[value.removeprefix(REGION_PREFIX)]

    def clean(self):
        cleaned = super().clean()
        # The same rule as CasePage.clean(), checked here so the message sits by the checkbox.
        if cleaned.get("contact_name") and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent",
                "Når du skriver et navn, skal du give samtykke til, at det vises offentligt. "
                "Ellers lad navnefeltet stå tomt.",
            )
        return cleaned

    @property
    def owner_municipality(self):
        owner = self.cleaned_data["owner"]
        return owner if isinstance(owner, Municipality) else None

    @property
    def owner_region(self):
        owner = self.cleaned_data["owner"]
        return owner if isinstance(owner, Region) else None

    def error_summary(self):
        """(anchor id, message) for every error, in field order: the links at the top."""
        items = [("", message) for message in self.non_field_errors()]
        for name in self.field_order:
            bound = self[name]
            anchor = (
                bound.subwidgets[0].id_for_label
                if bound.field.widget.use_fieldset
                else (bound.id_for_label)
            )
            items += [(anchor, message) for message in bound.errors]
        return items
