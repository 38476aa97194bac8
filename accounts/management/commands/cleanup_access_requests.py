from django.core.management.base import BaseCommand

from accounts.models import RETENTION_DAYS, AccessRequest


class Command(BaseCommand):
    help = (
        f"Sletter anmodninger om adgang, der blev afvist for mere end {RETENTION_DAYS} dage siden, "
        f"og anmodninger, hvis e-mail aldrig blev bekræftet, efter {RETENTION_DAYS} dage. "
        "Køres dagligt af cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis kun, hvor mange der ville blive slettet."
        )

    def handle(self, dry_run=False, **options):
        due = AccessRequest.objects.due_for_deletion()
        count = due.count()
        if dry_run:
            self.stdout.write(f"{count} anmodninger om adgang ville blive slettet.")
            return
        due.delete()
        self.stdout.write(self.style.SUCCESS(f"{count} anmodninger om adgang er slettet."))
