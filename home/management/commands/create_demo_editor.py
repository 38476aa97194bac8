import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from editorial.models import MunicipalContributorGroup
from editorial.roles import EDITOR_GROUP


class Command(BaseCommand):
    help = (
        "Opretter en redaktør til demoen med en tilfældig adgangskode, som vises én gang. "
        "Findes brugeren, ændres intet, medmindre --reset-password gives. Med --contributor "
        "<kommune-slug> oprettes i stedet en kommunal bidragyder for den kommune."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=None)
        parser.add_argument("--reset-password", action="store_true")
        parser.add_argument(
            "--contributor",
            metavar="KOMMUNE",
            help="Opret en kommunal bidragyder for kommunen med denne slug (fx favrskov).",
        )

    def handle(self, username, reset_password, contributor, **options):
        if contributor:
            binding = (
                MunicipalContributorGroup.objects.select_related("group", "municipality")
                .filter(municipality__slug=contributor)
                .first()
            )
            if binding is None:
                raise CommandError(
                    f"Der er ingen bidragydergruppe for kommunen «{contributor}». "
                    "Kør først: python manage.py setup_roles"
                )
            username = username or f"bidragyder-{contributor}"
            role = f"Kommunal bidragyder for {binding.municipality.name}"
            groups = [binding.group]
            superuser = False
        else:
            username = username or "redaktoer"
            role = "Demo-redaktør"
            # The demo editor keeps superuser rights (the demo needs them all) and is a member
            # of Redaktør, so review tasks and e-mails for editors reach it too.
            groups = [Group.objects.get_or_create(name=EDITOR_GROUP)[0]]
            superuser = True

        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user and not reset_password:
            user.groups.add(*groups)
            self.stdout.write(
                f"Brugeren «{username}» findes allerede; adgangskoden er uændret. "
                f"Vil du have en ny, så tilføj --reset-password"
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, email=f"{username}@example.org")
        user.is_staff = superuser
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        user.groups.add(*groups)
        self.stdout.write(
            self.style.SUCCESS(f"{role} klar. Log ind på http://127.0.0.1:8000/admin/ med")
        )
        self.stdout.write(f"  brugernavn:  {username}\n  adgangskode: {password}")
        self.stdout.write("Adgangskoden vises kun denne ene gang.")
