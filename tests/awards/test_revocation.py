"""Revocation (Law 2022 ch. VII; domain.md §6 rule 21): the award stays in history marked
revoked, its bonus is to be recovered, its initiatives are freed, eligibility stops counting it,
and the later awards and open nominations that rested on it are flagged."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from awards.decisions.revocation import DEPENDANTS, WorkflowError, award_revoke
from awards.eligibility import evaluate
from awards.models import AwardRecord, Initiative, Revocation, RevocationFlag
from organizations.models import AuditEntry
from tests.awards.factories import (
    AwardRecordFactory,
    InitiativeFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def grant(subject, code, year=2023, **kwargs):
    about = {"person": subject} if hasattr(subject, "full_name") else {"person": None,
                                                                       "unit": subject}  # fmt: skip
    return AwardRecordFactory(award_type=award_type(code), year=year, source="granted",
                              decision_date=date(year + 1, 1, 20), **about, **kwargs)  # fmt: skip


def revoke(actor, award, **overrides):
    values = {"reason": "Khai man thành tích.", "decision_number": "25/QĐ-SLĐTBXH",
              "decision_date": date(2025, 6, 1), **overrides}  # fmt: skip
    return award_revoke(actor=actor, award=award, **values)


def flagged(revocation):
    return {(f.award_id, f.nomination_id): f.note for f in revocation.flags.all()}


def rule_result(verdict, name):
    return next(r for r in verdict.results if r.rule == name)


def test_the_award_stays_marked_revoked_with_its_bonus_to_recover(approver, person_a):
    award = grant(person_a, "LDTT", bonus_amount=Decimal(710_000))
    revocation = revoke(approver, award)
    award.refresh_from_db()
    assert award.revoked is True
    assert AwardRecord.objects.filter(pk=award.pk).exists()
    assert (revocation.bonus_to_recover, revocation.decision_number, revocation.revoked_by) == (
        Decimal(710_000), "25/QĐ-SLĐTBXH", approver)  # fmt: skip
    entry = AuditEntry.objects.get(action="award.revoke")
    assert (entry.actor, entry.to_state, entry.reason) == (approver, "revoked",
                                                           "Khai man thành tích.")  # fmt: skip


def test_an_award_without_a_bonus_has_nothing_to_recover(approver, person_a):
    assert revoke(approver, grant(person_a, "LDTT")).bonus_to_recover == 0


def test_a_revoked_award_cannot_be_revoked_again(approver, person_a):
    award = grant(person_a, "LDTT")
    revoke(approver, award)
    with pytest.raises(WorkflowError, match="already revoked"):
        revoke(approver, award)
    assert Revocation.objects.count() == 1


@pytest.mark.parametrize("values", [{"reason": " "}, {"decision_number": ""},
                                    {"decision_date": date(2023, 1, 1)}])  # fmt: skip
def test_revocation_needs_a_reason_and_a_valid_decision(approver, person_a, values):
    award = grant(person_a, "LDTT")
    with pytest.raises(WorkflowError):
        revoke(approver, award, **values)
    award.refresh_from_db()
    assert not award.revoked


@pytest.mark.parametrize("persona", ["officer", "clerk_a", "council", "viewer"])
def test_only_approvers_revoke(request, persona, person_a):
    award = grant(person_a, "LDTT")
    with pytest.raises(PermissionDenied):
        revoke(request.getfixturevalue(persona), award)
    award.refresh_from_db()
    assert not award.revoked


def test_a_later_grassroots_fighter_title_that_relied_on_the_revoked_advanced_worker_is_flagged(
    approver, person_a
):
    RatingFactory(person=person_a, year=2023, rating="HTXSNV")
    ldtt = grant(person_a, "LDTT")
    fighter = grant(person_a, "CSTDCS")
    unrelated = grant(person_a, "GK_SO", 2024)
    earlier = grant(person_a, "CSTDCS", 2022)
    notes = flagged(revoke(approver, ldtt))
    assert set(notes) == {(fighter.pk, None)}
    note = notes[(fighter.pk, None)]
    assert "Grassroots Emulation Fighter 2023" in note and "Advanced Worker 2023" in note
    assert "Grassroots emulation fighter prerequisites" in note
    assert "Needs the title Lao động tiên tiến for 2023" in note
    assert unrelated.pk and earlier.pk


def test_an_open_nomination_that_relied_on_it_is_flagged_with_its_new_failure(
    approver, person_a, tree
):
    RatingFactory(person=person_a, year=2024, rating="HTXSNV")
    ldtt = grant(person_a, "LDTT", 2024)
    nomination = NominationFactory(person=person_a, award_type=award_type("CSTDCS"), year=2024,
                                   state="accepted")  # fmt: skip
    collective = NominationFactory(person=None, unit=tree["a"], award_type=award_type("TTLDTT"),
                                   year=2024, state="submitted")  # fmt: skip
    other_unit = NominationFactory(person=None, unit=tree["b"], award_type=award_type("TTLDTT"),
                                   year=2024, state="submitted")  # fmt: skip
    notes = flagged(revoke(approver, ldtt))
    assert set(notes) == {(None, nomination.pk), (None, collective.pk)}
    assert "Since the revocation its eligibility fails" in notes[(None, nomination.pk)]
    assert "Needs the title Lao động tiên tiến for 2024" in notes[(None, nomination.pk)]
    assert "Share of advanced workers" in notes[(None, collective.pk)]
    assert other_unit.pk


def test_a_nomination_that_fails_only_because_of_the_revocation_is_flagged(approver, person_a):
    """Not in the table of dependants, but its verdict changed: flag it anyway."""
    ldtt = grant(person_a, "LDTT", 2024)
    RatingFactory(person=person_a, year=2024, rating="HTXSNV")
    nomination = NominationFactory(person=person_a, award_type=award_type("CSTDCS"), year=2024)
    untouched = NominationFactory(person=person_a, award_type=award_type("GK_SO"), year=2024)
    notes = flagged(revoke(approver, ldtt))
    assert (None, nomination.pk) in notes and (None, untouched.pk) not in notes


def test_eligibility_no_longer_counts_the_revoked_award(approver, person_a):
    RatingFactory(person=person_a, year=2023, rating="HTXSNV")
    ldtt = grant(person_a, "LDTT")
    verdict = evaluate(award_type=award_type("CSTDCS"), year=2023, person=person_a)
    assert rule_result(verdict, "grassroots_fighter").outcome == "pass"
    revoke(approver, ldtt)
    verdict = evaluate(award_type=award_type("CSTDCS"), year=2023, person=person_a)
    assert rule_result(verdict, "grassroots_fighter").outcome == "fail"


def test_revoking_a_provincial_title_breaks_the_national_chain(approver, person_a):
    first, second = grant(person_a, "CSTD_TINH", 2020), grant(person_a, "CSTD_TINH", 2023)
    national = grant(person_a, "CSTDTQ", 2024)
    InitiativeFactory(person=person_a, year=2023, level="national")
    notes = flagged(revoke(approver, first))
    assert set(notes) == {(national.pk, None)}
    assert "Needs 2 consecutive titles" in notes[(national.pk, None)]
    assert second.pk


def test_the_initiatives_the_award_used_are_freed(approver, person_a):
    fighter = grant(person_a, "CSTDCS")
    used = InitiativeFactory(person=person_a, year=2023, consumed_by=fighter)
    revoke(approver, fighter)
    used.refresh_from_db()
    assert used.consumed_by is None
    assert Initiative.objects.filter(consumed_by__isnull=True).count() == 1


def test_a_collective_award_flags_the_later_flag_of_the_same_unit(approver, tree):
    excellent = grant(tree["a"], "TTLDXS")
    flag = grant(tree["a"], "CO_TINH")
    other = grant(tree["b"], "CO_TINH")
    notes = flagged(revoke(approver, excellent))
    assert set(notes) == {(flag.pk, None)}
    assert other.pk


def test_the_dependants_table_names_only_catalogue_codes():
    from awards.catalogue.data import AWARD_TYPES

    codes = {row[0] for row in AWARD_TYPES}
    assert set(DEPENDANTS) <= codes
    assert {d for deps in DEPENDANTS.values() for d in deps} <= codes


# --- Pages -------------------------------------------------------------------------------------


def test_approver_revokes_through_the_page_and_sees_the_flags(client, approver, person_a):
    ldtt = grant(person_a, "LDTT", bonus_amount=Decimal(710_000))
    fighter = grant(person_a, "CSTDCS")
    client.force_login(approver)
    url = reverse("award_revoke", args=[ldtt.pk])
    assert "710" in client.get(url).content.decode()
    response = client.post(url, {"decision_number": "25/QĐ-SLĐTBXH",
                                 "decision_date": "01/06/2024", "reason": "Khai man."})  # fmt: skip
    revocation = Revocation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("revocation_detail", args=[revocation.pk])
    page = client.get(response["Location"]).content.decode()
    assert "25/QĐ-SLĐTBXH" in page and "Khai man." in page
    assert reverse("person_detail", args=[person_a.pk]) in page
    assert RevocationFlag.objects.get().award == fighter
    # A second visit to the form goes to the revocation.
    assert client.get(url)["Location"] == reverse("revocation_detail", args=[revocation.pk])


def test_the_form_keeps_what_was_typed_when_refused(client, approver, person_a):
    ldtt = grant(person_a, "LDTT")
    client.force_login(approver)
    response = client.post(reverse("award_revoke", args=[ldtt.pk]), {
        "decision_number": "25/QĐ-SLĐTBXH", "decision_date": "01/01/2020",
        "reason": "Lý do đã gõ"})  # fmt: skip
    assert response.status_code == 200
    assert "Lý do đã gõ" in response.content.decode()
    assert "cannot be dated before" in response.content.decode()


def test_award_history_offers_revoke_to_approvers_and_links_revoked_awards(
    client, approver, officer, person_a
):
    kept, revoked = grant(person_a, "LDTT", 2022), grant(person_a, "LDTT")
    revocation = revoke(approver, revoked)
    client.force_login(approver)
    page = client.get(reverse("award_history")).content.decode()
    assert reverse("award_revoke", args=[kept.pk]) in page
    assert reverse("award_revoke", args=[revoked.pk]) not in page
    assert reverse("revocation_detail", args=[revocation.pk]) in page
    client.force_login(officer)
    page = client.get(reverse("award_history")).content.decode()
    assert reverse("award_revoke", args=[kept.pk]) not in page
    assert reverse("revocation_detail", args=[revocation.pk]) in page


def test_the_list_reads_a_bounded_number_of_queries(client, approver, tree,
                                                    django_assert_max_num_queries):  # fmt: skip
    for index in range(5):
        revoke(approver, grant(PersonFactory(unit=tree["a"]), "LDTT", 2020 + index))
    client.force_login(approver)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("revocation_list")).content.decode()
    from awards.models import Revocation

    assert all(reverse("revocation_detail", args=[pk]) in page
               for pk in Revocation.objects.values_list("pk", flat=True))  # fmt: skip
    assert Revocation.objects.count() == 5


def test_the_admin_cannot_tick_revoked(client, superuser, person_a):
    award = grant(person_a, "LDTT")
    client.force_login(superuser)
    page = client.get(reverse("admin:awards_awardrecord_change", args=[award.pk]))
    assert page.status_code == 200
    assert 'name="revoked"' not in page.content.decode()
    assert client.get(reverse("admin:awards_revocation_add")).status_code == 403


def test_the_decision_page_offers_revoke_to_approvers_only(client, approver, officer, tree,
                                                           person_a):  # fmt: skip
    from tests.awards.factories_decisions import DecisionFactory

    decision = DecisionFactory(unit=tree["dept"], issued=True)
    award = grant(person_a, "LDTT", decision=decision)
    client.force_login(approver)
    page = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert reverse("award_revoke", args=[award.pk]) in page
    client.force_login(officer)
    page = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert reverse("award_revoke", args=[award.pk]) not in page
