"""The indicator catalogue: everyone reads it, emulation officers add, edit and import."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from indicators.models import Indicator
from organizations.models import AuditEntry
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PercentIndicatorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Pages and messages are asserted in English, whatever the default language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def form_data(**overrides):
    data = {
        "code": "VIEC_LAM",
        "name": "Giải quyết việc làm",
        "unit_of_measure": "người",
        "value_type": "count",
        "direction": "higher",
        "group": "Việc làm",
        "description": "",
        "source": "",
        "display_order": "30",
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def audit_of(indicator):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Indicator), object_id=str(indicator.pk)
    )


def test_a_viewer_reads_the_catalogue_with_directions_in_words(client, viewer):
    IndicatorFactory(code="VIEC_LAM", name="Giải quyết việc làm", group="Việc làm")
    PercentIndicatorFactory(code="TY_LE_HO_NGHEO", name="Tỷ lệ hộ nghèo", direction="lower")
    client.force_login(viewer)
    response = client.get(reverse("indicator_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Giải quyết việc làm" in page and "TY_LE_HO_NGHEO" in page
    assert "bi-arrow-up-circle" in page and "Higher is better" in page
    assert "bi-arrow-down-circle" in page and "Lower is better" in page
    assert "Percentage (0–100)" in page


def test_a_viewer_sees_no_edit_or_import_buttons(client, viewer):
    indicator = IndicatorFactory()
    client.force_login(viewer)
    page = client.get(reverse("indicator_list")).content.decode()
    assert reverse("indicator_update", args=[indicator.pk]) not in page
    assert reverse("indicator_create") not in page
    assert reverse("import_indicators") not in page


def test_an_officer_sees_add_edit_and_import(client, officer):
    indicator = IndicatorFactory()
    client.force_login(officer)
    page = client.get(reverse("indicator_list")).content.decode()
    assert reverse("indicator_update", args=[indicator.pk]) in page
    assert reverse("indicator_create") in page
    assert reverse("import_indicators") in page


def test_the_catalogue_is_grouped_by_sector_then_display_order(client, viewer):
    IndicatorFactory(code="B_SECOND", group="B group", display_order=1)
    IndicatorFactory(code="A_SECOND", group="A group", display_order=20)
    IndicatorFactory(code="A_FIRST", group="A group", display_order=10)
    client.force_login(viewer)
    page = client.get(reverse("indicator_list")).content.decode()
    assert page.index("A_FIRST") < page.index("A_SECOND") < page.index("B_SECOND")


def test_the_catalogue_sorts_by_code_when_asked(client, viewer):
    IndicatorFactory(code="ZZZ", group="A", display_order=1)
    IndicatorFactory(code="AAA", group="B", display_order=2)
    client.force_login(viewer)
    page = client.get(reverse("indicator_list"), {"sort": "code"}).content.decode()
    assert page.index("AAA") < page.index("ZZZ")


@pytest.mark.parametrize("persona", ["clerk_a", "council", "approver", "viewer"])
def test_only_officers_may_add_or_edit_indicators(client, persona, request):
    indicator = IndicatorFactory(name="Unchanged")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("indicator_create")).status_code == 403
    assert client.post(reverse("indicator_create"), form_data()).status_code == 403
    url = reverse("indicator_update", args=[indicator.pk])
    assert client.post(url, form_data(code=indicator.code, name="Changed")).status_code == 403
    indicator.refresh_from_db()
    assert indicator.name == "Unchanged"
    assert not Indicator.objects.filter(code="VIEC_LAM").exists()


def test_an_officer_adds_an_indicator_and_the_audit_log_records_it(client, officer):
    client.force_login(officer)
    response = client.post(reverse("indicator_create"), form_data())
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="VIEC_LAM")
    assert (indicator.name, indicator.direction, indicator.display_order) == (
        "Giải quyết việc làm",
        "higher",
        30,
    )
    entry = audit_of(indicator).get()
    assert entry.action == "indicator.create"
    assert entry.actor == officer
    assert entry.changes["code"] == [None, "VIEC_LAM"]


def test_a_superuser_may_add_an_indicator(client, superuser):
    client.force_login(superuser)
    assert client.post(reverse("indicator_create"), form_data()).status_code == 302
    assert Indicator.objects.filter(code="VIEC_LAM").exists()


def test_a_duplicate_code_is_refused_on_the_form(client, officer):
    IndicatorFactory(code="VIEC_LAM")
    client.force_login(officer)
    response = client.post(reverse("indicator_create"), form_data())
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Indicator.objects.filter(code="VIEC_LAM").count() == 1


def test_an_officer_edits_an_indicator_and_the_change_is_audited(client, officer):
    indicator = IndicatorFactory(
        code="VIEC_LAM", name="Old name", group="Việc làm", display_order=30
    )
    client.force_login(officer)
    response = client.post(
        reverse("indicator_update", args=[indicator.pk]), form_data(name="Giải quyết việc làm mới")
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Giải quyết việc làm mới"
    entry = audit_of(indicator).get()
    assert entry.action == "indicator.update"
    assert entry.changes == {"name": ["Old name", "Giải quyết việc làm mới"]}


def test_saving_an_unchanged_indicator_writes_no_audit_row(client, officer):
    indicator = IndicatorFactory(
        code="VIEC_LAM", name="Giải quyết việc làm", group="Việc làm", display_order=30
    )
    client.force_login(officer)
    client.post(reverse("indicator_update", args=[indicator.pk]), form_data())
    assert not audit_of(indicator).exists()


def test_changing_the_value_type_of_an_indicator_with_figures_is_refused(client, officer, tree):
    indicator = IndicatorFactory(
        code="VIEC_LAM", name="Original", group="Việc làm", display_order=30
    )
    IndicatorValueFactory(indicator=indicator, unit=tree["a"], target=Decimal(80), result=None)
    client.force_login(officer)
    response = client.post(
        reverse("indicator_update", args=[indicator.pk]),
        form_data(value_type="percent", name="Renamed too"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The value type cannot change: figures are already stored" in page
    indicator.refresh_from_db()
    assert (indicator.value_type, indicator.name) == ("count", "Original")
    assert not audit_of(indicator).exists()


def test_the_edit_form_warns_that_the_value_type_is_frozen(client, officer, tree):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, unit=tree["a"])
    client.force_login(officer)
    page = client.get(reverse("indicator_update", args=[indicator.pk])).content.decode()
    assert "its value type cannot change" in page


def test_the_value_type_may_change_while_no_figure_is_stored(client, officer, tree):
    indicator = IndicatorFactory(
        code="VIEC_LAM", name="Giải quyết việc làm", group="Việc làm", display_order=30
    )
    IndicatorValueFactory(
        indicator=indicator, unit=tree["a"], target=None, result=None, note="only a note"
    )
    client.force_login(officer)
    response = client.post(
        reverse("indicator_update", args=[indicator.pk]), form_data(value_type="percent")
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.value_type == "percent"
    assert audit_of(indicator).get().changes == {"value_type": ["count", "percent"]}


def test_editing_an_unknown_indicator_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("indicator_update", args=[99999])).status_code == 404


def upload(content, name="indicators.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def test_an_officer_imports_indicators_through_the_web(client, officer):
    client.force_login(officer)
    content = (
        "code,name,unit_of_measure,direction,value_type,group\r\n"
        "VIEC_LAM,Giải quyết việc làm,người,higher,count,Việc làm\r\n"
        "TY_LE_HO_NGHEO,Tỷ lệ hộ nghèo,%,lower,percent,Giảm nghèo\r\n"
    )
    response = client.post(reverse("import_indicators"), {"file": upload(content)}, follow=True)
    assert "Import finished: 2 created, 0 updated, 0 unchanged." in response.content.decode()
    poverty = Indicator.objects.get(code="TY_LE_HO_NGHEO")
    assert (poverty.direction, poverty.value_type, poverty.group) == (
        "lower",
        "percent",
        "Giảm nghèo",
    )


def test_a_bad_indicators_file_names_each_line_and_saves_nothing(client, officer):
    client.force_login(officer)
    content = (
        "code,name,unit_of_measure,direction,value_type\r\n"
        "VIEC_LAM,Giải quyết việc làm,người,higher,count\r\n"
        "TY_LE_HO_NGHEO,Tỷ lệ hộ nghèo,%,down,percent\r\n"
        "HO_NGHEO,,hộ,higher,ratio\r\n"
    )
    response = client.post(reverse("import_indicators"), {"file": upload(content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported." in page
    assert "Line 3: direction must be “higher” or “lower”." in page
    assert "Line 4: The name is empty." in page
    assert "Line 4: value_type must be “count” or “percent”." in page
    assert "Line 2:" not in page
    assert not Indicator.objects.exists()


def test_the_import_page_lists_the_columns(client, officer):
    client.force_login(officer)
    page = client.get(reverse("import_indicators")).content.decode()
    for column in ["code", "name", "unit_of_measure", "direction", "value_type"]:
        assert f"<code>{column}</code>" in page


def test_a_clerk_cannot_import_indicators(client, clerk_a):
    client.force_login(clerk_a)
    content = "code,name,unit_of_measure,direction,value_type\r\nX,X,người,higher,count\r\n"
    response = client.post(reverse("import_indicators"), {"file": upload(content)})
    assert response.status_code == 403
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("name", ["indicator_create", "import_indicators"])
def test_catalogue_posts_need_their_csrf_token(name, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(reverse(name), form_data()).status_code == 403
    assert not Indicator.objects.exists()


def test_editing_needs_the_csrf_token(officer):
    indicator = IndicatorFactory(name="Unchanged")
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    url = reverse("indicator_update", args=[indicator.pk])
    assert client.post(url, form_data(code=indicator.code)).status_code == 403
    indicator.refresh_from_db()
    assert indicator.name == "Unchanged"
