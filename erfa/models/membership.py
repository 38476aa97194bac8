import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class Role(models.TextChoices):
    COORDINATOR = "koordinator", "Koordinator"
    MEMBER = "medlem", "Medlem"


class Profile(models.Model):
    """Which municipality a user works for (cases they propose are owned by it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        verbose_name="kommune",
    )

    class Meta:
        verbose_name = "profil"
        verbose_name_plural = "profiler"

    def __str__(self):
        return f"Profil for {self.user}"


class Membership(models.Model):
    group = models.ForeignKey(
        "erfa.ErfaGroupPage", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erfa_memberships"
    )
    role = models.CharField("rolle", max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField("medlem siden", default=timezone.now)
    # Made by the demo set-up (erfa/demo.py): shown as «Demodata» wherever it appears.
    is_demo = models.BooleanField("demodata", default=False, editable=False)

    class Meta:
        verbose_name = "medlemskab"
        verbose_name_plural = "medlemskaber"
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="erfa_one_membership")
        ]
        ordering = ["role", "user__first_name", "user__username"]

    def __str__(self):
        return f"{self.user} i {self.group}"

    @property
    def is_coordinator(self):
        return self.role == Role.COORDINATOR

    @classmethod
    @transaction.atomic
    def add(cls, group, user, role=Role.MEMBER, is_demo=False):
        """Make `user` a member; the group's Django group follows, so view restrictions do."""
        membership, created = cls.objects.get_or_create(
            group=group, user=user, defaults={"role": role, "is_demo": is_demo}
        )
        if not created and membership.role != role and role == Role.COORDINATOR:
            membership.role = role
            membership.save(update_fields=["role"])
        user.groups.add(group.members_group)
        return membership

    @transaction.atomic
    def remove(self):
        self.user.groups.remove(self.group.members_group)
        self.delete()


class JoinStatus(models.TextChoices):
    PENDING = "afventer", "Afventer"
    APPROVED = "godkendt", "Godkendt"
    DECLINED = "afvist", "Afvist"


class JoinRequest(models.Model):
    MOTIVATION_MAX = 1000

    group = models.ForeignKey(
        "erfa.ErfaGroupPage", on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erfa_join_requests"
    )
    motivation = models.TextField("motivation", max_length=MOTIVATION_MAX)
    status = models.CharField(max_length=20, choices=JoinStatus.choices, default=JoinStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Made by the demo set-up (erfa/demo.py): shown as «Demodata» wherever it appears.
    is_demo = models.BooleanField("demodata", default=False, editable=False)

    class Meta:
        verbose_name = "anmodning om medlemskab"
        verbose_name_plural = "anmodninger om medlemskab"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(status="afventer"),
                name="erfa_one_pending_request",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.group} ({self.get_status_display()})"


class CalendarToken(models.Model):
    """The secret in a member's personal calendar URL; revoking it stops the feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kalenderadgang"
        verbose_name_plural = "kalenderadgange"

    def __str__(self):
        return f"Kalender for {self.user}" + (" (spærret)" if self.revoked_at else "")

    @classmethod
    def current_for(cls, user):
        token = cls.objects.filter(user=user, revoked_at__isnull=True).first()
        return token or cls.objects.create(user=user)

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class CaseProposal(models.Model):
    """A group's experience proposed as a practice example: a draft case in editorial review."""

    group = models.ForeignKey(
        "erfa.ErfaGroupPage", on_delete=models.CASCADE, related_name="case_proposals"
    )
    case = models.OneToOneField(
        "cases.CasePage", on_delete=models.CASCADE, related_name="erfa_proposal"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "forslag til praksiseksempel"
        verbose_name_plural = "forslag til praksiseksempler"

    def __str__(self):
        return f"{self.case} fra {self.group}"
