from django.apps import AppConfig


class CompareConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "compare"
    verbose_name = "Sammenlign"

    def ready(self):
        from search import page_extensions

        # A practice example in the search results can be picked for comparison.
        page_extensions.register("hit", "compare/_search_hit_pick.html")
