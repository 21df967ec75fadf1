"""Rules every nomination meets, whoever the nominee and whatever the award: the right kind of
nominee, one open nomination and one award per achievement, no hold, the year's rating, and who
decides."""

from datetime import date

from awards.eligibility.base import Message as _
from awards.eligibility.base import Rule, basis
from awards.eligibility.rules.common import (
    DECREE_98_ART_4,
    LAW_ART_5,
    LDTT,
    rating_label,
)
from awards.models import RATING_RANK, CommendationType, Rating


class RecipientMatches(Rule):
    name = "recipient"

    def check(self, case):
        award = case.award_type
        if award.accepts(individual=case.individual):
            return self.passed(
                _("%(award)s may be given to this kind of nominee (%(basis)s).")
                % {"award": award.name, "basis": basis(award)}
            )
        return self.failed(_("%(award)s is for %(recipient)s only (%(basis)s).") % {
            "award": award.name, "recipient": award.get_recipient_display().lower(),
            "basis": basis(award)})  # fmt: skip


class OneOpenNomination(Rule):
    name = "one_nomination_per_year"

    def check(self, case):
        duplicates = [
            n
            for n in case.evidence.open_nominations(case.subject_key, exclude_id=case.nomination_id)
            if n.award_type_id == case.award_type.pk and n.year == case.year
        ]
        if duplicates:
            return self.failed(
                _("There is already an open nomination for %(award)s for %(year)s (%(basis)s).")
                % {"award": case.award_type.name, "year": case.year, "basis": LAW_ART_5}
            )
        return self.passed(
            _("No other open nomination for this award and year (%(basis)s).")
            % {"basis": LAW_ART_5}
        )


class NotAlreadyAwarded(Rule):
    name = "not_already_awarded"

    def check(self, case):
        # An ad-hoc award rewards a deed, the merit one the year: another achievement each.
        if any(r.award_type_id == case.award_type.pk and r.year == case.year
               and r.commendation_type == case.commendation_type
               for r in case.evidence.awards[case.subject_key]):  # fmt: skip
            return self.failed(_("Already holds %(award)s for %(year)s (%(basis)s).")
                               % {"award": case.award_type.name, "year": case.year,
                                  "basis": LAW_ART_5})  # fmt: skip
        return self.passed(_("Does not hold %(award)s for %(year)s yet (%(basis)s).")
                           % {"award": case.award_type.name, "year": case.year,
                              "basis": LAW_ART_5})  # fmt: skip


class OneAchievementOneAward(Rule):
    """Law 2022 Art. 5(2): several forms for one achievement are not allowed. A year's merit is
    one achievement: it can earn titles (which stack by law), but one form of commendation."""

    name = "one_achievement_one_award"

    def applies(self, case):
        return case.award_type.kind == "commendation"

    def check(self, case):
        if case.award_type.code == "KNC_LDTBXH":
            return self.not_applicable(
                _("A commemorative medal rewards service, not a year's achievement.")
            )
        if case.commendation_type != CommendationType.MERIT:
            return self.not_applicable(
                _("This proposal rewards a deed or a campaign, not the merit of %(year)s.")
                % {"year": case.year}
            )
        key = case.subject_key
        others = [
            r.award_type.name for r in case.evidence.awards[key]
            if r.year == case.year and r.award_type.kind == "commendation"
            and r.commendation_type == CommendationType.MERIT
            and r.award_type.code not in ("KNC_LDTBXH", case.award_type.code)
        ] + [
            n.award_type.name
            for n in case.evidence.open_nominations(key, exclude_id=case.nomination_id)
            if n.year == case.year and n.award_type.kind == "commendation"
            and n.commendation_type == CommendationType.MERIT
            and n.award_type.code not in ("KNC_LDTBXH", case.award_type.code)
        ]  # fmt: skip
        if others:
            return self.failed(_("The achievements of %(year)s are already rewarded or proposed "
                                 "with %(others)s; one achievement earns one form of commendation "
                                 "(%(basis)s).") % {"year": case.year, "others": ", ".join(others),
                                                    "basis": LAW_ART_5})  # fmt: skip
        return self.passed(
            _("No other form of commendation for the achievements of %(year)s (%(basis)s).")
            % {"year": case.year, "basis": LAW_ART_5}
        )


class AdhocAwardsNotCounted(Rule):
    name = "adhoc_not_counted"
    blocking = False

    def check(self, case):
        excluded = case.evidence.excluded_awards(case.subject_key)
        if not excluded:
            return self.not_applicable(_("No ad-hoc or thematic awards in the history."))
        listed = ", ".join(f"{r.award_type.code} {r.year}" for r in excluded)
        return self.passed(_("Ad-hoc, thematic and other non-merit awards (%(listed)s) are not "
                             "counted towards prerequisites (%(basis)s).")
                           % {"listed": listed, "basis": DECREE_98_ART_4})  # fmt: skip


class NoHold(Rule):
    name = "no_hold"

    def check(self, case):
        today = date.today()
        holds = case.evidence.holds[case.subject_key]
        active = [h for h in holds if h.start <= today and (h.end is None or h.end >= today)]
        if active:
            return self.failed(_("Under consideration: %(reason)s (since %(start)s). No award may "
                                 "be proposed meanwhile (%(basis)s).")
                               % {"reason": active[0].reason,
                                  "start": active[0].start.strftime("%d/%m/%Y"),
                                  "basis": DECREE_98_ART_4})  # fmt: skip
        past = [h for h in holds if h.covers_year(case.year)]
        if past:
            return self.warned(
                _(
                    "A hold covered part of %(year)s (%(reason)s); check that it was "
                    "closed without sanction (%(basis)s)."
                )
                % {"year": case.year, "reason": past[0].reason, "basis": DECREE_98_ART_4}
            )
        return self.passed(
            _("No discipline, investigation or complaint on record (%(basis)s).")
            % {"basis": DECREE_98_ART_4}
        )


class MinimumRating(Rule):
    """Lao động tiên tiến and the Director's Giấy khen need at least “well completed”."""

    name = "minimum_rating"
    codes = LDTT | {"GK_SO"}

    def applies(self, case):
        if not super().applies(case):
            return False
        return not (case.award_type.code == "GK_SO"
                    and case.award_type.param("min_rating") is None)  # fmt: skip

    def check(self, case):
        wanted = case.award_type.param("min_rating", Rating.GOOD)
        rating = case.evidence.rating(case.subject_key, case.year)
        if rating and RATING_RANK[rating] >= RATING_RANK[wanted]:
            return self.passed(
                _("Rated “%(rating)s” in %(year)s (%(basis)s).")
                % {
                    "rating": rating_label(rating),
                    "year": case.year,
                    "basis": basis(case.award_type),
                }
            )
        # An ad-hoc Giấy khen rewards a deed, not the year's rating.
        blocking = (
            case.award_type.code == "LDTT" or case.commendation_type == CommendationType.MERIT
        )
        return self.result("fail", _("Needs a rating of at least “%(wanted)s” in %(year)s; found "
                                     "“%(rating)s” (%(basis)s).") % {
            "wanted": rating_label(wanted), "year": case.year, "rating": rating_label(rating),
            "basis": basis(case.award_type)}, blocking=blocking)  # fmt: skip


class DecidingAuthority(Rule):
    """Law 2022 Art. 80: which awards the Director decides and which are proposed upward."""

    name = "deciding_authority"
    blocking = False

    def check(self, case):
        award = case.award_type
        if award.decided_by_department:
            return self.passed(
                _(
                    "Decided by the Director of the department (Luật Thi đua, khen "
                    "thưởng 2022, Điều 80)."
                )
            )
        return self.passed(
            _(
                "Decided by %(authority)s: the department prepares the dossier and "
                "proposes it upward (Luật Thi đua, khen thưởng 2022, Điều 80)."
            )
            % {"authority": award.authority}
        )
