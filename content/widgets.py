"""A searchable, keyboard-operable multi-select for long lists (municipalities, methods).

Wagtail has no chooser for a many-to-many field (its choosers pick one object; the multiple
chooser works only with an inline model), and a <select multiple> of 98 municipalities needs
Ctrl-click. This widget is a list of checkboxes grouped in fieldsets (by region for
municipalities): without JavaScript it is plain HTML, operated with Tab and Space. With
JavaScript, a Stimulus controller registered on Wagtail's own Stimulus application
(content/static/content/js/multiselect.js) adds a search box that filters the list as you type,
a count of matches, and the chosen items as buttons that remove them."""

from collections import defaultdict

from django import forms


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "content/widgets/searchable_multiselect.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"

    def __init__(self, attrs=None, choices=(), group_by=None, noun="punkter"):
        """`group_by(instances) -> {instance pk: group label}` groups the options (one call per
        render); `noun` names the items in the search box's label and count."""
        super().__init__(attrs, choices)
        self.group_by = group_by
        self.noun = noun

    class Media:
        js = ["content/js/multiselect.js"]
        css = {"all": ["content/css/multiselect.css"]}

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        labels = {}
        if self.group_by is not None:
            instances = [getattr(choice, "instance", None) for choice, _label in self.choices]
            labels = self.group_by([i for i in instances if i is not None])
        grouped = defaultdict(list)
        order = []
        for _group_name, options, _index in groups:
            for option in options:
                instance = getattr(option["value"], "instance", None)
                label = labels.get(getattr(instance, "pk", None), "")
                if label not in grouped:
                    order.append(label)
                grouped[label].append(option)
        order.sort(key=lambda label: (label == "", label))
        return [(label or None, grouped[label], index) for index, label in enumerate(order)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["noun"] = self.noun
        return context


def municipalities_by_region(municipalities):
    """Group label per municipality: its region's name (one query for the regions)."""
    from taxonomy.models import Region

    regions = {r.pk: r.name for r in Region.objects.all()}
    return {m.pk: regions.get(m.region_id, "") for m in municipalities}


def municipality_widget():
    return SearchableCheckboxSelectMultiple(group_by=municipalities_by_region, noun="kommuner")


def method_widget():
    return SearchableCheckboxSelectMultiple(noun="metoder")
