from django.apps import AppConfig


class FollowingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "following"
    verbose_name = "Følg søgninger"

    def ready(self):
        from search import page_extensions

        # Every search page links its Atom feed and offers "Giv mig besked".
        page_extensions.register("head", "following/_search_head.html")
        page_extensions.register("results_end", "following/_search_follow.html")
