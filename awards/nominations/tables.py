import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination
from organizations.rows import WRITTEN_ROWS_TEMPLATE, WrittenRows, url_for_key

State = Nomination.State
# A state's colour and icon, as in awards/nominations/nomination_state_badge.html (the other
# pages' badge): the list builds its badges here, once per row, instead of rendering that
# template per row. tests/awards/test_nomination_list_scale.py keeps the two the same.
STATE_BADGES = {
    State.DRAFT: ("text-bg-secondary", "bi-pencil-fill"),
    State.SUBMITTED: ("text-bg-primary", "bi-send-fill"),
    State.RETURNED: ("text-bg-warning", "bi-arrow-return-left"),
    State.RESUBMITTED: ("text-bg-info", "bi-arrow-repeat"),
    State.ACCEPTED: ("text-bg-success", "bi-check2-circle"),
    State.PASSED: ("text-bg-success", "bi-hand-thumbs-up-fill"),
    State.NOT_PASSED: ("text-bg-danger", "bi-hand-thumbs-down-fill"),
    State.PROPOSED: ("text-bg-info", "bi-box-arrow-up-right"),
    State.GRANTED: ("text-bg-success", "bi-award-fill"),
    State.REFUSED: ("text-bg-danger", "bi-slash-circle"),
    State.WITHDRAWN: ("text-bg-dark", "bi-x-circle"),
}


def state_badge(state):
    """A nomination state's badge: colour, icon and words, never colour alone."""
    colour, icon = STATE_BADGES.get(state, STATE_BADGES[State.DRAFT])
    label = State(state).label if state in State.values else state
    return format_html(
        '<span class="badge {} state-badge"><i class="bi {}" aria-hidden="true"></i> {}</span>',
        colour,
        icon,
        label,
    )


ROW = (
    '<tr><td>{} <a href="{}">{}</a></td><td>{}</td><td><span title="{}">{}</span></td>'
    "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"
)


class NominationTable(WrittenRows, tables.Table):
    """The columns, headers and orderings of the nominations list; row_html writes its rows
    (see organizations/rows.py)."""

    nominee = tables.Column(
        verbose_name=_("Nominee"),
        accessor="pk",
        order_by=("person__sort_name", "unit__sort_name"),
    )
    unit = tables.Column(verbose_name=_("Unit"), accessor="unit__name", order_by=("unit__path",))
    award_type = tables.Column(
        verbose_name=_("Award"), order_by=("award_type__display_order", "award_type__code")
    )
    campaign = tables.Column(verbose_name=_("Campaign"), order_by=("campaign__name",))
    year = tables.Column(verbose_name=_("Year"), localize=False)
    state = tables.Column(verbose_name=_("State"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"), short=True)
    updated_at = tables.DateTimeColumn(verbose_name=_("Last change"), short=True)

    class Meta:
        model = Nomination
        fields = [
            "nominee",
            "unit",
            "award_type",
            "campaign",
            "year",
            "state",
            "submitted_at",
            "updated_at",
        ]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No nominations match.")
        order_by = ("-updated_at",)
        template_name = WRITTEN_ROWS_TEMPLATE

    def row_context(self):
        return {
            "url": url_for_key("nomination_detail"),
            "badges": {state: state_badge(state) for state in State.values},
            "individual": format_html(
                '<i class="bi bi-person" aria-hidden="true"></i>'
                '<span class="visually-hidden">{}: </span>',
                _("Individual"),
            ),
            "collective": format_html(
                '<i class="bi bi-people" aria-hidden="true"></i>'
                '<span class="visually-hidden">{}: </span>',
                _("Collective"),
            ),
        }

    def row_html(self, nomination, context):
        return format_html(
            ROW,
            context["individual"] if nomination.person_id else context["collective"],
            context["url"](nomination.pk),
            nomination.nominee,
            nomination.unit.name,
            nomination.award_type.code,
            nomination.award_type.name,
            nomination.campaign.name,
            nomination.year,
            context["badges"].get(nomination.state) or state_badge(nomination.state),
            context["dates"].datetime(nomination.submitted_at),
            context["dates"].datetime(nomination.updated_at, empty=""),
        )
