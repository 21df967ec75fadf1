"""`load_demo` takes the seed's 2023 campaign through publicity, council, decisions and proposals
upward through the real services, and leaves other nominations part-way for the demo."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from awards.demo_cycle import OPEN_SESSION_TITLE, SESSION_TITLE
from awards.models import (
    AgendaItem,
    AwardRecord,
    Ballot,
    CouncilSession,
    Decision,
    DecisionLine,
    Nomination,
    Proposal,
    PublicNotice,
    Recusal,
)
from organizations.models import AuditEntry

pytestmark = pytest.mark.django_db

LDTT, CSTDCS, TTLDTT = Decimal(540_000), Decimal(1_800_000), Decimal(1_440_000)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for this module (loading takes seconds) inside a transaction that
    is rolled back after the module's last test; each test runs in a savepoint within it."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo", "--force", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def granted(award, year=2023, **subject):
    return AwardRecord.objects.select_related("decision").get(
        award_type__code=award, year=year, source=AwardRecord.Source.GRANTED, **subject
    )


def test_the_seed_awards_are_granted_by_the_outside_decisions_the_article_names(demo):
    flag = granted("CO_TINH", unit__code="PLD-DV")
    diploma = granted("BK_TINH", person__code="NV009")
    medal = granted("KNC_LDTBXH", person__code="NV001")
    assert (flag.decision.number_text, flag.decision.decision_date) == (
        "125/QĐ-UBND",
        date(2023, 12, 28),
    )
    assert (diploma.decision.number_text, diploma.decision.decision_date) == (
        "126/QĐ-UBND",
        date(2023, 12, 28),
    )
    assert (medal.decision.number_text, medal.decision.decision_date) == (
        "1890/QĐ-LĐTBXH",
        date(2023, 12, 20),
    )
    for award in (flag, diploma, medal):
        assert award.decision.kind == Decision.Kind.OUTSIDE
        assert award.nomination.state == Nomination.State.GRANTED
        assert award.decision_number == award.decision.number_text
        assert award.bonus_amount is None  # paid by the authority that decides
    assert medal.issuer == "Bộ trưởng Bộ Lao động – Thương binh và Xã hội"
    # The province answered its proposal in two decisions and refused one nominee.
    province = Proposal.objects.get(number_text="152/TTr-SLĐTBXH")
    assert province.state == Proposal.State.ANSWERED
    assert province.signed_by.username == "director"
    refused = Nomination.objects.get(award_type__code="BK_TINH", person__code="NV012")
    assert refused.state == Nomination.State.REFUSED


def test_the_department_decision_is_number_one_of_2024_with_the_bonus_counted_by_hand(demo):
    decision = Decision.objects.get(kind=Decision.Kind.GRANT, state=Decision.State.ISSUED)
    assert (decision.number, decision.year, decision.number_text) == (1, 2024, "1/QĐ-SLĐTBXH")
    assert decision.decision_date == date(2024, 1, 2)
    assert decision.issued_by.username == "director"
    # Base salary on 02/01/2024: 1,800,000 VND. LĐTT 0.3 → 540,000; CSTĐCS 1.0 → 1,800,000;
    # TTLĐTT 0.8 → 1,440,000 (no rounding needed). Eight LĐTT, four CSTĐCS, two TTLĐTT.
    assert decision.base_salary == 1_800_000
    lines = list(decision.lines.values_list("award_type__code", "bonus_amount"))
    assert sorted(code for code, _amount in lines) == ["CSTDCS"] * 4 + ["LDTT"] * 8 + ["TTLDTT"] * 2
    assert decision.total_bonus == 8 * LDTT + 4 * CSTDCS + 2 * TTLDTT == 14_400_000
    fighter = granted("CSTDCS", person__code="NV027")
    assert (fighter.decision, fighter.bonus_amount) == (decision, CSTDCS)
    assert granted("LDTT", person__code="NV027").bonus_amount == LDTT
    assert granted("TTLDTT", unit__code="LDVL").bonus_amount == TTLDTT
    # Prerequisites first: every member's LĐTT was granted before the titles built on it.
    order = list(
        AwardRecord.objects.filter(decision=decision)
        .order_by("pk")
        .values_list("award_type__code", flat=True)
    )
    assert order.index("CSTDCS") > max(i for i, code in enumerate(order) if code == "LDTT")
    assert order.index("TTLDTT") > max(i for i, code in enumerate(order) if code == "LDTT")
    # The annex prints collectives first.
    assert decision.lines.order_by("order").first().award_type.code == "TTLDTT"


def test_the_other_2023_titles_stay_imported_records(demo):
    imported = AwardRecord.objects.get(award_type__code="LDTT", person__code="NV012", year=2023)
    assert imported.source == AwardRecord.Source.IMPORTED
    assert not AwardRecord.objects.filter(
        source=AwardRecord.Source.IMPORTED, year=2023, award_type__code__in=["CSTDCS", "CO_TINH"]
    ).exists()


def test_every_nomination_state_appears_for_the_demo(demo):
    states = set(Nomination.objects.values_list("state", flat=True))
    assert states == set(Nomination.State.values)


def test_the_council_voted_with_one_declared_conflict_and_one_item_fell_short(demo):
    session = CouncilSession.objects.get(title=SESSION_TITLE)
    assert session.state == CouncilSession.State.CLOSED
    assert session.members.count() == 3
    recusal = Recusal.objects.get(item__session=session)
    assert (recusal.member.user.username, recusal.automatic) == ("council3", False)
    assert recusal.item.nomination.person.code == "NV015"
    failed = AgendaItem.objects.get(session=session, passed=False)
    assert (failed.agree, failed.disagree, failed.abstain, failed.members_total) == (1, 1, 1, 3)
    assert failed.nomination.state == Nomination.State.NOT_PASSED
    # The Labour Order waited for its public comment window, which ended before the session.
    labour = Nomination.objects.get(award_type__code="HCLD3", person__code="NV023")
    notice = PublicNotice.objects.get(entries__nomination=labour)
    assert notice.ends_on < session.date
    assert labour.state == Nomination.State.PROPOSED


def test_the_demo_leaves_work_part_way_on_each_new_screen(demo):
    still_open = CouncilSession.objects.get(title=OPEN_SESSION_TITLE)
    assert still_open.state == CouncilSession.State.OPEN
    assert Ballot.objects.filter(item__session=still_open).count() == 1
    draft = Decision.objects.get(kind=Decision.Kind.GRANT, state=Decision.State.DRAFT)
    assert {line.nomination.state for line in draft.lines.all()} == {Nomination.State.PASSED}
    assert Proposal.objects.get(number_text="153/TTr-SLĐTBXH").state == Proposal.State.SIGNED
    unpublished = Nomination.objects.get(award_type__code="HCLD3", person__code="NV021")
    assert unpublished.state == Nomination.State.ACCEPTED
    assert not unpublished.notice_entries.exists()


@pytest.mark.parametrize(
    ("username", "url_name", "text"),
    [
        ("officer", "publicity_notice_list", "Huân chương Lao động hạng Ba"),
        ("council2", "council_session_list", OPEN_SESSION_TITLE),
        ("director", "decision_list", "1/QĐ-SLĐTBXH"),
        ("director", "proposal_list", "153/TTr-SLĐTBXH"),
    ],
)
def test_a_demo_visitor_finds_the_cycle_on_each_new_list(demo, client, username, url_name, text):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert text in response.text


def test_loading_the_demo_twice_duplicates_nothing_of_the_cycle(demo):
    models = [Nomination, AwardRecord, Decision, DecisionLine, CouncilSession, AgendaItem, Ballot,
              Recusal, Proposal, PublicNotice, AuditEntry, get_user_model()]  # fmt: skip
    before = {model.__name__: model.objects.count() for model in models}
    call_command("load_demo", "--force", stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in models} == before


def test_the_public_page_shows_the_nominee_published_today_with_a_comment(demo, client):
    notice = PublicNotice.objects.get(entries__nomination__person__code="NV019")
    assert notice.starts_on == timezone.localdate() <= notice.ends_on
    assert notice.title in client.get(reverse("public_notice_index")).text
    page = client.get(reverse("public_notice_detail", args=[notice.token]))
    assert page.status_code == 200
    assert "Tạ Văn Sơn" in page.text
    assert notice.entries.get().comments.count() == 1


def test_the_demos_open_campaign_is_for_2024_and_accepts_nominations_today(demo):
    from awards.models import Campaign

    still_open = Campaign.objects.get(state=Campaign.State.OPEN)
    assert still_open.year == 2024
    assert still_open.name == "Phong trào thi đua năm 2024"
    assert still_open.is_accepting(timezone.localdate())
