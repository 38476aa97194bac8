"""'Metodeanvendelser' in the Wagtail admin: editors can see, correct and remove the
'Vi gør det også' records municipalities have made on method pages."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MethodAdoption


class MethodAdoptionViewSet(SnippetViewSet):
    model = MethodAdoption
    icon = "tick"
    menu_label = "Metodeanvendelser"
    menu_name = "metodeanvendelser"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["municipality", "method", "since_year", "case", "created_at"]
    list_filter = ["municipality__region"]
    search_fields = ["municipality__name", "method__title"]
    ordering = ["-created_at"]


register_snippet(MethodAdoptionViewSet)
