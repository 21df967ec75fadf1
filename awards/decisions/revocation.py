"""Revocation of a granted award (Law 2022 ch. VII; domain.md §6 rule 21).

The award stays in history, marked revoked, so eligibility no longer counts it (the evidence
reads only awards that are not revoked); its bonus is marked for recovery; the initiatives it
used are freed; and every later award or open nomination whose prerequisite may have rested on it
is flagged for review with a note naming the prerequisite and the rule.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from awards.eligibility import evaluate, evaluate_nomination
from awards.eligibility.rules import FIGHTER_CYCLE_YEARS
from awards.history.services.initiatives import initiatives_release
from awards.models import AwardRecord, Nomination, Revocation, RevocationFlag
from organizations.access import scope_of
from organizations.audit.services import audit_record
from organizations.workflow import WorkflowError

__all__ = ["DEPENDANTS", "REVOKE", "WorkflowError", "award_revoke", "dependants_of", "may_revoke",
           "revoke_units"]  # fmt: skip

REVOKE = "award.revoke"
ANY_LATER = None  # no limit: the prerequisite may be any number of years earlier


def _window(name, default):
    """Reach of a chain of `name` consecutive titles ending in the dependant's year."""
    return lambda award_type: award_type.param(name, default) - 1


def _national_reach(award_type):
    """CSTĐTQ: the first provincial title of its chain is (needed - 1) cycles before the second,
    which is in the proposal year or the year before."""
    cycle = award_type.param("fighter_cycle_years", FIGHTER_CYCLE_YEARS)
    return cycle * (award_type.param("consecutive_provincial_fighter", 2) - 1) + 1


# Prerequisite award → {dependant award: (rule that reads it, how many years later the dependant
# may be: a number, a function of the dependant's award type and its rule_params, or ANY_LATER)},
# read off awards/eligibility/rules/:
#   GrassrootsFighter       CSTĐCS needs LĐTT of the same year;
#   ProvincialFighter       CSTĐ tỉnh/bộ: three consecutive CSTĐCS ending in its year;
#                           CSTĐTQ: two CSTĐ tỉnh/bộ one cycle (three years) apart, the second in
#                           its year or the year before;
#   ProvincialDiploma       BK tỉnh/bộ route (d): two consecutive CSTĐCS ending in its year;
#   LongServiceWindow       BK TTg: BK tỉnh/bộ any time before its five-year window, three CSTĐCS
#                           in the window; Huân chương LĐ hạng Ba: the same on BK TTg;
#   Advanced/ExcellentCollective  TTLĐTT/TTLĐXS count the members' LĐTT (and CSTĐCS) that year.
# Flags are not checked against TTLĐXS by a rule, but the standard of a flag (Law 2022 Art. 26)
# is a collective that excelled that year, so a revoked TTLĐXS is worth a review; the
# Government's flag is chosen among the holders of the provincial/ministry flag (Art. 25).
DEPENDANTS = {
    "LDTT": {"CSTDCS": ("grassroots_fighter", 0), "TTLDTT": ("advanced_collective", 0),
             "TTLDXS": ("excellent_collective", 0)},
    "CSTDCS": {"CSTD_TINH": ("consecutive_fighter_titles", _window("consecutive_cstdcs", 3)),
               "CSTD_BO": ("consecutive_fighter_titles", _window("consecutive_cstdcs", 3)),
               "BK_TINH": ("diploma_of_merit_history", _window("consecutive_cstdcs", 2)),
               "BK_BO": ("diploma_of_merit_history", _window("consecutive_cstdcs", 2)),
               "BK_TTG": ("five_year_window", _window("window_years", 5)),
               "HCLD3": ("five_year_window", _window("window_years", 5)),
               "TTLDXS": ("excellent_collective", 0)},
    "CSTD_TINH": {"CSTDTQ": ("consecutive_fighter_titles", _national_reach)},
    "CSTD_BO": {"CSTDTQ": ("consecutive_fighter_titles", _national_reach)},
    "BK_TINH": {"BK_TTG": ("five_year_window", ANY_LATER)},
    "BK_BO": {"BK_TTG": ("five_year_window", ANY_LATER)},
    "BK_TTG": {"HCLD3": ("five_year_window", ANY_LATER)},
    "TTLDXS": {"CO_TINH": ("cluster_leader", 0), "CO_BO": ("cluster_leader", 0)},
    "CO_TINH": {"CO_CP": ("cluster_leader", 0)},
    "CO_BO": {"CO_CP": ("cluster_leader", 0)},
}  # fmt: skip
# Members' titles reach the collective of their unit; everything else stays with its subject.
COLLECTIVE_OF_MEMBERS = {"TTLDTT", "TTLDXS"}


def _reaches(code, dependant_type, year, dependant_year):
    """The rule by which an award of `dependant_type` in `dependant_year` may rest on the award
    `code` of `year`; None when it cannot."""
    entry = DEPENDANTS.get(code, {}).get(dependant_type.code)
    if entry is None:
        return None
    rule, reach = entry
    if callable(reach):
        reach = reach(dependant_type)
    gap = dependant_year - year
    if gap < 0 or (reach is not ANY_LATER and gap > reach):
        return None
    return rule


def _is_subject(award, row):
    """Whether `row` (an award or a nomination) is about the revoked award's subject, or is the
    collective of the unit of the person whose award it was."""
    if award.person_id:
        if row.person_id == award.person_id:
            return True
        return row.person_id is None and row.unit_id == award.person.unit_id
    return row.person_id is None and row.unit_id == award.unit_id


def _candidates(award, queryset):
    if award.person_id:
        subjects = Q(person_id=award.person_id) | Q(
            person__isnull=True, unit_id=award.person.unit_id,
            award_type__code__in=COLLECTIVE_OF_MEMBERS,
        )  # fmt: skip
    else:
        subjects = Q(person__isnull=True, unit_id=award.unit_id)
    return queryset.filter(subjects).select_related("award_type", "person__unit", "unit")


def dependants_of(award):
    """Later awards (not revoked) that could rest on `award`: [(record, rule name)]."""
    code = award.award_type.code
    found = []
    rows = _candidates(award, AwardRecord.objects.filter(revoked=False))
    for row in rows.exclude(pk=award.pk).filter(year__gte=award.year):
        if not _is_subject(award, row):
            continue
        if row.person_id is None and award.person_id and row.year != award.year:
            continue  # a collective counts its members' titles of that year only
        rule = _reaches(code, row.award_type, award.year, row.year)
        if rule is not None:
            found.append((row, rule))
    return found


def _label(award):
    return f"{award.award_type.name} {award.year}"


def _rule(name):
    from awards.nominations.views import rule_label  # the rules' names in words

    return rule_label(name)


def _failures(verdict, rules=None):
    return {r.rule: str(r.message) for r in verdict.blocking_failures
            if rules is None or r.rule in rules}  # fmt: skip


def _award_note(revoked, dependant, rule):
    verdict = evaluate(award_type=dependant.award_type, year=dependant.year,
                       person=dependant.person, unit=dependant.unit,
                       commendation_type=dependant.commendation_type)  # fmt: skip
    failures = _failures(verdict, {rule})
    values = {"dependant": _label(dependant), "revoked": _label(revoked), "rule": _rule(rule)}
    note = _("%(dependant)s may rest on the revoked %(revoked)s (rule “%(rule)s”).") % values
    if failures:
        return f"{note} " + _("Without it the prerequisite fails: %(why)s") % {
            "why": " ".join(failures.values())}  # fmt: skip
    return f"{note} " + _("The remaining record still meets this rule; review the dossier.")


def _open_nominations(award):
    rows = _candidates(award, Nomination.objects.open())
    return [row for row in rows if _is_subject(award, row)]


def _nomination_note(revoked, nomination, rule, new_failures):
    parts = []
    if rule is not None:
        parts.append(_("This nomination may rest on the revoked %(revoked)s (rule “%(rule)s”).")
                     % {"revoked": _label(revoked), "rule": _rule(rule)})  # fmt: skip
    if new_failures:
        parts.append(_("Since the revocation its eligibility fails: %(why)s")
                     % {"why": " ".join(new_failures.values())})  # fmt: skip
    elif rule is not None:
        parts.append(_("Its eligibility still holds on the remaining record; review it."))
    return " ".join(parts)


def revoke_units(award):
    """The units whose "award.revoke" revoking `award` needs: the recipient's, and for an award
    granted here the unit whose decision granted it — a district's Director does not revoke what
    the department's Director decided."""
    units = [award.person.unit if award.person_id else award.unit]
    if award.decision_id is not None:
        units.append(award.decision.unit)
    return units


def may_revoke(user, award):
    scope = scope_of(user)
    return all(scope.may(REVOKE, unit) for unit in revoke_units(award))


@transaction.atomic
def award_revoke(*, actor, award, reason, decision_number, decision_date):
    """Revoke a granted award under the revoking decision; returns the Revocation with its flags."""
    locked = (
        AwardRecord.objects.select_for_update(of=("self",))
        .select_related("award_type", "person__unit", "unit", "decision__unit")
        .get(pk=award.pk)
    )
    scope = scope_of(actor)
    for unit in revoke_units(locked):
        if not scope.may(REVOKE, unit):
            raise PermissionDenied(
                _("You may not revoke awards of %(unit)s.") % {"unit": unit.name}
            )
    if locked.revoked:
        raise WorkflowError(_("This award is already revoked."))
    reason = (reason or "").strip()
    decision_number = " ".join((decision_number or "").split())
    if not reason:
        raise WorkflowError(_("Give the reason for the revocation."))
    if not decision_number or decision_date is None:
        raise WorkflowError(_("Give the number and the date of the revoking decision."))
    if locked.decision_date and decision_date < locked.decision_date:
        raise WorkflowError(_("The revoking decision cannot be dated before the award's decision."))

    nominations = _open_nominations(locked)
    before = {n.pk: _failures(evaluate_nomination(n)) for n in nominations}
    locked.revoked = True
    locked.save(update_fields=["revoked"])
    revocation = Revocation.objects.create(
        award=locked, reason=reason, decision_number=decision_number, decision_date=decision_date,
        bonus_to_recover=locked.bonus_amount or 0,
        revoked_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    initiatives_release(award=locked, actor=actor)

    flags = [RevocationFlag(revocation=revocation, award=row, note=_award_note(locked, row, rule))
             for row, rule in dependants_of(locked)]  # fmt: skip
    code = locked.award_type.code
    for nomination in nominations:
        now = _failures(evaluate_nomination(nomination))
        new_failures = {k: v for k, v in now.items() if k not in before[nomination.pk]}
        rule = _reaches(code, nomination.award_type, locked.year, nomination.year)
        if nomination.person_id is None and locked.person_id and nomination.year != locked.year:
            rule = None
        if rule is not None or new_failures:
            flags.append(RevocationFlag(revocation=revocation, nomination=nomination,
                                        note=_nomination_note(locked, nomination, rule,
                                                              new_failures)))  # fmt: skip
    RevocationFlag.objects.bulk_create(flags)
    audit_record(actor=actor, obj=locked, action="award.revoke",
                 to_state="revoked", reason=reason,
                 changes={"revoked": [False, True], "decision_number": decision_number,
                          "decision_date": decision_date.isoformat(),
                          "bonus_to_recover": str(revocation.bonus_to_recover),
                          "flags": len(flags)})  # fmt: skip
    award.revoked = True
    return revocation
