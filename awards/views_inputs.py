"""Screens for the inputs that eligibility needs: annual ratings, initiatives, holds, award
history, emulation clusters, and their imports.

Permissions (organizations.access.ACTIONS):
- "award.inputs" (clerks and officers) enters ratings and initiatives of their units' people;
- "award.history" (officers) sees and enters holds, imports past awards and clusters;
- everyone with a role reads the initiatives, award history and clusters of what they can see.
A unit outside the user's subtrees is a 404; a visible unit without the role is a 403.
"""

import io
from collections import Counter, defaultdict

import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from awards import services_inputs as services
from awards.forms_inputs import (
    AwardRecordFilter,
    HoldEditForm,
    HoldFilter,
    HoldForm,
    InitiativeEditForm,
    InitiativeFilter,
    InitiativeForm,
    RatingsGridForm,
    RatingsPickerForm,
    YearForm,
    subject_field_name,
)
from awards.models import (
    AnnualRating,
    AwardRecord,
    Cluster,
    ClusterMember,
    Hold,
    Initiative,
    Rating,
)
from organizations.access import get_unit_for_user, require, scope_of, units_where
from organizations.forms import ImportForm
from organizations.models import Person, Unit
from organizations.tabular import ImportRefused

INPUTS = "award.inputs"
HISTORY = "award.history"
READ = "directory.view"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible(queryset, user, *, person_prefix="person__unit__", unit_prefix="unit__"):
    """Rows about a person or a unit inside the user's subtrees."""
    scope = scope_of(user)
    if scope.is_superuser:
        return queryset
    about_person = Q(person__isnull=False) & scope.unit_filter(prefix=person_prefix)
    about_unit = Q(person__isnull=True) & scope.unit_filter(prefix=unit_prefix)
    return queryset.filter(about_person | about_unit)


def _can_see(scope, unit):
    return scope.is_superuser or bool(scope.roles_on(unit))


def _year_param(request):
    text = request.GET.get("year", "").strip()
    if text.isdigit() and services.YEAR_MIN <= int(text) <= services.YEAR_MAX:
        return int(text)
    return None


def _last_year():
    """Ratings and awards are about the year just finished."""
    return timezone.localdate().year - 1


# Ratings ----------------------------------------------------------------------------------------


def ratings_index(request):
    """Pick a unit and a year; lists the user's units with how many of their people are rated."""
    require(request.user, INPUTS)
    year = _year_param(request) or _last_year()
    if "unit" in request.GET:
        form = RatingsPickerForm(request.GET, user=request.user)
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            return redirect("ratings_grid", unit.pk, form.cleaned_data["year"])
    else:
        form = RatingsPickerForm(user=request.user, initial={"year": year})
    units = list(form.fields["unit"].queryset.only("id", "code", "name", "depth", "path"))
    ids = [unit.pk for unit in units]
    people = dict(
        Person.objects.filter(unit_id__in=ids, is_active=True)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    rated = dict(
        AnnualRating.objects.filter(person__unit_id__in=ids, person__is_active=True, year=year)
        .values("person__unit_id")
        .annotate(n=Count("pk"))
        .values_list("person__unit_id", "n")
    )
    collective = set(
        AnnualRating.objects.filter(unit_id__in=ids, year=year).values_list("unit_id", flat=True)
    )
    top = min((unit.depth for unit in units), default=0)
    rows = [
        {
            "unit": unit,
            "indent": range(unit.depth - top),
            "people": people.get(unit.pk, 0),
            "rated": rated.get(unit.pk, 0),
            "collective": unit.pk in collective,
        }
        for unit in units
    ]
    return render(
        request,
        "awards/inputs_ratings_index.html",
        {"form": form, "rows": rows, "year": year},
    )


def _stored_ratings(unit, people, year):
    ids = [person.pk for person in people]
    stored = {}
    for rating in AnnualRating.objects.filter(
        Q(person_id__in=ids) | Q(unit_id=unit.pk, person__isnull=True), year=year
    ).only("person_id", "unit_id", "rating"):
        name = f"person_{rating.person_id}" if rating.person_id else f"unit_{rating.unit_id}"
        stored[name] = rating.rating
    return stored


@require_http_methods(["GET", "POST"])
def ratings_grid(request, unit_pk, year):
    if not services.YEAR_MIN <= year <= services.YEAR_MAX:
        raise Http404
    unit = get_unit_for_user(request.user, unit_pk, action=INPUTS)
    people = list(unit.people.filter(is_active=True).order_by("sort_name", "code"))
    subjects = [unit, *people]
    stored = _stored_ratings(unit, people, year)
    previous = _stored_ratings(unit, people, year - 1)
    form = RatingsGridForm(
        request.POST if request.method == "POST" else None, subjects=subjects, stored=stored
    )
    conflicts = set()
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.ratings_save(
                actor=request.user,
                unit=unit,
                year=year,
                ratings=form.ratings(),
                expected=form.expected(),
            )
        except services.RatingsConflict as conflict:
            conflicts = {subject_field_name(subject) for subject in conflict.subjects}
            data = request.POST.copy()
            for name in conflicts:
                data[f"was_{name}"] = stored.get(name, "")
            form = RatingsGridForm(data, subjects=subjects, stored=stored)
            form.is_valid()
            messages.error(
                request,
                _(
                    "Nothing was saved: someone else changed the ratings of %(names)s meanwhile. "
                    "Check the highlighted rows and save again."
                )
                % {"names": ", ".join(str(subject) for subject in conflict.subjects)},
            )
        except ValidationError as error:
            form.add_error(None, error)
        except IntegrityError:  # a rating created by someone else at the same moment
            messages.error(
                request,
                _("Someone else saved ratings of this unit at the same moment; nothing was "
                  "saved. Please check the grid and save again."),
            )  # fmt: skip
        else:
            if saved.changed:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s rating was saved.",
                        "%(count)s ratings were saved.",
                        saved.changed,
                    )
                    % {"count": saved.changed},
                )
            else:
                messages.info(request, _("No rating was changed."))
            return redirect("ratings_grid", unit.pk, year)
    labels = dict(Rating.choices)
    rows = []
    for subject in subjects:
        name = subject_field_name(subject)
        rows.append(
            {
                "subject": subject,
                "is_unit": isinstance(subject, Unit),
                "field": form[name],
                "was": form[f"was_{name}"],
                "previous": labels.get(previous.get(name)),
                "previous_code": previous.get(name, ""),
                "conflict": name in conflicts,
                "stored": labels.get(stored.get(name), ""),
            }
        )
    counts = Counter(code for name, code in stored.items() if name.startswith("person_"))
    summary = [(code, label, counts.get(code, 0)) for code, label in Rating.choices]
    return render(
        request,
        "awards/inputs_ratings_grid.html",
        {
            "unit": unit,
            "year": year,
            "form": form,
            "rows": rows,
            "people_count": len(people),
            "rated_count": sum(counts.values()),
            "summary": summary,
            "can_import": True,
        },
    )


# Initiatives ------------------------------------------------------------------------------------


class InitiativeTable(tables.Table):
    person = tables.Column(
        verbose_name=gettext_lazy("Person"),
        linkify=("person_detail", [tables.A("person_id")]),
        order_by=("person__sort_name", "person__code"),
    )
    code = tables.Column(
        verbose_name=gettext_lazy("Staff number"), accessor="person__code", orderable=True
    )
    unit = tables.Column(
        verbose_name=gettext_lazy("Unit"),
        accessor="person__unit__name",
        order_by=("person__unit__sort_name",),
    )
    year = tables.Column(verbose_name=gettext_lazy("Year"), localize=False)
    title = tables.Column(verbose_name=gettext_lazy("Title"))
    level = tables.Column(verbose_name=gettext_lazy("Level"))
    consumed_by = tables.Column(
        verbose_name=gettext_lazy("Used for"), empty_values=(), orderable=False
    )
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        model = Initiative
        fields = ["person", "code", "unit", "year", "title", "level", "consumed_by", "actions"]
        order_by = ("-year", "person")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = gettext_lazy("No initiatives match.")

    def __init__(self, *args, scope, **kwargs):
        self.scope = scope
        super().__init__(*args, **kwargs)
        if not scope.may(INPUTS):
            self.columns.hide("actions")

    def render_consumed_by(self, record):
        used = record.consumed_by
        if used is None:
            return "—"
        return f"{used.award_type.code} {used.year}"

    def render_actions(self, record):
        if record.consumed_by_id or not self.scope.may(INPUTS, record.person.unit):
            return ""
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary" href="{}"><i class="bi bi-pencil" '
            'aria-hidden="true"></i> {}<span class="visually-hidden"> {}</span></a>',
            reverse("initiative_update", args=[record.pk]),
            _("Edit"),
            record.title,
        )


def _initiatives(user):
    return _visible_people_rows(Initiative.objects.all(), user).select_related(
        "person__unit", "consumed_by__award_type"
    )


def _visible_people_rows(queryset, user):
    scope = scope_of(user)
    if scope.is_superuser:
        return queryset
    return queryset.filter(scope.unit_filter(prefix="person__unit__"))


def initiative_list(request):
    require(request.user, READ)
    found = InitiativeFilter(request.GET or None, queryset=_initiatives(request.user),
                             user=request.user)  # fmt: skip
    if request.GET.get("export") == "xlsx":
        return _initiatives_xlsx(found.qs.order_by("person__unit__path", "person__sort_name",
                                                   "-year"))  # fmt: skip
    table = InitiativeTable(found.qs, scope=scope_of(request.user))
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    export = request.GET.copy()
    export["export"] = "xlsx"
    return render(
        request,
        "awards/inputs_initiative_list.html",
        {
            "filter": found,
            "table": table,
            "can_create": scope_of(request.user).may(INPUTS),
            "export_query": export.urlencode(),
        },
    )


def _initiatives_xlsx(initiatives):
    """The same columns as the import, so an exported file can be corrected and imported."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "initiatives"
    sheet.append([*services.INITIATIVE_COLUMNS, "full_name", "unit", "used_for"])
    for initiative in initiatives:
        used = initiative.consumed_by
        sheet.append(
            [
                initiative.person.code,
                initiative.year,
                initiative.title,
                initiative.level,
                initiative.person.full_name,
                initiative.person.unit.code,
                f"{used.award_type.code} {used.year}" if used else "",
            ]
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "initiatives.xlsx")
    return response


@require_http_methods(["GET", "POST"])
def initiative_create(request):
    require(request.user, INPUTS)
    initial = {"year": _last_year()}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = InitiativeForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The initiative “%(title)s” of %(name)s was recorded.")
                % {"title": initiative.title, "name": initiative.person.full_name},
            )
            return redirect("initiative_list")
    return render(request, "awards/inputs_initiative_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def initiative_update(request, pk):
    """Correct or delete an initiative of one's units' people, until a title has used it."""
    initiative = (
        _visible_people_rows(Initiative.objects.all(), request.user)
        .select_related("person__unit", "consumed_by__award_type")
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    require(request.user, INPUTS, initiative.person.unit)
    form = InitiativeEditForm(
        request.POST if request.method == "POST" else None, instance=initiative
    )
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                services.initiative_delete(actor=request.user, initiative=initiative)
                messages.success(request, _("The initiative was deleted."))
                return redirect("initiative_list")
            if form.is_valid():
                services.initiative_update(
                    actor=request.user, initiative=initiative, **form.cleaned_data
                )
                messages.success(request, _("The changes were saved."))
                return redirect("initiative_list")
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "awards/inputs_initiative_edit.html",
        {"form": form, "initiative": initiative, "locked": initiative.consumed_by_id is not None},
    )


# Holds ------------------------------------------------------------------------------------------


class SubjectColumn(tables.Column):
    """A person (with their unit) or a unit, linked to its page."""

    def render(self, record):
        if record.person_id:
            return format_html(
                '<a href="{}">{}</a> <span class="text-body-secondary small">{} · {}</span>',
                reverse("person_detail", args=[record.person_id]),
                record.person.full_name,
                record.person.code,
                record.person.unit.display_name,
            )
        return format_html(
            '<a href="{}">{}</a> <span class="text-body-secondary small">{}</span>',
            reverse("unit_detail", args=[record.unit_id]),
            record.unit.name,
            record.unit.code,
        )


def _with_subject_sort(queryset):
    return queryset.annotate(subject_sort=Coalesce(F("person__sort_name"), F("unit__sort_name")))


class HoldTable(tables.Table):
    subject = SubjectColumn(
        verbose_name=gettext_lazy("Person or unit"), empty_values=(), order_by=("subject_sort",)
    )
    reason = tables.Column(verbose_name=gettext_lazy("Reason"))
    start = tables.DateColumn(verbose_name=gettext_lazy("From"), short=True)
    end = tables.DateColumn(verbose_name=gettext_lazy("To"), short=True)
    state = tables.Column(verbose_name=gettext_lazy("State"), empty_values=(), orderable=False)
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        model = Hold
        fields = ["subject", "reason", "start", "end", "state", "actions"]
        order_by = ("-start",)
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = gettext_lazy("No holds match.")

    def render_state(self, record):
        today = timezone.localdate()
        if record.start > today:
            return format_html('<span class="badge text-bg-secondary">{}</span>', _("planned"))
        if record.end is None or record.end >= today:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("in force"))
        return format_html('<span class="badge text-bg-light border">{}</span>', _("ended"))

    def render_actions(self, record):
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary" href="{}"><i class="bi bi-pencil" '
            'aria-hidden="true"></i> {}<span class="visually-hidden"> {}</span></a>',
            reverse("hold_update", args=[record.pk]),
            _("Edit"),
            record.reason,
        )


def hold_list(request):
    require(request.user, HISTORY)
    holds = _with_subject_sort(
        _visible(Hold.objects.all(), request.user).select_related("person__unit", "unit")
    )
    found = HoldFilter(request.GET or None, queryset=holds, user=request.user)
    table = HoldTable(found.qs)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "awards/inputs_hold_list.html", {"filter": found, "table": table})


@require_http_methods(["GET", "POST"])
def hold_create(request):
    require(request.user, HISTORY)
    form = HoldForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.hold_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hold was recorded."))
            return redirect("hold_list")
    return render(request, "awards/inputs_hold_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def hold_update(request, pk):
    require(request.user, HISTORY)
    hold = (
        _visible(Hold.objects.all(), request.user)
        .select_related("person__unit", "unit")
        .filter(pk=pk)
        .first()
    )
    if hold is None:
        raise Http404
    form = HoldEditForm(request.POST if request.method == "POST" else None, instance=hold)
    if request.method == "POST" and form.is_valid():
        try:
            services.hold_update(actor=request.user, hold=hold, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("hold_list")
    return render(request, "awards/inputs_hold_form.html", {"form": form, "hold": hold})


# Award history ----------------------------------------------------------------------------------


class AwardRecordTable(tables.Table):
    year = tables.Column(verbose_name=gettext_lazy("Year"), localize=False)
    award_type = tables.Column(
        verbose_name=gettext_lazy("Award"), order_by=("award_type__display_order", "award_type")
    )
    subject = SubjectColumn(
        verbose_name=gettext_lazy("Recipient"), empty_values=(), order_by=("subject_sort",)
    )
    commendation_type = tables.Column(verbose_name=gettext_lazy("Commendation type"))
    decision_number = tables.Column(verbose_name=gettext_lazy("Decision"))
    decision_date = tables.DateColumn(verbose_name=gettext_lazy("Decision date"), short=True)
    issuer = tables.Column(verbose_name=gettext_lazy("Issuer"))
    source = tables.Column(verbose_name=gettext_lazy("Source"))

    class Meta:
        model = AwardRecord
        fields = ["year", "award_type", "subject", "commendation_type", "decision_number",
                  "decision_date", "issuer", "source"]  # fmt: skip
        order_by = ("-year", "award_type")
        attrs = {"class": "table table-sm table-hover align-middle"}
        row_attrs = {"class": lambda record: "text-decoration-line-through" if record.revoked
                     else ""}  # fmt: skip
        empty_text = gettext_lazy("No awards match.")

    def render_award_type(self, record):
        return format_html(
            '<span class="badge text-bg-light border me-1">{}</span>{}',
            record.award_type.code,
            record.award_type.name,
        )


def award_history(request):
    require(request.user, READ)
    records = _with_subject_sort(
        _visible(AwardRecord.objects.all(), request.user).select_related(
            "award_type", "person__unit", "unit"
        )
    )
    found = AwardRecordFilter(request.GET or None, queryset=records, user=request.user)
    table = AwardRecordTable(found.qs)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    scope = scope_of(request.user)
    return render(
        request,
        "awards/inputs_award_history.html",
        {"filter": found, "table": table, "can_import": scope.may(HISTORY)},
    )


# Clusters ---------------------------------------------------------------------------------------

ROLE_ORDER = {"winner": 0, "leader": 1, "deputy": 2, "member": 3}


def cluster_list(request):
    require(request.user, READ)
    years = list(Cluster.objects.order_by("-year").values_list("year", flat=True).distinct())
    default = years[0] if years else _last_year()
    form = YearForm(request.GET or None, years=years or [default], initial={"year": default})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else default
    clusters = list(Cluster.objects.filter(year=year).prefetch_related(_members_prefetch()))
    scope = scope_of(request.user)
    entries = []
    for cluster in clusters:
        roles = defaultdict(list)
        units = {}
        for member in cluster.members.all():
            roles[member.unit_id].append(member)
            units[member.unit_id] = member.unit
        lines = []
        for unit_id, members in roles.items():
            members.sort(key=lambda m: ROLE_ORDER.get(m.role, 9))
            unit = units[unit_id]
            lines.append(
                {
                    "unit": unit,
                    "linked": _can_see(scope, unit),
                    "roles": [m for m in members if m.role != ClusterMember.Role.MEMBER],
                    "winner": any(m.role == ClusterMember.Role.WINNER for m in members),
                    "order": min(ROLE_ORDER.get(m.role, 9) for m in members),
                }
            )
        lines.sort(key=lambda line: (line["order"], line["unit"].sort_name))
        winner = next((line["unit"] for line in lines if line["winner"]), None)
        entries.append({"cluster": cluster, "lines": lines, "winner": winner})
    return render(
        request,
        "awards/inputs_cluster_list.html",
        {
            "form": form,
            "year": year,
            "entries": entries,
            "can_import": scope.may(HISTORY),
            "has_years": bool(years),
        },
    )


def _members_prefetch():
    return Prefetch(
        "members",
        queryset=ClusterMember.objects.select_related("unit").only(
            "id", "cluster_id", "role", "unit__id", "unit__name", "unit__code", "unit__path",
            "unit__sort_name", "unit__short_name",
        ),
    )  # fmt: skip


# Imports ----------------------------------------------------------------------------------------

IMPORTS = {
    "ratings": {
        "service": services.ratings_import,
        "action": INPUTS,
        "title": gettext_lazy("Import annual ratings"),
        "columns": services.RATING_COLUMNS,
        "optional": [],
        "example": [["NV027", "2024", "HTXSNV"], ["PLD-DV", "2024", "HTTNV"]],
        "notes": [
            gettext_lazy(
                "subject: a person's staff number, or a unit code for the collective's rating. "
                "A code that names both a person and a unit is refused as ambiguous: enter "
                "that rating in the grid."
            ),
            gettext_lazy("rating: HTXSNV, HTTNV, HTNV or KHTNV."),
            gettext_lazy("A subject's rating for a year already stored is replaced."),
        ],
    },
    "initiatives": {
        "service": services.initiatives_import,
        "action": INPUTS,
        "title": gettext_lazy("Import initiatives"),
        "columns": services.INITIATIVE_COLUMNS,
        "optional": [],
        "example": [["NV027", "2024", "Số hóa hồ sơ người có công", "grassroots"]],
        "notes": [
            gettext_lazy(
                "person: staff number; level: grassroots, province, ministry or national."
            ),
            gettext_lazy("The same person, year and title already stored is updated (its level)."),
        ],
    },
    "holds": {
        "service": services.holds_import,
        "action": HISTORY,
        "title": gettext_lazy("Import holds"),
        "columns": services.HOLD_COLUMNS,
        "optional": services.HOLD_OPTIONAL,
        "example": [["NV027", "Đang xem xét kỷ luật", "01/06/2024", ""]],
        "notes": [
            gettext_lazy("subject: a person's staff number or a unit code."),
            gettext_lazy(
                "Dates as 2024-06-01 or 01/06/2024; leave end empty while the hold lasts."
            ),
            gettext_lazy("The same subject, start and reason already stored is updated (its end)."),
        ],
    },
    "awards": {
        "service": services.awards_import,
        "action": HISTORY,
        "title": gettext_lazy("Import past awards"),
        "columns": services.AWARD_COLUMNS,
        "optional": services.AWARD_OPTIONAL,
        "example": [
            ["BK_TINH", "NV027", "2022", "merit", "1234/QĐ-UBND", "15/03/2023", "UBND tỉnh"],
        ],
        "notes": [
            gettext_lazy(
                "award_type: a catalogue code (LDTT, CSTDCS, BK_TINH, …); recipient: a staff "
                "number or a unit code, matching the award's recipients."
            ),
            gettext_lazy("commendation_type: merit, adhoc, thematic, career or external."),
            gettext_lazy(
                "The same award, recipient, year and commendation type already stored is "
                "updated (decision number, date and issuer)."
            ),
        ],
    },
    "clusters": {
        "service": services.clusters_import,
        "action": HISTORY,
        "title": gettext_lazy("Import emulation clusters and blocks"),
        "columns": services.CLUSTER_COLUMNS,
        "optional": [],
        "example": [
            ["Khối các phòng huyện", "block", "2024", "PLD-DV", "leader"],
            ["Khối các phòng huyện", "block", "2024", "PLD-MV", "member"],
            ["Khối các phòng huyện", "block", "2024", "PLD-DV", "winner"],
        ],
        "notes": [
            gettext_lazy("kind: cluster or block; role: leader, deputy, member or winner."),
            gettext_lazy(
                "winner is the unit the cluster voted as its leading unit (the flag "
                "candidate): one per cluster and year; a new winner replaces the stored one."
            ),
        ],
    },
}


@require_http_methods(["GET", "POST"])
def inputs_import(request, kind):
    spec = IMPORTS[kind]
    require(request.user, spec["action"])
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = spec["service"](
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
                allowed_units=units_where(request.user, spec["action"]),
            )
        except ImportRefused as refusal:
            errors = refusal.errors
            messages.error(
                request, _("Nothing was imported. Correct the lines below and try again.")
            )
        else:
            messages.success(
                request,
                _(
                    "Import finished: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % vars(result),
            )
            return redirect(request.path)
    return render(
        request,
        "awards/inputs_import.html",
        {
            "form": form,
            "errors": errors,
            "kind": kind,
            "title": spec["title"],
            "columns": spec["columns"] + spec["optional"],
            "optional": spec["optional"],
            "example": spec["example"],
            "notes": spec["notes"],
        },
    )


urlpatterns = [
    path("ratings/", ratings_index, name="ratings_index"),
    path("ratings/<int:unit_pk>/<int:year>/", ratings_grid, name="ratings_grid"),
    path("initiatives/", initiative_list, name="initiative_list"),
    path("initiatives/new/", initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/edit/", initiative_update, name="initiative_update"),
    path("holds/", hold_list, name="hold_list"),
    path("holds/new/", hold_create, name="hold_create"),
    path("holds/<int:pk>/edit/", hold_update, name="hold_update"),
    path("history/", award_history, name="award_history"),
    path("clusters/", cluster_list, name="cluster_list"),
    *(
        path(f"imports/{kind}/", inputs_import, {"kind": kind}, name=f"import_{kind}")
        for kind in IMPORTS
    ),
]
