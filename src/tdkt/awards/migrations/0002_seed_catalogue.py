"""Seed the built-in award catalogue (DOMAIN.md codes); idempotent."""

from django.db import migrations


def seed(apps, schema_editor):
    from tdkt.awards.catalogue import BUILTIN

    AwardType = apps.get_model("awards", "AwardType")
    for e in BUILTIN:
        AwardType.objects.update_or_create(
            code=e.code,
            defaults={
                "name": e.name, "short_name": e.short_name, "aliases": list(e.aliases),
                "kind": e.kind, "subjects": e.subjects, "tier": e.tier, "level_key": e.level_key,
                "money_individual": e.money_individual, "money_collective": e.money_collective,
                "order": e.order, "is_builtin": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
