"""Initiatives a granted title relied on are consumed by it, and freed when it is revoked
(domain.md §6 rule 6): only the ones the rule counted, the lowest level first."""

from datetime import date

import pytest

from awards.history.services.initiatives import initiatives_consume, initiatives_release
from awards.models import Initiative
from organizations.models import AuditEntry
from tests.awards.factories import AwardRecordFactory, InitiativeFactory, RatingFactory, award_type
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree):
    return PersonFactory(code="INI-1", unit=tree["a"])


def grant(person, code, year=2023, **kwargs):
    return AwardRecordFactory(person=person, award_type=award_type(code), year=year, **kwargs)


def consumed(initiative):
    initiative.refresh_from_db()
    return initiative.consumed_by_id


def test_grassroots_fighter_without_excellent_rating_consumes_one_initiative_of_its_year(person):
    RatingFactory(person=person, year=2023, rating="HTTNV")
    first = InitiativeFactory(person=person, year=2023)
    second = InitiativeFactory(person=person, year=2023)
    other_year = InitiativeFactory(person=person, year=2022)
    award = grant(person, "CSTDCS")
    used = initiatives_consume(award=award)
    assert [i.pk for i in used] == [first.pk]
    assert consumed(first) == award.pk
    assert consumed(second) is None and consumed(other_year) is None
    assert AuditEntry.objects.filter(action="initiative.consume", object_id=str(first.pk)).exists()


def test_grassroots_fighter_with_excellent_rating_consumes_nothing(person):
    RatingFactory(person=person, year=2023, rating="HTXSNV")
    initiative = InitiativeFactory(person=person, year=2023)
    assert initiatives_consume(award=grant(person, "CSTDCS")) == []
    assert consumed(initiative) is None


def test_grassroots_fighter_keeps_a_province_initiative_free_when_a_grassroots_one_suffices(
    person,
):
    province = InitiativeFactory(person=person, year=2023, level="province")
    grassroots = InitiativeFactory(person=person, year=2023, level="grassroots")
    award = grant(person, "CSTDCS")
    initiatives_consume(award=award)
    assert consumed(grassroots) == award.pk
    assert consumed(province) is None


def test_an_initiative_already_consumed_is_not_taken_again(person):
    earlier = grant(person, "CSTDCS", year=2022)
    taken = InitiativeFactory(person=person, year=2023, consumed_by=earlier)
    award = grant(person, "CSTDCS")
    assert initiatives_consume(award=award) == []
    assert consumed(taken) == earlier.pk


def test_provincial_fighter_consumes_a_province_level_initiative_of_the_chain(person):
    grant(person, "CSTDCS", 2021)
    grant(person, "CSTDCS", 2022)
    grant(person, "CSTDCS", 2023)
    grassroots = InitiativeFactory(person=person, year=2023, level="grassroots")
    province = InitiativeFactory(person=person, year=2022, level="province")
    national = InitiativeFactory(person=person, year=2022, level="national")
    award = grant(person, "CSTD_TINH")
    initiatives_consume(award=award)
    assert consumed(province) == award.pk
    assert consumed(grassroots) is None and consumed(national) is None


def test_national_fighter_consumes_a_national_initiative(person):
    grant(person, "CSTD_TINH", 2020)
    grant(person, "CSTD_BO", 2023)
    national = InitiativeFactory(person=person, year=2021, level="national")
    award = grant(person, "CSTDTQ", 2024)
    initiatives_consume(award=award)
    assert consumed(national) == award.pk


def test_diploma_route_d_consumes_two_initiatives_of_the_excellent_years(person):
    RatingFactory(person=person, year=2022, rating="HTXSNV")
    RatingFactory(person=person, year=2023, rating="HTXSNV")
    initiatives = [InitiativeFactory(person=person, year=y) for y in (2022, 2023, 2023)]
    award = grant(person, "BK_TINH")
    used = initiatives_consume(award=award)
    assert len(used) == 2
    assert Initiative.objects.filter(consumed_by=award).count() == 2
    assert sum(consumed(i) is None for i in initiatives) == 1


def test_diploma_after_two_grassroots_fighter_titles_consumes_nothing(person):
    grant(person, "CSTDCS", 2022)
    grant(person, "CSTDCS", 2023)
    RatingFactory(person=person, year=2022, rating="HTXSNV")
    RatingFactory(person=person, year=2023, rating="HTXSNV")
    InitiativeFactory(person=person, year=2022)
    InitiativeFactory(person=person, year=2023)
    assert initiatives_consume(award=grant(person, "BK_TINH")) == []


@pytest.mark.parametrize("code", ["LDTT", "GK_SO", "BK_TTG"])
def test_other_awards_consume_nothing(person, code):
    initiative = InitiativeFactory(person=person, year=2023)
    assert initiatives_consume(award=grant(person, code)) == []
    assert consumed(initiative) is None


def test_collective_awards_consume_nothing(tree):
    award = AwardRecordFactory(person=None, unit=tree["a"], award_type=award_type("TTLDTT"))
    assert initiatives_consume(award=award) == []


def test_release_frees_what_the_award_consumed_and_audits_it(person, approver):
    award = grant(person, "CSTDCS")
    other = grant(person, "CSTDCS", 2022)
    mine = InitiativeFactory(person=person, year=2023, consumed_by=award)
    theirs = InitiativeFactory(person=person, year=2022, consumed_by=other)
    released = initiatives_release(award=award, actor=approver)
    assert [i.pk for i in released] == [mine.pk]
    assert consumed(mine) is None
    assert consumed(theirs) == other.pk
    entry = AuditEntry.objects.get(action="initiative.release")
    assert entry.actor == approver


def test_granting_through_a_decision_consumes_and_revoking_frees(person, approver, tree):
    from awards.decisions.granting import award_grant
    from awards.decisions.revocation import award_revoke
    from tests.awards.factories import NominationFactory
    from tests.awards.factories_decisions import DecisionFactory

    RatingFactory(person=person, year=2023, rating="HTTNV")
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2023)
    initiative = InitiativeFactory(person=person, year=2023)
    nomination = NominationFactory(person=person, award_type=award_type("CSTDCS"), state="passed")
    decision = DecisionFactory(unit=tree["dept"], issued=True)
    award = award_grant(actor=approver, nomination=nomination, decision=decision)
    assert consumed(initiative) == award.pk
    award_revoke(actor=approver, award=award, reason="Sai sót hồ sơ.",
                 decision_number="30/QĐ-DEPT", decision_date=date(2024, 6, 1))  # fmt: skip
    assert consumed(initiative) is None
