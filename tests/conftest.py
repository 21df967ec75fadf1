"""Named personas over a small department tree, shared by every test.

    DEPT (department)
    ├── UNIT_A (division)   ← clerk_a
    │   └── UNIT_A1 (commune)
    └── UNIT_B (division)   ← clerk_b
officer, council, approver and viewer hold their role on DEPT, so they cover everything;
officer_a, council_a, approver_a and viewer_a hold theirs on UNIT_A only (a district's office).
"""

import pytest
from hypothesis import settings as hypothesis_settings

from organizations.models import Role
from tests.factories import MembershipFactory, PersonFactory, UnitFactory, UserFactory

# Timing deadlines make property tests fail on a loaded CI machine; correctness is what they check.
hypothesis_settings.register_profile("thidua", deadline=None)
hypothesis_settings.load_profile("thidua")

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    from organizations import paging

    cache.clear()
    paging._local.clear()  # what each worker keeps of the cache (organizations/paging.py)


@pytest.fixture(autouse=True)
def _award_catalogue(request):
    """Transactional tests (live server, concurrency) end by emptying every table, including
    the award catalogue that a data migration preloads; the next one puts it back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "live_server" in request.fixturenames
        or "transactional_db" in (request.fixturenames)
        or bool(marker and marker.kwargs.get("transaction"))
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.contenttypes.models import ContentType

    from awards.catalogue.data import catalogue_rows

    # The flush also recreated the content types under new ids; forget the cached old ones.
    ContentType.objects.clear_cache()
    from awards.models import AwardType

    if not AwardType.objects.exists():
        for code, values in catalogue_rows():
            AwardType.objects.create(code=code, **values)
    from awards.models import BaseSalary

    if not BaseSalary.objects.exists():
        from importlib import import_module

        preload = import_module("awards.migrations.0004_preload_base_salary")
        for valid_from, amount, basis in preload.BASE_SALARIES:
            BaseSalary.objects.create(valid_from=valid_from, amount=amount, legal_basis=basis)


@pytest.fixture
def tree(db):
    dept = UnitFactory(code="DEPT", name="Sở Lao động – Thương binh và Xã hội", kind="department")
    unit_a = UnitFactory(code="UNIT-A", name="Phòng LĐTBXH huyện Đồng Văn", kind="division",
                         parent=dept)  # fmt: skip
    unit_a1 = UnitFactory(code="UNIT-A1", name="Xã Lũng Cú", kind="division", parent=unit_a)
    unit_b = UnitFactory(code="UNIT-B", name="Phòng LĐTBXH huyện Mèo Vạc", kind="division",
                         parent=dept)  # fmt: skip
    return {"dept": dept, "a": unit_a, "a1": unit_a1, "b": unit_b}


def _persona(username, role, unit):
    user = UserFactory(username=username, first_name=username.title())
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def clerk_a(tree):
    return _persona("clerk_a", Role.CLERK, tree["a"])


@pytest.fixture
def clerk_b(tree):
    return _persona("clerk_b", Role.CLERK, tree["b"])


@pytest.fixture
def officer(tree):
    return _persona("officer", Role.OFFICER, tree["dept"])


@pytest.fixture
def council(tree):
    return _persona("council", Role.COUNCIL, tree["dept"])


@pytest.fixture
def approver(tree):
    return _persona("approver", Role.APPROVER, tree["dept"])


@pytest.fixture
def viewer(tree):
    return _persona("viewer", Role.VIEWER, tree["dept"])


@pytest.fixture
def officer_a(tree):
    return _persona("officer_a", Role.OFFICER, tree["a"])


@pytest.fixture
def viewer_a(tree):
    return _persona("viewer_a", Role.VIEWER, tree["a"])


@pytest.fixture
def council_a(tree):
    return _persona("council_a", Role.COUNCIL, tree["a"])


@pytest.fixture
def approver_a(tree):
    return _persona("approver_a", Role.APPROVER, tree["a"])


@pytest.fixture
def superuser(tree):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def person_a(tree):
    return PersonFactory(code="PA1", full_name="Vàng Thị Mỷ", sex="F", unit=tree["a"])


@pytest.fixture
def person_b(tree):
    return PersonFactory(code="PB1", full_name="Ly Thị Dính", sex="F", unit=tree["b"])
