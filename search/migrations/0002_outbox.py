# The after-failure queue becomes the transactional outbox (search/outbox.py): the same table,
# renamed, with a state (pending / failed) and a time for the next attempt; and the record of
# rebuilds, which keeps outbox rows while one runs.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="IndexQueueEntry", new_name="IndexChange"),
        migrations.AlterModelOptions(
            name="indexchange",
            options={
                "ordering": ["pk"],
                "verbose_name": "indeksændring",
                "verbose_name_plural": "indeksændringer",
            },
        ),
        migrations.AddField(
            model_name="indexchange",
            name="state",
            field=models.CharField(
                choices=[("pending", "venter"), ("failed", "fejlet")],
                db_index=True,
                default="pending",
                max_length=10,
                verbose_name="tilstand",
            ),
        ),
        migrations.AddField(
            model_name="indexchange",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="næste forsøg"),
        ),
        migrations.AddField(
            model_name="indexchange",
            name="last_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="seneste forsøg"),
        ),
        migrations.CreateModel(
            name="IndexRebuild",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField(auto_now_add=True, verbose_name="startet")),
                ("heartbeat_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="senest i live")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="færdig")),
                ("backend", models.CharField(max_length=50, verbose_name="backend")),
                ("first_change_after", models.PositiveBigIntegerField(default=0)),
                ("documents", models.PositiveIntegerField(blank=True, null=True, verbose_name="dokumenter")),
                ("outcome", models.TextField(blank=True, verbose_name="resultat")),
            ],
            options={
                "verbose_name": "genopbygning af søgeindekset",
                "verbose_name_plural": "genopbygninger af søgeindekset",
                "ordering": ["-started_at"],
            },
        ),
    ]
