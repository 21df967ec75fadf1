"""A role held on a district covers that district only (issue 8, item 1).

officer_a, approver_a and council_a hold their role on UNIT_A; officer, approver and council on
DEPT. A district officer manages the campaigns aimed at their district and nothing else: not a
campaign aimed at another district, nor one aimed at everyone, nor the catalogues or the days
off that are the same for every unit. The department's officer still does everything.
"""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from awards.campaigns import services as campaigns
from awards.catalogue.services import award_type_update
from awards.council.services import ballot_cast
from awards.decisions.revocation import award_revoke
from awards.models import AwardRecord, Ballot, Campaign, CampaignDocument
from awards.publicity import services as publicity
from awards.publicity.models import DayOff
from indicators.catalogue import services as catalogue_services
from indicators.models import Indicator
from organizations.models import AuditEntry
from tests.awards.factories import AwardRecordFactory, CampaignFactory, award_type
from tests.awards.factories_council import accepted, open_session
from tests.awards.factories_decisions import DecisionFactory, line_for_person
from tests.files import pdf_bytes
from tests.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def campaign_aimed_at(*units, state="draft"):
    campaign = CampaignFactory(state=state)
    campaign.target_units.set(units)
    return campaign


def campaign_data(**overrides):
    today = timezone.localdate()
    data = {
        "name": "Phong trào thi đua năm 2025",
        "type": "annual",
        "year": "2025",
        "nominations_open": today.strftime("%d/%m/%Y"),
        "nominations_close": (today + timedelta(days=60)).strftime("%d/%m/%Y"),
        "award_types": [award_type("LDTT").pk],
    }
    data.update(overrides)
    return data


def launch(client, campaign):
    return client.post(reverse("campaign_transition", args=[campaign.pk, "launch"]))


def close(client, campaign):
    return client.post(reverse("campaign_transition", args=[campaign.pk, "close"]))


def state_of(campaign):
    campaign.refresh_from_db()
    return campaign.state


# --- Campaigns: a district officer ----------------------------------------------------------------


def test_a_district_officer_manages_a_campaign_aimed_at_their_district(officer_a, tree):
    client = signed_in(officer_a)
    response = client.post(reverse("campaign_create"), campaign_data(target_units=[tree["a"].pk]))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert list(campaign.target_units.all()) == [tree["a"]]
    assert client.get(reverse("campaign_detail", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("campaign_update", args=[campaign.pk])).status_code == 200
    assert launch(client, campaign).status_code == 302
    assert state_of(campaign) == "open"
    upload = SimpleUploadedFile("ke-hoach.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(reverse("campaign_document_upload", args=[campaign.pk]), {"file": upload})
    assert CampaignDocument.objects.filter(campaign=campaign).count() == 1
    assert close(client, campaign).status_code == 302
    assert state_of(campaign) == "closed"


def test_a_district_officer_cannot_launch_or_close_a_campaign_aimed_at_another_district(
    officer_a, tree
):
    client = signed_in(officer_a)
    draft = campaign_aimed_at(tree["b"])
    launched = campaign_aimed_at(tree["b"], state="open")
    # Aimed at unit B only: it does not concern unit A, so it does not exist for officer_a.
    assert launch(client, draft).status_code == 404
    assert close(client, launched).status_code == 404
    assert client.get(reverse("campaign_update", args=[draft.pk])).status_code == 404
    assert (state_of(draft), state_of(launched)) == ("draft", "open")
    with pytest.raises(PermissionDenied):
        campaigns.campaign_launch(actor=officer_a, campaign=draft)
    with pytest.raises(PermissionDenied):
        campaigns.campaign_close(actor=officer_a, campaign=launched)
    assert (state_of(draft), state_of(launched)) == ("draft", "open")


def test_a_district_officer_cannot_close_a_campaign_that_also_reaches_another_district(
    officer_a, tree
):
    """Aimed at A and B, it concerns officer_a, who reads it but may not manage it."""
    both = campaign_aimed_at(tree["a"], tree["b"], state="open")
    client = signed_in(officer_a)
    page = client.get(reverse("campaign_detail", args=[both.pk]))
    assert page.status_code == 200
    assert reverse("campaign_transition", args=[both.pk, "close"]) not in page.content.decode()
    assert close(client, both).status_code == 403
    assert client.get(reverse("campaign_update", args=[both.pk])).status_code == 403
    upload = SimpleUploadedFile("ke-hoach.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(reverse("campaign_document_upload", args=[both.pk]), {"file": upload})
    assert response.status_code == 403
    assert state_of(both) == "open" and not CampaignDocument.objects.exists()


def test_a_district_officer_cannot_launch_or_close_a_campaign_aimed_at_everyone(officer_a):
    client = signed_in(officer_a)
    draft = campaign_aimed_at()
    launched = campaign_aimed_at(state="open")
    assert launch(client, draft).status_code == 404  # the department's draft is not theirs
    assert close(client, launched).status_code == 403  # it reaches them: they read it
    assert (state_of(draft), state_of(launched)) == ("draft", "open")
    with pytest.raises(PermissionDenied):
        campaigns.campaign_launch(actor=officer_a, campaign=draft)
    with pytest.raises(PermissionDenied):
        campaigns.campaign_close(actor=officer_a, campaign=launched)
    with pytest.raises(PermissionDenied):
        campaigns.campaign_update(actor=officer_a, campaign=launched, description="x")
    assert (state_of(draft), state_of(launched)) == ("draft", "open")


def test_a_district_officer_does_not_see_the_departments_or_another_districts_drafts(
    officer_a, officer, tree
):
    mine = campaign_aimed_at(tree["a1"])
    everyone = campaign_aimed_at()
    other = campaign_aimed_at(tree["b"])
    dept = campaign_aimed_at(tree["dept"])
    assert set(Campaign.objects.visible_to(officer_a)) == {mine}
    assert set(Campaign.objects.visible_to(officer)) == {mine, everyone, other, dept}
    page = signed_in(officer_a).get(reverse("campaign_list")).content.decode()
    assert reverse("campaign_detail", args=[mine.pk]) in page
    assert reverse("campaign_detail", args=[other.pk]) not in page


def test_a_district_reads_the_audit_rows_of_its_own_campaigns_only(officer_a, officer, tree):
    names = {"mine": "Thi đua xã A1", "dept": "Thi đua của Sở", "everyone": "Thi đua toàn ngành"}
    targets = {"mine": [tree["a1"]], "dept": [tree["dept"]], "everyone": []}
    for key, name in names.items():
        actor = officer_a if key == "mine" else officer
        campaigns.campaign_create(actor=actor, target_units=targets[key], **campaign_fields(name))
    mine, dept, everyone = (AuditEntry.objects.get(object_repr=name) for name in names.values())
    assert (mine.unit, dept.unit, everyone.unit) == (tree["a1"], tree["dept"], tree["dept"])
    assert set(AuditEntry.objects.visible_to(officer_a)) == {mine}
    assert set(AuditEntry.objects.visible_to(officer)) == {mine, dept, everyone}
    page = signed_in(officer_a).get(reverse("audit_log")).content.decode()
    assert "Thi đua xã A1" in page and "Thi đua của Sở" not in page


def campaign_fields(name):
    today = timezone.localdate()
    return {"name": name, "type": "annual", "year": today.year, "nominations_open": today,
            "nominations_close": today + timedelta(days=30)}  # fmt: skip


def test_a_district_officer_cannot_create_a_campaign_aimed_at_another_district_or_everyone(
    officer_a, tree
):
    client = signed_in(officer_a)
    form = client.get(reverse("campaign_create")).context["form"]
    assert set(form.fields["target_units"].units) == {tree["a"], tree["a1"]}
    for targets in ([tree["b"].pk], [tree["a"].pk, tree["b"].pk], [tree["dept"].pk], []):
        response = client.post(reverse("campaign_create"), campaign_data(target_units=targets))
        assert response.status_code == 200, targets
        assert response.context["form"].errors["target_units"], targets
    assert not Campaign.objects.exists()
    for targets in ([tree["b"]], [tree["a"], tree["b"]], []):
        with pytest.raises(PermissionDenied):
            campaigns.campaign_create(
                actor=officer_a, name="Phong trào", year=2025, target_units=targets,
                nominations_open=date(2025, 1, 1), nominations_close=date(2025, 3, 1),
            )  # fmt: skip
    assert not Campaign.objects.exists()


def test_a_district_officer_cannot_aim_their_draft_at_another_district(officer_a, tree):
    draft = campaign_aimed_at(tree["a"])
    with pytest.raises(PermissionDenied):
        campaigns.campaign_update(actor=officer_a, campaign=draft, target_units=[tree["b"]])
    with pytest.raises(PermissionDenied):
        campaigns.campaign_update(actor=officer_a, campaign=draft, target_units=[])
    assert list(draft.target_units.all()) == [tree["a"]]
    campaigns.campaign_update(actor=officer_a, campaign=draft, target_units=[tree["a1"]])
    assert list(draft.target_units.all()) == [tree["a1"]]


# --- Campaigns: the department's officer ----------------------------------------------------------


def test_the_department_officer_still_manages_every_campaign(officer, tree):
    client = signed_in(officer)
    response = client.post(reverse("campaign_create"), campaign_data())
    assert response.status_code == 302
    everyone = Campaign.objects.get()
    assert not everyone.target_units.exists()
    other = campaign_aimed_at(tree["b"])
    for campaign in (everyone, other):
        assert launch(client, campaign).status_code == 302
        assert state_of(campaign) == "open"
        assert close(client, campaign).status_code == 302
        assert state_of(campaign) == "closed"


# --- Catalogues -----------------------------------------------------------------------------------


def indicator_form(**overrides):
    return {"code": "VIEC_LAM", "name": "Giải quyết việc làm", "unit_of_measure": "người",
            "value_type": "count", "direction": "higher", "display_order": "30",
            "is_active": "on", **overrides}  # fmt: skip


def test_a_district_officer_cannot_edit_the_indicator_catalogue(officer_a):
    indicator = IndicatorFactory(name="Cũ")
    client = signed_in(officer_a)
    page = client.get(reverse("indicator_list"))
    assert page.status_code == 200
    html = page.content.decode()
    for url in (reverse("indicator_create"), reverse("import_indicators"),
                reverse("indicator_update", args=[indicator.pk])):  # fmt: skip
        assert url not in html
        assert client.get(url).status_code == 403
    assert client.post(reverse("indicator_create"), indicator_form()).status_code == 403
    update = reverse("indicator_update", args=[indicator.pk])
    assert client.post(update, indicator_form(code=indicator.code)).status_code == 403
    upload = SimpleUploadedFile("i.csv", b"code,name,unit_of_measure,value_type,direction\n")
    assert client.post(reverse("import_indicators"), {"file": upload}).status_code == 403
    with pytest.raises(PermissionDenied):
        catalogue_services.indicator_create(actor=officer_a, code="X", name="X",
                                            unit_of_measure="người")  # fmt: skip
    with pytest.raises(PermissionDenied):
        catalogue_services.indicator_update(actor=officer_a, indicator=indicator, name="Mới")
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Cũ"]


def test_a_district_officer_cannot_edit_the_award_catalogue(officer_a):
    award = award_type("LDTT")
    client = signed_in(officer_a)
    page = client.get(reverse("award_type_list"))
    url = reverse("award_type_update", args=[award.pk])
    assert page.status_code == 200 and url not in page.content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url, {"name_vi": "Đổi tên"}).status_code == 403
    with pytest.raises(PermissionDenied):
        award_type_update(actor=officer_a, award_type=award, name_vi="Đổi tên")
    award.refresh_from_db()
    assert award.name_vi != "Đổi tên"


def test_the_department_officer_still_edits_both_catalogues(officer):
    client = signed_in(officer)
    assert client.post(reverse("indicator_create"), indicator_form()).status_code == 302
    indicator = Indicator.objects.get(code="VIEC_LAM")
    page = client.get(reverse("indicator_list")).content.decode()
    assert reverse("indicator_update", args=[indicator.pk]) in page
    assert reverse("import_indicators") in page
    award = award_type("LDTT")
    assert reverse("award_type_update", args=[award.pk]) in (
        client.get(reverse("award_type_list")).content.decode()
    )
    updated = award_type_update(actor=officer, award_type=award,
                                rule_params={**award.rule_params, "note": "x"})  # fmt: skip
    assert updated.rule_params["note"] == "x"


# --- Days off: one calendar for every unit --------------------------------------------------------


def next_monday():
    day = timezone.localdate() + timedelta(days=30)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def test_a_district_officer_reads_the_days_off_but_does_not_change_them(officer_a, officer):
    day = DayOff.objects.create(date=next_monday(), name="Nghỉ bù")
    client = signed_in(officer_a)
    page = client.get(reverse("publicity_dayoff_list"))
    assert page.status_code == 200
    assert reverse("publicity_dayoff_add") not in page.content.decode()
    monday = next_monday() + timedelta(days=7)
    response = client.post(reverse("publicity_dayoff_add"),
                           {"date": monday.strftime("%d/%m/%Y"), "name": "Lễ hội"})  # fmt: skip
    assert response.status_code == 403
    assert client.post(reverse("publicity_dayoff_remove", args=[day.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        publicity.dayoff_add(actor=officer_a, date=monday, name="Lễ hội")
    with pytest.raises(PermissionDenied):
        publicity.dayoff_remove(actor=officer_a, day=day)
    assert list(DayOff.objects.all()) == [day]
    publicity.dayoff_add(actor=officer, date=monday, name="Lễ hội")
    assert DayOff.objects.count() == 2


# --- The award cycle ------------------------------------------------------------------------------


def test_a_district_council_member_does_not_vote_in_the_departments_session(
    officer, council, council_a, tree, person_a
):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    assert set(session.members.values_list("user__username", flat=True)) == {"council"}
    item = session.items.get()
    client = signed_in(council_a)
    url = reverse("council_ballot_cast", args=[session.pk, item.pk])
    assert client.post(url, {"choice": "agree"}).status_code == 404
    with pytest.raises(PermissionDenied):
        ballot_cast(actor=council_a, item=item, choice="agree")
    assert not Ballot.objects.exists()


def test_a_district_approver_does_not_revoke_an_award_the_department_decided(
    approver_a, approver, tree, person_a
):
    decision = DecisionFactory(unit=tree["dept"], issued=True)
    line_for_person(decision, person_a)
    award = AwardRecordFactory(person=person_a, decision=decision, source="granted",
                               decision_date=date(2024, 1, 15))  # fmt: skip
    values = {"reason": "Khai man thành tích.", "decision_number": "25/QĐ-SLĐTBXH",
              "decision_date": date(2025, 6, 1)}  # fmt: skip
    client = signed_in(approver_a)
    assert client.get(reverse("award_revoke", args=[award.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        award_revoke(actor=approver_a, award=award, **values)
    assert not AwardRecord.objects.get(pk=award.pk).revoked
    award_revoke(actor=approver, award=award, **values)
    assert AwardRecord.objects.get(pk=award.pk).revoked


def test_a_district_approver_revokes_an_award_their_own_district_decided(
    approver_a, tree, person_a
):
    decision = DecisionFactory(unit=tree["a"], issued=True)
    award = AwardRecordFactory(person=person_a, decision=decision, source="granted",
                               decision_date=date(2024, 1, 15))  # fmt: skip
    response = signed_in(approver_a).post(
        reverse("award_revoke", args=[award.pk]),
        {"reason": "Khai man.", "decision_number": "3/QĐ-UBND", "decision_date": "01/06/2025"},
    )
    assert response.status_code == 302
    assert AwardRecord.objects.get(pk=award.pk).revoked


def test_a_role_that_only_reads_the_department_does_not_let_a_district_officer_edit_its_holds(
    officer_a, tree, person_b
):
    """officer_a also reads the whole department as its auditor: they see unit B's hold, but
    editing it needs the officer's role on unit B."""
    from organizations.models import Role
    from tests.awards.factories import HoldFactory
    from tests.factories import MembershipFactory

    MembershipFactory(user=officer_a, unit=tree["dept"], role=Role.VIEWER)
    hold = HoldFactory(person=person_b)
    client = signed_in(officer_a)
    assert client.get(reverse("hold_list")).status_code == 200
    url = reverse("hold_update", args=[hold.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Đã xong", "start": "01/06/2023"}).status_code == 403


# --- Unit B's objects do not exist for unit A's roles -----------------------------------------


def _unit_b_objects():
    from tests.awards.factories import InitiativeFactory, NominationFactory
    from tests.awards.factories_publicity import PublicNoticeFactory

    return {
        "unit_detail": lambda get: [get("tree")["b"].pk],
        "person_detail": lambda get: [get("person_b").pk],
        "person_update": lambda get: [get("person_b").pk],
        "figures_entry": lambda get: [get("tree")["b"].pk, 2024],
        "registration_edit": lambda get: [get("tree")["b"].pk, 2024],
        "campaign_detail": lambda get: [campaign_aimed_at(get("tree")["b"], state="open").pk],
        "publicity_notice_detail": lambda get: [PublicNoticeFactory(unit=get("tree")["b"]).pk],
        "nomination_detail": lambda get: [NominationFactory(person=get("person_b")).pk],
        "initiative_update": lambda get: [InitiativeFactory(person=get("person_b")).pk],
    }


@pytest.mark.parametrize("persona", ["officer_a", "viewer_a", "council_a", "approver_a"])
@pytest.mark.parametrize("name", sorted(_unit_b_objects()))
def test_a_district_role_does_not_know_another_districts_objects(name, persona, request):
    args = _unit_b_objects()[name](request.getfixturevalue)
    response = signed_in(request.getfixturevalue(persona)).get(reverse(name, args=args))
    assert response.status_code == 404
