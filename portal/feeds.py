from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from cases.models import public_cases


class NewCasesFeed(Feed):
    feed_type = Atom1Feed
    title = "Praksisbanken: nye praksiseksempler"
    subtitle = "De nyeste praksiseksempler fra kommuner og regioner i Praksisbanken."
    link = "/praksiseksempler/"
    limit = 30

    def items(self):
        return (
            public_cases()
            .order_by("-first_published_at", "title")
            .prefetch_related("municipalities", "regions")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [org.name for org in item.organisations]
