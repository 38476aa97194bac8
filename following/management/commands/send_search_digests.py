from django.core.management.base import BaseCommand, CommandError

from following.digest import send_digests


class Command(BaseCommand):
    help = (
        "Send the e-mail digests of followed searches that are due (daily ones once a day, "
        "weekly ones on the first run of a week): one e-mail per user with the public pages "
        "published or changed since their last digest. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would get what; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        run = send_digests(dry_run=dry_run)
        for digest in run.digests:
            titles = ", ".join(
                entry.page.title for section in digest.sections for entry in section.entries
            )
            self.stdout.write(f"{digest.user.email}: {digest.count} ({titles})")
        for saved, reason in run.skipped:
            self.stderr.write(f"Skipped saved search {saved.pk} of user {saved.user_id}: {reason}")
        if dry_run:
            self.stdout.write(f"Dry run: {len(run.digests)} e-mail(s) would be sent.")
            return
        self.stdout.write(
            f"Sent {run.sent} e-mail(s); nothing new for {len(run.quiet)} other due search(es)."
        )
        if run.failed:
            raise CommandError(f"{run.failed} e-mail(s) could not be sent; the next run retries.")
