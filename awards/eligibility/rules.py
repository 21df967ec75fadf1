"""One class per rule of domain.md §6. Each verdict is a sentence that cites its legal basis."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# Verdicts are stored at submission: `_` translates like gettext and keeps the msgid and the
# parameters, so a stored checklist reads in its reader's language (base.Message).
from awards.eligibility.base import Joined, Rule, basis, consecutive
from awards.eligibility.base import Message as _
from awards.models import RATING_RANK, CommendationType, Rating

LDTT = {"LDTT"}
CSTDCS = {"CSTDCS"}
PROVINCIAL_FIGHTER = {"CSTD_TINH", "CSTD_BO"}
PROVINCIAL_DIPLOMA = {"BK_TINH", "BK_BO"}
FLAGS = {"CO_TINH", "CO_BO", "CO_CP"}
DECREE_98_ART_4 = "Nghị định 98/2023/NĐ-CP, Điều 4"
LAW_ART_5 = "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2"


def _years(end, count):
    return set(range(end - count + 1, end + 1))


def _percent(share):
    """0.15 → "15", 0.705 → "70.5": shares are configured as fractions, shown as percentages."""
    value = (Decimal(str(share)) * 100).normalize()
    return format(value, "f")


def _rating_label(code):
    return Rating(code).label if code else _("no rating")


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


def pick_initiatives(initiatives, count):
    """The `count` initiatives a title uses up: the lowest level that suffices first, oldest first,
    so higher-level ones stay free for the higher titles."""
    ranked = sorted(initiatives, key=lambda i: (i.LEVEL_RANK[i.level], i.year, i.pk))
    return ranked[:count]


def initiatives_relied_on(case):
    """The unused initiatives the rules of `case.award_type` rely on for this subject and year
    (what a granted title consumes, domain.md §6 rule 6); [] when it rests on none."""
    found = []
    for rule in RULES:
        if rule.applies(case) and hasattr(rule, "relied_on"):
            found.extend(rule.relied_on(case))
    return found


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
                    "rating": _rating_label(rating),
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
            "wanted": _rating_label(wanted), "year": case.year, "rating": _rating_label(rating),
            "basis": basis(case.award_type)}, blocking=blocking)  # fmt: skip


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
            return _years(case.year, case.award_type.param("consecutive_cstdcs", 3))
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


class _CollectiveShares(Rule):
    collective_only = True

    def roster_facts(self, case):
        evidence, year = case.evidence, case.year
        members = evidence.members(case.unit.pk, year)
        ratings = [evidence.rating(("person", pid), year) for pid in members]
        ldtt = sum(evidence.holds_award(("person", pid), LDTT, year) for pid in members)
        cstdcs = sum(evidence.holds_award(("person", pid), CSTDCS, year) for pid in members)
        return members, ratings, ldtt, cstdcs

    def pending(self, case, members, codes):
        """Members who do not hold the title for the year but are proposed for it in the same
        campaign (any campaign of that year when the case names none). A collective's title and
        its members' Lao động tiên tiến are decided together, members first, so they count —
        as pending, with a warning, like a pending Lao động tiên tiến for Chiến sĩ thi đua cơ sở."""
        evidence, year = case.evidence, case.year
        campaign_id = getattr(case.campaign, "pk", None)
        return sum(
            not evidence.holds_award(("person", pid), codes, year)
            and any(n.award_type.code in codes and n.year == year
                    and (campaign_id is None or n.campaign_id == campaign_id)
                    for n in evidence.open_nominations(("person", pid)))
            for pid in members
        )  # fmt: skip


class AdvancedCollective(_CollectiveShares):
    name = "advanced_collective"
    codes = {"TTLDTT"}

    def check(self, case):
        members, _ratings, ldtt, _cstdcs = self.roster_facts(case)
        share = Decimal(str(case.award_type.param("min_share_ldtt", 0.5)))
        unit_rating = case.evidence.rating(case.subject_key, case.year)
        if unit_rating is None or RATING_RANK[unit_rating] < RATING_RANK[Rating.GOOD]:
            return self.failed(_("The unit must have well completed its duties in %(year)s; its "
                                 "rating is “%(rating)s” (%(basis)s).") % {
                "year": case.year, "rating": _rating_label(unit_rating),
                "basis": basis(case.award_type)})  # fmt: skip
        if not members:
            return self.failed(_("The unit has no staff on record to count (%(basis)s).")
                               % {"basis": basis(case.award_type)})  # fmt: skip
        if Decimal(ldtt) / len(members) > share:
            return self.passed(_("%(ldtt)s of %(total)s members are Lao động tiên tiến in "
                                 "%(year)s, more than %(share)s%% (%(basis)s).") % {
                "ldtt": ldtt, "total": len(members), "year": case.year,
                "share": _percent(share), "basis": basis(case.award_type)})  # fmt: skip
        pending = self.pending(case, members, LDTT)
        if Decimal(ldtt + pending) / len(members) > share:
            return self.warned(_("%(ldtt)s of %(total)s members are Lao động tiên tiến in "
                                 "%(year)s and %(pending)s more are proposed in the same campaign, "
                                 "not yet decided: counting them, more than %(share)s%%; this "
                                 "nomination depends on them (%(basis)s).") % {
                "ldtt": ldtt, "pending": pending, "total": len(members), "year": case.year,
                "share": _percent(share), "basis": basis(case.award_type)})  # fmt: skip
        return self.failed(_("Only %(ldtt)s of %(total)s members are Lao động tiên tiến in "
                             "%(year)s; more than %(share)s%% is required (%(basis)s).") % {
            "ldtt": ldtt + pending, "total": len(members), "year": case.year,
            "share": _percent(share), "basis": basis(case.award_type)})  # fmt: skip


class ExcellentCollective(_CollectiveShares):
    name = "excellent_collective"
    codes = {"TTLDXS"}

    def check(self, case):
        award, year = case.award_type, case.year
        members, ratings, ldtt, cstdcs = self.roster_facts(case)
        problems, relies_on_pending = [], False
        if case.evidence.rating(case.subject_key, year) != Rating.EXCELLENT:
            problems.append(_("the unit is not rated “excellently completed duties”"))
        if not members:
            problems.append(_("no staff on record"))
        else:
            if any(r is None or RATING_RANK[r] < RATING_RANK[Rating.COMPLETED] for r in ratings):
                problems.append(_("not every member completed their duties"))
            share = Decimal(str(award.param("min_share_ldtt", 0.7)))
            if Decimal(ldtt) / len(members) < share:
                pending = self.pending(case, members, LDTT)
                if Decimal(ldtt + pending) / len(members) < share:
                    problems.append(_("%(ldtt)s of %(total)s members are Lao động tiên tiến, below "
                                      "%(share)s%%") % {"ldtt": ldtt + pending,
                                                        "total": len(members),
                                                        "share": _percent(share)})  # fmt: skip
                relies_on_pending = True
            if cstdcs < award.param("min_cstdcs", 1):
                if cstdcs + self.pending(case, members, CSTDCS) < award.param("min_cstdcs", 1):
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
            % {"ldtt": ldtt, "total": len(members), "cstdcs": cstdcs, "basis": basis(award)}
        )


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
        years = _years(year, award.param("consecutive_excellent_years", 2))
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
            excellent = {y for y in _years(year, years_needed)
                         if case.evidence.rating(key, y) == Rating.EXCELLENT}  # fmt: skip
            initiatives = case.evidence.unused_initiatives(
                case.person.pk, _years(year, years_needed)
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
                   for y in _years(year, years_needed)):  # fmt: skip
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


class CommemorativeMedal(Rule):
    name = "commemorative_medal"
    codes = {"KNC_LDTBXH"}
    individual_only = True

    def check(self, case):
        award, person = case.award_type, case.person
        key = case.subject_key
        if case.evidence.holds_award(key, {award.code}) or any(
            n.award_type_id == award.pk
            for n in case.evidence.open_nominations(key, exclude_id=case.nomination_id)
        ):
            return self.failed(
                _(
                    "The commemorative medal is given once per person and this "
                    "person already holds or is proposed for it (%(basis)s)."
                )
                % {"basis": basis(award)}
            )
        needed = award.param("service_years_female" if person.sex == "F" else "service_years", 15)
        if person.sector_start is None:
            return self.failed(_("The date this person started in the sector is not recorded "
                                 "(%(basis)s).") % {"basis": basis(award)})  # fmt: skip
        end = date(case.year, 12, 31)
        years = (
            end.year
            - person.sector_start.year
            - ((end.month, end.day) < (person.sector_start.month, person.sector_start.day))
        )
        weak = sorted(
            y for y, rating in case.evidence.ratings.get(key, {}).items()
            if person.sector_start.year <= y <= case.year
            and RATING_RANK[rating] < RATING_RANK[Rating.GOOD]
        )  # fmt: skip
        if years >= needed and weak:
            return self.warned(_("%(years)s years in the sector, but rated below “well completed” "
                                 "in %(weak)s; the medal expects duties always well completed "
                                 "(%(basis)s).") % {"years": years,
                                                    "weak": ", ".join(map(str, weak)),
                                                    "basis": basis(award)})  # fmt: skip
        if years >= needed:
            return self.passed(
                _(
                    "%(years)s years in the sector by the end of %(year)s; %(needed)s "
                    "required (%(basis)s; configurable)."
                )
                % {"years": years, "year": case.year, "needed": needed, "basis": basis(award)}
            )
        return self.failed(
            _(
                "%(years)s years in the sector by the end of %(year)s; %(needed)s "
                "required (%(basis)s; configurable)."
            )
            % {"years": years, "year": case.year, "needed": needed, "basis": basis(award)}
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
                if m.cluster.year == case.year and m.role == "winner"]  # fmt: skip
        if wins:
            return self.passed(_("Voted leading unit of %(cluster)s in %(year)s (%(basis)s).")
                               % {"cluster": wins[0].cluster.name, "year": case.year,
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


class FighterQuota(Rule):
    """Legacy sector rule (TT 08/2019): at most 15% of a unit's Lao động tiên tiến may be
    Chiến sĩ thi đua cơ sở. Not statutory under the 2022 Law, so it warns."""

    name = "fighter_quota"
    codes = CSTDCS
    individual_only = True
    blocking = False

    def check(self, case):
        share = case.award_type.param("quota_share_of_ldtt")
        if share is None:
            return self.not_applicable(_("No quota is configured."))
        evidence, year, unit_id = case.evidence, case.year, case.person.unit_id
        members = evidence.members(unit_id, year)
        ldtt = sum(evidence.holds_award(("person", pid), LDTT, year)
                   or any(n.award_type.code == "LDTT" and n.year == year
                          for n in evidence.open_nominations(("person", pid)))
                   for pid in members)  # fmt: skip
        fighters = {pid for pid in members
                    if evidence.holds_award(("person", pid), CSTDCS, year)
                    or any(n.award_type.code == "CSTDCS" and n.year == year
                           for n in evidence.open_nominations(("person", pid)))}  # fmt: skip
        fighters.add(case.person.pk)
        cap = int((Decimal(str(share)) * ldtt).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        values = {
            "count": len(fighters),
            "cap": cap,
            "ldtt": ldtt,
            "share": _percent(share),
        }
        if len(fighters) > cap:
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


class IndicatorTargetsMet(Rule):
    """The link no other system has: a collective award may require approved targets met."""

    name = "indicator_targets_met"
    collective_only = True

    def applies(self, case):
        return super().applies(case) and case.award_type.param("indicator_met_share") is not None

    def check(self, case):
        wanted = Decimal(str(case.award_type.param("indicator_met_share")))
        key = (case.unit.pk, case.year)
        if not case.evidence.figures_approved.get(key):
            return self.failed(
                _("The unit's indicator figures for %(year)s are not approved yet (%(basis)s).")
                % {"year": case.year, "basis": basis(case.award_type)}
            )
        judged = [row for row in case.evidence.indicator_rows[key] if row.figures.met is not None]
        if not judged:
            return self.failed(
                _(
                    "The unit has no indicator with both a target and a result for %(year)s "
                    "(%(basis)s)."
                )
                % {"year": case.year, "basis": basis(case.award_type)}
            )
        met = [row for row in judged if row.figures.met]
        missed = [row.indicator.name for row in judged if not row.figures.met]
        values = {"met": len(met), "total": len(judged), "year": case.year,
                  "share": _percent(wanted), "missed": ", ".join(missed),
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


RULES = [
    RecipientMatches(),
    OneOpenNomination(),
    NotAlreadyAwarded(),
    NoHold(),
    OneAchievementOneAward(),
    AdhocAwardsNotCounted(),
    MinimumRating(),
    GrassrootsFighter(),
    ProvincialFighter(),
    AdvancedCollective(),
    ExcellentCollective(),
    ProvincialDiploma(),
    LongServiceWindow(),
    CommemorativeMedal(),
    ClusterLeader(),
    FighterQuota(),
    IndicatorTargetsMet(),
    DecidingAuthority(),
]
