from django.conf import settings
from django.db import models

from content.markdown import render_markdown


class Post(models.Model):
    """An update or question in a group's members-only area, or a reply to one.

    Coordinators may make a top-level post public (the group's public updates) or hide it."""

    BODY_MAX = 5000

    group = models.ForeignKey("erfa.ErfaGroupPage", on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="erfa_posts"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField("tekst (Markdown)", max_length=BODY_MAX)
    public = models.BooleanField("offentlig opdatering", default=False)
    hidden = models.BooleanField("skjult af koordinator", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Made by the demo set-up (erfa/demo.py): shown as «Demodata» wherever it appears.
    is_demo = models.BooleanField("demodata", default=False, editable=False)

    class Meta:
        verbose_name = "opslag"
        verbose_name_plural = "opslag"
        ordering = ["-created_at"]

    def __str__(self):
        return self.body[:60]

    @property
    def html(self):
        return render_markdown(self.body)
