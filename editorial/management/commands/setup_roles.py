from django.core.management.base import BaseCommand

from editorial.roles import COORDINATOR_GROUP, EDITOR_GROUP
from editorial.setup import WORKFLOW_NAME, setup_roles


class Command(BaseCommand):
    help = (
        "Opretter eller opdaterer redaktionens roller: Redaktør, én gruppe for kommunale "
        "bidragydere pr. kommune, Erfa-koordinator og arbejdsgangen for redaktionel gennemgang. "
        "Kan køres igen uden at ændre noget."
    )

    def handle(self, **options):
        for warning in setup_roles():
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Roller klar: «{EDITOR_GROUP}», «{COORDINATOR_GROUP}», kommunale bidragydere "
                f"og arbejdsgangen «{WORKFLOW_NAME}»."
            )
        )
