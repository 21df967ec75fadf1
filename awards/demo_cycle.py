"""The demo's 2023 campaign taken through the second half of the award cycle, every step through
the same services as in the browser: a public comment window, a council session with its secret
ballots, the department's numbered decision, and proposals upward answered by the province and
the Ministry. Other nominations are left part-way, so each screen has something to show.

Dates replay the season as it happened: notice in November 2023, council on 12 December,
proposals the days after, the Ministry's and the province's decisions before the year ends and
the department's decision 1/QĐ-SLĐTBXH on 2 January 2024.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from awards.council import services as council
from awards.decisions import services as decisions
from awards.decisions import text
from awards.models import AwardRecord, CouncilSession, Nomination, Recusal
from awards.proposals import services as proposals
from awards.publicity import services as publicity

SESSION_TITLE = "Phiên họp Hội đồng Thi đua – Khen thưởng Sở xét khen thưởng năm 2023"
OPEN_SESSION_TITLE = "Phiên họp bổ sung xét danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2023"
PLACE = "Phòng họp tầng 2, Sở Lao động – Thương binh và Xã hội"
ISSUER_CODE = "SLĐTBXH"
DECISION_DATE = date(2024, 1, 2)
SIGNER = "Nguyễn Văn Hùng"
FUNCTION_BASIS = (
    "Căn cứ Quyết định của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ "
    "cấu tổ chức của Sở Lao động – Thương binh và Xã hội;"
)
ISSUER_MINISTRY = "Bộ trưởng Bộ Lao động – Thương binh và Xã hội"

# The department decides its own 2023 titles here for the staff of these units; everyone else's
# Lao động tiên tiến 2023 stays an imported record (awards/demo.py), which keeps loading fast.
CYCLE_UNITS = ("VP", "LDVL", "PLD-DV", "TTDVVL")
# The fighters of 2023 (awards.demo.FIGHTERS) all work in CYCLE_UNITS: their CSTĐCS comes here.
FIGHTER_SUMMARIES = {
    "NV005": "Tham mưu tổng kết thi đua, khen thưởng; sáng kiến số hóa hồ sơ người có công.",
    "NV009": "Chỉ đạo giải quyết việc làm cho 20.486 lao động, vượt 5,6% kế hoạch năm.",
    "NV017": "Tổ chức 48 phiên giao dịch việc làm, tư vấn cho hơn 12.000 lượt lao động.",
    "NV027": "Chỉ đạo giảm nghèo đa chiều; tỷ lệ hộ nghèo của huyện giảm 4,2 điểm %.",
}
COLLECTIVES = {
    "VP": "Tham mưu tổng hợp kịp thời; 100% cá nhân đạt danh hiệu Lao động tiên tiến.",
    "LDVL": "Vượt kế hoạch đào tạo nghề và giải quyết việc làm năm 2023.",
}
# code (person or unit), award, summary: on the same agenda, decided elsewhere or left part-way.
OTHERS = [
    ("PLD-DV", "CO_TINH", "Dẫn đầu Cụm thi đua các huyện vùng cao; vượt mọi chỉ tiêu năm 2023."),
    ("NV009", "BK_TINH", "Hai năm liền Chiến sĩ thi đua cơ sở; dẫn đầu giải quyết việc làm."),
    ("NV012", "BK_TINH", "Hoàn thành xuất sắc nhiệm vụ bảo trợ xã hội và giảm nghèo."),
    ("NV001", "KNC_LDTBXH", "27 năm công tác liên tục trong ngành Lao động – Thương binh."),
    ("NV023", "HCLD3", "Lãnh đạo nhà trường đào tạo nghề cho hơn 5.000 người trong 5 năm liền."),
    ("NV015", "GK_SO", "Giải quyết đúng hạn 100% hồ sơ chính sách người có công năm 2023."),
    ("TTCTXH", "GK_SO", "Hỗ trợ kịp thời trẻ em, người cao tuổi có hoàn cảnh đặc biệt khó khăn."),
    ("NV022", "GK_SO", "Chăm sóc chu đáo đối tượng bảo trợ tại cơ sở."),
    ("NV021", "HCLD3", "Gần 20 năm phụ trách cơ sở bảo trợ xã hội tổng hợp của tỉnh."),
]  # fmt: skip
# Published for comment from the day the demo is loaded, in the current campaign.
LIVE_NOMINEE = ("NV019", "Xây dựng mô hình công tác xã hội tại cộng đồng cho 12 xã vùng cao.")
LIVE_COMMENT = "Đồng chí Sơn nhiệt tình, trực tiếp về tận bản hỗ trợ các gia đình khó khăn."
# How each member votes where the vote is not simply "agree": the Giấy khen of NV022 falls short.
SPLIT_VOTES = {("NV022", "GK_SO"): {"council": "agree", "council2": "disagree",
                                    "council3": "abstain"}}  # fmt: skip
CONFLICT = (
    "council3",
    ("NV015", "GK_SO"),
    "Là thủ trưởng trực tiếp, đã ký báo cáo thành tích của người được đề nghị.",
)
# Proposals upward: number, signed on, nominees, then the answers (number, date, authority,
# granted, refused); a proposal without answers is still waiting for one.
PROPOSALS = [
    ("150/TTr-SLĐTBXH", date(2023, 12, 13), [("NV001", "KNC_LDTBXH")],
     [("1890/QĐ-LĐTBXH", date(2023, 12, 20), ISSUER_MINISTRY, [("NV001", "KNC_LDTBXH")], [])]),
    ("152/TTr-SLĐTBXH", date(2023, 12, 14),
     [("PLD-DV", "CO_TINH"), ("NV009", "BK_TINH"), ("NV012", "BK_TINH")],
     [("125/QĐ-UBND", date(2023, 12, 28), "", [("PLD-DV", "CO_TINH")], []),
      ("126/QĐ-UBND", date(2023, 12, 28), "", [("NV009", "BK_TINH")], [("NV012", "BK_TINH")])]),
    ("153/TTr-SLĐTBXH", date(2023, 12, 15), [("NV023", "HCLD3")], []),
]  # fmt: skip


def replaced_imports(people):
    """{(person code, award code)} of the 2023 titles the cycle grants: demo.py does not import
    these as past records."""
    cycle = {code for code, person in people.items() if person.unit.code in CYCLE_UNITS}
    return {(code, "LDTT") for code in cycle} | {(code, "CSTDCS") for code in FIGHTER_SUMMARIES}


def run(*, campaign, current, awards, people, units, nominate, skip_ldtt):
    """Take the 2023 campaign through the cycle, once, and publish one nominee of the `current`
    campaign for comment from today. `nominate(award, summary, person=, unit=, campaign=)` is
    demo.py's helper that brings a nomination to "accepted" through the services; `skip_ldtt`
    are the people whose Lao động tiên tiến 2023 is nominated elsewhere in the demo."""
    if CouncilSession.objects.filter(title=SESSION_TITLE).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["officer", "director", "council", "council2", "council3"])}  # fmt: skip
    officer, director = users["officer"], users["director"]
    _retire_imports(people, awards)

    def subject(code):
        return {"person": people[code]} if code in people else {"unit": units[code]}

    made = {}
    ldtt_people = sorted(code for code, award in replaced_imports(people)
                         if award == "LDTT" and code not in skip_ldtt)  # fmt: skip
    # Members' Lao động tiên tiến first: the fighter and collective rules count them as pending.
    for code in ldtt_people:
        person = people[code]
        made[code, "LDTT"] = nominate(awards["LDTT"], f"{person.position}: hoàn thành tốt nhiệm "
                                      "vụ năm 2023; chấp hành tốt chủ trương, chính sách.",
                                      person=person)  # fmt: skip
    for code, summary in FIGHTER_SUMMARIES.items():
        made[code, "CSTDCS"] = nominate(awards["CSTDCS"], summary, person=people[code])
    for code, summary in COLLECTIVES.items():
        made[code, "TTLDTT"] = nominate(awards["TTLDTT"], summary, unit=units[code])
    for code, award, summary in OTHERS:
        made[code, award] = nominate(awards[award], summary, **subject(code))

    # The Labour Order needs a public comment window; it ended before the council met. The
    # second Labour Order nominee is accepted but not published yet.
    publicity.notice_publish(
        actor=officer, unit=units["SLDTBXH"], today=date(2023, 11, 20),
        title="Công khai danh sách đề nghị Huân chương Lao động hạng Ba năm 2023",
        starts_on=date(2023, 11, 20), nominations=[made["NV023", "HCLD3"]],
    )  # fmt: skip
    on_agenda = [n for key, n in made.items() if key != ("NV021", "HCLD3")]
    session = council.session_open(
        actor=officer, unit=units["SLDTBXH"], title=SESSION_TITLE, date=date(2023, 12, 12),
        place=PLACE, nominations=on_agenda,
        notes="Chủ trì: Giám đốc Sở. Thư ký: chuyên viên thi đua – khen thưởng Văn phòng Sở.",
    )  # fmt: skip
    _vote(session, users, made)
    council.session_close(actor=officer, session=session)

    _decide(director, units["SLDTBXH"], made)
    for number, signed_on, nominees, answers in PROPOSALS:
        _propose(director, officer, units["SLDTBXH"], made, number, signed_on, nominees, answers)

    # Left part-way: a second session open with votes pending on the provincial fighter.
    fighter = Nomination.objects.get(campaign=campaign, award_type=awards["CSTD_TINH"],
                                     person=people["NV027"])  # fmt: skip
    if fighter.state == Nomination.State.ACCEPTED:
        second = council.session_open(
            actor=officer, unit=units["SLDTBXH"], title=OPEN_SESSION_TITLE,
            date=date(2024, 1, 10), place=PLACE, nominations=[fighter],
        )  # fmt: skip
        council.ballot_cast(actor=users["council"], item=second.items.get(), choice="agree")
    _publish_now(officer, units["SLDTBXH"], current, awards, people, nominate)


def _publish_now(officer, unit, campaign, awards, people, nominate):
    """A window open from the day the demo is loaded, so the public page has a nominee and a
    comment to show (it closes by itself ten working days later, as a real one would)."""
    labour = nominate(awards["HCLD3"], LIVE_NOMINEE[1], person=people[LIVE_NOMINEE[0]],
                      campaign=campaign)  # fmt: skip
    notice = publicity.notice_publish(
        actor=officer, unit=unit, starts_on=timezone.localdate(), nominations=[labour],
        title=f"Công khai danh sách đề nghị Huân chương Lao động hạng Ba năm {campaign.year}",
    )  # fmt: skip
    publicity.comment_add(entry=notice.entries.get(), author_name="Nguyễn Văn Bình",
                          text=LIVE_COMMENT, address="203.0.113.7")  # fmt: skip


def _retire_imports(people, awards):
    """A database loaded by an older demo holds these 2023 awards as imported records; the cycle
    grants them now, so the imported copies go (load_demo runs only on a demo-only database)."""
    doomed = AwardRecord.objects.filter(source=AwardRecord.Source.IMPORTED, year=2023)
    seed = {("NV009", "BK_TINH"), ("NV001", "KNC_LDTBXH")}
    for code, award in replaced_imports(people) | seed:
        doomed.filter(person=people[code], award_type=awards[award]).delete()
    doomed.filter(unit__code="PLD-DV", award_type=awards["CO_TINH"]).delete()


def _key(nomination):
    code = nomination.person.code if nomination.person_id else nomination.unit.code
    return code, nomination.award_type.code


def _vote(session, users, made):
    """Every member agrees except where SPLIT_VOTES says otherwise; one declares a conflict."""
    member, item_key, reason = CONFLICT
    items = {_key(item.nomination): item for item in session.items.select_related(
        "nomination__person", "nomination__unit", "nomination__award_type")}  # fmt: skip
    council.conflict_declare(actor=users[member], item=items[item_key], reason=reason)
    recused = set(Recusal.objects.filter(item__session=session).values_list(
        "member__user__username", "item_id"))  # fmt: skip
    members = session.members.values_list("user__username", flat=True)
    for key, item in items.items():
        for username in members:
            if (username, item.pk) not in recused:
                choice = SPLIT_VOTES.get(key, {}).get(username, "agree")
                council.ballot_cast(actor=users[username], item=item, choice=choice)


def _decide(director, unit, made):
    """The department's decision for its own titles, issued; the Giấy khen waits in a draft."""
    titles = [n for (code, award), n in made.items() if award in ("LDTT", "CSTDCS", "TTLDTT")]
    decision = decisions.decision_draft(
        actor=director, unit=unit, nominations=_fresh(titles),
        subject="Về việc tặng danh hiệu thi đua năm 2023",
        legal_bases="\n".join([text.LAW, text.DECREE_98, FUNCTION_BASIS]),
        proposal_phrase=f"Hội đồng Thi đua – Khen thưởng {unit.name}",
        signer_name=SIGNER, signer_title=text.DEFAULT_SIGNER_TITLE,
        decision_date=DECISION_DATE, issuer_code=ISSUER_CODE,
    )  # fmt: skip
    decisions.decision_issue(actor=director, decision=decision, decision_date=DECISION_DATE)
    merits = [n for (code, award), n in made.items() if award == "GK_SO"]
    passed = [n for n in _fresh(merits) if n.state == Nomination.State.PASSED]
    decisions.decision_draft(
        actor=director, unit=unit, nominations=passed,
        subject="Về việc tặng Giấy khen của Giám đốc Sở năm 2023",
        legal_bases="\n".join([text.LAW, text.DECREE_98, FUNCTION_BASIS]),
        proposal_phrase=f"Hội đồng Thi đua – Khen thưởng {unit.name}",
        signer_name=SIGNER, signer_title=text.DEFAULT_SIGNER_TITLE, issuer_code=ISSUER_CODE,
    )  # fmt: skip


def _fresh(nominations):
    return list(Nomination.objects.filter(pk__in=[n.pk for n in nominations]))


def _propose(director, officer, unit, made, number, signed_on, nominees, answers):
    proposal = proposals.proposal_draft(
        actor=director, unit=unit, nominations=[made[key] for key in nominees], authority="",
        subject="Về việc đề nghị khen thưởng năm 2023",
        body="Sở Lao động – Thương binh và Xã hội kính đề nghị xem xét, khen thưởng các tập thể, "
             "cá nhân có tên trong danh sách kèm theo.",
        signer_name=SIGNER, signer_title=text.DEFAULT_SIGNER_TITLE,
    )  # fmt: skip
    proposals.proposal_sign(actor=director, proposal=proposal, signed_on=signed_on,
                            number_text=number)  # fmt: skip
    key_of = {n.pk: key for key, n in made.items()}
    line_of = {key_of[line.nomination_id]: line for line in proposal.lines.all()}
    for answer, decided_on, authority, granted, refused in answers:
        outcomes = {line_of[key]: "granted" for key in granted}
        outcomes |= {line_of[key]: "refused" for key in refused}
        proposals.outside_decision_record(
            actor=officer, proposal=proposal, number_text=answer, decision_date=decided_on,
            authority=authority, outcomes=outcomes,
        )  # fmt: skip
