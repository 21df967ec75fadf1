"""Proposals upward in the admin: read only. Drafting, signing and recording the answer go through
awards/proposals/services.py, which move the nominations and write the audit."""

from django.contrib import admin

from awards.models import Proposal, ProposalLine


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProposalLineInline(admin.TabularInline):
    model = ProposalLine
    extra = 0
    fields = ["order", "nomination", "outcome", "decision"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "authority", "unit", "signed_on", "state"]
    list_filter = ["state", "authority"]
    search_fields = ["number_text", "subject", "authority"]
    list_select_related = ["unit"]
    inlines = [ProposalLineInline]


@admin.register(ProposalLine)
class ProposalLineAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "nomination", "outcome", "decision"]
    list_filter = ["outcome"]
    search_fields = ["proposal__number_text", "nomination__person__full_name",
                     "nomination__unit__name"]  # fmt: skip
    list_select_related = ["proposal", "nomination__award_type", "nomination__person",
                           "nomination__unit", "decision"]  # fmt: skip
