"""Small helpers that the campaign and registration pages share: the year in the address, the
years offered in a selector, an object's audit history and a ValidationError's messages."""

from django.http import Http404
from django.utils import timezone

from awards.campaigns.services import YEAR_MAX, YEAR_MIN
from organizations.models import AuditEntry

HISTORY_LIMIT = 50


def year_or_404(year):
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404


def year_param(request, default=None):
    text = request.GET.get("year", "").strip()
    if text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX:
        return int(text)
    return default


def year_choices(year, extra=()):
    current = timezone.localdate().year
    return sorted({*range(current - 5, current + 2), *extra, *([year] if year else [])},
                  reverse=True)  # fmt: skip


def history_of(obj):
    return (
        AuditEntry.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=str(obj.pk),
        )
        .select_related("actor")
        .order_by("-at", "-id")[:HISTORY_LIMIT]
    )


def error_messages(error):
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)
