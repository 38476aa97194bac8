"""What the public form "Del et eksempel" leaves behind besides the draft case itself."""

from django.db import models


class Submission(models.Model):
    """One accepted submission: who sent the draft case and from where (as a hash only).

    The contact e-mail is for the editors and never shown publicly. Deleting the draft (e.g.
    spam) deletes this row too, so no personal data outlives the page it belongs to."""

    page = models.OneToOneField(
        "cases.CasePage",
        on_delete=models.CASCADE,
        related_name="submission",
        verbose_name="praksiseksempel (kladde)",
    )
    organisation = models.CharField("afdeling eller organisation", max_length=255)
    contact_email = models.EmailField("kontakt-e-mail")
    created_at = models.DateTimeField("indsendt", auto_now_add=True)
    # A keyed hash (HMAC with SECRET_KEY) of REMOTE_ADDR: lets editors see that several
    # submissions came from one connection without storing the address itself.
    ip_hash = models.CharField("hash af IP-adresse", max_length=64)

    class Meta:
        verbose_name = "indsendelse via Del et eksempel"
        verbose_name_plural = "indsendelser via Del et eksempel"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation}: {self.page.title}"
