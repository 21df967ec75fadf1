from django.contrib import admin
from django.utils.translation import gettext


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, never changed there: workflow state, history and audit rows change
    only through the services, which check the state and write the audit row."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Directory rows the administrator may still change in the admin (people, units, roles):
    each save or delete writes the same audit row a service would, in the same transaction."""

    def save_model(self, request, obj, form, change):
        from organizations.audit.services import _audit_text, audit_record

        super().save_model(request, obj, form, change)
        changes = {
            name: [_audit_text(form.initial.get(name)) if change else None,
                   _audit_text(form.cleaned_data.get(name))]
            for name in form.changed_data
        }  # fmt: skip
        audit_record(actor=request.user, obj=obj,
                     action="admin.change" if change else "admin.create",
                     reason=gettext("Changed in the administration site"),
                     changes=changes)  # fmt: skip

    def delete_model(self, request, obj):
        from organizations.audit.services import audit_record, unit_of

        # A unit's own audit row would keep it from being deleted (the row protects its unit);
        # units that may be deleted at all have no history worth a row.
        if unit_of(obj) != obj:
            audit_record(actor=request.user, obj=obj, action="admin.delete",
                         reason=gettext("Deleted in the administration site"))  # fmt: skip
        super().delete_model(request, obj)
