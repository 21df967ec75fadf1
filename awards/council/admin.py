"""The council in the Django admin: read-only, for looking, never for changing.

Sessions, members, agenda items (with their tallies) and recusals can be read; everything is
written by awards/council/services.py. Ballots are deliberately not registered, not even as an
inline: no admin screen may show a member next to their choice, superusers included.
"""

from django.contrib import admin

from awards.council.models import AgendaItem, CouncilMember, CouncilSession, Recusal


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CouncilMemberInline(ReadOnlyInline):
    model = CouncilMember
    fields = ["user", "present", "written_opinion"]


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["order", "nomination", "members_total", "agree", "disagree", "abstain", "recused",
              "threshold", "passed"]  # fmt: skip


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "date", "place", "state", "opened_by", "closed_at"]
    list_filter = ["state"]
    search_fields = ["title", "place", "unit__code", "unit__name"]
    list_select_related = ["unit", "opened_by"]
    date_hierarchy = "date"
    inlines = [CouncilMemberInline, AgendaItemInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(ReadOnlyAdmin):
    list_display = ["user", "session", "present"]
    list_filter = ["present", "session__state"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "session__title"]
    list_select_related = ["user", "session"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["session", "nomination", "agree", "disagree", "abstain", "recused",
                    "members_total", "threshold", "passed"]  # fmt: skip
    list_filter = ["passed", "session__state"]
    search_fields = ["session__title", "nomination__person__full_name", "nomination__unit__name"]
    list_select_related = ["session", "nomination__award_type", "nomination__person",
                           "nomination__unit"]  # fmt: skip


@admin.register(Recusal)
class RecusalAdmin(ReadOnlyAdmin):
    list_display = ["member", "item", "automatic", "created_at"]
    list_filter = ["automatic"]
    search_fields = ["member__user__username", "reason", "item__session__title"]
    list_select_related = ["member__user", "item__session", "item__nomination__award_type",
                           "item__nomination__person", "item__nomination__unit"]  # fmt: skip
