from django.core.management.base import BaseCommand, CommandError

from search.models import IndexQueueEntry
from search.sync import replay_queue


class Command(BaseCommand):
    help = "Afspiller ventende indeksændringer (gemt mens søgeserveren ikke kunne nås)."

    def handle(self, **options):
        waiting = IndexQueueEntry.objects.count()
        if not waiting:
            self.stdout.write("Ingen ventende indeksændringer.")
            return
        replayed, remaining = replay_queue()
        if remaining:
            raise CommandError(
                f"Søgeindekset kan stadig ikke nås; {remaining} ændringer venter fortsat."
            )
        self.stdout.write(self.style.SUCCESS(f"{len(replayed)} sider er opdateret i søgeindekset."))
