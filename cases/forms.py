from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class CasePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        # Checked on the form: parental many-to-many values reach the page instance only after
        # validation, so the model's clean() cannot see them.
        if not (cleaned.get("municipalities") or cleaned.get("regions")):
            raise forms.ValidationError(
                {"municipalities": "Angiv mindst én ejende kommune eller region."}
            )
        return cleaned
