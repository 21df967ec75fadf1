"""Rules on collective titles and forms (domain.md §6 rules 8–10, 15 and the indicator-based
rule): shares of the unit's direct staff, the unit's ratings, cluster votes and approved indicator
targets."""

from decimal import Decimal

from awards.eligibility.base import Joined, Rule, basis
from awards.eligibility.base import Message as _
from awards.eligibility.rules.common import (
    FLAGS,
    percent,
    rating_label,
)
from awards.models import RATING_RANK, CommendationType, Rating


class _CollectiveShares(Rule):
    """Shares of the unit's direct staff, counted by the evidence (Evidence.staff)."""

    collective_only = True

    def needs(self, case):
        return [("staff", case.unit.pk)]

    def staff(self, case):
        return case.evidence.staff(case.unit.pk, case.year)

    def pending(self, case, staff, code):
        """Members who do not hold the title for the year but are proposed for it in the same
        campaign (any campaign of that year when the case names none). A collective's title and
        its members' Lao động tiên tiến are decided together, members first, so they count —
        as pending, with a warning, like a pending Lao động tiên tiến for Chiến sĩ thi đua cơ sở."""
        return staff.proposed(code, campaign_id=getattr(case.campaign, "pk", None))


class AdvancedCollective(_CollectiveShares):
    name = "advanced_collective"
    codes = {"TTLDTT"}

    def check(self, case):
        staff = self.staff(case)
        members, ldtt = staff.total, staff.holding("LDTT")
        share = Decimal(str(case.award_type.param("min_share_ldtt", 0.5)))
        unit_rating = case.evidence.rating(case.subject_key, case.year)
        if unit_rating is None or RATING_RANK[unit_rating] < RATING_RANK[Rating.GOOD]:
            return self.failed(_("The unit must have well completed its duties in %(year)s; its "
                                 "rating is “%(rating)s” (%(basis)s).") % {
                "year": case.year, "rating": rating_label(unit_rating),
                "basis": basis(case.award_type)})  # fmt: skip
        if not members:
            return self.failed(_("The unit has no staff on record to count (%(basis)s).")
                               % {"basis": basis(case.award_type)})  # fmt: skip
        if Decimal(ldtt) / members > share:
            return self.passed(_("%(ldtt)s of %(total)s members are Lao động tiên tiến in "
                                 "%(year)s, more than %(share)s%% (%(basis)s).") % {
                "ldtt": ldtt, "total": members, "year": case.year,
                "share": percent(share), "basis": basis(case.award_type)})  # fmt: skip
        pending = self.pending(case, staff, "LDTT")
        if Decimal(ldtt + pending) / members > share:
            return self.warned(_("%(ldtt)s of %(total)s members are Lao động tiên tiến in "
                                 "%(year)s and %(pending)s more are proposed in the same campaign, "
                                 "not yet decided: counting them, more than %(share)s%%; this "
                                 "nomination depends on them (%(basis)s).") % {
                "ldtt": ldtt, "pending": pending, "total": members, "year": case.year,
                "share": percent(share), "basis": basis(case.award_type)})  # fmt: skip
        return self.failed(_("Only %(ldtt)s of %(total)s members are Lao động tiên tiến in "
                             "%(year)s; more than %(share)s%% is required (%(basis)s).") % {
            "ldtt": ldtt + pending, "total": members, "year": case.year,
            "share": percent(share), "basis": basis(case.award_type)})  # fmt: skip


class ExcellentCollective(_CollectiveShares):
    name = "excellent_collective"
    codes = {"TTLDXS"}

    def check(self, case):
        award, year = case.award_type, case.year
        staff = self.staff(case)
        members, ldtt, cstdcs = staff.total, staff.holding("LDTT"), staff.holding("CSTDCS")
        problems, relies_on_pending = [], False
        if case.evidence.rating(case.subject_key, year) != Rating.EXCELLENT:
            problems.append(_("the unit is not rated “excellently completed duties”"))
        if not members:
            problems.append(_("no staff on record"))
        else:
            if staff.rated_at_least(Rating.COMPLETED) < members:
                problems.append(_("not every member completed their duties"))
            share = Decimal(str(award.param("min_share_ldtt", 0.7)))
            if Decimal(ldtt) / members < share:
                pending = self.pending(case, staff, "LDTT")
                if Decimal(ldtt + pending) / members < share:
                    problems.append(_("%(ldtt)s of %(total)s members are Lao động tiên tiến, below "
                                      "%(share)s%%") % {"ldtt": ldtt + pending,
                                                        "total": members,
                                                        "share": percent(share)})  # fmt: skip
                relies_on_pending = True
            if cstdcs < award.param("min_cstdcs", 1):
                if cstdcs + self.pending(case, staff, "CSTDCS") < award.param("min_cstdcs", 1):
                    problems.append(_("no member is Chiến sĩ thi đua cơ sở"))
                relies_on_pending = True
        if problems:
            return self.failed(_("For %(year)s: %(problems)s (%(basis)s).") % {
                "year": year, "problems": Joined("; ", problems),
                "basis": basis(award)})  # fmt: skip
        if relies_on_pending:
            return self.warned(_("The criteria for %(year)s are met only counting members' Lao "
                                 "động tiên tiến or Chiến sĩ thi đua cơ sở proposed in the same "
                                 "campaign, not yet decided; this nomination depends on them "
                                 "(%(basis)s).")
                               % {"year": year, "basis": basis(award)})  # fmt: skip
        return self.passed(
            _(
                "Excellent unit rating, every member completed duties, %(ldtt)s of "
                "%(total)s Lao động tiên tiến, %(cstdcs)s Chiến sĩ thi đua cơ sở "
                "(%(basis)s)."
            )
            % {"ldtt": ldtt, "total": members, "cstdcs": cstdcs, "basis": basis(award)}
        )


class ClusterLeader(Rule):
    name = "cluster_leader"
    codes = FLAGS
    collective_only = True

    def applies(self, case):
        return super().applies(case) and case.award_type.param("requires_cluster_winner", True)

    def check(self, case):
        if case.commendation_type == CommendationType.THEMATIC:
            return self._thematic(case)
        wins = [m for m in case.evidence.cluster_roles[case.unit.pk]
                if m.year == case.year and m.role == "winner"]  # fmt: skip
        if wins:
            return self.passed(_("Voted leading unit of %(cluster)s in %(year)s (%(basis)s).")
                               % {"cluster": wins[0].cluster, "year": case.year,
                                  "basis": basis(case.award_type)})  # fmt: skip
        return self.failed(
            _(
                "Only the voted leading unit of an emulation cluster or block may be "
                "proposed; this unit is not one for %(year)s (%(basis)s)."
            )
            % {"year": case.year, "basis": basis(case.award_type)}
        )

    def _thematic(self, case):
        """The other route to a flag: leading a thematic movement of at least three years, at
        its summing-up. Who led it is the council's judgement; its length is checked here."""
        needed = case.award_type.param("thematic_movement_years", 3)
        campaign = case.campaign
        years = None
        if campaign is not None and campaign.starts_on and campaign.ends_on:
            years = campaign.ends_on.year - campaign.starts_on.year + 1
        values = {"needed": needed, "years": years, "basis": basis(case.award_type)}
        if campaign is not None and campaign.type == "thematic" and years and years >= needed:
            return self.passed(_("Summing-up of a thematic movement of %(years)s years (at least "
                                 "%(needed)s); the council confirms the unit led it (%(basis)s).")
                               % values)  # fmt: skip
        return self.failed(_("A flag for a thematic movement needs a thematic campaign lasting at "
                             "least %(needed)s years, with its start and end dates (%(basis)s).")
                           % values)  # fmt: skip


class IndicatorTargetsMet(Rule):
    """The link no other system has: a collective award may require approved targets met."""

    name = "indicator_targets_met"
    collective_only = True

    def applies(self, case):
        return super().applies(case) and case.award_type.param("indicator_met_share") is not None

    def needs(self, case):
        return [("targets", case.unit)]

    def check(self, case):
        wanted = Decimal(str(case.award_type.param("indicator_met_share")))
        key = (case.unit.pk, case.year)
        if key not in case.evidence.figures_approved:
            return self.failed(
                _("The unit's indicator figures for %(year)s are not approved yet (%(basis)s).")
                % {"year": case.year, "basis": basis(case.award_type)}
            )
        judged = case.evidence.targets[key]
        if not judged:
            return self.failed(
                _(
                    "The unit has no indicator with both a target and a result for %(year)s "
                    "(%(basis)s)."
                )
                % {"year": case.year, "basis": basis(case.award_type)}
            )
        met = [row for row in judged if row.met]
        missed = [row.indicator for row in judged if not row.met]
        values = {"met": len(met), "total": len(judged), "year": case.year,
                  "share": percent(wanted), "missed": ", ".join(missed),
                  "basis": basis(case.award_type)}  # fmt: skip
        if Decimal(len(met)) / len(judged) >= wanted:
            return self.passed(
                _(
                    "%(met)s of %(total)s approved targets met in %(year)s (at least "
                    "%(share)s%% required; %(basis)s; configurable)."
                )
                % values
            )
        return self.failed(
            _(
                "%(met)s of %(total)s approved targets met in %(year)s; at least "
                "%(share)s%% required (not met: %(missed)s; %(basis)s; configurable)."
            )
            % values
        )
