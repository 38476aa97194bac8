from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Challenge,
    EvidenceLevel,
    Frame,
    Handlerum,
    Movement,
    Municipality,
    Region,
    Sector,
    TargetGroup,
)


def _viewset(model_, icon_, columns=("name", "slug"), filters=()):
    return type(
        f"{model_.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model_,
            "icon": icon_,
            "list_display": list(columns),
            "list_filter": list(filters),
            "search_fields": ["name", "slug"],
            "add_to_admin_menu": False,
        },
    )


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Taksonomi"
    menu_icon = "tag"
    menu_order = 300
    items = (
        _viewset(Frame, "pick"),
        _viewset(Movement, "arrow-right", ("name", "slug", "order")),
        _viewset(Handlerum, "group", ("name", "slug", "order")),
        _viewset(Challenge, "warning", ("name", "slug", "handlerum"), ("handlerum",)),
        _viewset(Region, "site", ("name", "slug", "code")),
        _viewset(Municipality, "home", ("name", "slug", "code", "region"), ("region",)),
        _viewset(TargetGroup, "user"),
        _viewset(Sector, "folder-open-inverse"),
        _viewset(EvidenceLevel, "list-ol", ("name", "slug", "rank")),
    )


register_snippet(TaxonomyViewSetGroup)
