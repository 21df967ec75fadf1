"""The commemorative medal of the sector: once per person, after enough years of service."""

from datetime import date

from awards.eligibility.base import Message as _
from awards.eligibility.base import Rule, basis
from awards.models import RATING_RANK, Rating


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
