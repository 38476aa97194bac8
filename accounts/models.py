"""Access requests: how a member of staff gets an account without an administrator's help.

A request is stored when the form is sent, but no one sees it until the applicant has opened
the signed link in the verification e-mail (status UNVERIFIED → PENDING). Editors decide requests
for contributor access; a group's coordinators (and editors) decide membership-only requests.
No user account exists before approval. Rejected and expired requests are deleted after 30 days
(`manage.py cleanup_access_requests`, in the cron table of docs/operations.md)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

NAME_MAX = 150
NOTE_MAX = 1000
RETENTION_DAYS = 30


def verification_days():
    return getattr(settings, "ACCOUNTS_VERIFICATION_DAYS", 3)


class Purpose(models.TextChoices):
    CONTRIBUTOR = "bidragyder", "Bidragyder for min kommune"
    MEMBER = "medlem", "Medlem af en erfa-gruppe"
    BOTH = "begge", "Begge dele"


class Status(models.TextChoices):
    UNVERIFIED = "ubekraeftet", "Venter på bekræftelse af e-mail"
    PENDING = "afventer", "Afventer afgørelse"
    APPROVED = "godkendt", "Godkendt"
    REJECTED = "afvist", "Afvist"


class AccessRequestQuerySet(models.QuerySet):
    def visible(self):
        """Requests whose e-mail has been verified: the only ones deciders ever see."""
        return self.exclude(status=Status.UNVERIFIED)

    def pending(self):
        return self.filter(status=Status.PENDING)

    def expired(self, now=None):
        """Never verified within the link's lifetime."""
        now = now or timezone.now()
        return self.filter(
            status=Status.UNVERIFIED, created_at__lt=now - timedelta(days=verification_days())
        )

    def due_for_deletion(self, now=None):
        """Rejected, or expired unverified, for more than RETENTION_DAYS."""
        cutoff = (now or timezone.now()) - timedelta(days=RETENTION_DAYS)
        return self.filter(
            models.Q(status=Status.REJECTED, decided_at__lt=cutoff)
            | models.Q(status=Status.UNVERIFIED, created_at__lt=cutoff)
        )


class AccessRequest(models.Model):
    name = models.CharField("navn", max_length=NAME_MAX)
    email = models.EmailField("arbejds-e-mail")
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
        verbose_name="kommune",
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
        verbose_name="region",
    )
    purpose = models.CharField("ønsker adgang som", max_length=20, choices=Purpose.choices)
    erfa_group = models.ForeignKey(
        "erfa.ErfaGroupPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
        verbose_name="erfa-gruppe",
    )
    note = models.TextField("besked", max_length=NOTE_MAX, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.UNVERIFIED
    )
    created_at = models.DateTimeField("modtaget", auto_now_add=True)
    verified_at = models.DateTimeField("e-mail bekræftet", null=True, blank=True)
    decided_at = models.DateTimeField("afgjort", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="afgjort af",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
        verbose_name="bruger",
    )

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "anmodning om adgang"
        verbose_name_plural = "anmodninger om adgang"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.email})"

    @property
    def wants_contribution(self):
        return self.purpose in (Purpose.CONTRIBUTOR, Purpose.BOTH)

    @property
    def wants_membership(self):
        return self.purpose in (Purpose.MEMBER, Purpose.BOTH)

    @property
    def organisation(self):
        return self.municipality or self.region

    @property
    def organisation_display(self):
        return str(self.organisation) if self.organisation else ""

    organisation_display.fget.short_description = "kommune eller region"
