"""Subtree filters: the same rows as a path prefix, in a form the database's index serves; and
the shortcut for users who see every unit never shows a unit outside their roles."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from organizations.models import AuditEntry, Person, Unit
from organizations.scope import scope_of
from tests.factories import MembershipFactory, PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_subtree_holds_exactly_the_units_whose_path_starts_with_its_path(tree):
    for i in range(12):
        UnitFactory(code=f"SUB-{i}", parent=[tree["a"], tree["a1"], tree["b"]][i % 3])
    for unit in Unit.objects.all():
        subtree = set(Unit.objects.filter(path__in_subtree=unit.path))
        assert subtree == {u for u in Unit.objects.all() if u.path.startswith(unit.path)}


def test_on_sqlite_a_subtree_is_a_range_of_paths(tree):
    sql = str(Unit.objects.filter(path__in_subtree=tree["a"].path).query)
    if connection.vendor == "sqlite":
        assert ">=" in sql and "LIKE" not in sql
    else:
        assert "LIKE" in sql


def test_the_department_officer_sees_every_unit_without_a_filter(officer, tree):
    assert scope_of(officer).sees_every_unit()
    assert Unit.objects.visible_to(officer).query.where.children == []


def test_a_second_top_level_unit_stays_hidden_from_the_first_ones_officer(tree):
    other = UnitFactory(code="OTHER-DEPT", name="Sở Y tế")
    stranger = PersonFactory(full_name="Hà Văn Khánh", unit=other)
    officer = UserFactory(username="dept_officer")
    MembershipFactory(user=officer, unit=tree["dept"], role="officer")
    assert not scope_of(officer).sees_every_unit()
    assert other not in Unit.objects.visible_to(officer)
    assert stranger not in Person.objects.visible_to(officer)
    assert Person.objects.visible_to(officer).count() == Person.objects.exclude(unit=other).count()


def test_roles_on_every_top_level_unit_see_everything(tree):
    other = UnitFactory(code="OTHER-DEPT", name="Sở Y tế")
    both = UserFactory(username="both_departments")
    MembershipFactory(user=both, unit=tree["dept"], role="viewer")
    MembershipFactory(user=both, unit=other, role="viewer")
    assert scope_of(both).sees_every_unit()
    assert set(Unit.objects.visible_to(both)) == set(Unit.objects.all())


def test_a_district_auditor_reads_the_districts_rows_and_the_department_wide_ones(tree):
    auditor = UserFactory(username="district_auditor")
    MembershipFactory(user=auditor, unit=tree["a"], role="viewer")
    unit_type = ContentType.objects.get_for_model(Unit)
    AuditEntry.objects.bulk_create([
        AuditEntry(content_type=unit_type, object_id=str(unit.pk), unit=unit,
                   unit_path=unit.path, object_repr=unit.code, action="unit.update")
        for unit in (tree["a"], tree["a1"], tree["b"], tree["dept"])
    ] + [AuditEntry(content_type=unit_type, object_id="0", object_repr="catalogue",
                    action="award_type.update")])  # fmt: skip
    seen = set(AuditEntry.objects.visible_to(auditor).values_list("object_repr", flat=True))
    assert seen == {"UNIT-A", "UNIT-A1", "catalogue"}
