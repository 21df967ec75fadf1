"""The nomination screens: list, form, page, workflow buttons; who sees what."""

import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Nomination
from awards.nominations.services import nomination_submit
from organizations.models import AuditEntry
from tests.awards.factories import (
    CampaignFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.awards.test_nomination_services import complete_dossier, draft, ready
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
State = Nomination.State


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def detail(nomination):
    return reverse("nomination_detail", args=[nomination.pk])


def transition(nomination, action):
    return reverse("nomination_transition", args=[nomination.pk, action])


def assert_csp_clean(html):
    """Strict CSP: no inline script, no style attribute."""
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


# --- List --------------------------------------------------------------------------------------


def test_a_clerk_lists_their_units_nominations_only(as_user, clerk_a, person_a, person_b):
    mine = NominationFactory(person=person_a)
    theirs = NominationFactory(person=person_b)
    response = as_user(clerk_a).get(reverse("nomination_list"))
    assert response.status_code == 200
    rows = list(response.context["table"].data)
    assert mine in rows and theirs not in rows
    assert "box" not in response.context["filter"].form.fields
    html = response.content.decode()
    assert_csp_clean(html)
    assert re.search(r"state-badge[^>]*>.*Draft</span>", html)  # the state in words


def test_officers_see_incoming_nominations_by_default(as_user, officer, person_a, person_b):
    drafted = NominationFactory(person=person_a)
    sent = NominationFactory(person=person_b, state=State.SUBMITTED)
    again = NominationFactory(person=PersonFactory(unit=person_a.unit), state=State.RESUBMITTED)
    accepted = NominationFactory(person=PersonFactory(unit=person_b.unit), state=State.ACCEPTED)
    client = as_user(officer)
    incoming = set(client.get(reverse("nomination_list")).context["table"].data)
    assert incoming == {sent, again, accepted}
    everything = set(client.get(reverse("nomination_list"), {"box": "all"}).context["table"].data)
    assert drafted in everything and len(everything) == 4


def test_the_list_filters_by_campaign_award_state_and_year(as_user, officer, person_a):
    campaign = CampaignFactory()
    wanted = NominationFactory(person=person_a, campaign=campaign, state=State.SUBMITTED)
    NominationFactory(person=PersonFactory(unit=person_a.unit), state=State.SUBMITTED)
    NominationFactory(person=person_a, award_type=award_type("CSTDCS"), state=State.ACCEPTED)
    NominationFactory(person=person_a, year=2022, state=State.SUBMITTED)
    client = as_user(officer)

    def rows(**params):
        return list(client.get(reverse("nomination_list"), params).context["table"].data)

    assert rows(campaign=campaign.pk) == [wanted]
    assert len(rows(award_type=award_type("CSTDCS").pk)) == 1
    assert len(rows(state="accepted")) == 1
    assert len(rows(year=2022)) == 1


def test_search_ignores_diacritics_on_people_and_units(as_user, officer, person_a, tree):
    person_nomination = NominationFactory(person=person_a, state=State.SUBMITTED)
    unit_nomination = NominationFactory(
        person=None, unit=tree["b"], award_type=award_type("TTLDTT"), state=State.SUBMITTED
    )
    client = as_user(officer)

    def found(text):
        return set(client.get(reverse("nomination_list"), {"q": text}).context["table"].data)

    assert found("vang thi my") == {person_nomination}
    assert found("VÀNG") == {person_nomination}
    assert found("meo vac") == {unit_nomination}
    assert found("PB1") == set()
    assert found("pa1") == {person_nomination}


def test_the_list_exports_the_filtered_nominations_to_xlsx(as_user, officer, person_a, person_b):
    NominationFactory(person=person_a, state=State.SUBMITTED)
    NominationFactory(person=person_b, state=State.ACCEPTED)
    NominationFactory(person=PersonFactory(unit=person_b.unit))  # a draft: not incoming
    response = as_user(officer).get(reverse("nomination_list"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 3  # header + the two incoming ones
    assert {row[0] for row in values[1:]} == {"Vàng Thị Mỷ", "Ly Thị Dính"}
    assert {row[7] for row in values[1:]} == {2023}


def _list_queries(client, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(reverse("nomination_list"), {"box": "all"})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["clerk_a", "officer"])
def test_the_list_costs_the_same_queries_for_2_or_30_nominations(
    persona, request, as_user, tree, django_assert_max_num_queries
):
    # session, user, memberships (the scope), the count, the campaign and the award choices
    # of the filter form, the page of nominations with nominee, unit, award and campaign, and
    # the unread-notification count in the navigation.
    budget = 8
    client = as_user(request.getfixturevalue(persona))
    campaign = CampaignFactory()
    for _ in range(2):
        NominationFactory(person=PersonFactory(unit=tree["a1"]), campaign=campaign)
    few = _list_queries(client, django_assert_max_num_queries, budget)
    for _ in range(28):
        NominationFactory(person=PersonFactory(unit=tree["a1"]), campaign=CampaignFactory())
    many = _list_queries(client, django_assert_max_num_queries, budget)
    assert few == many


# --- Create ------------------------------------------------------------------------------------


def form_data(campaign, person=None, unit=None, code="LDTT", **extra):
    return {
        "campaign": campaign.pk,
        "award_type": award_type(code).pk,
        "person": person.pk if person else "",
        "unit": unit.pk if unit else "",
        "commendation_type": "merit",
        "summary": "Hoàn thành tốt nhiệm vụ.",
        **extra,
    }


def test_the_form_preselects_the_campaign(as_user, clerk_a):
    campaign = CampaignFactory(type="thematic")
    response = as_user(clerk_a).get(reverse("nomination_create"), {"campaign": campaign.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"campaign": campaign.pk, "commendation_type": "thematic"}
    html = response.content.decode()
    assert f'data-campaigns="{campaign.pk}"' in html
    assert 'data-recipient="collective"' in html
    assert_csp_clean(html)


def test_the_form_offers_only_accepting_campaigns_and_the_users_nominees(
    as_user, clerk_a, person_a, person_b, tree
):
    open_campaign = CampaignFactory()
    closed = CampaignFactory(state="closed")
    form = as_user(clerk_a).get(reverse("nomination_create")).context["form"]
    assert list(form.fields["campaign"].queryset) == [open_campaign]
    assert closed not in form.fields["campaign"].queryset
    assert list(form.fields["person"].people) == [person_a]
    assert set(form.fields["unit"].units) == {tree["a"], tree["a1"]}


def test_creating_a_nomination_leads_to_its_page(as_user, clerk_a, person_a):
    campaign = CampaignFactory()
    response = as_user(clerk_a).post(reverse("nomination_create"), form_data(campaign, person_a))
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(nomination)
    assert (nomination.person, nomination.state, nomination.created_by) == (
        person_a,
        State.DRAFT,
        clerk_a,
    )


def test_the_form_refuses_a_nominee_outside_the_clerks_units(as_user, clerk_a, person_b, tree):
    campaign = CampaignFactory()
    client = as_user(clerk_a)
    response = client.post(reverse("nomination_create"), form_data(campaign, person_b))
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    response = client.post(
        reverse("nomination_create"), form_data(campaign, unit=tree["b"], code="TTLDTT")
    )
    assert "unit" in response.context["form"].errors
    assert not Nomination.objects.exists()


def test_the_form_needs_exactly_one_nominee(as_user, clerk_a, person_a, tree):
    campaign = CampaignFactory()
    client = as_user(clerk_a)
    both = client.post(
        reverse("nomination_create"), form_data(campaign, person_a, tree["a"], code="GK_SO")
    )
    assert both.context["form"].non_field_errors()
    neither = client.post(reverse("nomination_create"), form_data(campaign, code="GK_SO"))
    assert neither.context["form"].non_field_errors()
    assert not Nomination.objects.exists()


def test_the_form_refuses_an_award_the_campaign_does_not_take(as_user, clerk_a, person_a):
    campaign = CampaignFactory(award_types=[award_type("CSTDCS")])
    CampaignFactory()  # LDTT is accepted by another campaign, so it is offered
    response = as_user(clerk_a).post(reverse("nomination_create"), form_data(campaign, person_a))
    assert "award_type" in response.context["form"].errors
    assert not Nomination.objects.exists()


def test_the_form_shows_a_service_refusal(as_user, clerk_a, person_a):
    campaign = CampaignFactory()
    NominationFactory(person=person_a, campaign=campaign)
    response = as_user(clerk_a).post(reverse("nomination_create"), form_data(campaign, person_a))
    assert response.status_code == 200
    assert "already has an open nomination" in str(response.context["form"].non_field_errors())


def test_checking_eligibility_from_the_form_saves_nothing(as_user, clerk_a, person_a):
    campaign = CampaignFactory()
    response = as_user(clerk_a).post(
        reverse("nomination_create"), form_data(campaign, person_a, check="1")
    )
    assert response.status_code == 200
    rules = {row["rule"]: row for row in response.context["checklist"]}
    assert rules["minimum_rating"]["outcome"] == "fail" and rules["minimum_rating"]["blocks"]
    assert not Nomination.objects.exists()
    assert "Annual rating" in response.content.decode()


def test_viewers_may_not_open_the_form(as_user, viewer):
    assert as_user(viewer).get(reverse("nomination_create")).status_code == 403


# --- Edit --------------------------------------------------------------------------------------


def test_editing_a_draft(as_user, clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)
    response = as_user(clerk_a).post(
        reverse("nomination_update", args=[nomination.pk]),
        {"commendation_type": "adhoc", "summary": "Dũng cảm cứu người."},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.commendation_type, nomination.summary) == ("adhoc", "Dũng cảm cứu người.")


def test_a_submitted_nomination_cannot_be_edited(as_user, clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    response = as_user(clerk_a).get(reverse("nomination_update", args=[nomination.pk]))
    assert response.status_code == 302 and response["Location"] == detail(nomination)


# --- Detail ------------------------------------------------------------------------------------


def test_a_draft_shows_the_live_checklist_and_a_disabled_submit(as_user, clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)
    response = as_user(clerk_a).get(detail(nomination))
    assert response.status_code == 200
    assert not response.context["checklist_snapshot"]
    html = response.content.decode()
    assert_csp_clean(html)
    submit = next(a for a in response.context["actions"] if a["name"] == "submit")
    assert any("Annual rating" in str(b) for b in submit["blockers"])
    assert any("Missing document" in str(b) for b in submit["blockers"])
    assert 'disabled aria-describedby="submit-blockers"' in html
    assert "Fail" in html  # the outcome in words, not colour alone
    assert "Báo cáo thành tích" in html and "Missing" in html


def test_after_submission_the_page_shows_the_stored_checklist(as_user, clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    response = as_user(clerk_a).get(detail(nomination))
    assert response.context["checklist_snapshot"]
    assert response.context["checked_at"] == Nomination.objects.get().submitted_at
    assert "Stored at submission" in response.content.decode()
    assert response.context["actions"] == []  # a clerk has nothing to do while it is reviewed


def test_the_timeline_shows_who_did_what(as_user, clerk_a, officer, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    client = as_user(officer)
    client.post(transition(nomination, "return"), {"reason": "Thiếu chữ ký lãnh đạo."})
    response = client.get(detail(nomination))
    labels = [str(item["label"]) for item in response.context["timeline"]]
    assert labels[0] == "Created" and labels[-2:] == ["Submitted", "Returned"]
    html = response.content.decode()
    assert "Thiếu chữ ký lãnh đạo." in html
    assert "Officer" in html  # who


def test_clerk_b_does_not_see_unit_a_nominations(as_user, clerk_b, person_a):
    nomination = NominationFactory(person=person_a)
    client = as_user(clerk_b)
    assert client.get(detail(nomination)).status_code == 404
    assert client.get(reverse("nomination_update", args=[nomination.pk])).status_code == 404
    assert client.post(transition(nomination, "submit")).status_code == 404


@pytest.mark.parametrize("persona", ["viewer", "council", "approver"])
def test_read_only_roles_read_but_cannot_act(persona, request, as_user, clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    client = as_user(request.getfixturevalue(persona))
    response = client.get(detail(nomination))
    assert response.status_code == 200 and response.context["actions"] == []
    assert client.post(transition(nomination, "submit")).status_code == 403
    nomination_submit(actor=clerk_a, nomination=nomination)
    assert client.post(transition(nomination, "accept")).status_code == 403
    assert Nomination.objects.get().state == State.SUBMITTED


def test_a_collective_nomination_shows_its_frozen_indicator_report(as_user, clerk_a, tree):
    from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

    RatingFactory(person=None, unit=tree["a"], year=2023, rating="HTTNV")
    IndicatorValueFactory(indicator=IndicatorFactory(code="GQVL", name="Giải quyết việc làm"),
                          unit=tree["a"], year=2023, target=17000, result=17605)  # fmt: skip
    nomination = draft(clerk_a, code="GK_SO", unit=tree["a"])
    client = as_user(clerk_a)
    before = client.get(detail(nomination)).content.decode()
    assert "attached automatically" in before
    complete_dossier(nomination, clerk_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    html = client.get(detail(nomination)).content.decode()
    assert "Giải quyết việc làm" in html and "17,605" in html  # localised figures (English)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "17.605" in client.get(detail(nomination)).content.decode()


# --- Workflow ----------------------------------------------------------------------------------


def test_the_whole_journey_through_the_buttons(as_user, clerk_a, officer, person_a):
    RatingFactory(person=person_a, year=2023, rating="HTTNV")
    nomination = draft(clerk_a, person=person_a)
    complete_dossier(nomination, clerk_a)
    clerk = as_user(clerk_a)
    response = clerk.post(transition(nomination, "submit"), follow=True)
    assert "submitted" in " ".join(messages_of(response))
    assert Nomination.objects.get().state == State.SUBMITTED

    officer_client = Client()
    officer_client.force_login(officer)
    page = officer_client.get(detail(nomination))
    assert [a["name"] for a in page.context["actions"]] == ["accept", "return"]
    refused = officer_client.post(transition(nomination, "return"), {"reason": ""}, follow=True)
    assert "Give a reason." in messages_of(refused)
    assert Nomination.objects.get().state == State.SUBMITTED
    officer_client.post(transition(nomination, "return"), {"reason": "Bổ sung biên bản."})
    assert Nomination.objects.get().state == State.RETURNED

    page = clerk.get(detail(nomination))
    assert page.context["returned"].reason == "Bổ sung biên bản."
    assert "Returned by Officer" in page.content.decode()
    assert [a["name"] for a in page.context["actions"]] == ["submit", "withdraw"]
    assert str(page.context["actions"][0]["label"]) == "Resubmit"
    clerk.post(transition(nomination, "submit"))
    assert Nomination.objects.get().state == State.RESUBMITTED
    officer_client.post(transition(nomination, "accept"))
    assert Nomination.objects.get().state == State.ACCEPTED
    again = officer_client.post(transition(nomination, "accept"), follow=True)
    assert any("cannot be done" in m for m in messages_of(again))
    assert AuditEntry.objects.filter(action="nomination.accept").count() == 1


def test_an_officer_overrides_and_the_clerk_submits(as_user, clerk_a, officer, person_a):
    nomination = draft(clerk_a, person=person_a)
    complete_dossier(nomination, clerk_a)
    officer_client = Client()
    officer_client.force_login(officer)
    page = officer_client.get(detail(nomination))
    assert "override" in [a["name"] for a in page.context["actions"]]
    officer_client.post(transition(nomination, "override"), {"reason": ""})
    assert Nomination.objects.get().override_reason == ""
    officer_client.post(transition(nomination, "override"), {"reason": "Đã có xếp loại giấy."})
    clerk = as_user(clerk_a)
    page = clerk.get(detail(nomination))
    submit = next(a for a in page.context["actions"] if a["name"] == "submit")
    assert submit["blockers"] == []
    assert "Đã có xếp loại giấy." in page.content.decode()
    assert "overridden by an officer" in page.content.decode()
    clerk.post(transition(nomination, "submit"))
    assert Nomination.objects.get().state == State.SUBMITTED


def test_withdrawing_from_the_page(as_user, clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)
    as_user(clerk_a).post(transition(nomination, "withdraw"), {"reason": ""})
    assert Nomination.objects.get().state == State.WITHDRAWN


def test_unknown_actions_and_gets_are_refused(as_user, officer, person_a):
    nomination = NominationFactory(person=person_a)
    client = as_user(officer)
    assert client.post(transition(nomination, "approve")).status_code == 404
    assert client.get(transition(nomination, "accept")).status_code == 405


def test_a_clerk_cannot_accept(as_user, clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    assert as_user(clerk_a).post(transition(nomination, "accept")).status_code == 403
    assert Nomination.objects.get().state == State.SUBMITTED


@pytest.mark.parametrize(
    "name,args",
    [
        ("nomination_create", lambda n: []),
        ("nomination_update", lambda n: [n.pk]),
        ("nomination_transition", lambda n: [n.pk, "withdraw"]),
        ("dossier_upload", lambda n: [n.pk]),
    ],
)
def test_every_post_needs_its_csrf_token(name, args, officer, person_a):
    nomination = NominationFactory(person=person_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse(name, args=args(nomination)), {"anything": "x"})
    assert response.status_code == 403
    assert Nomination.objects.get().state == State.DRAFT


def test_closed_campaigns_do_not_appear_on_the_form(as_user, clerk_a):
    CampaignFactory(nominations_open=date(2020, 1, 1), nominations_close=date(2020, 12, 31))
    response = as_user(clerk_a).get(reverse("nomination_create"))
    assert response.context["no_campaign"]
    assert "No campaign aimed at your units" in response.content.decode()


@pytest.mark.parametrize(
    "sort", ["nominee", "-nominee", "unit", "award_type", "-campaign", "year", "state",
             "-submitted_at", "updated_at"],
)  # fmt: skip
def test_every_column_sorts(sort, as_user, officer, person_a, tree):
    NominationFactory(person=person_a, state=State.SUBMITTED)
    NominationFactory(person=None, unit=tree["b"], award_type=award_type("TTLDTT"),
                      state=State.SUBMITTED)  # fmt: skip
    response = as_user(officer).get(reverse("nomination_list"), {"sort": sort})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 2


def test_nominees_sort_by_vietnamese_given_name(as_user, officer, tree):
    for name in ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Đức"]:
        NominationFactory(person=PersonFactory(full_name=name, unit=tree["a"]),
                          state=State.SUBMITTED)  # fmt: skip
    response = as_user(officer).get(reverse("nomination_list"), {"sort": "nominee"})
    names = [row.record.person.full_name for row in response.context["table"].page.object_list]
    assert names == ["Trần Thị An", "Nguyễn Văn Bình", "Lê Văn Đức"]


def test_the_list_names_the_award_rather_than_its_code(as_user, officer, person_a):
    award = award_type("CSTDCS")
    NominationFactory(person=person_a, award_type=award, state=State.SUBMITTED)
    page = as_user(officer).get(reverse("nomination_list")).content.decode()
    assert f'<span title="CSTDCS">{award.name}</span>' in page
    assert ">CSTDCS</abbr>" not in page
