"""Wagtail's publish_scheduled, run in one database transaction.

A request is one transaction (portal.middleware.AtomicWritesMiddleware), so a page change and
its search outbox row (search/outbox.py) commit together. Wagtail's command publishes and
unpublishes in autocommit, where a crash between the page save and the outbox row would lose
the index change; here both commit together or not at all. A run that fails changes nothing
and the next run (cron, every five minutes) tries again."""

from django.db import transaction
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled


class Command(WagtailPublishScheduled):
    help = "Publishes and unpublishes pages whose scheduled time has come, in one transaction."

    def handle(self, *args, **options):
        with transaction.atomic():
            return super().handle(*args, **options)
