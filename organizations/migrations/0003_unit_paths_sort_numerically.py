"""Rewrite unit paths with zero-padded ids ("/00000001/00000010/"), so that ordering by path
lists siblings in creation order (2 before 10). Parents are rewritten before their children."""

from django.db import migrations


def pad_paths(apps, schema_editor):
    Unit = apps.get_model("organizations", "Unit")
    paths = {}
    units = sorted(Unit.objects.all(), key=lambda unit: (unit.depth, unit.pk))
    for unit in units:
        prefix = paths[unit.parent_id] if unit.parent_id else "/"
        unit.path = paths[unit.pk] = f"{prefix}{unit.pk:08d}/"
    Unit.objects.bulk_update(units, ["path"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_audit_entry_unit_scope")]

    operations = [migrations.RunPython(pad_paths, migrations.RunPython.noop)]
