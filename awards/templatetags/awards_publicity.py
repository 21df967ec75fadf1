"""The public comment window on the nomination page, without touching its view:

    {% load awards_publicity %}
    {% nomination_publicity nomination request.user %}

Shows whether and when the nomination was published, its window, what that means for the
council's vote and, to everyone who may read awards on the nomination's unit, the comments
received. The caller has already checked that the user may see the nomination. At most three
queries: the entries with their notices, their comments, the council check.
"""

from datetime import timedelta

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from awards.publicity import services
from awards.publicity.models import PublicComment, PublicNotice
from awards.publicity.views import window_status
from organizations.access import scope_of

register = template.Library()


@register.inclusion_tag("awards/publicity/panel_nomination.html")
def nomination_publicity(nomination, user):
    scope = scope_of(user)
    required = nomination.award_type.public_comment_required
    may_read = scope.may("award.view", nomination.unit)
    entries = nomination.notice_entries.select_related("notice__unit").order_by(
        "-notice__starts_on", "-pk"
    )
    if may_read:
        entries = entries.prefetch_related(
            Prefetch("comments", queryset=PublicComment.objects.order_by("created_at", "pk"))
        )
    entries = list(entries)
    if not required and not entries:
        return {"show": False}
    today = timezone.localdate()
    visible_units = {g.unit_path for g in scope.grants}
    rows = []
    for entry in entries:
        notice = entry.notice
        rows.append(
            {
                "entry": entry,
                "notice": notice,
                "status": window_status(notice, today),
                "can_open": scope.is_superuser
                or any(notice.unit.path.startswith(path) for path in visible_units),
                "comments": list(entry.comments.all()) if may_read else None,
            }
        )
    published = [r for r in rows if r["notice"].state == PublicNotice.State.PUBLISHED]
    latest_end = max((r["notice"].ends_on for r in published), default=None)
    return {
        "show": True,
        "nomination": nomination,
        "required": required,
        "rows": rows,
        "block": services.publicity_block(nomination, today) if required else None,
        "vote_from": latest_end + timedelta(days=1) if latest_end else None,
        "can_publish": required
        and nomination.state == "accepted"
        and scope.may(services.MANAGE, nomination.unit)
        and not any(r["status"] in ("open", "upcoming") for r in published),
        "may_read": may_read,
    }
