from django.contrib import admin

from awards.certificates.models import Certificate, CertificateTemplate, PrinterOffset
from organizations.admin_readonly import ReadOnlyAdmin


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["award_type", "form_code", "width_mm", "height_mm"]
    list_select_related = ["award_type"]
    ordering = ["award_type__display_order"]


@admin.register(PrinterOffset)
class PrinterOffsetAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "dx_mm", "dy_mm"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Certificates are issued with their award and never edited; the verification code stays
    out of the back office's lists."""

    list_display = ["register_text", "issuer_code", "year", "award", "created_at"]
    list_select_related = ["award__award_type", "award__person", "award__unit"]
    list_filter = ["year", "form_code"]
    exclude = ["verification_code"]
