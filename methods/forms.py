"""'Vi gør det også': the forms a municipal contributor uses on a method page. Danish errors."""

from django import forms
from django.utils import timezone

FIRST_YEAR = 1950


class AdoptionForm(forms.Form):
    """Record that one of the user's municipalities uses the method.

    `municipalities`: the municipalities the user contributes for (Municipality instances).
    `cases_by_municipality`: {municipality id: [(case id, title), …]} of their PUBLIC cases;
    only these may be linked, and only to their own municipality."""

    municipality = forms.TypedChoiceField(
        label="Kommune",
        coerce=int,
        error_messages={
            "required": "Vælg kommunen.",
            "invalid_choice": "Vælg en af de kommuner, du er bidragyder for.",
        },
    )
    case = forms.TypedChoiceField(
        label="Kommunens praksiseksempel (valgfrit)",
        help_text=(
            "Har kommunen et offentliggjort praksiseksempel med metoden, kan I linke til det."
        ),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": (
                "Vælg et af kommunens offentliggjorte praksiseksempler, eller lad feltet stå tomt."
            ),
        },
    )
    since_year = forms.IntegerField(
        label="Brugt siden år (valgfrit)",
        help_text="Fx 2019.",
        required=False,
        min_value=FIRST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Skriv årstallet som et helt tal med fire cifre, fx 2019.",
            "min_value": f"Årstallet skal være {FIRST_YEAR} eller senere.",
        },
    )

    def __init__(self, *args, municipalities, cases_by_municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.pk: m for m in municipalities}
        self.cases_by_municipality = cases_by_municipality

        self.fields["municipality"].choices = [(m.pk, m.name) for m in municipalities]
        if len(municipalities) == 1:
            # Nothing to choose: the template names the municipality in words instead.
            self.fields["municipality"].widget = forms.HiddenInput()
            self.initial.setdefault("municipality", municipalities[0].pk)

        case_choices = [("", "Intet praksiseksempel")]
        if len(municipalities) == 1:
            case_choices += cases_by_municipality.get(municipalities[0].pk, [])
        else:
            case_choices += [
                (m.name, cases_by_municipality[m.pk])
                for m in municipalities
                if cases_by_municipality.get(m.pk)
            ]
        self.fields["case"].choices = case_choices

        this_year = timezone.localdate().year
        since_year = self.fields["since_year"]
        # A year in the future would put the method on the time line before it is used.
        since_year.validators.append(_not_after(this_year))
        since_year.widget.attrs.update(min=FIRST_YEAR, max=this_year)

    @property
    def has_municipality_choice(self):
        return len(self.municipalities) > 1

    @property
    def only_municipality(self):
        return next(iter(self.municipalities.values())) if len(self.municipalities) == 1 else None

    @property
    def has_cases(self):
        return any(self.cases_by_municipality.get(pk) for pk in self.municipalities)

    def clean(self):
        cleaned = super().clean()
        municipality_id = cleaned.get("municipality")
        case_id = cleaned.get("case")
        if municipality_id is not None:
            cleaned["municipality"] = self.municipalities[municipality_id]
            own_cases = {pk for pk, _title in self.cases_by_municipality.get(municipality_id, [])}
            if case_id is not None and case_id not in own_cases:
                self.add_error(
                    "case",
                    f"Praksiseksemplet er ikke et af {cleaned['municipality'].name}s "
                    "offentliggjorte praksiseksempler. Vælg et af kommunens egne, "
                    "eller lad feltet stå tomt.",
                )
        return cleaned


def _not_after(year):
    def validate(value):
        if value is not None and value > year:
            raise forms.ValidationError(f"Årstallet kan ikke være senere end {year}.")

    return validate


class WithdrawForm(forms.Form):
    """Withdraw one of the user's municipalities' 'Vi gør det også'."""

    municipality = forms.TypedChoiceField(
        coerce=int,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Vælg kommunen.",
            "invalid_choice": "Du kan kun trække registreringer tilbage for dine egne kommuner.",
        },
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.pk: m for m in municipalities}
        self.fields["municipality"].choices = [(m.pk, m.name) for m in municipalities]

    def clean_municipality(self):
        return self.municipalities[self.cleaned_data["municipality"]]
