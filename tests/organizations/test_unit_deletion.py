"""A unit with history is deactivated or merged, never deleted: campaigns keep their targets and
the audit log keeps its scope."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from awards.models import Campaign
from organizations.audit.services import audit_record
from organizations.models import AuditEntry, Unit
from tests.awards.factories import CampaignFactory
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_unit_a_campaign_targets_cannot_be_deleted(tree):
    lonely = UnitFactory(code="XA-MOI", parent=tree["b"])
    campaign = CampaignFactory()
    campaign.target_units.set([lonely])
    with pytest.raises(ProtectedError), transaction.atomic():
        lonely.delete()
    assert list(Campaign.objects.get(pk=campaign.pk).target_units.all()) == [lonely]


def test_a_unit_with_audit_rows_cannot_be_deleted_and_its_rows_stay_scoped(tree, officer, clerk_b):
    lonely = UnitFactory(code="XA-MOI", parent=tree["a"])
    entry = audit_record(actor=officer, obj=lonely, action="unit.update")
    assert entry.unit_path == lonely.path
    with pytest.raises(ProtectedError), transaction.atomic():
        lonely.delete()
    assert not AuditEntry.objects.visible_to(clerk_b).filter(pk=entry.pk).exists()


def test_audit_rows_keep_the_path_they_were_written_under(tree, officer, clerk_b):
    entry = audit_record(actor=officer, obj=tree["a1"], action="unit.update")
    tree["a1"].parent = tree["b"]
    tree["a1"].save()
    entry.refresh_from_db()
    assert entry.unit_path.startswith(tree["a"].path)
    assert not AuditEntry.objects.visible_to(clerk_b).filter(pk=entry.pk).exists()


def test_the_admin_offers_no_delete_for_a_unit_with_history(client, superuser, tree):
    client.force_login(superuser)
    url = reverse("admin:organizations_unit_delete", args=[tree["a"].pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Unit.objects.filter(pk=tree["a"].pk).exists()
    changelist = client.get(reverse("admin:organizations_unit_changelist")).content.decode()
    assert "delete_selected" not in changelist


def test_a_unit_without_history_can_still_be_deleted(client, superuser, tree):
    mistake = UnitFactory(code="NHAP-NHAM", parent=tree["b"])
    client.force_login(superuser)
    url = reverse("admin:organizations_unit_delete", args=[mistake.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Unit.objects.filter(pk=mistake.pk).exists()
