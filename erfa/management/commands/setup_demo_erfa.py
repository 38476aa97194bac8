from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.fixtures import FixtureErrors
from erfa.demo import DEFAULT_DIRECTORY, setup_demo_erfa

REFUSED = (
    "Demo-brugere oprettes kun under udvikling (DEBUG=True). Giv --allow-demo-users, hvis du "
    "bevidst vil oprette de opdigtede demo-medlemmer her, eller --groups-only for kun at "
    "indlæse gruppesiderne. Intet er ændret."
)


class Command(BaseCommand):
    help = (
        "Indlæser erfa-grupperne fra fixtures/erfa/*.md og opretter (kun under udvikling) "
        "opdigtede demo-medlemmer, møder og opslag. Idempotent og alt-eller-intet. Kræver, at "
        "import_content er kørt først."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(DEFAULT_DIRECTORY),
            help="Mappen med erfa-gruppernes Markdown-filer (standard: fixtures/erfa).",
        )
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Opret demo-brugere, selv om DEBUG er slået fra. Aldrig i produktion.",
        )
        parser.add_argument(
            "--groups-only",
            action="store_true",
            help="Indlæs kun gruppesiderne: ingen demo-brugere, møder eller opslag.",
        )

    def handle(self, directory, allow_demo_users, groups_only, **options):
        with_demo_data = not groups_only
        if with_demo_data and not (settings.DEBUG or allow_demo_users):
            raise CommandError(REFUSED)
        try:
            report, groups = setup_demo_erfa(directory, with_demo_data=with_demo_data)
        except FixtureErrors as exc:
            raise CommandError(
                f"Erfa-grupperne blev ikke indlæst; intet er ændret. {len(exc.errors)} fejl:\n{exc}"
            ) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Erfa-grupperne blev ikke indlæst; intet er ændret: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{len(groups)} erfa-grupper er klar."))
        if with_demo_data:
            self.stdout.write(
                "Demo-brugerne (demo-koordinator-1, demo-medlem-1, …, demo-ansoeger-1) er "
                "opdigtede og har ingen adgangskode. Vil du logge ind som en af dem, så sæt en "
                "adgangskode med: python manage.py changepassword demo-koordinator-1"
            )
