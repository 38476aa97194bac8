from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Meeting(models.Model):
    group = models.ForeignKey(
        "erfa.ErfaGroupPage", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField("titel", max_length=200)
    starts_at = models.DateTimeField("starter")
    ends_at = models.DateTimeField("slutter")
    place = models.CharField("sted", max_length=255, blank=True)
    online_url = models.URLField("onlinelink", blank=True)
    agenda = models.TextField("dagsorden (Markdown)", blank=True)
    minutes = models.TextField("referat (Markdown)", blank=True)
    members_only = models.BooleanField(
        "kun for medlemmer",
        default=False,
        help_text="Mødet vises kun for gruppens medlemmer og kun i deres personlige kalender.",
    )
    # Minutes are members-only unless the coordinator chooses to publish them.
    minutes_public = models.BooleanField("referatet er offentligt", default=False)
    # Made by the demo set-up (erfa/demo.py): shown as «Demodata» wherever it appears.
    is_demo = models.BooleanField("demodata", default=False, editable=False)

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%d.%m.%Y})"

    @property
    def uid(self):
        return f"erfa-meeting-{self.pk}@praksisbanken"


class MeetingDocument(models.Model):
    """A document attached to a meeting. Members-only documents sit in the group's private
    Wagtail collection, so Wagtail's document privacy serves them to members only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    members_only = models.BooleanField("kun for medlemmer", default=True)

    class Meta:
        verbose_name = "mødebilag"
        verbose_name_plural = "mødebilag"

    def __str__(self):
        return f"{self.document} ({self.meeting})"

    def clean(self):
        # Wagtail serves a document to whoever may see its collection: a members-only document
        # outside the group's closed collection would be open to everyone.
        super().clean()
        if not (self.members_only and self.meeting_id and self.document_id):
            return
        private = self.meeting.group.private_collection
        collection = self.document.collection
        if private is None or not (
            collection.pk == private.pk or collection.is_descendant_of(private)
        ):
            raise ValidationError(
                {
                    "document": (
                        "Et bilag kun for medlemmer skal ligge i gruppens lukkede samling "
                        f"»{private}«; ellers kan alle hente det. Flyt dokumentet dertil, "
                        "eller gør bilaget offentligt."
                    )
                }
            )


class AttendanceChoice(models.TextChoices):
    YES = "kommer", "Kommer"
    NO = "kommer-ikke", "Kommer ikke"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erfa_attendances"
    )
    status = models.CharField(max_length=20, choices=AttendanceChoice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tilmelding"
        verbose_name_plural = "tilmeldinger"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="erfa_one_attendance")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_status_display()} ({self.meeting})"
