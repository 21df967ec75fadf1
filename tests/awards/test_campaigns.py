"""Campaigns: creating, launching and closing them, who sees them, and their documents."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from awards.campaigns import panels, services
from awards.models import Campaign, CampaignDocument, Registration
from organizations.models import AuditEntry, Role
from tests.awards.factories import CampaignFactory, award_type
from tests.factories import MembershipFactory, UserFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes("Ke hoach")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64


def office_file(*members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for member in members:
            archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def clerk_a1(tree):
    user = UserFactory(username="clerk_a1")
    MembershipFactory(user=user, unit=tree["a1"], role=Role.CLERK)
    return user


def signed_in(user):
    """A client signed in as the user, reading the pages in English."""
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def audit_rows(obj, action=None):
    rows = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    if action:
        rows = rows.filter(action=action)
    return rows.order_by("at", "id")


def campaign_data(**overrides):
    data = {
        "name": "Phong trào thi đua yêu nước năm 2025",
        "type": "annual",
        "year": "2025",
        "starts_on": "01/01/2025",
        "ends_on": "31/12/2025",
        "description": "Phát động phong trào thi đua năm 2025.",
        "nominations_open": timezone.localdate().strftime("%d/%m/%Y"),
        "nominations_close": (timezone.localdate() + timedelta(days=60)).strftime("%d/%m/%Y"),
    }
    data.update(overrides)
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- Creating, launching, closing --------------------------------------------------------------


def test_officer_creates_launches_and_closes_a_campaign_with_audit_rows(officer, tree):
    client = signed_in(officer)
    data = campaign_data(
        award_types=[award_type("LDTT").pk, award_type("TTLDTT").pk],
        target_units=[tree["a"].pk],
    )
    response = client.post(reverse("campaign_create"), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaign_detail", args=[campaign.pk])
    assert campaign.state == Campaign.State.DRAFT
    assert campaign.created_by == officer
    assert {a.code for a in campaign.award_types.all()} == {"LDTT", "TTLDTT"}
    assert list(campaign.target_units.all()) == [tree["a"]]
    created = audit_rows(campaign, "campaign.create").get()
    assert created.actor == officer and created.to_state == "draft"

    response = client.post(reverse("campaign_transition", args=[campaign.pk, "launch"]))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.OPEN
    launched = audit_rows(campaign, "campaign.open").get()
    assert (launched.from_state, launched.to_state, launched.actor) == ("draft", "open", officer)

    client.post(reverse("campaign_transition", args=[campaign.pk, "close"]))
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.CLOSED
    closed = audit_rows(campaign, "campaign.closed").get()
    assert (closed.from_state, closed.to_state) == ("open", "closed")

    # Closing twice is refused with a message, and writes nothing.
    response = client.post(reverse("campaign_transition", args=[campaign.pk, "close"]), follow=True)
    assert any("cannot be done while the campaign is" in m for m in messages_of(response))
    assert audit_rows(campaign).count() == 3


def test_clerks_and_other_roles_cannot_manage_campaigns(clerk_a, council, viewer, tree):
    campaign = CampaignFactory(state="draft")
    launched = CampaignFactory(state="open")
    for user in (clerk_a, council, viewer):
        client = signed_in(user)
        assert client.get(reverse("campaign_create")).status_code == 403
        assert client.post(reverse("campaign_create"), campaign_data()).status_code == 403
        # A draft does not exist for them; a launched campaign does, but is not theirs to run.
        transition = reverse("campaign_transition", args=[campaign.pk, "launch"])
        assert client.post(transition).status_code == 404
        close = reverse("campaign_transition", args=[launched.pk, "close"])
        assert client.post(close).status_code == 403
        assert client.get(reverse("campaign_update", args=[launched.pk])).status_code == 403
        upload = reverse("campaign_document_upload", args=[launched.pk])
        pdf = SimpleUploadedFile("plan.pdf", PDF)
        assert client.post(upload, {"file": pdf}).status_code == 403
    assert Campaign.objects.filter(state="draft").count() == 1
    launched.refresh_from_db()
    assert launched.state == "open"
    assert not CampaignDocument.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="campaign.").exists()


def test_transition_is_post_only_and_knows_its_actions(officer):
    campaign = CampaignFactory(state="draft")
    client = signed_in(officer)
    assert (
        client.get(reverse("campaign_transition", args=[campaign.pk, "launch"])).status_code == 405
    )
    assert (
        client.post(reverse("campaign_transition", args=[campaign.pk, "delete"])).status_code == 404
    )


def test_invalid_window_is_refused_on_the_form_and_by_the_service(officer, tree):
    client = signed_in(officer)
    response = client.post(
        reverse("campaign_create"),
        campaign_data(nominations_open="31/03/2025", nominations_close="01/03/2025"),
    )
    assert response.status_code == 200
    assert "closes before it opens" in str(response.context["form"].errors["nominations_close"])
    response = client.post(
        reverse("campaign_create"), campaign_data(starts_on="31/12/2025", ends_on="01/01/2025")
    )
    assert "ends before it starts" in str(response.context["form"].errors["ends_on"])
    assert not Campaign.objects.exists()
    with pytest.raises(ValidationError) as refusal:
        services.campaign_create(
            actor=officer,
            name="Đợt khen thưởng",
            type="adhoc",
            year=2025,
            nominations_open=date(2025, 5, 1),
            nominations_close=date(2025, 4, 1),
        )
    assert "nominations_close" in refusal.value.message_dict
    assert not Campaign.objects.exists()
    assert not AuditEntry.objects.exists()


def test_launch_needs_an_award_type_and_a_window_not_yet_closed(officer):
    empty = CampaignFactory(state="draft", award_types=[])
    with pytest.raises(services.WorkflowError, match="at least one award type"):
        services.campaign_launch(actor=officer, campaign=empty)
    past = CampaignFactory(
        state="draft", nominations_open=date(2020, 1, 1), nominations_close=date(2020, 2, 1)
    )
    with pytest.raises(services.WorkflowError, match="window closed on 01/02/2020"):
        services.campaign_launch(actor=officer, campaign=past)
    response = signed_in(officer).post(
        reverse("campaign_transition", args=[empty.pk, "launch"]), follow=True
    )
    assert any("cannot be launched yet" in m for m in messages_of(response))
    assert set(Campaign.objects.values_list("state", flat=True)) == {"draft"}
    assert not AuditEntry.objects.exists()


def test_a_launched_campaign_changes_only_its_dates_and_description(officer, tree):
    campaign = CampaignFactory(state="open", name="Phong trào cũ")
    with pytest.raises(services.WorkflowError, match="only its dates and description"):
        services.campaign_update(actor=officer, campaign=campaign, name="Tên mới")
    with pytest.raises(services.WorkflowError, match="only its dates and description"):
        services.campaign_update(actor=officer, campaign=campaign, award_types=[award_type("LDTT")])
    services.campaign_update(
        actor=officer,
        campaign=campaign,
        nominations_close=date(2031, 1, 31),
        description="Gia hạn nộp hồ sơ.",
    )
    campaign.refresh_from_db()
    assert campaign.nominations_close == date(2031, 1, 31)
    assert campaign.description == "Gia hạn nộp hồ sơ."
    update = audit_rows(campaign, "campaign.update").get()
    assert update.changes["nominations_close"] == ["2030-12-31", "2031-01-31"]

    # On the form the frozen fields are disabled: a posted name is ignored, the dates saved.
    response = signed_in(officer).post(
        reverse("campaign_update", args=[campaign.pk]),
        campaign_data(
            name="Tên mới",
            nominations_open="01/01/2024",
            nominations_close="15/02/2031",
            description="Gia hạn lần hai.",
        ),
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Phong trào cũ"
    assert campaign.nominations_close == date(2031, 2, 15)

    campaign.state = "closed"
    campaign.save()
    with pytest.raises(services.WorkflowError, match="closed campaign"):
        services.campaign_update(actor=officer, campaign=campaign, description="x")
    response = signed_in(officer).get(reverse("campaign_update", args=[campaign.pk]))
    assert response.status_code == 302


def test_a_draft_changes_freely(officer, tree):
    campaign = CampaignFactory(state="draft", award_types=[award_type("LDTT")])
    response = signed_in(officer).post(
        reverse("campaign_update", args=[campaign.pk]),
        campaign_data(
            name="Đợt khen thưởng chuyên đề",
            type="thematic",
            award_types=[award_type("BK_TINH").pk],
            target_units=[tree["b"].pk],
        ),
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, campaign.type) == ("Đợt khen thưởng chuyên đề", "thematic")
    assert [a.code for a in campaign.award_types.all()] == ["BK_TINH"]
    assert list(campaign.target_units.all()) == [tree["b"]]
    changes = audit_rows(campaign, "campaign.update").get().changes
    assert changes["award_types"] == ["LDTT", "BK_TINH"]
    assert changes["target_units"] == ["", "UNIT-B"]


# --- Who sees which campaign -------------------------------------------------------------------


def test_a_targeted_campaign_is_seen_in_its_subtree_only(
    clerk_a, clerk_b, clerk_a1, officer, viewer, tree
):
    campaign = CampaignFactory(state="open", name="Thi đua ở Đồng Văn")
    campaign.target_units.set([tree["a"]])
    everyone = CampaignFactory(state="open", name="Thi đua toàn ngành")
    draft = CampaignFactory(state="draft", name="Bản nháp")
    detail = reverse("campaign_detail", args=[campaign.pk])

    def listed(user):
        response = signed_in(user).get(reverse("campaign_list"))
        assert response.status_code == 200
        return {c.name for c in response.context["campaigns"]}

    assert signed_in(clerk_b).get(detail).status_code == 404
    assert listed(clerk_b) == {everyone.name}
    # A clerk of a descendant of the target unit sees it; so does the target unit's clerk and
    # a department-wide viewer (it reaches part of their subtree).
    for user in (clerk_a1, clerk_a, viewer):
        assert signed_in(user).get(detail).status_code == 200
        assert listed(user) == {campaign.name, everyone.name}
    # Drafts exist only for officers.
    assert signed_in(clerk_a).get(reverse("campaign_detail", args=[draft.pk])).status_code == 404
    assert listed(officer) == {campaign.name, everyone.name, draft.name}


def test_list_filters_by_year_and_state(officer, clerk_a):
    CampaignFactory(state="open", year=2023, name="Năm 2023")
    CampaignFactory(state="closed", year=2024, name="Năm 2024")
    CampaignFactory(state="draft", year=2024, name="Nháp 2024")
    client = signed_in(officer)

    def names(query):
        return {c.name for c in client.get(reverse("campaign_list") + query).context["campaigns"]}

    assert names("?year=2024") == {"Năm 2024", "Nháp 2024"}
    assert names("?state=closed") == {"Năm 2024"}
    assert names("?year=2024&state=draft") == {"Nháp 2024"}
    assert names("?state=bogus&year=nope") == {"Năm 2023", "Năm 2024", "Nháp 2024"}
    # A clerk cannot even ask for drafts.
    response = signed_in(clerk_a).get(reverse("campaign_list") + "?state=draft")
    assert {c.name for c in response.context["campaigns"]} == {"Năm 2023", "Năm 2024"}


def test_detail_shows_what_the_campaign_is_and_offers_the_right_buttons(officer, clerk_a, tree):
    campaign = CampaignFactory(
        state="open", description="Kế hoạch số 12", award_types=[award_type("CO_TINH")]
    )
    campaign.target_units.set([tree["a"]])
    page = signed_in(clerk_a).get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert "Kế hoạch số 12" in page
    assert "CO_TINH" in page
    assert tree["a"].name in page
    assert reverse("campaign_transition", args=[campaign.pk, "close"]) not in page
    assert reverse("campaign_update", args=[campaign.pk]) not in page
    assert f"{reverse('nomination_create')}?campaign={campaign.pk}" in page
    page = signed_in(officer).get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert reverse("campaign_transition", args=[campaign.pk, "close"]) in page
    assert reverse("campaign_transition", args=[campaign.pk, "launch"]) not in page
    assert reverse("campaign_document_upload", args=[campaign.pk]) in page


def test_nominate_is_offered_only_while_the_window_is_open(clerk_a, viewer):
    campaign = CampaignFactory(
        state="open", nominations_open=date(2020, 1, 1), nominations_close=date(2020, 3, 1)
    )
    page = signed_in(clerk_a).get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert reverse("nomination_create") not in page
    accepting = CampaignFactory(state="open")
    url = reverse("campaign_detail", args=[accepting.pk])
    assert reverse("nomination_create") in signed_in(clerk_a).get(url).content.decode()
    # Viewers cannot nominate.
    assert reverse("nomination_create") not in signed_in(viewer).get(url).content.decode()


def test_campaign_list_costs_the_same_queries_for_few_and_many(
    officer, clerk_a, tree, django_assert_max_num_queries
):
    def measure(user):
        client = signed_in(user)
        client.get(reverse("campaign_list"))  # warm the session
        with django_assert_max_num_queries(7):
            response = client.get(reverse("campaign_list"))
        return response

    for _ in range(2):
        CampaignFactory(state="open").target_units.set([tree["a"]])
    measure(officer)
    measure(clerk_a)
    for _ in range(40):
        CampaignFactory(state="open").target_units.set([tree["a"], tree["b"]])
    assert len(measure(officer).context["campaigns"]) == services_per_page()
    assert measure(clerk_a).context["page"].paginator.count == 42


def services_per_page():
    from awards.campaigns.views import PER_PAGE

    return PER_PAGE


# --- Documents ---------------------------------------------------------------------------------


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client, campaign, name, data, title=""):
    return client.post(
        reverse("campaign_document_upload", args=[campaign.pk]),
        {"title": title, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("ke-hoach.pdf", PDF),
        ("Huong dan.docx", office_file("word/document.xml")),
        ("bieu-mau.xlsx", office_file("xl/workbook.xml")),
        ("anh.JPG", JPEG),
        ("so-do.png", PNG),
    ],
)
def test_an_accepted_document_is_stored_audited_and_downloadable(
    officer, clerk_a, clerk_b, tree, name, data
):
    campaign = CampaignFactory(state="open")
    campaign.target_units.set([tree["a"]])
    response = upload(signed_in(officer), campaign, name, data, title="Kế hoạch")
    assert any("was attached" in m for m in messages_of(response))
    document = CampaignDocument.objects.get()
    assert document.title == "Kế hoạch"
    assert audit_rows(campaign, "campaign.document_add").count() == 1
    url = reverse("campaign_document_download", args=[campaign.pk, document.pk])
    response = signed_in(clerk_a).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == data
    assert signed_in(clerk_b).get(url).status_code == 404


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("ke-hoach.pdf", PNG, "not really a PDF file"),
        ("anh.png", PDF, "not really a PNG file"),
        ("setup.exe", EXE, "not an accepted type"),
        ("tro-choi.docx", EXE, "not really a Word (DOCX) file"),
        ("bang.xlsx", office_file("word/document.xml"), "not really a Excel (XLSX) file"),
        ("tai-lieu", PDF, "not an accepted type"),
        ("rong.pdf", b"", ""),
    ],
)
def test_a_document_of_the_wrong_type_is_refused_and_nothing_is_saved(
    officer, settings, name, data, message
):
    campaign = CampaignFactory(state="open")
    response = upload(signed_in(officer), campaign, name, data)
    refusals = [m for m in messages_of(response) if "was not attached" in m]
    assert refusals and message in refusals[0]
    assert not CampaignDocument.objects.exists()
    assert not AuditEntry.objects.exists()
    assert media_files(settings) == []


def test_a_document_over_the_limit_is_refused(officer, settings):
    settings.CAMPAIGN_DOCUMENT_MAX_BYTES = 1024
    campaign = CampaignFactory(state="open")
    response = upload(signed_in(officer), campaign, "lon.pdf", PDF + b"0" * 2000)
    refusals = [m for m in messages_of(response) if "was not attached" in m]
    assert refusals and "the limit is 1.0\xa0KB" in refusals[0]
    assert not CampaignDocument.objects.exists()
    assert media_files(settings) == []
    upload(signed_in(officer), campaign, "nho.pdf", PDF)
    assert CampaignDocument.objects.count() == 1


def test_a_document_of_another_campaign_is_not_served(officer):
    first, second = CampaignFactory(state="open"), CampaignFactory(state="open")
    upload(signed_in(officer), first, "a.pdf", PDF)
    document = CampaignDocument.objects.get()
    url = reverse("campaign_document_download", args=[second.pk, document.pk])
    assert signed_in(officer).get(url).status_code == 404


@pytest.mark.parametrize(
    "name, args",
    [
        ("campaign_create", lambda c, t: []),
        ("campaign_update", lambda c, t: [c.pk]),
        ("campaign_transition", lambda c, t: [c.pk, "launch"]),
        ("campaign_document_upload", lambda c, t: [c.pk]),
        ("registration_edit", lambda c, t: [t["a"].pk, 2025]),
        ("registration_transition", lambda c, t: [t["a"].pk, 2025, "submit"]),
    ],
)
def test_every_post_needs_its_csrf_token(officer, tree, name, args):
    campaign = CampaignFactory(state="draft")
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse(name, args=args(campaign, tree)), {"anything": "x"})
    assert response.status_code == 403


# --- Home panel --------------------------------------------------------------------------------


def panel_for(user, rf):
    request = rf.get("/")
    request.user = user
    return panels.campaigns(request)


def test_panel_shows_clerks_the_open_campaigns_aimed_at_their_units(
    clerk_a, clerk_b, officer, rf, tree
):
    campaign = CampaignFactory(state="open", name="Thi đua Đồng Văn")
    campaign.target_units.set([tree["a"]])
    CampaignFactory(state="closed", name="Đã đóng")
    CampaignFactory(state="draft", name="Nháp")
    CampaignFactory(
        state="open",
        name="Hết hạn",
        nominations_open=date(2020, 1, 1),
        nominations_close=date(2020, 2, 1),
    )
    later = CampaignFactory(
        state="open",
        name="Sắp mở",
        nominations_open=timezone.localdate() + timedelta(days=10),
        nominations_close=timezone.localdate() + timedelta(days=40),
    )
    rows = panel_for(clerk_a, rf)["rows"]
    # Soonest deadline first; launched but not yet accepting is said so.
    assert [(row["campaign"].name, row["accepting"]) for row in rows] == [
        ("Sắp mở", False),
        ("Thi đua Đồng Văn", True),
    ]
    assert [row["campaign"] for row in panel_for(clerk_b, rf)["rows"]] == [later]
    assert panel_for(clerk_a, rf)["template"] == "awards/campaigns/panel_campaigns.html"


def test_panel_counts_registrations_awaiting_an_officer(officer, clerk_a, rf, tree):
    Registration.objects.create(unit=tree["a"], year=2025, state="submitted")
    Registration.objects.create(unit=tree["b"], year=2025, state="submitted")
    Registration.objects.create(unit=tree["a1"], year=2024, state="submitted")
    Registration.objects.create(unit=tree["dept"], year=2025, state="approved")
    panel = panel_for(officer, rf)
    assert panel["awaiting"] == [{"year": 2025, "count": 2}, {"year": 2024, "count": 1}]
    assert panel["awaiting_total"] == 3
    assert panel_for(clerk_a, rf)["awaiting"] == []


def test_panel_renders_on_the_home_page(clerk_a, settings, tree):
    settings.HOME_PANELS = [*settings.HOME_PANELS, "awards.campaigns.panels.campaigns"]
    campaign = CampaignFactory(state="open", name="Thi đua Đồng Văn")
    campaign.target_units.set([tree["a"]])
    page = signed_in(clerk_a).get(reverse("home")).content.decode()
    assert "Thi đua Đồng Văn" in page
    assert reverse("campaign_detail", args=[campaign.pk]) in page


def test_panel_is_hidden_from_users_without_a_role(rf, db):
    assert panel_for(UserFactory(username="nobody"), rf) is None


def test_a_campaign_aimed_deep_in_a_large_subtree_still_reaches_the_subtree_holder(viewer, tree):
    from tests.factories import UnitFactory

    # More units than the old 200-path cut-off of Campaign.objects.visible_to.
    units = [UnitFactory(code=f"XA-{index:03d}", parent=tree["b"]) for index in range(210)]
    campaign = CampaignFactory(state="open")
    campaign.target_units.set([max(units, key=lambda unit: unit.path)])  # last in tree order
    assert list(Campaign.objects.visible_to(viewer)) == [campaign]
