"""The admin shows workflow state, history and audit rows but cannot change them: those change
only through the services, which check the state and write the audit row."""

from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import Nomination
from indicators.models import DataStatus, IndicatorValue, ValueChange
from organizations.models import AuditEntry
from tests.awards.factories import CampaignFactory, NominationFactory
from tests.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_figure(tree, officer):
    value = IndicatorValue.objects.create(
        indicator=IndicatorFactory(code="VIEC_LAM"), unit=tree["a"], year=2023,
        target=Decimal(100), result=Decimal(120),
    )  # fmt: skip
    ValueChange.objects.create(value=value, field="result", old="", new="120", changed_by=officer)
    status = DataStatus.objects.create(unit=tree["a"], year=2023, state="approved")
    return value, status


def _admin_url(obj, view):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def test_an_approved_figure_cannot_be_edited_or_deleted_in_the_admin(
    client, superuser, approved_figure
):
    value, status = approved_figure
    client.force_login(superuser)
    page = client.get(_admin_url(value, "change"))
    assert page.status_code == 200
    assert 'name="result"' not in page.content.decode()  # shown, not editable
    posted = client.post(_admin_url(value, "change"), {"result": "999", "target": "1"})
    assert posted.status_code == 403
    assert client.post(_admin_url(value, "delete"), {"post": "yes"}).status_code == 403
    value.refresh_from_db()
    assert value.result == Decimal(120)


def test_value_history_and_approval_state_cannot_be_changed_or_deleted_in_the_admin(
    client, superuser, approved_figure
):
    value, status = approved_figure
    change = ValueChange.objects.get(value=value)
    client.force_login(superuser)
    for obj in (change, status):
        assert client.post(_admin_url(obj, "delete"), {"post": "yes"}).status_code == 403
        assert client.post(_admin_url(obj, "change"), {"state": "open"}).status_code == 403
    assert DataStatus.objects.get(pk=status.pk).state == "approved"
    assert ValueChange.objects.filter(pk=change.pk).exists()


def test_a_nomination_state_cannot_be_set_back_in_the_admin(client, superuser, person_a):
    nomination = NominationFactory(person=person_a, campaign=CampaignFactory(), state="accepted")
    client.force_login(superuser)
    page = client.get(_admin_url(nomination, "change")).content.decode()
    assert 'name="state"' not in page
    assert client.post(_admin_url(nomination, "change"), {"state": "draft"}).status_code == 403
    assert Nomination.objects.get(pk=nomination.pk).state == "accepted"


def test_audit_rows_cannot_be_changed_in_the_admin(client, superuser, person_a, officer):
    from organizations.audit.services import audit_record

    entry = audit_record(actor=officer, obj=person_a, action="person.update")
    client.force_login(superuser)
    assert client.post(_admin_url(entry, "delete"), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_person_edited_in_the_admin_leaves_an_audit_row(client, superuser, person_a):
    client.force_login(superuser)
    page = client.get(_admin_url(person_a, "change"))
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"full_name": "Vàng Thị Mỷ (sửa)", "unit": person_a.unit_id, "is_active": "on"})
    response = client.post(_admin_url(person_a, "change"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="admin.change", object_id=str(person_a.pk))
    assert entry.actor == superuser
    assert entry.changes["full_name"] == ["Vàng Thị Mỷ", "Vàng Thị Mỷ (sửa)"]


def test_a_role_granted_in_the_admin_leaves_an_audit_row(client, superuser, tree, clerk_b):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:organizations_membership_add"),
        {"user": clerk_b.pk, "unit": tree["a"].pk, "role": "officer"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.create")
    assert entry.unit == tree["a"]
    assert entry.changes["role"] == [None, "officer"]
