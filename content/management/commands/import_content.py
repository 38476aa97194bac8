from django.core.management.base import BaseCommand, CommandError

from content.fixtures import FixtureErrors
from content.importer import import_content


class Command(BaseCommand):
    help = (
        "Indlæser taksonomier, metoder og praksiseksempler fra fixtures/ (Markdown med "
        "metadata-hoved). Alt-eller-intet og idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default="fixtures/")

    def handle(self, directory, **options):
        try:
            report = import_content(directory)
        except FixtureErrors as exc:
            raise CommandError(
                f"Importen blev afbrudt; intet er ændret. {len(exc.errors)} fejl:\n{exc}"
            ) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Importen blev afbrudt; intet er ændret: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Indholdet er indlæst."))
