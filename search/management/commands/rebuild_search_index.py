from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.backends import get_backend
from search.contract import SearchUnavailable
from search.documents import indexable_ids
from search.sync import RebuildRunning, rebuild_index


class Command(BaseCommand):
    help = "Genopbygger søgeindekset (indlejret eller Elasticsearch) fra de publicerede sider."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Ingen statuslinje.")

    def handle(self, no_progress, **options):
        backend = get_backend()
        total = len(indexable_ids())
        bar = tqdm(
            total=total,
            desc=f"Indekserer ({backend.name})",
            unit=" sider",
            disable=no_progress,
            file=self.stderr._out,
        )
        try:
            with bar:
                count = rebuild_index(progress=bar.update, backend=backend)
        except RebuildRunning as exc:
            raise CommandError("En anden genopbygning af søgeindekset kører allerede.") from exc
        except SearchUnavailable as exc:
            raise CommandError(f"Søgeindekset kunne ikke genopbygges: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Søgeindekset ({backend.name}) har {count} sider."))
