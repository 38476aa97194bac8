"""Sections that other apps add to Min profil (/min-profil/), without this app knowing them.

An app registers a function with Wagtail's hook registry, usually in its wagtail_hooks.py:

    from wagtail import hooks
    from accounts.profile_sections import ProfileSection

    @hooks.register("accounts.profile.sections")
    def saved_searches(request):
        return ProfileSection(
            key="gemte-soegninger",            # the section's id on the page (anchor)
            title="Gemte søgninger",           # its heading (h2)
            template_name="search/profile_saved_searches.html",
            context={"searches": ...},         # extra template context
            order=200,                         # after the built-in sections (100 and below)
        )

The function gets the request (the user is signed in) and returns a ProfileSection, or None
to show nothing. accounts/profile.html renders each section in order under its heading, with
the function's context plus `request` and `user`."""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "accounts.profile.sections"


@dataclass
class ProfileSection:
    key: str
    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 500


def sections_for(request):
    sections = [fn(request) for fn in hooks.get_hooks(HOOK_NAME)]
    return sorted((s for s in sections if s is not None), key=lambda s: (s.order, s.key))
