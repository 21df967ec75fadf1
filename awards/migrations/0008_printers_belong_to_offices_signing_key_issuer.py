"""Printers belong to the office (unit) that uses them, with their offset within ±20 mm; signing
keys also keep their certificate's issuer and first day of validity.

Printers recorded before (in the admin) go to the top-level unit, their offset brought within
range; keys recorded before get the new fields from their file when it opens.
"""

import os

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def printers_to_the_department(apps, schema_editor):
    PrinterOffset = apps.get_model("awards", "PrinterOffset")
    Unit = apps.get_model("organizations", "Unit")
    top = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if top is None:  # printers without any unit to belong to cannot be kept
        PrinterOffset.objects.all().delete()
        return
    for printer in PrinterOffset.objects.all():
        printer.unit = top
        printer.dx_mm = max(-20, min(20, printer.dx_mm))
        printer.dy_mm = max(-20, min(20, printer.dy_mm))
        printer.save(update_fields=["unit", "dx_mm", "dy_mm"])


def keys_describe_their_issuer(apps, schema_editor):
    from cryptography.hazmat.primitives.serialization import pkcs12

    SigningKey = apps.get_model("awards", "SigningKey")
    for key in SigningKey.objects.all():
        passphrase = key.passphrase or os.environ.get("THIDUA_SIGNING_PASSPHRASE", "")
        try:
            with key.pkcs12.open("rb") as handle:
                _key, certificate, _others = pkcs12.load_key_and_certificates(
                    handle.read(), passphrase.encode() if passphrase else None
                )
        except (OSError, ValueError, TypeError):
            continue  # the admin sees the empty fields and may upload the key again
        if certificate is None:
            continue
        key.issuer = certificate.issuer.rfc4514_string()[:500]
        key.not_before = certificate.not_valid_before_utc
        key.save(update_fields=["issuer", "not_before"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0007_translatable_labels"),
        ("organizations", "0008_translatable_labels"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="printeroffset",
            options={
                "ordering": ["unit__path", "name"],
                "verbose_name": "printer offset",
                "verbose_name_plural": "printer offsets",
            },
        ),
        migrations.AddField(
            model_name="printeroffset",
            name="unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="printers",
                to="organizations.unit",
                verbose_name="unit",
            ),
        ),
        migrations.RunPython(printers_to_the_department, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="printeroffset",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="printers",
                to="organizations.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AddField(
            model_name="signingkey",
            name="issuer",
            field=models.CharField(
                blank=True, editable=False, max_length=500, verbose_name="certificate issuer"
            ),
        ),
        migrations.AddField(
            model_name="signingkey",
            name="not_before",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="valid from"
            ),
        ),
        migrations.RunPython(keys_describe_their_issuer, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="printeroffset",
            name="dx_mm",
            field=models.DecimalField(
                decimal_places=1,
                default=0,
                help_text="Negative: to the left.",
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(-20),
                    django.core.validators.MaxValueValidator(20),
                ],
                verbose_name="shift right (mm)",
            ),
        ),
        migrations.AlterField(
            model_name="printeroffset",
            name="dy_mm",
            field=models.DecimalField(
                decimal_places=1,
                default=0,
                help_text="Negative: upwards.",
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(-20),
                    django.core.validators.MaxValueValidator(20),
                ],
                verbose_name="shift down (mm)",
            ),
        ),
        migrations.AlterField(
            model_name="printeroffset",
            name="name",
            field=models.CharField(max_length=100, verbose_name="printer"),
        ),
        migrations.AddConstraint(
            model_name="printeroffset",
            constraint=models.UniqueConstraint(
                fields=("unit", "name"),
                name="printer_offset_unique_name_per_unit",
                violation_error_message="This unit already has a printer of that name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="printeroffset",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("dx_mm__gte", -20), ("dx_mm__lte", 20), ("dy_mm__gte", -20), ("dy_mm__lte", 20)
                ),
                name="printer_offset_within_range",
                violation_error_message="A printer's offset is at most 20 mm each way.",
            ),
        ),
    ]
