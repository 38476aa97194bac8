from django import forms

from content.forms import PortalPageForm

OWNER_REQUIRED = (
    "Angiv mindst én ejende kommune eller region (kun en idé/et forslag kan være uden ejer)."
)
NOT_YOUR_MUNICIPALITY = "Du kan kun vælge de kommuner, du er bidragyder for."
CONTRIBUTOR_OWNER_REQUIRED = (
    "Vælg mindst én af de kommuner, du er bidragyder for. Praksiseksemplet skal ejes af en af dem."
)


class CasePageForm(PortalPageForm):
    """The admin form for cases. A municipal contributor chooses owners only among their own
    municipalities, must keep at least one, and cannot change regions; owners they do not
    control (a co-owning municipality, regions) are kept as they were."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contributor_municipalities = None
        if self.for_user is not None and self._is_contributor():
            from editorial.roles import contributor_municipalities

            own = contributor_municipalities(self.for_user).order_by("name")
            self.contributor_municipalities = own
            if "municipalities" in self.fields:
                field = self.fields["municipalities"]
                field.queryset = own
                field.help_text = NOT_YOUR_MUNICIPALITY
                field.error_messages = {
                    **field.error_messages,
                    "invalid_choice": NOT_YOUR_MUNICIPALITY,
                }
                if self.instance.pk is None and not self.is_bound:
                    own_list = list(own)
                    if len(own_list) == 1:
                        self.initial["municipalities"] = own_list
            # Without the field, Wagtail hides its panel, a posted value is ignored and the
            # stored regions are kept.
            self.fields.pop("regions", None)

    def _is_contributor(self):
        from editorial.permissions import may_publish_at

        page = self.instance if self.instance.pk else self.parent_page
        return page is not None and not may_publish_at(self.for_user, page)

    def _kept_municipalities(self):
        """Owners the contributor cannot choose: kept from the case as it stands."""
        if self.instance.pk is None:
            return []
        own_ids = {m.pk for m in self.contributor_municipalities}
        return [m.pk for m in self.instance.municipalities.all() if m.pk not in own_ids]

    def clean(self):
        cleaned = super().clean()
        if self.contributor_municipalities is not None:
            chosen = cleaned.get("municipalities")
            if not chosen:
                if "municipalities" not in self.errors:
                    self.add_error("municipalities", CONTRIBUTOR_OWNER_REQUIRED)
                return cleaned
            kept = self._kept_municipalities()
            if kept:
                model = self.fields["municipalities"].queryset.model
                cleaned["municipalities"] = model.objects.filter(
                    pk__in=[m.pk for m in chosen] + kept
                )
            return cleaned
        # Checked on the form: parental many-to-many values reach the page instance only after
        # validation, so the model's clean() cannot see them.
        from .models import CaseStatus

        proposal = cleaned.get("status") == CaseStatus.IDE_FORSLAG
        if not (proposal or cleaned.get("municipalities") or cleaned.get("regions")):
            raise forms.ValidationError({"municipalities": OWNER_REQUIRED})
        return cleaned
