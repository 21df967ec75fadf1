"""The base salary (mức lương cơ sở) that prices award bonuses, as the decrees set it."""

import datetime
from decimal import Decimal

from django.db import migrations

BASE_SALARIES = [
    (datetime.date(2019, 7, 1), Decimal(1_490_000), "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), Decimal(1_800_000), "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), Decimal(2_340_000), "Nghị định 73/2024/NĐ-CP"),
]


def preload(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for valid_from, amount, basis in BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis}
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_council_decisions_proposals_publicity")]

    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
