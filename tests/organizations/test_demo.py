from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from organizations.demo import DEMO_PASSWORD, USERS
from organizations.models import Membership, Person, Unit

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    return out.getvalue()


def directory_counts():
    return {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
    }


def test_loading_the_demo_twice_duplicates_nothing():
    load_demo()
    first = directory_counts()
    load_demo()
    assert directory_counts() == first
    assert first["units"] > 0 and first["people"] > 0 and first["memberships"] > 0


def test_loading_the_demo_twice_keeps_every_unit_path_and_person_unit():
    load_demo()
    paths = dict(Unit.objects.values_list("code", "path"))
    people = dict(Person.objects.values_list("code", "unit__code"))
    load_demo()
    assert dict(Unit.objects.values_list("code", "path")) == paths
    assert dict(Person.objects.values_list("code", "unit__code")) == people


def test_load_demo_lists_every_demo_sign_in_and_the_password():
    output = load_demo()
    for username, *_rest in USERS:
        assert username in output
    assert DEMO_PASSWORD in output


def test_demo_users_can_sign_in_with_the_demo_password(client):
    load_demo()
    response = client.post(reverse("login"), {"username": "officer", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(
        get_user_model().objects.get(username="officer").pk
    )


def test_demo_has_the_dong_van_division_with_its_communes():
    load_demo()
    dong_van = Unit.objects.get(name__endswith="Đồng Văn")
    communes = set(dong_van.children.values_list("name", flat=True))
    assert communes == {
        "Ủy ban nhân dân xã Lũng Cú (bộ phận LĐTBXH)",
        "Ủy ban nhân dân xã Sủng Là (bộ phận LĐTBXH)",
    }
    for commune in dong_van.children.all():
        assert commune.path.startswith(dong_van.path)
        assert commune.depth == dong_van.depth + 1


def test_demo_clerk_sees_only_the_dong_van_subtree():
    load_demo()
    clerk = get_user_model().objects.get(username="clerk")
    visible = set(Unit.objects.visible_to(clerk).values_list("code", flat=True))
    assert visible == {"PLD-DV", "XA-LC", "XA-SL"}


def test_load_demo_refuses_a_database_with_real_units_and_changes_nothing():
    Unit.objects.create(code="SNV", name="Sở Nội vụ")
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", "--force", stdout=StringIO())
    assert "SNV" in str(refused.value)
    assert list(Unit.objects.values_list("code", flat=True)) == ["SNV"]
    assert not get_user_model().objects.exists()


def test_load_demo_refuses_when_a_real_account_exists():
    get_user_model().objects.create_user("giamdoc", password="a-real-password-123")
    with pytest.raises(CommandError):
        call_command("load_demo", "--force", stdout=StringIO())
    assert not Unit.objects.exists()


def test_load_demo_needs_force_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=StringIO())
    assert "--force" in str(refused.value)
    assert not Unit.objects.exists()


def test_reloading_the_demo_keeps_a_changed_password_and_revoked_rights():
    load_demo()
    director = get_user_model().objects.get(username="director")
    director.set_password("the-director-chose-this-1")
    director.save()
    admin = get_user_model().objects.get(username="admin")
    admin.is_superuser = admin.is_staff = False
    admin.save()
    load_demo()
    director.refresh_from_db()
    admin.refresh_from_db()
    assert director.check_password("the-director-chose-this-1")
    assert not director.check_password(DEMO_PASSWORD)
    assert (admin.is_superuser, admin.is_staff) == (False, False)
