"""The annual ratings grid and its picker."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from awards.history import services
from awards.history.forms import (
    RatingsGridForm,
    RatingsPickerForm,
    subject_field_name,
)
from awards.history.views._common import (
    INPUTS,
    _last_year,
    _year_param,
)
from awards.models import (
    AnnualRating,
    Rating,
)
from organizations.access import get_unit_for_user, require
from organizations.models import Person, Unit


def ratings_index(request):
    """Pick a unit and a year; lists the user's units with how many of their people are rated."""
    require(request.user, INPUTS)
    year = _year_param(request) or _last_year(request.user)
    if "unit" in request.GET:
        form = RatingsPickerForm(request.GET, user=request.user)
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            return redirect("ratings_grid", unit.pk, form.cleaned_data["year"])
    else:
        form = RatingsPickerForm(user=request.user, initial={"year": year})
    units = list(form.units.only("id", "code", "name", "depth", "path"))
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
        "awards/history/inputs_ratings_index.html",
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
        "awards/history/inputs_ratings_grid.html",
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
