from django.contrib import admin

from organizations.admin_readonly import AuditedAdmin, ReadOnlyInline
from organizations.models import AuditEntry, Membership, Person, Unit


class MembershipInline(ReadOnlyInline):
    """Shown on the unit; roles are granted and withdrawn on the Memberships page (audited)."""

    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "role", "created_at"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active", "valid_from", "valid_to"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name", "search_text"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "successor"]
    inlines = [MembershipInline]

    def get_actions(self, request):
        # Deleting in bulk skips the per-unit history check below.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.has_history():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["code", "full_name", "sex", "position", "unit", "sector_start", "is_active"]
    list_filter = ["sex", "is_active", "unit__kind"]
    search_fields = ["code", "full_name", "search_text"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = ["user", "unit"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_repr", "from_state", "to_state"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "reason", "actor__username"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
