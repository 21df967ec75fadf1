"""Rules on titles and forms given to one person: the chain of fighter titles, the initiatives
they rest on, the history behind a Diploma of Merit, the five-year window and the sector's quota of
Chiến sĩ thi đua cơ sở."""

from decimal import ROUND_HALF_UP, Decimal

from awards.eligibility.base import Joined, Rule, basis, consecutive
from awards.eligibility.base import Message as _
from awards.eligibility.rules.common import (
    CSTDCS,
    LDTT,
    PROVINCIAL_DIPLOMA,
    PROVINCIAL_FIGHTER,
    percent,
    pick_initiatives,
    years_up_to,
)
from awards.models import RATING_RANK, CommendationType, Rating

# Law 2022 Art. 21: CSTĐTQ needs "two consecutive provincial/ministry fighter titles". Each of
# those crowns three consecutive CSTĐCS (Art. 22), so the next one comes three years later at the
# earliest: consecutive titles are one award *cycle* apart (2020 and 2023), never two calendar
# years. `fighter_cycle_years` in rule_params overrides it; installations created before that
# key existed read this default.
FIGHTER_CYCLE_YEARS = 3


def cycle_chain(title_years, year, *, needed, cycle):
    """The years of `needed` titles, each exactly `cycle` years after the one before, the last in
    `year` or `year - 1` (a national title is proposed in the year of the second provincial one
    or the year after it); None when the history holds no such chain."""
    for last in (year, year - 1):
        chain = [last - cycle * step for step in reversed(range(needed))]
        if all(y in title_years for y in chain):
            return chain
    return None


class GrassrootsFighter(Rule):
    name = "grassroots_fighter"
    codes = CSTDCS
    individual_only = True

    def check(self, case):
        key, year = case.subject_key, case.year
        has_ldtt = case.evidence.holds_award(key, LDTT, year)
        ldtt_proposed = any(n.award_type.code == "LDTT" and n.year == year
                            for n in case.evidence.open_nominations(key))  # fmt: skip
        excellent = case.evidence.rating(key, year) == Rating.EXCELLENT
        initiatives = case.evidence.unused_initiatives(case.person.pk, {year})
        cite = basis(case.award_type)
        if not (has_ldtt or ldtt_proposed):
            return self.failed(
                _("Needs the title Lao động tiên tiến for %(year)s, held or proposed (%(basis)s).")
                % {"year": year, "basis": cite}
            )
        if not (excellent or initiatives):
            return self.failed(_("Needs “excellently completed duties” in %(year)s or a recognised "
                                 "initiative of %(year)s not used for another title (%(basis)s).")
                               % {"year": year, "basis": cite})  # fmt: skip
        if not has_ldtt:
            return self.warned(
                _(
                    "Lao động tiên tiến %(year)s is proposed but not yet decided; "
                    "this nomination depends on it (%(basis)s)."
                )
                % {"year": year, "basis": cite}
            )
        return self.passed(
            _("Lao động tiên tiến %(year)s and %(ground)s (%(basis)s).")
            % {
                "year": year,
                "basis": cite,
                "ground": _("excellent rating") if excellent else _("a recognised initiative"),
            }
        )

    def relied_on(self, case):
        """An excellent rating carries the title on its own (Art. 23: HTXSNV *or* an initiative),
        so an initiative is used up only when the year's rating is not HTXSNV."""
        if case.evidence.rating(case.subject_key, case.year) == Rating.EXCELLENT:
            return []
        return pick_initiatives(case.evidence.unused_initiatives(case.person.pk, {case.year}), 1)


class ProvincialFighter(Rule):
    name = "consecutive_fighter_titles"
    codes = PROVINCIAL_FIGHTER | {"CSTDTQ"}
    individual_only = True

    def _national(self, case):
        """(needed, cycle, title years, chain or None) for Chiến sĩ thi đua toàn quốc."""
        award = case.award_type
        needed = award.param("consecutive_provincial_fighter", 2)
        cycle = award.param("fighter_cycle_years", FIGHTER_CYCLE_YEARS)
        years = case.evidence.award_years(case.subject_key, PROVINCIAL_FIGHTER)
        return needed, cycle, years, cycle_chain(years, case.year, needed=needed, cycle=cycle)

    def window(self, case):
        """Years in which the initiative the title needs may have been recognised: the three
        years of the grassroots chain; for the national title, from the first provincial title
        of the chain to the proposal year."""
        if case.award_type.code != "CSTDTQ":
            return years_up_to(case.year, case.award_type.param("consecutive_cstdcs", 3))
        needed, cycle, _titles, chain = self._national(case)
        first = chain[0] if chain else case.year - 1 - cycle * (needed - 1)
        return set(range(first, case.year + 1))

    def relied_on(self, case):
        level = case.award_type.param("initiative_level")
        if not level:
            return []
        found = case.evidence.unused_initiatives(case.person.pk, self.window(case), level)
        return pick_initiatives(found, 1)

    def check(self, case):
        award, year, key = case.award_type, case.year, case.subject_key
        pending = False
        if award.code == "CSTDTQ":
            needed, cycle, years, chain = self._national(case)
            label = _("Chiến sĩ thi đua cấp Bộ/tỉnh")
            if chain is None:
                held = ", ".join(str(y) for y in sorted(years)) or _("none")
                return self.failed(_("Needs %(count)s consecutive titles “%(title)s”, one award "
                                     "cycle (%(cycle)s years) apart, the last in %(before)s or "
                                     "%(year)s; held in: %(held)s (%(basis)s).") % {
                    "count": needed, "title": label, "cycle": cycle, "before": year - 1,
                    "year": year, "held": held, "basis": basis(award)})  # fmt: skip
        else:
            needed, titles = award.param("consecutive_cstdcs", 3), CSTDCS
            years = case.evidence.award_years(key, titles)
            # The provincial title is considered in the year of the third grassroots one, which
            # is often proposed in the same campaign: count it, and say it is still pending.
            pending = year not in years and any(
                n.award_type.code in CSTDCS and n.year == year
                for n in case.evidence.open_nominations(key)
            )
            label = _("Chiến sĩ thi đua cơ sở")
            if not consecutive(years | ({year} if pending else set()), year, needed):
                held = ", ".join(str(y) for y in sorted(years)) or _("none")
                return self.failed(_("Needs %(count)s consecutive merit titles “%(title)s” ending "
                                     "in %(year)s; held in: %(held)s (%(basis)s).") % {
                    "count": needed, "title": label, "year": year, "held": held,
                    "basis": basis(award)})  # fmt: skip
        level = award.param("initiative_level")
        window = self.window(case)
        if level and not case.evidence.unused_initiatives(case.person.pk, window, level):
            return self.failed(_("Needs an initiative recognised at %(level)s level or higher "
                                 "in %(first)s–%(last)s (%(basis)s).") % {
                "level": level, "first": min(window), "last": max(window),
                "basis": basis(award)})  # fmt: skip
        if pending:
            return self.warned(
                _(
                    "%(count)s consecutive “%(title)s” titles up to %(year)s, the "
                    "one of %(year)s still proposed, not decided; this nomination "
                    "depends on it (%(basis)s)."
                )
                % {"count": needed, "title": label, "year": year, "basis": basis(award)}
            )
        if award.code == "CSTDTQ":
            return self.passed(_("“%(title)s” in %(held)s: %(count)s consecutive titles, one "
                                 "award cycle (%(cycle)s years) apart (%(basis)s).") % {
                "title": label, "held": ", ".join(str(y) for y in chain), "count": needed,
                "cycle": cycle, "basis": basis(award)})  # fmt: skip
        return self.passed(_("%(count)s consecutive “%(title)s” titles up to %(year)s (%(basis)s).")
                           % {"count": needed, "title": label, "year": year,
                              "basis": basis(award)})  # fmt: skip


class ProvincialDiploma(Rule):
    """Route (d) of Art. 74: checkable from the history; routes (a)–(c) are judged by people, so a
    failure blocks only annual merit nominations."""

    name = "diploma_of_merit_history"
    codes = PROVINCIAL_DIPLOMA

    def relied_on(self, case):
        """Route (d) uses up initiatives only on its second branch (excellent years with
        initiatives); the branch of consecutive CSTĐCS titles uses none."""
        award, year, key = case.award_type, case.year, case.subject_key
        if not case.individual or case.commendation_type != CommendationType.MERIT:
            return []
        if consecutive(case.evidence.award_years(key, CSTDCS), year,
                       award.param("consecutive_cstdcs", 2)):  # fmt: skip
            return []
        years = years_up_to(year, award.param("consecutive_excellent_years", 2))
        if any(case.evidence.rating(key, y) != Rating.EXCELLENT for y in years):
            return []
        found = case.evidence.unused_initiatives(case.person.pk, years)
        needed = award.param("unused_initiatives", 2)
        return pick_initiatives(found, needed) if len(found) >= needed else []

    def check(self, case):
        award, year, key = case.award_type, case.year, case.subject_key
        blocking = True
        if case.individual:
            fighters = case.evidence.award_years(key, CSTDCS)
            needed = award.param("consecutive_cstdcs", 2)
            if consecutive(fighters, year, needed):
                return self.passed(
                    _(
                        "%(count)s consecutive Chiến sĩ thi đua cơ sở titles up to "
                        "%(year)s (%(basis)s)."
                    )
                    % {"count": needed, "year": year, "basis": basis(award)}
                )
            years_needed = award.param("consecutive_excellent_years", 2)
            excellent = {y for y in years_up_to(year, years_needed)
                         if case.evidence.rating(key, y) == Rating.EXCELLENT}  # fmt: skip
            initiatives = case.evidence.unused_initiatives(
                case.person.pk, years_up_to(year, years_needed)
            )
            if len(excellent) == years_needed and len(initiatives) >= award.param(
                "unused_initiatives", 2
            ):
                return self.passed(_("%(count)s consecutive years of excellent rating with "
                                     "%(initiatives)s initiatives not used before (%(basis)s).")
                                   % {"count": years_needed, "initiatives": len(initiatives),
                                      "basis": basis(award)})  # fmt: skip
            message = _(
                "Needs %(count)s consecutive Chiến sĩ thi đua cơ sở titles up to %(year)s, "
                "or %(years)s consecutive excellent years with %(initiatives)s unused "
                "initiatives (%(basis)s)."
            ) % {
                "count": needed,
                "year": year,
                "years": years_needed,
                "initiatives": award.param("unused_initiatives", 2),
                "basis": basis(award),
            }
        else:
            years_needed = award.param("collective_excellent_years", 2)
            if all(case.evidence.rating(key, y) == Rating.EXCELLENT
                   for y in years_up_to(year, years_needed)):  # fmt: skip
                return self.passed(
                    _(
                        "The unit was rated excellent %(count)s years in a row up to "
                        "%(year)s (%(basis)s)."
                    )
                    % {"count": years_needed, "year": year, "basis": basis(award)}
                )
            message = _("The unit needs %(count)s consecutive years rated excellent up to "
                        "%(year)s (%(basis)s).") % {"count": years_needed, "year": year,
                                                    "basis": basis(award)}  # fmt: skip
        if case.commendation_type != CommendationType.MERIT:
            blocking = False
        return self.result("fail", message, blocking=blocking)


class LongServiceWindow(Rule):
    """Bằng khen of the Prime Minister (Art. 73.1.b) and Labour Order 3rd class (Art. 44.1.e)."""

    name = "five_year_window"
    codes = {"BK_TTG", "HCLD3"}
    individual_only = True
    PREREQUISITE = {"BK_TTG": PROVINCIAL_DIPLOMA, "HCLD3": {"BK_TTG"}}

    def check(self, case):
        award, year, key, evidence = case.award_type, case.year, case.subject_key, case.evidence
        window = award.param("window_years", 5)
        first = year - window + 1
        prerequisite_years = evidence.award_years(key, self.PREREQUISITE[award.code])
        before = [y for y in prerequisite_years if y < first]
        cite = basis(award)
        if not before:
            names = ", ".join(sorted(self.PREREQUISITE[award.code]))
            return self.failed(
                _(
                    "Needs %(names)s in %(year)s or earlier, before the %(window)s-year "
                    "window (%(basis)s)."
                )
                % {"names": names, "year": first - 1, "window": window, "basis": cite}
            )
        ratings = {y: evidence.rating(key, y) for y in range(first, year + 1)}
        weak = [y for y, r in ratings.items() if r is None or RATING_RANK[r] < RATING_RANK["HTTNV"]]
        fighters = evidence.award_years(key, CSTDCS) & set(ratings)
        excellent = [y for y, r in ratings.items() if r == Rating.EXCELLENT]
        problems = []
        if weak:
            problems.append(
                _("years below “well completed”: %(years)s") % {"years": ", ".join(map(str, weak))}
            )
        if len(fighters) < award.param("cstdcs_in_window", 3):
            problems.append(
                _("%(count)s Chiến sĩ thi đua cơ sở titles in the window, %(needed)s needed")
                % {"count": len(fighters), "needed": award.param("cstdcs_in_window", 3)}
            )
        if len(excellent) < award.param("excellent_years_in_window", 0):
            problems.append(_("no year rated excellent"))
        if problems:
            return self.failed(_("%(first)s–%(last)s: %(problems)s (%(basis)s).") % {
                "first": first, "last": year, "problems": Joined("; ", problems),
                "basis": cite})  # fmt: skip
        return self.passed(_("%(first)s–%(last)s all rated well or better, with %(count)s Chiến sĩ "
                             "thi đua cơ sở titles (%(basis)s).") % {
            "first": first, "last": year, "count": len(fighters), "basis": cite})  # fmt: skip


class FighterQuota(Rule):
    """Legacy sector rule (TT 08/2019): at most 15% of a unit's Lao động tiên tiến may be
    Chiến sĩ thi đua cơ sở. Not statutory under the 2022 Law, so it warns."""

    name = "fighter_quota"
    codes = CSTDCS
    individual_only = True
    blocking = False

    def needs(self, case):
        if case.award_type.param("quota_share_of_ldtt") is None:
            return ()
        return [("staff", case.person.unit_id)]

    def check(self, case):
        share = case.award_type.param("quota_share_of_ldtt")
        if share is None:
            return self.not_applicable(_("No quota is configured."))
        evidence, year, key = case.evidence, case.year, case.subject_key
        staff = evidence.staff(case.person.unit_id, year)
        ldtt = staff.holding_or_proposed("LDTT")
        fighters = staff.holding_or_proposed("CSTDCS")
        # The nominee is one of them, counted once.
        already_counted = evidence.counted_as_staff(case.person, year) and (
            evidence.holds_award(key, CSTDCS, year)
            or any(n.award_type.code == "CSTDCS" and n.year == year
                   for n in evidence.open_nominations(key))
        )  # fmt: skip
        if not already_counted:
            fighters += 1
        cap = int((Decimal(str(share)) * ldtt).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        values = {
            "count": fighters,
            "cap": cap,
            "ldtt": ldtt,
            "share": percent(share),
        }
        if fighters > cap:
            return self.warned(
                _(
                    "%(count)s Chiến sĩ thi đua cơ sở with this one, above the quota of "
                    "%(cap)s (%(share)s%% of %(ldtt)s Lao động tiên tiến, rounded; "
                    "legacy TT 08/2019, configurable)."
                )
                % values
            )
        return self.passed(
            _(
                "%(count)s of at most %(cap)s Chiến sĩ thi đua cơ sở (%(share)s%% of "
                "%(ldtt)s Lao động tiên tiến; legacy TT 08/2019, configurable)."
            )
            % values
        )
