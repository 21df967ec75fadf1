"""Revocations in the admin: read only. A revocation goes through
awards.decisions.revocation.award_revoke, which marks the award, frees its initiatives, flags
the dependants and writes the audit."""

from django.contrib import admin

from awards.models import Revocation, RevocationFlag


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RevocationFlagInline(_ReadOnly, admin.TabularInline):
    model = RevocationFlag
    extra = 0
    fields = ["award", "nomination", "note", "cleared_at"]
    readonly_fields = fields


@admin.register(Revocation)
class RevocationAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["award", "decision_number", "decision_date", "bonus_to_recover", "revoked_by",
                    "revoked_at"]  # fmt: skip
    search_fields = ["decision_number", "reason", "award__person__full_name", "award__unit__name"]
    list_select_related = ["award__award_type", "award__person", "award__unit", "revoked_by"]
    date_hierarchy = "decision_date"
    inlines = [RevocationFlagInline]


@admin.register(RevocationFlag)
class RevocationFlagAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["revocation", "award", "nomination", "note", "cleared_at"]
    list_filter = [("cleared_at", admin.EmptyFieldListFilter)]
    search_fields = ["note"]
    list_select_related = ["revocation__award__award_type", "revocation__award__person",
                           "revocation__award__unit", "award__award_type", "award__person",
                           "award__unit", "nomination__award_type", "nomination__person",
                           "nomination__unit"]  # fmt: skip
