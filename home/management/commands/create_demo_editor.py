import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Opretter en redaktør til demoen med en tilfældig adgangskode, som vises én gang. "
        "Findes brugeren, ændres intet, medmindre --reset-password gives."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="redaktoer")
        parser.add_argument("--reset-password", action="store_true")

    def handle(self, username, reset_password, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user and not reset_password:
            self.stdout.write(
                f"Redaktøren «{username}» findes allerede; adgangskoden er uændret. "
                f"Vil du have en ny: python manage.py create_demo_editor --reset-password"
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, email=f"{username}@example.org")
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS("Demo-redaktør klar. Log ind på http://127.0.0.1:8000/admin/ med")
        )
        self.stdout.write(f"  brugernavn:  {username}\n  adgangskode: {password}")
        self.stdout.write("Adgangskoden vises kun denne ene gang.")
