from django.contrib.sitemaps import Sitemap

from taxonomy.models import Challenge, Movement, Municipality, Region


class TaxonomySitemap(Sitemap):
    """The public pages per movement, challenge, municipality and region."""

    changefreq = "weekly"

    def items(self):
        return [
            *Movement.objects.all(),
            *Challenge.objects.all(),
            *Region.objects.all(),
            *Municipality.objects.all(),
        ]
