from django import forms

from .models import Frequency

REQUIRED = "Vælg, hvor ofte du vil have e-mail."


class FollowForm(forms.Form):
    """ "Giv mig besked": the search (its query string) and how often to e-mail."""

    query = forms.CharField(required=False, max_length=4000, strip=False)
    frequency = forms.ChoiceField(
        choices=[(Frequency.DAILY, "Dagligt"), (Frequency.WEEKLY, "Ugentligt")],
        error_messages={"required": REQUIRED, "invalid_choice": "Vælg dagligt eller ugentligt."},
    )


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        choices=Frequency.choices,
        error_messages={
            "required": REQUIRED,
            "invalid_choice": "Vælg dagligt, ugentligt eller ingen e-mail.",
        },
    )
