"""Preload the legal award catalogue (awards/catalogue.py). Existing rows are left as officers
edited them; only missing codes are created."""

from django.db import migrations


def preload(apps, schema_editor):
    from awards.catalogue.data import catalogue_rows

    AwardType = apps.get_model("awards", "AwardType")
    for code, values in catalogue_rows():
        AwardType.objects.get_or_create(code=code, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_award_catalogue_history_campaigns_nominations")]

    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
