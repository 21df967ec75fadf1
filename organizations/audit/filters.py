from datetime import datetime, time, timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.forms import DateTextInput
from organizations.models import AuditEntry
from organizations.text import fold


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Object or reason"), method="filter_text")
    action = django_filters.CharFilter(label=_("Action"), lookup_expr="startswith")
    actor = django_filters.CharFilter(label=_("Who (user name)"), field_name="actor__username")
    since = django_filters.DateFilter(label=_("From"), method="filter_since",
                                      widget=DateTextInput)  # fmt: skip
    until = django_filters.DateFilter(label=_("To"), method="filter_until",
                                      widget=DateTextInput)  # fmt: skip

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "actor", "since", "until"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value))

    # Days are bounded by local midnights, so that the ordering index on `at` serves them
    # (`at__date` compares a computed date, row by row).
    def filter_since(self, queryset, name, day):
        return queryset.filter(at__gte=_midnight(day))

    def filter_until(self, queryset, name, day):
        return queryset.filter(at__lt=_midnight(day + timedelta(days=1)))


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))
