"""The legal award catalogue: everyone with a role reads it; emulation officers of the whole
department (a role on a top-level unit) edit it, since it is the same for every unit."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awards.catalogue.forms import AwardTypeForm
from awards.catalogue.services import award_type_update
from awards.models import AwardType, Initiative, Rating
from organizations.access import may_department_wide, require, require_department_wide

CATALOGUE = "award.catalogue"

# What each eligibility parameter means, in the words of the rule that reads it.
PARAM_LABELS = {
    "min_rating": gettext_lazy("Minimum annual rating"),
    "quota_share_of_ldtt": gettext_lazy("Quota: at most this share of the unit's LĐTT"),
    "consecutive_cstdcs": gettext_lazy("Consecutive CSTĐCS titles required"),
    "consecutive_provincial_fighter": gettext_lazy(
        "Consecutive provincial or ministerial fighter titles required"
    ),
    "fighter_cycle_years": gettext_lazy("Years between two consecutive fighter titles (one cycle)"),
    "initiative_level": gettext_lazy("Initiative recognised at least at"),
    "min_share_ldtt": gettext_lazy("Share of members holding LĐTT (at least)"),
    "min_cstdcs": gettext_lazy("Members holding CSTĐCS (at least)"),
    "indicator_met_share": gettext_lazy("Share of approved indicator targets met"),
    "requires_cluster_winner": gettext_lazy("Must be the voted leading unit of its cluster"),
    "consecutive_excellent_years": gettext_lazy("Consecutive HTXSNV years (individual route)"),
    "unused_initiatives": gettext_lazy("Initiatives not yet used for a title"),
    "collective_excellent_years": gettext_lazy("Consecutive HTXSNV years (collective)"),
    "window_years": gettext_lazy("Years since the previous award"),
    "cstdcs_in_window": gettext_lazy("CSTĐCS titles within those years"),
    "excellent_years_in_window": gettext_lazy("HTXSNV years within those years"),
    "service_years": gettext_lazy("Years of service in the sector"),
    "service_years_female": gettext_lazy("Years of service in the sector (women)"),
}
# Model fields an entry's "configurable" list may name; the others are rule parameters.
CONFIGURABLE_FIELDS = {"vote_threshold", "bonus_coefficient", "public_comment_days"}


def _number(value):
    """0.30 → "0.3" (or "0,3"), 8.00 → "8", 12.00 → "12": no trailing zeros, no exponent."""
    value = Decimal(str(value)).normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return number_format(value, use_l10n=True)


def _percent(share):
    return f"{_number(Decimal(str(share)) * 100)} %"


def _param_value(name, value):
    if value is None:
        return _("off")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "min_rating" and value in Rating.values:
        return Rating(value).label
    if name == "initiative_level" and value in Initiative.Level.values:
        return Initiative.Level(value).label
    if "share" in name and isinstance(value, (int, float)):
        return _percent(value)
    if isinstance(value, (dict, list)):
        return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return str(value)


def catalogue_entry(award):
    params = award.rule_params or {}
    configurable = set(params.get("configurable") or [])
    return {
        "award": award,
        "vote_percent": _percent(award.vote_threshold),
        "bonus": _number(award.bonus_coefficient),
        "params": [
            {
                "name": name,
                "label": PARAM_LABELS.get(name, name),
                "value": _param_value(name, value),
                "configurable": name in configurable,
            }
            for name, value in params.items()
            if name != "configurable"
        ],
        "configurable": configurable,
    }


def award_type_list(request):
    require(request.user, "directory.view")
    awards = AwardType.objects.all()
    entries = [catalogue_entry(award) for award in awards]
    groups = [
        (label, [e for e in entries if e["award"].kind == kind])
        for kind, label in AwardType.Kind.choices
    ]
    return render(
        request,
        "awards/catalogue/catalogue_list.html",
        {
            "groups": [(label, items) for label, items in groups if items],
            "count": len(entries),
            "can_edit": may_department_wide(request.user, CATALOGUE),
        },
    )


@require_http_methods(["GET", "POST"])
def award_type_update_view(request, pk):
    require_department_wide(request.user, CATALOGUE)
    award = get_object_or_404(AwardType, pk=pk)
    heading = {"code": award.code, "name": award.name}  # before the form changes the instance
    form = AwardTypeForm(request.POST if request.method == "POST" else None, instance=award)
    if request.method == "POST" and form.is_valid():
        try:
            updated = award_type_update(
                actor=request.user,
                award_type=award,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": updated.name})
            return redirect(f"{reverse('award_type_list')}#award-{updated.code}")
    context = {"form": form, "award": heading}
    return render(request, "awards/catalogue/award_type_form.html", context)
