"""The public comment window in the admin: read-only. Publishing, withdrawing and the extra days
off go through awards/publicity/services.py (they are audited); comments come only from the
public page."""

from django.contrib import admin

from awards.publicity.models import DayOff, PublicComment, PublicNotice, PublicNoticeEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PublicNoticeEntryInline(admin.TabularInline):
    model = PublicNoticeEntry
    extra = 0
    fields = ["order", "display_name", "display_unit", "award_name", "nomination"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublicNotice)
class PublicNoticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "starts_on", "ends_on", "working_days", "state",
                    "published_by", "published_at"]  # fmt: skip
    list_filter = ["state"]
    search_fields = ["title", "unit__name"]
    list_select_related = ["unit", "published_by"]
    date_hierarchy = "starts_on"
    exclude = ["token"]
    inlines = [PublicNoticeEntryInline]


@admin.register(PublicNoticeEntry)
class PublicNoticeEntryAdmin(ReadOnlyAdmin):
    list_display = ["display_name", "display_unit", "award_name", "notice"]
    search_fields = ["display_name", "display_unit", "notice__title"]
    list_select_related = ["notice"]


@admin.register(PublicComment)
class PublicCommentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "entry", "author_name", "created_at"]
    search_fields = ["text", "author_name", "entry__display_name"]
    list_select_related = ["entry__notice"]
    date_hierarchy = "created_at"
    exclude = ["address_hash"]


@admin.register(DayOff)
class DayOffAdmin(ReadOnlyAdmin):
    list_display = ["date", "name", "created_by", "created_at"]
    list_select_related = ["created_by"]
