import pytest
from django.urls import reverse

from organizations.models import Person, Unit
from tests.factories import tree_path

pytestmark = pytest.mark.django_db


def test_clerk_sees_own_unit_and_descendants_only(clerk_a, tree):
    visible = set(Unit.objects.visible_to(clerk_a).values_list("code", flat=True))
    assert visible == {"UNIT-A", "UNIT-A1"}


def test_officer_on_the_department_sees_every_unit(officer, tree):
    assert Unit.objects.visible_to(officer).count() == 4


def test_clerk_cannot_see_other_units_people(client, clerk_a, person_b):
    client.force_login(clerk_a)
    assert client.get(reverse("person_detail", args=[person_b.pk])).status_code == 404
    assert not Person.objects.visible_to(clerk_a).filter(pk=person_b.pk).exists()


def test_clerk_cannot_open_other_units_page(client, clerk_a, tree):
    client.force_login(clerk_a)
    assert client.get(reverse("unit_detail", args=[tree["b"].pk])).status_code == 404
    assert client.get(reverse("unit_detail", args=[tree["a1"].pk])).status_code == 200


def test_viewer_may_read_a_person_but_not_edit(client, viewer, person_a):
    client.force_login(viewer)
    assert client.get(reverse("person_detail", args=[person_a.pk])).status_code == 200
    assert client.get(reverse("person_update", args=[person_a.pk])).status_code == 403


def test_moving_a_unit_moves_its_subtree(tree):
    tree["a"].parent = tree["b"]
    tree["a"].save()
    tree["a1"].refresh_from_db()
    assert tree["a1"].path == tree_path(tree["dept"], tree["b"], tree["a"], tree["a1"])
    assert tree["a1"].depth == 3


def test_people_can_be_filtered_by_active_status(client, officer, tree):
    from tests.factories import PersonFactory

    PersonFactory(full_name="Đang Làm Việc", unit=tree["a"])
    PersonFactory(full_name="Đã Nghỉ Hưu", unit=tree["a"], is_active=False)
    client.force_login(officer)
    active = client.get(reverse("person_list"), {"is_active": "true"}).content.decode()
    retired = client.get(reverse("person_list"), {"is_active": "false"}).content.decode()
    assert "Đang Làm Việc" in active and "Đã Nghỉ Hưu" not in active
    assert "Đã Nghỉ Hưu" in retired and "Đang Làm Việc" not in retired
