"""Proposals upward (tờ trình) and the decisions of higher authorities: drafting refuses what the
department decides itself, signing makes the nominees "proposed", the answer grants, refuses or
leaves pending; the printable proposal and the ZIP of the dossiers."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from awards.models import AwardRecord, Decision, Nomination, Proposal, ProposalLine
from awards.proposals.services import (
    WorkflowError,
    issuer_code_of,
    outside_decision_record,
    proposal_sign,
)
from organizations.models import AuditEntry
from tests.awards.factories_proposals import dossier_file, draft, passed, signed
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

GRANTED, REFUSED, PENDING = "granted", "refused", "pending"


@pytest.fixture
def dept(tree):
    return tree["dept"]


def state_of(nomination):
    nomination.refresh_from_db()
    return nomination.state


def answer(actor, proposal, outcomes, number="163/QĐ-UBND", on=date(2024, 3, 15)):
    return outside_decision_record(actor=actor, proposal=proposal, number_text=number,
                                   decision_date=on, authority=proposal.authority,
                                   outcomes=outcomes)  # fmt: skip


def lines_of(proposal):
    return {line.nomination_id: line for line in proposal.lines.all()}


# --- Drafting ----------------------------------------------------------------------------------


def test_draft_lists_passed_nominees_collectives_first_for_their_authority(
    approver, dept, tree, person_a
):
    individual = passed(person_a)
    collective = passed(unit=tree["a"])
    proposal = draft(approver, dept, [individual, collective])
    assert proposal.state == "draft"
    assert proposal.authority == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert [line.nomination_id for line in proposal.lines.order_by("order")] == [
        collective.pk, individual.pk]  # fmt: skip
    assert AuditEntry.objects.filter(action="proposal.draft", object_id=str(proposal.pk)).exists()


def test_draft_refuses_an_award_the_department_decides(approver, dept, person_a):
    ldtt = passed(person_a, "LDTT")
    with pytest.raises(WorkflowError, match="decided by the department: draft a decision"):
        draft(approver, dept, [ldtt])
    assert not Proposal.objects.exists()


def test_draft_refuses_awards_of_different_authorities(approver, dept, person_a, person_b):
    with pytest.raises(WorkflowError, match="one authority"):
        draft(approver, dept, [passed(person_a, "BK_TINH"), passed(person_b, "BK_BO")])


def test_draft_refuses_an_authority_other_than_the_awards_one(approver, dept, person_a):
    with pytest.raises(WorkflowError, match="one authority"):
        draft(approver, dept, [passed(person_a)], authority="Bộ trưởng")


def test_draft_refuses_a_nomination_the_council_did_not_pass(approver, dept, person_a):
    accepted = passed(person_a)
    Nomination.objects.filter(pk=accepted.pk).update(state="accepted")
    with pytest.raises(WorkflowError, match="council passed"):
        draft(approver, dept, [accepted])


def test_draft_refuses_a_nominee_outside_the_proposing_unit(approver, tree, person_b):
    with pytest.raises(WorkflowError, match="is not in"):
        draft(approver, tree["a"], [passed(person_b)])


def test_draft_refuses_a_nominee_already_on_another_draft(approver, dept, person_a):
    nomination = passed(person_a)
    draft(approver, dept, [nomination])
    with pytest.raises(WorkflowError, match="another draft proposal"):
        draft(approver, dept, [nomination])


@pytest.mark.parametrize("persona", ["officer", "clerk_a", "council", "viewer"])
def test_only_the_approver_drafts(persona, request, dept, person_a):
    with pytest.raises(PermissionDenied):
        draft(request.getfixturevalue(persona), dept, [passed(person_a)])


# --- Signing -----------------------------------------------------------------------------------


def test_signing_moves_every_nominee_to_proposed(approver, dept, person_a, person_b):
    first, second = passed(person_a), passed(person_b)
    proposal = signed(approver, dept, [first, second])
    assert (proposal.state, proposal.number_text, proposal.signed_on) == (
        "signed", "12/TTr-SLĐTBXH", date(2024, 2, 1))  # fmt: skip
    assert state_of(first) == state_of(second) == "proposed"
    assert AuditEntry.objects.filter(action="nomination.propose", to_state="proposed").count() == 2
    with pytest.raises(WorkflowError, match="already signed"):
        proposal_sign(actor=approver, proposal=proposal, signed_on=date(2024, 2, 2))


def test_the_officer_may_not_sign(approver, officer, dept, person_a):
    proposal = draft(approver, dept, [passed(person_a)])
    with pytest.raises(PermissionDenied):
        proposal_sign(actor=officer, proposal=proposal, signed_on=date(2024, 2, 1))


# --- The answer of the higher authority --------------------------------------------------------


def test_outside_decision_grants_refuses_and_leaves_pending(approver, officer, dept, tree):
    granted, refused, waiting = (passed(PersonFactory(unit=tree["a"])) for _ in range(3))
    proposal = signed(approver, dept, [granted, refused, waiting])
    lines = lines_of(proposal)
    decision = answer(officer, proposal, {lines[granted.pk]: GRANTED,
                                          lines[refused.pk]: REFUSED,
                                          lines[waiting.pk]: PENDING})  # fmt: skip
    assert (decision.kind, decision.state, decision.number_text, decision.issuer_code) == (
        "outside", "issued", "163/QĐ-UBND", "UBND")  # fmt: skip
    assert decision.issuer_name == decision.authority == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert decision.unit == dept
    award = AwardRecord.objects.get(nomination=granted)
    assert (award.decision, award.decision_number, award.source) == (decision, "163/QĐ-UBND",
                                                                     "granted")  # fmt: skip
    assert award.bonus_amount is None  # paid by the deciding authority, not the department
    assert (state_of(granted), state_of(refused), state_of(waiting)) == (
        "granted", "refused", "proposed")  # fmt: skip
    refusal = AuditEntry.objects.get(action="nomination.refuse")
    assert refusal.reason == "Refused by Chủ tịch Ủy ban nhân dân tỉnh, decision 163/QĐ-UBND"
    outcomes = dict(proposal.lines.values_list("nomination_id", "outcome"))
    assert outcomes == {granted.pk: GRANTED, refused.pk: REFUSED, waiting.pk: PENDING}
    proposal.refresh_from_db()
    assert proposal.state == "signed"


def test_a_later_decision_answers_the_pending_nominee_and_closes_the_proposal(
    approver, officer, dept, person_a, person_b
):
    first, later = passed(person_a), passed(person_b)
    proposal = signed(approver, dept, [first, later])
    lines = lines_of(proposal)
    answer(officer, proposal, {lines[first.pk]: GRANTED})
    answer(officer, proposal, {lines[later.pk].pk: GRANTED}, number="201/QĐ-UBND",
           on=date(2024, 5, 2))  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.state == "answered"
    assert Decision.objects.filter(kind="outside").count() == 2
    assert AwardRecord.objects.get(nomination=later).decision_number == "201/QĐ-UBND"
    with pytest.raises(WorkflowError, match="answered already"):
        answer(officer, proposal, {lines[first.pk]: REFUSED})


def test_an_answer_must_grant_or_refuse_someone(approver, officer, dept, person_a):
    proposal = signed(approver, dept, [passed(person_a)])
    with pytest.raises(WorkflowError, match="at least one"):
        answer(officer, proposal, {line: PENDING for line in proposal.lines.all()})


def test_an_answer_cannot_change_an_earlier_outcome(approver, officer, dept, person_a, person_b):
    first, second = passed(person_a), passed(person_b)
    proposal = signed(approver, dept, [first, second])
    lines = lines_of(proposal)
    answer(officer, proposal, {lines[first.pk]: REFUSED})
    with pytest.raises(WorkflowError, match="earlier decision"):
        answer(officer, proposal, {lines[first.pk]: GRANTED}, number="2/QĐ-UBND")
    assert not AwardRecord.objects.exists()


def test_a_draft_proposal_has_no_answer_yet(approver, officer, dept, person_a):
    proposal = draft(approver, dept, [passed(person_a)])
    with pytest.raises(WorkflowError, match="Sign and send"):
        answer(officer, proposal, {line: GRANTED for line in proposal.lines.all()})


def test_only_officers_record_the_answer(approver, dept, person_a):
    proposal = signed(approver, dept, [passed(person_a)])
    with pytest.raises(PermissionDenied):
        answer(approver, proposal, {line: GRANTED for line in proposal.lines.all()})


def test_one_outside_decision_answering_two_proposals_is_recorded_once(
    approver, officer, dept, person_a, person_b
):
    first = signed(approver, dept, [passed(person_a)], number_text="1/TTr-SLĐTBXH")
    second = signed(approver, dept, [passed(person_b)], number_text="2/TTr-SLĐTBXH")
    one = answer(officer, first, {line: GRANTED for line in first.lines.all()})
    two = answer(officer, second, {line: GRANTED for line in second.lines.all()})
    assert one == two
    assert one.lines.count() == 2


@pytest.mark.parametrize(
    ("number", "authority", "code"),
    [
        ("163/QĐ-UBND", "", "UBND"),
        ("45/QĐ-TTg", "", "TTg"),
        ("số 7", "Thủ tướng Chính phủ", "TTCP"),
    ],
)
def test_the_issuer_code_comes_from_the_number_or_the_authority(number, authority, code):
    assert issuer_code_of(number, authority) == code


# --- Pages -------------------------------------------------------------------------------------


def test_approver_drafts_and_signs_through_the_pages(client, approver, dept, person_a):
    nomination = passed(person_a)
    client.force_login(approver)
    response = client.post(reverse("proposal_create"), {
        "unit": dept.pk, "nominations": [nomination.pk], "authority": "",
        "subject": "Về việc đề nghị tặng Bằng khen", "body": "", "signer_name": "Nguyễn Văn An",
        "signer_title": "GIÁM ĐỐC"})  # fmt: skip
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposal_detail", args=[proposal.pk])
    response = client.post(reverse("proposal_sign", args=[proposal.pk]),
                           {"signed_on": "01/02/2024", "number_text": "9/TTr-SLĐTBXH"})  # fmt: skip
    assert response.status_code == 302
    assert state_of(nomination) == "proposed"


def test_the_create_page_keeps_what_was_typed_when_refused(client, approver, dept, person_a,
                                                           person_b):  # fmt: skip
    nominations = [passed(person_a, "BK_TINH"), passed(person_b, "BK_BO")]
    client.force_login(approver)
    response = client.post(reverse("proposal_create"), {
        "unit": dept.pk, "nominations": [n.pk for n in nominations], "authority": "",
        "subject": "Chủ đề đã gõ", "body": "", "signer_name": "", "signer_title": ""})  # fmt: skip
    assert response.status_code == 200
    assert "one authority" in response.content.decode()
    assert "Chủ đề đã gõ" in response.content.decode()
    assert response.content.decode().count("checked") >= 2
    assert not Proposal.objects.exists()


def test_officer_records_the_answer_through_the_page(client, approver, officer, dept, person_a,
                                                     person_b):  # fmt: skip
    granted, refused = passed(person_a), passed(person_b)
    proposal = signed(approver, dept, [granted, refused])
    lines = lines_of(proposal)
    client.force_login(officer)
    url = reverse("outside_decision_record", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert person_a.full_name in page and person_b.full_name in page
    response = client.post(url, {
        "number_text": "163/QĐ-UBND", "decision_date": "15/03/2024",
        "authority": proposal.authority, f"line_{lines[granted.pk].pk}": GRANTED,
        f"line_{lines[refused.pk].pk}": REFUSED})  # fmt: skip
    assert response.status_code == 302
    assert (state_of(granted), state_of(refused)) == ("granted", "refused")


def test_print_shows_the_proposal_and_its_nominees(client, approver, viewer, dept, tree,
                                                   person_a):  # fmt: skip
    person_a.position = "Chuyên viên"
    person_a.save()
    proposal = signed(approver, dept, [passed(person_a), passed(unit=tree["b"])])
    client.force_login(viewer)
    page = client.get(reverse("proposal_print", args=[proposal.pk])).content.decode()
    for words in ["TỜ TRÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Số: 12/TTr-SLĐTBXH", "ngày 01 tháng 02 năm 2024",
                  "Về việc đề nghị tặng Bằng khen năm 2023",
                  "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh",
                  "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", person_a.full_name, "Chuyên viên",
                  "Phòng LĐTBXH huyện Mèo Vạc", "I. Tập thể", "II. Cá nhân", "GIÁM ĐỐC",
                  "Nguyễn Văn An", "Hoàn thành xuất sắc nhiệm vụ được giao."]:  # fmt: skip
        assert words in page, words


def test_the_dossier_zip_holds_every_current_file_and_the_list(client, approver, officer, dept,
                                                               tree, person_a):  # fmt: skip
    individual, collective = passed(person_a), passed(unit=tree["b"])
    old = dossier_file(individual, "tờ trình.pdf", b"%PDF-old")
    files = {
        "02 - Vàng Thị Mỷ - BK_TINH/tờ trình.pdf": b"%PDF-1.4 new",
        "02 - Vàng Thị Mỷ - BK_TINH/báo cáo.docx": b"PK\x03\x04report",
        "01 - Phòng LĐTBXH huyện Mèo Vạc - BK_TINH/biên bản.pdf": b"%PDF-1.4 minutes",
    }
    dossier_file(individual, "tờ trình.pdf", files["02 - Vàng Thị Mỷ - BK_TINH/tờ trình.pdf"])
    dossier_file(individual, "báo cáo.docx", files["02 - Vàng Thị Mỷ - BK_TINH/báo cáo.docx"],
                 kind="bao_cao_thanh_tich")  # fmt: skip
    dossier_file(collective, "biên bản.pdf",
                 files["01 - Phòng LĐTBXH huyện Mèo Vạc - BK_TINH/biên bản.pdf"],
                 kind="bien_ban_hoi_dong")  # fmt: skip
    proposal = signed(approver, dept, [individual, collective])
    client.force_login(officer)
    response = client.get(reverse("proposal_dossier_zip", args=[proposal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    contents = {name: archive.read(name) for name in archive.namelist()}
    listing = contents.pop("danh-sach-de-nghi.csv").decode("utf-8-sig")
    assert contents == files  # the replaced version of “tờ trình.pdf” is not sent
    assert old.original_name == "tờ trình.pdf"
    rows = list(csv.reader(io.StringIO(listing)))
    assert rows[0][:3] == ["STT", "Họ và tên / Tập thể", "Đơn vị"]
    assert [row[1] for row in rows[1:]] == ["Phòng LĐTBXH huyện Mèo Vạc", "Vàng Thị Mỷ"]


def test_the_detail_page_shows_nominees_and_the_sign_form_to_the_approver(
    client, approver, officer, dept, person_a
):
    proposal = draft(approver, dept, [passed(person_a)])
    client.force_login(approver)
    page = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert person_a.full_name in page
    assert reverse("proposal_sign", args=[proposal.pk]) in page
    client.force_login(officer)
    page = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert reverse("proposal_sign", args=[proposal.pk]) not in page


def test_the_nomination_page_shows_where_it_stands_upward(client, approver, officer, clerk_a,
                                                          dept, person_a):  # fmt: skip
    nomination = passed(person_a)
    proposal = signed(approver, dept, [nomination])
    answer(officer, proposal, {line: GRANTED for line in proposal.lines.all()})
    client.force_login(clerk_a)
    page = client.get(reverse("nomination_detail", args=[nomination.pk])).content.decode()
    assert "Proposed upward" in page
    assert "12/TTr-SLĐTBXH" in page and "01/02/2024" in page
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in page
    assert "Decision 163/QĐ-UBND of 15/03/2024" in page
    # The clerk does not see the department's proposal page: no link to it.
    assert reverse("proposal_detail", args=[proposal.pk]) not in page


def test_the_list_reads_a_bounded_number_of_queries(
    client, approver, dept, django_assert_max_num_queries
):
    for _ in range(5):
        signed(approver, dept, [passed(PersonFactory(unit=dept))])
    client.force_login(approver)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("proposal_list"))
    assert response.content.decode().count("12/TTr-SLĐTBXH") == 5


def test_proposal_lines_are_not_editable_through_the_admin(client, superuser, approver, dept,
                                                           person_a):  # fmt: skip
    proposal = signed(approver, dept, [passed(person_a)])
    client.force_login(superuser)
    response = client.get(reverse("admin:awards_proposal_change", args=[proposal.pk]))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client.get(reverse("admin:awards_proposal_add")).status_code == 403
    line = ProposalLine.objects.get()
    assert client.post(reverse("admin:awards_proposalline_change", args=[line.pk]),
                       {"outcome": "granted"}).status_code == 403  # fmt: skip
