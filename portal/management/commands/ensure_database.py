"""Create the configured PostgreSQL database if it does not exist yet (`make serve`)."""

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from psycopg import sql


class Command(BaseCommand):
    help = "Opretter PostgreSQL-databasen fra DATABASE_URL, hvis den ikke findes."

    def handle(self, *args, **options):
        params = connections["default"].get_connection_params()
        if connections["default"].vendor != "postgresql":
            raise CommandError(
                "ensure_database virker kun med PostgreSQL (DATABASE_URL=postgres://…)."
            )
        name = params.pop("dbname")
        # Connect to the server's maintenance database: the wanted one may not exist yet.
        params["dbname"] = "postgres"
        params.pop("cursor_factory", None)
        params.pop("context", None)
        try:
            with psycopg.connect(autocommit=True, **params) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if exists:
                    self.stdout.write(f"Databasen {name} findes.")
                    return
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.OperationalError as exc:
            raise CommandError(f"Kan ikke nå PostgreSQL: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Databasen {name} er oprettet."))
