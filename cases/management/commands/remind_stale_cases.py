from django.core.management.base import BaseCommand, CommandError

from cases.reminders import REMIND_AGAIN_AFTER_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        "Sender én e-mail pr. modtager med de praksiseksempler, der trænger til bekræftelse. "
        f"Eksempler, der er mindet om inden for {REMIND_AGAIN_AFTER_DAYS} dage, springes over."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvem der ville få mail, uden at sende."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Send også om eksempler, der er mindet om inden for "
                f"{REMIND_AGAIN_AFTER_DAYS} dage."
            ),
        )

    def handle(self, *args, dry_run=False, force=False, **options):
        run = send_reminders(dry_run=dry_run, force=force)
        for email, cases in run.mails.items():
            titles = "; ".join(case.title for case in cases)
            self.stdout.write(f"{email}: {_count(len(cases))}: {titles}")
        for case in run.without_recipient:
            self.stdout.write(
                self.style.WARNING(f"Ingen modtager for «{case.title}» (id {case.pk})")
            )
        if run.failed:
            raise CommandError("Mailserveren svarede ikke; intet er registreret som sendt.")
        if dry_run:
            self.stdout.write(f"Prøvekørsel: {_mails(len(run.mails))} ville blive sendt.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{_mails(run.sent)} sendt."))


def _count(n):
    return "1 praksiseksempel" if n == 1 else f"{n} praksiseksempler"


def _mails(n):
    return "1 e-mail" if n == 1 else f"{n} e-mails"
