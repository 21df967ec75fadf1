from django.contrib import admin

from indicators.models import DataStatus, Indicator, IndicatorValue, ValueChange
from organizations.admin_readonly import ReadOnlyAdmin, ReadOnlyInline


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "value_type", "direction", "group",
                    "is_active", "display_order"]  # fmt: skip
    list_filter = ["value_type", "direction", "is_active", "group"]
    search_fields = ["code", "name"]
    list_editable = ["display_order"]


class ValueChangeInline(ReadOnlyInline):
    model = ValueChange
    readonly_fields = ["field", "old", "new", "changed_by", "changed_at", "source"]


# Figures change through the entry grid and imports (history, version, lock on approval);
# approval state through the workflow; their history never changes.
@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "unit", "year", "period", "target", "result", "version"]
    list_filter = ["year", "period", "indicator"]
    search_fields = ["indicator__code", "unit__code", "unit__name"]
    list_select_related = ["indicator", "unit"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["target_by", "target_at", "result_by", "result_at", "version"]
    inlines = [ValueChangeInline]


@admin.register(DataStatus)
class DataStatusAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "period", "state", "changed_by", "changed_at"]
    list_filter = ["state", "year"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit", "changed_by"]
    readonly_fields = ["state", "reason", "changed_by", "changed_at"]


@admin.register(ValueChange)
class ValueChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "value", "field", "old", "new", "changed_by", "source"]
    list_filter = ["field", "source"]
    list_select_related = ["value__indicator", "value__unit", "changed_by"]
    search_fields = ["value__indicator__code", "value__unit__code"]
