from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class CasePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("municipalities") or cleaned.get("regions")):
            raise forms.ValidationError(
                {"municipalities": "Angiv mindst én ejende kommune eller region."}
            )
        if cleaned.get("contact_person") and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent", "En navngiven kontaktperson kræver personens samtykke."
            )
        return cleaned
