"""{% saved_searches_section %}: the user's saved searches with delete and e-mail controls, for
the profile page (Min profil) to embed without knowing this app's models."""

from django import template

from following.models import Frequency

register = template.Library()


@register.inclusion_tag("following/_saved_searches_section.html", takes_context=True)
def saved_searches_section(context, heading_level=2):
    request = context["request"]
    user = request.user
    searches = list(user.saved_searches.all()) if user.is_authenticated else []
    return {
        "saved_searches": searches,
        "frequencies": Frequency,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "heading_level": heading_level,
        "user": user,
    }
