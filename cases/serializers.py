"""API serialisation of taxonomy links: always slugs and codes, never editable labels."""

from rest_framework import serializers


class SlugListField(serializers.Field):
    def __init__(self, many=True, **kwargs):
        self.many = many
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if not self.many:
            return value.slug if value else None
        return [item.slug for item in value.all()]


class OrganisationsField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        return page.organisation_refs()
