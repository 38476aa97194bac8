"""The admin form every portal page type builds on (base_form_class)."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from .slugs import slug_for_title


class PortalPageForm(WagtailAdminPageForm):
    """Two rules on top of Wagtail's page form:

    - The slug follows the project's rule (content.slugs) and may be left empty: it is then made
      from the title, with or without JavaScript.
    - A new page whose slug is taken only by pages that were never published (a draft the
      editor saved in the background, or left behind) gets the next free slug instead of an
      error: a forgotten draft never blocks creating the page again. A published page with the
      slug still stops it, as in Wagtail, so a case is not created twice by mistake."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if not slug:
            title = self.cleaned_data.get("title") or self.data.get("title") or ""
            slug = slug_for_title(title, fallback="") if title.strip() else ""
        if not slug:
            return slug  # no title either: the title's own error says what to do
        parent = self.parent_page
        if self.instance.pk is None and parent is not None:
            taken = Page.objects.child_of(parent).filter(slug=slug)
            if taken.exists() and not taken.filter(first_published_at__isnull=False).exists():
                slug = find_available_slug(parent, slug)
        return slug
