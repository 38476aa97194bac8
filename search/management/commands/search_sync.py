"""Deliver the index changes waiting in the outbox (search/outbox.py).

  search_sync                  once: every waiting change, whatever its backoff (cron, or by
                               hand once the index answers again)
  search_sync --follow         a long-running worker: every --interval seconds, the waiting
                               changes whose backoff has passed
  search_sync --list           what waits and what failed, with the error text
  search_sync --retry-failed   put failed changes back in line, then deliver
  search_sync --clear-failed   delete failed changes (after an operator has dealt with them)

Exit status 1 (once) when the index could not be reached or changes failed."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from search import outbox
from search.models import IndexChange


class Command(BaseCommand):
    help = "Afspiller ventende ændringer af søgeindekset (outboxen), i rækkefølge."

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="Kør videre som worker.")
        parser.add_argument("--interval", type=float, default=2.0, help="Sekunder mellem runder.")
        parser.add_argument("--list", action="store_true", help="Vis ventende og fejlede.")
        parser.add_argument("--retry-failed", action="store_true", help="Prøv fejlede igen.")
        parser.add_argument("--clear-failed", action="store_true", help="Slet fejlede.")

    def handle(self, follow, interval, list, retry_failed, clear_failed, **options):  # noqa: A002
        if list:
            return self._list()
        if clear_failed:
            count = outbox.clear_failed()
            self.stdout.write(f"{count} fejlede indeksændringer er slettet.")
            return
        if retry_failed:
            count = outbox.retry_failed()
            self.stdout.write(f"{count} fejlede indeksændringer er sat i kø igen.")
        if follow:
            return self._follow(interval)
        report = outbox.replay(everything=True)
        self._report(report)
        waiting = IndexChange.objects.filter(state=IndexChange.State.PENDING).count()
        if report.unavailable:
            raise CommandError(
                f"Søgeindekset kan ikke bruges: {report.unavailable}\n"
                f"{waiting} ændringer venter fortsat."
            )
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} sider blev afvist af søgeindekset og er sat til side "
                "(se `search_sync --list` eller rapporten i administrationen)."
            )

    def _report(self, report):
        if not (report.sent or report.retrying or report.failed):
            self.stdout.write("Ingen ventende indeksændringer.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"{len(report.sent)} sider er opdateret i søgeindekset.")
        )
        if report.retrying:
            self.stdout.write(f"{len(report.retrying)} sider prøves igen senere.")

    def _list(self):
        rows = IndexChange.objects.order_by("pk")
        if not rows.exists():
            self.stdout.write("Ingen ventende eller fejlede indeksændringer.")
        for row in rows:
            when = row.next_attempt_at.isoformat() if row.next_attempt_at else "nu"
            self.stdout.write(
                f"{row.pk}\tside {row.page_id}\t{row.get_state_display()}\t{row.attempts} forsøg"
                f"\tnæste: {when}\t{row.last_error}"
            )

    def _follow(self, interval):
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        self.stdout.write(f"Afspiller indeksændringer hvert {interval:g}. sekund (Ctrl-C stopper).")
        while not stopping:
            close_old_connections()  # a database restarted meanwhile: a fresh connection
            try:
                report = outbox.replay()
                if report.sent or report.failed:
                    self._report(report)
            except Exception as exc:  # noqa: BLE001 - the worker outlives a database outage
                self.stderr.write(f"search_sync: {exc}")
            for _ in range(max(1, int(interval * 10))):
                if stopping:
                    break
                time.sleep(0.1)
