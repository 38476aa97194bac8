"""Min profil (accounts) shows the user's saved searches through its section hook, so accounts
never imports this app."""

from wagtail import hooks

from accounts.profile_sections import HOOK_NAME, ProfileSection

from .models import Frequency


@hooks.register(HOOK_NAME)
def saved_searches_section(request):
    return ProfileSection(
        key="gemte-soegninger",
        title="Gemte søgninger",
        template_name="following/_profile_section.html",
        context={
            "saved_searches": list(request.user.saved_searches.all()),
            "frequencies": Frequency,
            "next": request.get_full_path(),
        },
        order=200,
    )
