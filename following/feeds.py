"""Følg denne søgning: the newest documents a search finds, as an Atom feed (RFC 4287).

/soeg/feed/?<the search page's parameters> and /api/search/feed/?… answer the same feed. Only
pages anyone may see are entries (matching.newest checks each hit against the database)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from . import matching
from .searches import EVERYTHING, describe, search_path

FEED_SIZE = 20


class SearchFeed(Feed):
    """The feed of one search; build it with the search's canonical query string."""

    feed_type = Atom1Feed
    author_name = "Praksisbanken"
    language = "da"

    def __init__(self, query_string):
        self.query_string = query_string
        # Raises InvalidSearch or SearchUnavailable before any of the feed is written.
        self.entries = matching.newest(query_string, FEED_SIZE)

    def title(self):
        description = describe(self.query_string)
        if description == EVERYTHING:
            return "Praksisbanken: nyt i søgningen"
        return f"Praksisbanken: {description}"

    def subtitle(self):
        return (
            "De nyeste praksiseksempler, metoder og erfa-grupper, der passer til søgningen "
            f"{describe(self.query_string)}."
        )

    def link(self):
        return search_path(self.query_string)

    def feed_url(self):
        path = reverse("following:search_feed")
        return f"{path}?{self.query_string}" if self.query_string else path

    def items(self):
        return self.entries

    def item_title(self, entry):
        return entry[1].title

    def item_description(self, entry):
        return entry[0].summary

    def item_link(self, entry):
        return entry[1].url

    def item_pubdate(self, entry):
        return entry[1].first_published_at

    def item_updateddate(self, entry):
        page = entry[1]
        return page.last_published_at or page.first_published_at or timezone.now()

    def item_categories(self, entry):
        hit, page = entry
        return [page.type_label, *(org["name"] for org in hit.organisations)]
