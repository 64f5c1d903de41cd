"""Re-seed the built-in catalogue so existing databases get the import aliases."""

from django.db import migrations


def reseed(apps, schema_editor):
    from tdkt.awards.catalogue import BUILTIN_CATALOGUE

    AwardType = apps.get_model("awards", "AwardType")
    for e in BUILTIN_CATALOGUE:
        AwardType.objects.filter(code=e.code, is_builtin=True).update(aliases=list(e.aliases))


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_award_year_id_index")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
