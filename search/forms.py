"""Validation of search parameters (the page and the API share it). It only validates:
it never touches the index."""

import re

from django import forms

from .contract import DEFAULT_PAGE_SIZE, FACETS, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SORTS, SearchQuery

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        strip=True,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Søgeteksten må højst være {MAX_QUERY_LENGTH} tegn.",
        },
    )
    sort = forms.ChoiceField(
        required=False,
        choices=list(SORTS.items()),
        error_messages={"invalid_choice": "Ukendt sortering «%(value)s»."},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": "Sidetallet skal være et helt tal.",
            "min_value": "Sidetallet skal være mindst 1.",
            "max_value": "Sidetallet er for stort.",
        },
    )
    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        error_messages={
            "invalid": "Antal pr. side skal være et helt tal.",
            "min_value": "Antal pr. side skal være mindst 1.",
            "max_value": f"Antal pr. side må højst være {MAX_PAGE_SIZE}.",
        },
    )

    # exact=1: search the words as typed, without spelling correction.
    exact = forms.BooleanField(required=False)

    def __init__(self, data, facet_values, **kwargs):
        # Facet parameters repeat (?movement=a&movement=b): read them as lists.
        self.facet_values = facet_values
        plain = {key: data.get(key) for key in ("q", "sort", "page", "page_size", "exact")}
        if plain["q"]:
            plain["q"] = CONTROL_CHARS.sub(" ", plain["q"])
        super().__init__(plain, **kwargs)
        for key in FACETS:
            allowed = [(slug, label) for slug, label in facet_values[key]]
            self.fields[key] = forms.MultipleChoiceField(
                required=False,
                choices=allowed,
                error_messages={"invalid_choice": "Ukendt værdi «%(value)s»."},
            )
            self.data[key] = [v for v in data.getlist(key) if v != ""]

    def search_query(self):
        """The validated SearchQuery; call only when is_valid()."""
        data = self.cleaned_data
        return SearchQuery(
            text=data.get("q") or "",
            filters={key: tuple(data[key]) for key in FACETS if data.get(key)},
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
            exact=bool(data.get("exact")),
        )

    def first_error(self):
        """(field, Danish message) of the first problem, for the API's 400 answer."""
        field, errors = next(iter(self.errors.items()))
        return field, errors[0]
