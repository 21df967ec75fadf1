"""The award forms and filters take a person or a unit typed by code or name, not picked from a
select of every person and unit the user holds: 100,000 and 3,000 for the department's officer."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Hold, Initiative, Nomination
from tests.awards.factories import CampaignFactory, HoldFactory
from tests.awards.test_nomination_views import form_data
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
# A drop-down of people or units, which these pages no longer have.
NOMINEE_SELECT = re.compile(r'<select[^>]*name="(person|unit)"')


def _signed_in(client, user):
    client.force_login(user)
    return client


# --- The nomination form -----------------------------------------------------------------------


def test_a_nominee_is_taken_by_staff_number_or_unit_code(client, clerk_a, person_a, tree):
    campaign = CampaignFactory()
    client = _signed_in(client, clerk_a)
    data = {**form_data(campaign), "person": "pa1"}
    assert client.post(reverse("nomination_create"), data).status_code == 302
    data = {**form_data(campaign, code="TTLDTT"), "unit": "unit-a1"}
    assert client.post(reverse("nomination_create"), data).status_code == 302
    assert {(n.person, n.unit) for n in Nomination.objects.all()} == {
        (person_a, tree["a"]),
        (None, tree["a1"]),
    }


def test_a_name_several_people_share_lists_them_to_choose_from(client, clerk_a, person_a, tree):
    PersonFactory(code="PA2", full_name="Vàng Thị Mai", unit=tree["a1"])
    campaign = CampaignFactory()
    response = _signed_in(client, clerk_a).post(
        reverse("nomination_create"), {**form_data(campaign), "person": "vang thi"}
    )
    assert response.status_code == 200 and not Nomination.objects.exists()
    [error] = response.context["form"].errors["person"]
    assert error.startswith("Several of your people match: type the staff number of one, e.g.")
    assert "PA1 — Vàng Thị Mỷ (Phòng LĐTBXH huyện Đồng Văn)" in error
    assert "PA2 — Vàng Thị Mai (Xã Lũng Cú)" in error
    # The box keeps what was typed, for the clerk to correct it.
    assert 'value="vang thi"' in response.content.decode()


def test_an_unknown_name_is_refused_and_no_other_error_hides_it(client, clerk_a, person_b):
    campaign = CampaignFactory()
    client = _signed_in(client, clerk_a)
    for typed in ["Nobody Atall", "PB1", "ly thi dinh"]:  # the last two: another district's
        response = client.post(
            reverse("nomination_create"), {**form_data(campaign), "person": typed}
        )
        form = response.context["form"]
        assert form.errors["person"] == ["None of your people has this staff number or name."]
        assert not form.non_field_errors()
    assert not Nomination.objects.exists()


def test_the_form_of_an_officer_with_many_people_lists_none_of_them(
    client, officer, tree, person_a
):
    """The page weighs the same with 300 people as with one: no option per person or unit."""
    CampaignFactory()
    client = _signed_in(client, officer)
    url = reverse("nomination_create")
    client.get(url)  # warms the per-process caches (content types, the session's user)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url).content.decode()
    PersonFactory.create_batch(300, unit=tree["a1"])
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many) == len(few)
    assert len(html) < len(small) + 200
    assert 'data-person-lookup="/people/lookup/"' in html
    assert 'data-unit-lookup="/units/lookup/"' in html
    assert not NOMINEE_SELECT.search(html)
    assert "PA1" not in html and "UNIT-A1" not in html
    assert "js/lookup.js" in html


# --- Holds, initiatives, ratings ---------------------------------------------------------------


def test_a_hold_is_recorded_for_a_person_typed_by_name(client, officer, person_a, tree):
    client = _signed_in(client, officer)
    data = {"reason": "Đang điều tra", "start": "01/06/2024"}
    neither = client.post(reverse("hold_create"), data)
    assert neither.context["form"].non_field_errors() == ["Choose either a person or a unit."]
    both = client.post(reverse("hold_create"), {**data, "person": "PA1", "unit": "UNIT-B"})
    assert both.context["form"].non_field_errors() == ["Choose either a person or a unit."]
    done = client.post(reverse("hold_create"), {**data, "person": "vang thi my"})
    assert done.status_code == 302
    assert Hold.objects.get().person == person_a
    page = client.get(reverse("hold_create")).content.decode()
    assert not NOMINEE_SELECT.search(page) and "js/lookup.js" in page


@pytest.mark.parametrize("name", ["hold_list", "award_history", "initiative_list"])
def test_the_history_lists_filter_on_a_unit_typed_by_code_or_name(name, client, officer, tree):
    client = _signed_in(client, officer)
    page = client.get(reverse(name), {"unit": "meo vac"})
    assert page.status_code == 200
    form = page.context["filter"].form
    assert form.is_valid() and form.cleaned_data["unit"] == tree["b"]
    html = page.content.decode()
    assert 'data-unit-lookup="/units/lookup/"' in html and "js/lookup.js" in html
    assert not NOMINEE_SELECT.search(html)
    older = client.get(reverse(name), {"unit": tree["b"].pk})
    assert older.context["filter"].form.cleaned_data["unit"] == tree["b"]


def test_the_hold_list_keeps_the_units_subtree(client, officer, tree):
    inside = HoldFactory(person=PersonFactory(unit=tree["a1"]), reason="Trong huyện")
    HoldFactory(person=PersonFactory(unit=tree["b"]), reason="Huyện khác")
    page = _signed_in(client, officer).get(reverse("hold_list"), {"unit": "unit-a"})
    assert list(page.context["table"].data) == [inside]
    unknown = client.get(reverse("hold_list"), {"unit": "khong co"})
    assert unknown.context["filter"].form.errors["unit"] == [
        "None of your units has this code or name."
    ]


def test_an_initiative_link_for_a_person_shows_their_staff_number(client, clerk_a, person_a):
    client = _signed_in(client, clerk_a)
    page = client.get(reverse("initiative_create"), {"person": person_a.pk})
    assert page.context["form"]["person"].value() == "PA1"
    assert 'value="PA1"' in page.content.decode()
    done = client.post(
        reverse("initiative_create"),
        {"person": "pa1", "year": 2023, "title": "Số hóa", "level": "grassroots"},
    )
    assert done.status_code == 302 and Initiative.objects.get().person == person_a


def test_the_ratings_grid_opens_for_a_unit_typed_by_code(client, clerk_a, tree):
    client = _signed_in(client, clerk_a)
    response = client.get(reverse("ratings_index"), {"unit": "lung cu", "year": 2023})
    assert response.status_code == 302
    assert response["Location"] == reverse("ratings_grid", args=[tree["a1"].pk, 2023])
    refused = client.get(reverse("ratings_index"), {"unit": "UNIT-B", "year": 2023})
    assert refused.status_code == 200 and "unit" in refused.context["form"].errors
    assert not NOMINEE_SELECT.search(refused.content.decode())


# --- The award reports' unit picker ------------------------------------------------------------


@pytest.mark.parametrize("name", ["report_awards", "report_performance"])
def test_the_reports_take_a_unit_typed_by_code_beyond_the_select_limit(
    name, client, officer, tree, monkeypatch
):
    client = _signed_in(client, officer)
    assert '<select name="unit"' in client.get(reverse(name)).content.decode()
    monkeypatch.setattr("awards.reports.forms.UNIT_SELECT_LIMIT", 2)
    html = client.get(reverse(name)).content.decode()
    assert not NOMINEE_SELECT.search(html)
    assert 'name="unit_code"' in html and 'data-unit-lookup="/units/lookup/"' in html
    assert "js/lookup.js" in html
    chosen = client.get(reverse(name), {"unit_code": "lung cu"})
    assert chosen.context["unit"] == tree["a1"]
    assert 'value="UNIT-A1"' in chosen.content.decode()
    assert client.get(reverse(name), {"unit_code": "khong co"}).status_code == 404


# --- Decisions, proposals, public notices, printers --------------------------------------------


def test_the_new_decision_switches_its_unit_by_code_or_name(client, approver, tree):
    client = _signed_in(client, approver)
    first = client.get(reverse("decision_create"))
    assert first.context["unit"] == tree["dept"]
    html = first.content.decode()
    assert not NOMINEE_SELECT.search(html) and "js/lookup.js" in html
    assert 'data-unit-lookup="/units/lookup/"' in html and 'value="DEPT"' in html
    switched = client.get(reverse("decision_create"), {"unit": "meo vac"})
    assert switched.context["unit"] == tree["b"]
    assert switched.context["chooser"]["unit"].value() == "UNIT-B"
    older = client.get(reverse("decision_create"), {"unit": tree["a"].pk})
    assert older.context["unit"] == tree["a"]
    unknown = client.get(reverse("decision_create"), {"unit": "khong co"})
    assert unknown.context["unit"] == tree["dept"]
    assert unknown.context["chooser"].errors["unit"] == [
        "None of your units has this code or name."
    ]


@pytest.mark.parametrize(
    ("name", "user"),
    [("proposal_create", "approver"), ("publicity_notice_create", "officer"),
     ("printer_list", "officer")],
)  # fmt: skip
def test_the_unit_of_a_proposal_notice_or_printer_is_typed(name, user, client, request, tree):
    client = _signed_in(client, request.getfixturevalue(user))
    html = client.get(reverse(name)).content.decode()
    assert not NOMINEE_SELECT.search(html)
    assert 'data-unit-lookup="/units/lookup/"' in html and "js/lookup.js" in html


def test_a_printer_is_kept_for_a_unit_typed_by_code(client, officer, tree):
    from awards.certificates.models import PrinterOffset

    client = _signed_in(client, officer)
    page = client.get(reverse("printer_list")).content.decode()
    assert 'value="DEPT"' in page  # the officer's own office, most likely
    values = {"unit": "unit-a", "name": "Canon", "dx_mm": "1", "dy_mm": "0"}
    assert client.post(reverse("printer_list"), values).status_code == 302
    assert PrinterOffset.objects.get().unit == tree["a"]


def test_the_council_to_open_a_session_of_is_typed(client, officer, tree):
    client = _signed_in(client, officer)
    first = client.get(reverse("council_session_create"))
    assert first.context["unit"] == tree["dept"]
    html = first.content.decode()
    assert not NOMINEE_SELECT.search(html) and "js/lookup.js" in html
    assert (
        client.get(reverse("council_session_create"), {"unit": "UNIT-A"}).context["unit"]
        == tree["a"]
    )
    unknown = client.get(reverse("council_session_create"), {"unit": "khong co"})
    assert unknown.context["chooser"].errors["unit"] == [
        "None of your units has this code or name."
    ]
    posted = client.post(reverse("council_session_create"), {"unit": "khong co"})
    assert posted.status_code == 404


def test_a_campaign_is_aimed_at_units_typed_by_code_or_name(client, officer, tree):
    from awards.models import Campaign
    from tests.awards.test_campaigns import campaign_data

    client = _signed_in(client, officer)
    html = client.get(reverse("campaign_create")).content.decode()
    assert not re.search(r'<select[^>]*name="target_units"', html)
    assert "data-unit-lookup-multiple" in html and "js/lookup.js" in html
    refused = client.post(
        reverse("campaign_create"), campaign_data(target_units="UNIT-A, khong co; l")
    )
    errors = refused.context["form"].errors["target_units"]
    assert errors[0] == "“khong co”: None of your units has this code or name."
    assert errors[1].startswith("“l”: Several of your units match: type the code of one, e.g.")
    assert 'value="UNIT-A, khong co; l"' in refused.content.decode()
    done = client.post(
        reverse("campaign_create"), campaign_data(target_units="unit-a1, meo vac,, UNIT-A1")
    )
    assert done.status_code == 302
    campaign = Campaign.objects.get()
    assert set(campaign.target_units.all()) == {tree["a1"], tree["b"]}
    edit = client.get(reverse("campaign_update", args=[campaign.pk]))
    assert edit.context["form"]["target_units"].value() in ("UNIT-A1, UNIT-B", "UNIT-B, UNIT-A1")
