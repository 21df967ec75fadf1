"""The audit log, as an auditor reads it: scoped, searchable without diacritics, exportable."""

import csv
import io

import pytest
from django.urls import reverse

from organizations.models import AuditEntry, Membership, Role
from organizations.people.services import person_update
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes(tree, officer):
    in_a = PersonFactory(code="PA9", full_name="Sùng Mí Páo", unit=tree["a1"])
    in_b = PersonFactory(code="PB9", full_name="Ly Thị Dính", unit=tree["b"])
    person_update(actor=officer, person=in_a, position="Trưởng phòng")
    person_update(actor=officer, person=in_b, position="Chuyên viên chính")
    return in_a, in_b


def test_every_change_knows_its_unit(changes, tree):
    in_a, in_b = changes
    assert AuditEntry.objects.get(object_id=str(in_a.pk)).unit == tree["a1"]
    assert AuditEntry.objects.get(object_id=str(in_b.pk)).unit == tree["b"]


def test_an_auditor_of_one_district_sees_only_that_districts_changes(client, tree, changes):
    auditor = UserFactory(username="auditor_b")
    Membership.objects.create(user=auditor, unit=tree["b"], role=Role.VIEWER)
    client.force_login(auditor)
    html = client.get(reverse("audit_log")).content.decode()
    assert "Ly Thị Dính" in html
    assert "Sùng Mí Páo" not in html


def test_the_department_viewer_finds_a_change_typed_without_diacritics(client, viewer, changes):
    client.force_login(viewer)
    html = client.get(reverse("audit_log"), {"q": "sung mi pao"}).content.decode()
    assert "Sùng Mí Páo" in html
    assert "Ly Thị Dính" not in html


def test_clerks_do_not_read_the_audit_log(client, clerk_a, changes):
    client.force_login(clerk_a)
    assert client.get(reverse("audit_log")).status_code == 403


def test_the_csv_export_follows_the_filters_and_keeps_text_as_text(client, viewer, changes):
    in_a, _in_b = changes
    person_update(actor=viewer, person=in_a, full_name="=1+1")
    client.force_login(viewer)
    response = client.get(reverse("audit_log"), {"actor": "viewer", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["at", "actor", "unit", "object", "action", "from", "to", "reason",
                       "changes", "action_label"]  # fmt: skip
    assert [row[1] for row in rows[1:]] == ["viewer"]
    assert rows[1][3] == "'=1+1"


@pytest.mark.parametrize("count", [2, 40])
def test_the_log_costs_the_same_queries_for_any_length(
    client, officer, tree, count, django_assert_max_num_queries
):
    for index in range(count):
        person_update(actor=officer, person=PersonFactory(unit=tree["a"]), position=f"P{index}")
    client.force_login(officer)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("audit_log")).status_code == 200


def test_dates_are_typed_the_vietnamese_way(client, viewer, changes, settings):
    from django.utils import timezone

    client.force_login(viewer)
    today = timezone.localdate()
    typed = today.strftime("%d/%m/%Y")
    html = client.get(reverse("audit_log"), {"since": typed, "until": typed}).content.decode()
    assert "Sùng Mí Páo" in html and "Ly Thị Dính" in html
    later = today.replace(year=today.year + 1).strftime("%d/%m/%Y")
    html = client.get(reverse("audit_log"), {"since": later}).content.decode()
    assert "Sùng Mí Páo" not in html


def test_a_certificate_is_audited_under_its_recipients_unit(tree, viewer_a):
    from tests.awards.factories_certificates import granted

    in_a = granted(person=PersonFactory(unit=tree["a1"]))
    in_b = granted(person=PersonFactory(unit=tree["b"]))
    issued = AuditEntry.objects.filter(action="certificate.issue")
    assert {entry.unit for entry in issued} == {tree["a1"], tree["b"]}
    assert [e.object_id for e in issued.visible_to(viewer_a)] == [str(in_a.pk)]
    assert str(in_b.pk) not in [e.object_id for e in issued.visible_to(viewer_a)]
