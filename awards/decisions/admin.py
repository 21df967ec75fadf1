"""Decisions in the Django admin.

Decisions, their annex lines and the number counters are read-only here: they are written by
awards/decisions/services.py, and an issued decision must never change (a correction is a new
decision). The base salary is reference data the administrator keeps, so it is editable, and every
change is written to the audit log like any other.
"""

from django.contrib import admin

from awards.models import BaseSalary, Decision, DecisionCounter, DecisionLine
from organizations.audit.services import audit_record, changes_between, changes_created

SALARY_FIELDS = ["valid_from", "amount", "legal_basis"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionLineInline(admin.TabularInline):
    model = DecisionLine
    extra = 0
    can_delete = False
    fields = ["order", "recipient_name", "position", "unit_name", "award_type", "coefficient",
              "bonus_amount", "nomination", "award_record"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "decision_date", "kind", "state", "unit", "issuer_code",
                    "total_bonus"]  # fmt: skip
    list_filter = ["state", "kind", "year", "issuer_code"]
    search_fields = ["number_text", "subject", "issuer_name", "signer_name"]
    list_select_related = ["unit"]
    inlines = [DecisionLineInline]


@admin.register(DecisionLine)
class DecisionLineAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "award_type", "decision", "bonus_amount"]
    list_filter = ["award_type", "decision__state"]
    search_fields = ["recipient_name", "decision__number_text"]
    list_select_related = ["award_type", "decision"]


@admin.register(DecisionCounter)
class DecisionCounterAdmin(ReadOnlyAdmin):
    list_display = ["issuer_code", "year", "last_number"]
    list_filter = ["year"]
    search_fields = ["issuer_code"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount", "legal_basis"]
    fields = SALARY_FIELDS

    def _superuser(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)

    def save_model(self, request, obj, form, change):
        values = {name: getattr(obj, name) for name in SALARY_FIELDS}
        if change:
            before = BaseSalary.objects.get(pk=obj.pk)
            changes = changes_between(before, values)
        else:
            changes = changes_created(values)
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, obj=obj,
                     action="base_salary.change" if change else "base_salary.create",
                     changes=changes)  # fmt: skip

    def delete_model(self, request, obj):
        changes = {name: [str(getattr(obj, name)), None] for name in SALARY_FIELDS}
        audit_record(actor=request.user, obj=obj, action="base_salary.delete", changes=changes)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
