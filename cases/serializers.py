"""API serialisation of taxonomy links: always slugs and codes, never editable labels."""

from rest_framework import serializers


class SlugListField(serializers.Field):
    def __init__(self, many=True, **kwargs):
        self.many = many
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if not self.many:
            return value.slug if value else None
        # A related manager, or a list already fetched for the whole listing (api_queryset).
        items = value.all() if hasattr(value, "all") else value
        return [item.slug for item in items]


class OrganisationsField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        return page.organisation_refs()
