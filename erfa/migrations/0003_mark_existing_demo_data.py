"""Databases made before demo data was flagged: mark what the demo set-up made as demo data.

The demo set-up only ever made users called demo-… with @example.org addresses, and meetings
with an example.org link or a "<kommune> Rådhus, mødelokale 2" place; such places become the
made-up place the demo set-up now uses, so no real town hall is shown as a meeting place."""

from django.db import migrations
from django.db.models import Q

DEMO_PLACE = "Opdigtet mødested (demodata)"


def mark(apps, schema_editor):
    demo_user = Q(username__startswith="demo-", email__endswith="@example.org")
    User = apps.get_model("auth", "User")
    users = User.objects.filter(demo_user).values("pk")
    for name, field in (("Membership", "user"), ("JoinRequest", "user"), ("Post", "author")):
        model = apps.get_model("erfa", name)
        model.objects.filter(**{f"{field}__in": users}).update(is_demo=True)
    Meeting = apps.get_model("erfa", "Meeting")
    demo_meetings = Meeting.objects.filter(
        Q(online_url__startswith="https://moede.example.org/")
        | Q(place__endswith="Rådhus, mødelokale 2")
        | Q(place="Mødelokale 2")
    )
    demo_meetings.exclude(place="").update(place=DEMO_PLACE)
    Meeting.objects.filter(
        Q(online_url__startswith="https://moede.example.org/") | Q(place=DEMO_PLACE)
    ).update(is_demo=True)


class Migration(migrations.Migration):
    dependencies = [
        ("erfa", "0002_proposed_groups_demo_flags_sources"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
