"""Screens of the eligibility inputs: the ratings grid, initiatives, holds, award history,
clusters and the upload pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from awards.models import AnnualRating, AwardRecord, Hold, Initiative
from organizations.models import AuditEntry
from tests.awards.factories import (
    AwardRecordFactory,
    ClusterFactory,
    ClusterMemberFactory,
    HoldFactory,
    InitiativeFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def signed_in(client, user):
    client.force_login(user)
    return client


def grid_url(unit, year=2023):
    return reverse("ratings_grid", args=[unit.pk, year])


# Ratings grid -----------------------------------------------------------------------------------


@pytest.fixture
def unit_a_people(tree, person_a):
    second = PersonFactory(code="PA2", full_name="Sùng Mí Páo", unit=tree["a"])
    PersonFactory(code="PA-OLD", full_name="Người Đã Nghỉ", unit=tree["a"], is_active=False)
    PersonFactory(code="PA1-1", full_name="Thào Văn Chứ", unit=tree["a1"])
    return [person_a, second]


def test_grid_lists_the_unit_and_its_active_direct_members(client, clerk_a, tree, unit_a_people):
    response = signed_in(client, clerk_a).get(grid_url(tree["a"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="unit_{tree["a"].pk}"' in html
    for person in unit_a_people:
        assert f'name="person_{person.pk}"' in html
    assert "Người Đã Nghỉ" not in html  # inactive
    assert "Thào Văn Chứ" not in html  # in a sub-unit: its own grid
    assert "2.023" not in html  # years are never written with a thousands separator


def test_grid_shows_the_stored_and_previous_ratings(client, clerk_a, tree, unit_a_people):
    person = unit_a_people[0]
    RatingFactory(person=person, year=2023, rating="HTXSNV")
    RatingFactory(person=person, year=2022, rating="HTNV")
    response = signed_in(client, clerk_a).get(grid_url(tree["a"]))
    form = response.context["form"]
    assert form[f"person_{person.pk}"].value() == "HTXSNV"
    row = next(r for r in response.context["rows"] if r["subject"] == person)
    assert row["previous_code"] == "HTNV"


def _post_grid(client, unit, subjects, values, was=None, year=2023):
    data = {}
    for subject in subjects:
        prefix = "unit" if subject == unit else "person"
        name = f"{prefix}_{subject.pk}"
        data[name] = values.get(subject, "")
        data[f"was_{name}"] = (was or {}).get(subject, "")
    return client.post(reverse("ratings_grid", args=[unit.pk, year]), data)


def ratings():
    return set(AnnualRating.objects.values_list("person_id", "unit_id", "rating"))


def test_saving_the_grid_writes_and_audits_each_change(client, clerk_a, tree, unit_a_people):
    first, second = unit_a_people
    unit = tree["a"]
    response = _post_grid(signed_in(client, clerk_a), unit, [unit, first, second],
                          {unit: "HTXSNV", first: "HTTNV"})  # fmt: skip
    assert response.status_code == 302
    assert ratings() == {(None, unit.pk, "HTXSNV"), (first.pk, None, "HTTNV")}
    entries = AuditEntry.objects.filter(action="rating.create")
    assert entries.count() == 2
    assert {e.actor for e in entries} == {clerk_a}

    # Change one, clear the other.
    _post_grid(client, unit, [unit, first, second], {unit: "HTXSNV", first: "", second: "HTNV"},
               was={unit: "HTXSNV", first: "HTTNV"})  # fmt: skip
    assert ratings() == {(None, unit.pk, "HTXSNV"), (second.pk, None, "HTNV")}
    assert AuditEntry.objects.get(action="rating.delete").changes == {"rating": ["HTTNV", None]}


def test_a_change_made_meanwhile_is_not_overwritten(client, clerk_a, tree, unit_a_people):
    first = unit_a_people[0]
    unit = tree["a"]
    RatingFactory(person=first, year=2023, rating="HTNV")  # someone else, after the grid showed
    response = _post_grid(signed_in(client, clerk_a), unit, [unit, first],
                          {first: "HTTNV", unit: "HTTNV"}, was={first: ""})  # fmt: skip
    assert response.status_code == 200
    assert AnnualRating.objects.get().rating == "HTNV"  # nothing saved, not even the unit
    assert "someone else" in response.content.decode()
    assert response.context["rows"][1]["conflict"]
    # Saving again (now knowing the stored value) keeps the user's choice.
    form = response.context["form"]
    assert form[f"was_person_{first.pk}"].value() == "HTNV"
    _post_grid(client, unit, [unit, first], {first: "HTTNV", unit: "HTTNV"},
               was={first: "HTNV"})  # fmt: skip
    assert AnnualRating.objects.get(person=first).rating == "HTTNV"


def test_an_unknown_rating_is_refused(client, clerk_a, tree, unit_a_people):
    unit = tree["a"]
    response = _post_grid(signed_in(client, clerk_a), unit, [unit], {unit: "BEST"})
    assert response.status_code == 200
    assert AnnualRating.objects.count() == 0


def test_grid_permissions(client, clerk_b, viewer, officer, tree):
    assert signed_in(Client(), clerk_b).get(grid_url(tree["a"])).status_code == 404
    assert signed_in(Client(), viewer).get(grid_url(tree["a"])).status_code == 403
    assert signed_in(Client(), officer).get(grid_url(tree["a1"])).status_code == 200
    assert signed_in(Client(), officer).get(grid_url(tree["a"], 1800)).status_code == 404
    post = signed_in(Client(), clerk_b).post(grid_url(tree["a"]), {f"unit_{tree['a'].pk}": "HTNV"})
    assert post.status_code == 404
    assert AnnualRating.objects.count() == 0


@pytest.mark.parametrize("extra", [0, 40])
def test_grid_query_budget(client, clerk_a, tree, extra, django_assert_max_num_queries):
    for _ in range(extra):
        RatingFactory(person=PersonFactory(unit=tree["a"]), year=2022)
    client = signed_in(client, clerk_a)
    with django_assert_max_num_queries(8):  # + the unread-notification count in the navigation
        response = client.get(grid_url(tree["a"]))
    assert len(response.context["rows"]) == extra + 1


def test_grid_post_needs_csrf(clerk_a, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_a)
    assert client.post(grid_url(tree["a"]), {}).status_code == 403


def test_ratings_index_lists_units_and_opens_the_grid(client, clerk_a, tree, unit_a_people):
    RatingFactory(person=unit_a_people[0], year=2023)
    client = signed_in(client, clerk_a)
    response = client.get(reverse("ratings_index"), {"year": "2023", "unit": ""})
    assert response.status_code == 200
    rows = {row["unit"].code: row for row in response.context["rows"]}
    assert set(rows) == {"UNIT-A", "UNIT-A1"}
    assert (rows["UNIT-A"]["people"], rows["UNIT-A"]["rated"]) == (2, 1)
    response = client.get(reverse("ratings_index"), {"unit": tree["a1"].pk, "year": 2023})
    assert response.status_code == 302
    assert response["Location"] == grid_url(tree["a1"])
    # A unit outside the clerk's scope is not a choice.
    response = client.get(reverse("ratings_index"), {"unit": tree["b"].pk, "year": 2023})
    assert response.status_code == 200


# Initiatives ------------------------------------------------------------------------------------


def test_initiative_list_shows_only_visible_people(client, clerk_b, person_a, person_b):
    InitiativeFactory(person=person_a, title="Sáng kiến của A")
    InitiativeFactory(person=person_b, title="Sáng kiến của B")
    html = signed_in(client, clerk_b).get(reverse("initiative_list")).content.decode()
    assert "Sáng kiến của B" in html
    assert "Sáng kiến của A" not in html


def test_initiative_list_filters_and_exports_xlsx(client, officer, person_a, person_b):
    InitiativeFactory(person=person_a, title="Số hóa", year=2023, level="province")
    InitiativeFactory(person=person_b, title="Chi trả", year=2022)
    client = signed_in(client, officer)
    response = client.get(reverse("initiative_list"), {"level": "province"})
    assert [r.record.title for r in response.context["table"].rows] == ["Số hóa"]
    response = client.get(reverse("initiative_list"), {"q": "Dính"})
    assert [r.record.title for r in response.context["table"].rows] == ["Chi trả"]
    used = AwardRecordFactory(person=person_b, year=2022)
    Initiative.objects.filter(title="Chi trả").update(consumed_by=used)
    response = client.get(reverse("initiative_list"), {"used": "no"})
    assert [r.record.title for r in response.context["table"].rows] == ["Số hóa"]
    response = client.get(reverse("initiative_list"), {"used": "yes"})
    assert [r.record.title for r in response.context["table"].rows] == ["Chi trả"]
    export = client.get(reverse("initiative_list"), {"year": "2023", "export": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("person", "year", "title", "level")
    assert rows[1][:4] == ("PA1", 2023, "Số hóa", "province")
    assert len(rows) == 2


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, officer, person_a):
    title = '=HYPERLINK("http://example.org","Bấm vào đây")'
    InitiativeFactory(person=person_a, title=title, year=2023)
    export = signed_in(client, officer).get(reverse("initiative_list"), {"export": "xlsx"})
    cell = load_workbook(io.BytesIO(export.content)).active["C2"]
    assert (cell.value, cell.data_type) == (title, "s")


@pytest.mark.parametrize("extra", [0, 30])
def test_initiative_list_query_budget(client, officer, tree, extra,
                                      django_assert_max_num_queries):  # fmt: skip
    for i in range(extra):
        used = AwardRecordFactory(person=PersonFactory(unit=tree["a1"]), year=2000 + i % 20)
        InitiativeFactory(person=used.person, consumed_by=used)
    client = signed_in(client, officer)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("initiative_list"), {"sort": "unit"})
    assert response.status_code == 200


def test_initiative_create_is_limited_to_the_clerks_people(client, clerk_a, person_a, person_b):
    client = signed_in(client, clerk_a)
    page = client.get(reverse("initiative_create"))
    assert list(page.context["form"].fields["person"].people) == [person_a]
    refused = client.post(
        reverse("initiative_create"),
        {"person": person_b.pk, "year": 2023, "title": "T", "level": "grassroots"},
    )
    assert refused.status_code == 200 and "person" in refused.context["form"].errors
    done = client.post(
        reverse("initiative_create"),
        {"person": person_a.pk, "year": 2023, "title": " Số  hóa ", "level": "grassroots"},
    )
    assert done.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.title == "Số hóa"
    assert AuditEntry.objects.get(action="initiative.create").actor == clerk_a
    again = client.post(
        reverse("initiative_create"),
        {"person": person_a.pk, "year": 2023, "title": "Số hóa", "level": "province"},
    )
    assert again.status_code == 200 and "already recorded" in again.content.decode()


def test_initiative_can_be_corrected_and_deleted_until_used(client, clerk_a, clerk_b, person_a):
    initiative = InitiativeFactory(person=person_a, title="Số hoa", year=2023)
    url = reverse("initiative_update", args=[initiative.pk])
    assert signed_in(Client(), clerk_b).get(url).status_code == 404
    client = signed_in(client, clerk_a)
    listing = client.get(reverse("initiative_list")).content.decode()
    assert url in listing
    response = client.post(url, {"year": 2023, "title": "Số  hóa", "level": "province"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.level) == ("Số hóa", "province")
    assert AuditEntry.objects.get(action="initiative.update").changes == {
        "title": ["Số hoa", "Số hóa"],
        "level": ["grassroots", "province"],
    }
    other = InitiativeFactory(person=person_a, title="Khác", year=2023)
    clash = client.post(reverse("initiative_update", args=[other.pk]),
                        {"year": 2023, "title": "Số hóa", "level": "grassroots"})  # fmt: skip
    assert clash.status_code == 200 and Initiative.objects.filter(title="Khác").exists()
    # Once a title used it, it is locked.
    initiative.consumed_by = AwardRecordFactory(person=person_a, award_type=award_type("CSTDCS"))
    initiative.save()
    locked = client.post(url, {"year": 2024, "title": "X", "level": "national"})
    assert locked.status_code == 200 and "no longer be changed" in locked.content.decode()
    assert url not in client.get(reverse("initiative_list")).content.decode()
    assert client.post(url, {"delete": "1"}).status_code == 200
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    assert client.post(reverse("initiative_update", args=[other.pk]),
                       {"delete": "1"}).status_code == 302  # fmt: skip
    assert not Initiative.objects.filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(action="initiative.delete").count() == 1


def test_initiative_create_is_refused_to_viewers(client, viewer):
    assert signed_in(client, viewer).get(reverse("initiative_create")).status_code == 403


# Holds ------------------------------------------------------------------------------------------


def test_holds_are_for_officers_only(client, clerk_a, viewer, person_a):
    HoldFactory(person=person_a)
    for user in (clerk_a, viewer):
        other = signed_in(Client(), user)
        assert other.get(reverse("hold_list")).status_code == 403
        assert other.post(reverse("hold_create"), {}).status_code == 403


def test_officer_records_and_lists_holds(client, officer, person_a, tree):
    client = signed_in(client, officer)
    both = client.post(
        reverse("hold_create"),
        {"person": person_a.pk, "unit": tree["b"].pk, "reason": "R", "start": "01/06/2024"},
    )
    assert both.status_code == 200 and Hold.objects.count() == 0
    backwards = client.post(
        reverse("hold_create"),
        {"unit": tree["b"].pk, "reason": "R", "start": "01/06/2024", "end": "01/05/2024"},
    )
    assert backwards.status_code == 200 and "end" in backwards.context["form"].errors
    done = client.post(reverse("hold_create"), {"person": person_a.pk, "reason": "Đang điều tra",
                                                "start": "01/06/2024"})  # fmt: skip
    assert done.status_code == 302
    hold = Hold.objects.get()
    assert (hold.person, hold.start.isoformat(), hold.end) == (person_a, "2024-06-01", None)
    assert AuditEntry.objects.get(action="hold.create").actor == officer
    html = client.get(reverse("hold_list")).content.decode()
    assert "Đang điều tra" in html and "in force" in html


def test_officer_ends_a_hold(client, officer, clerk_a, person_a):
    hold = HoldFactory(person=person_a)
    url = reverse("hold_update", args=[hold.pk])
    assert signed_in(Client(), clerk_a).get(url).status_code == 403
    client = signed_in(client, officer)
    assert url in client.get(reverse("hold_list")).content.decode()
    bad = client.post(url, {"reason": hold.reason, "start": "01/06/2023", "end": "01/01/2023"})
    assert bad.status_code == 200 and "end" in bad.context["form"].errors
    done = client.post(url, {"reason": hold.reason, "start": "01/06/2023", "end": "31/12/2023"})
    assert done.status_code == 302
    hold.refresh_from_db()
    assert hold.end.isoformat() == "2023-12-31"
    assert AuditEntry.objects.get(action="hold.update").changes == {"end": [None, "2023-12-31"]}


@pytest.mark.parametrize("extra", [0, 30])
def test_hold_list_query_budget(client, officer, tree, extra, django_assert_max_num_queries):
    for i in range(extra):
        if i % 2:
            HoldFactory(person=PersonFactory(unit=tree["a"]))
        else:
            HoldFactory(person=None, unit=UnitFactory(parent=tree["b"]))
    client = signed_in(client, officer)
    with django_assert_max_num_queries(7):  # + the unread-notification count in the navigation
        response = client.get(reverse("hold_list"), {"sort": "subject"})
    assert response.status_code == 200


# Award history ----------------------------------------------------------------------------------


def test_award_history_is_scoped_filtered_and_sorted(client, clerk_a, person_a, person_b, tree):
    AwardRecordFactory(person=person_a, award_type=award_type("LDTT"), year=2022)
    AwardRecordFactory(person=person_a, award_type=award_type("GK_SO"), year=2023,
                       commendation_type="adhoc")  # fmt: skip
    AwardRecordFactory(person=None, unit=tree["a1"], award_type=award_type("TTLDTT"), year=2023)
    AwardRecordFactory(person=person_b, award_type=award_type("LDTT"), year=2023)
    AwardRecordFactory(person=None, unit=tree["b"], award_type=award_type("TTLDTT"), year=2023)
    client = signed_in(client, clerk_a)

    def codes(**params):
        table = client.get(reverse("award_history"), params).context["table"]
        return [(r.record.award_type.code, r.record.year) for r in table.rows]

    assert sorted(codes()) == [("GK_SO", 2023), ("LDTT", 2022), ("TTLDTT", 2023)]
    assert codes(year=2023, commendation_type="merit") == [("TTLDTT", 2023)]
    assert codes(award_type=award_type("LDTT").pk) == [("LDTT", 2022)]
    assert codes(sort="year") == [("LDTT", 2022), ("GK_SO", 2023), ("TTLDTT", 2023)] or codes(
        sort="year"
    ) == [("LDTT", 2022), ("TTLDTT", 2023), ("GK_SO", 2023)]
    assert [c for c, _y in codes(sort="-subject")][0] in {"LDTT", "GK_SO", "TTLDTT"}


@pytest.mark.parametrize("extra", [0, 40])
def test_award_history_query_budget(client, officer, tree, extra, django_assert_max_num_queries):
    for i in range(extra):
        if i % 2:
            AwardRecordFactory(person=PersonFactory(unit=tree["a1"]), year=2000 + i)
        else:
            AwardRecordFactory(person=None, unit=UnitFactory(parent=tree["b"]),
                               award_type=award_type("TTLDTT"), year=2000 + i)  # fmt: skip
    client = signed_in(client, officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("award_history"), {"sort": "subject"})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == min(extra, 50)


def test_award_history_import_is_for_officers(client, clerk_a, officer, person_a):
    data = b"award_type,recipient,year,commendation_type\r\nLDTT,PA1,2023,merit\r\n"
    upload = SimpleUploadedFile("awards.csv", data, content_type="text/csv")
    assert signed_in(Client(), clerk_a).post(reverse("import_awards"),
                                             {"file": upload}).status_code == 403  # fmt: skip
    upload.seek(0)
    response = signed_in(client, officer).post(reverse("import_awards"), {"file": upload})
    assert response.status_code == 302
    assert AwardRecord.objects.get().source == "imported"


# Clusters ---------------------------------------------------------------------------------------


def test_cluster_list_shows_members_roles_and_the_winner(client, clerk_b, tree):
    cluster = ClusterFactory(name="Khối huyện", year=2023)
    ClusterMemberFactory(cluster=cluster, unit=tree["a"], role="leader")
    ClusterMemberFactory(cluster=cluster, unit=tree["a"], role="winner")
    ClusterMemberFactory(cluster=cluster, unit=tree["b"], role="member")
    ClusterFactory(name="Khối cũ", year=2021)
    response = signed_in(client, clerk_b).get(reverse("cluster_list"))
    assert response.status_code == 200
    assert response.context["year"] == 2023
    entry = response.context["entries"][0]
    assert entry["winner"] == tree["a"]
    first = entry["lines"][0]
    assert first["unit"] == tree["a"] and first["winner"]
    assert [m.role for m in first["roles"]] == ["winner", "leader"]
    assert not first["linked"]  # clerk_b cannot open unit A's page
    assert entry["lines"][1]["linked"]
    html = response.content.decode()
    assert "list-group-item-success" in html and "Voted leading unit" in html
    older = signed_in(Client(), clerk_b).get(reverse("cluster_list"), {"year": 2021})
    assert older.context["year"] == 2021
    assert [e["cluster"].name for e in older.context["entries"]] == ["Khối cũ"]


def test_cluster_list_query_budget(client, viewer, tree, django_assert_max_num_queries):
    for i in range(6):
        cluster = ClusterFactory(year=2023)
        for _ in range(5):
            ClusterMemberFactory(cluster=cluster, unit=UnitFactory(parent=tree["b"]))
        ClusterMemberFactory(cluster=cluster, unit=tree["a"] if i == 0 else tree["b"],
                             role="winner")  # fmt: skip
    client = signed_in(client, viewer)
    with django_assert_max_num_queries(7):  # + the unread-notification count in the navigation
        response = client.get(reverse("cluster_list"))
    assert len(response.context["entries"]) == 6


# Upload pages -----------------------------------------------------------------------------------


def test_clerk_upload_naming_another_units_people_is_refused_line_by_line(
    client, clerk_a, person_a, person_b
):
    data = "subject,year,rating\r\nPA1,2023,HTTNV\r\nPB1,2023,HTTNV\r\nUNIT-B,2023,HTNV\r\n"
    upload = SimpleUploadedFile("ratings.csv", data.encode(), content_type="text/csv")
    response = signed_in(client, clerk_a).post(reverse("import_ratings"), {"file": upload})
    assert response.status_code == 200
    assert [str(e) for e in response.context["errors"]] == [
        "Line 3: Unknown person or unit code “PB1”.",
        "Line 4: Unknown person or unit code “UNIT-B”.",
    ]
    assert AnnualRating.objects.count() == 0


def test_clerk_upload_of_own_people_is_saved(client, clerk_a, person_a):
    data = "person,year,title,level\r\nPA1,2023,Sáng kiến,grassroots\r\n"
    upload = SimpleUploadedFile("i.csv", data.encode(), content_type="text/csv")
    response = signed_in(client, clerk_a).post(reverse("import_initiatives"), {"file": upload})
    assert response.status_code == 302
    assert Initiative.objects.get().person == person_a
    assert AuditEntry.objects.get(action="import.create").actor == clerk_a


def test_upload_pages_show_columns_and_example(client, officer):
    response = signed_in(client, officer).get(reverse("import_clusters"))
    html = response.content.decode()
    assert "<code>cluster</code>" in html and "winner" in html


@pytest.mark.parametrize("name", ["import_ratings", "import_initiatives", "import_holds",
                                  "import_awards", "import_clusters", "initiative_create",
                                  "hold_create", "initiative_update", "hold_update"])  # fmt: skip
def test_every_post_needs_its_csrf_token(name, officer, person_a):
    args = {
        "initiative_update": [InitiativeFactory(person=person_a).pk],
        "hold_update": [HoldFactory(person=person_a).pk],
    }.get(name, [])
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(reverse(name, args=args), {"anything": "x"}).status_code == 403


# The person page's award history ----------------------------------------------------------------


def test_person_award_history_tag(person_a, django_assert_max_num_queries):
    record = AwardRecordFactory(person=person_a, award_type=award_type("CSTDCS"), year=2023,
                                decision_number="15/QĐ-SLĐTBXH")  # fmt: skip
    RatingFactory(person=person_a, year=2023, rating="HTXSNV")
    InitiativeFactory(person=person_a, title="Số hóa hồ sơ", consumed_by=record)
    template = Template("{% load awards_inputs %}{% person_award_history person %}")
    with django_assert_max_num_queries(3):
        html = template.render(Context({"person": person_a}))
    assert "15/QĐ-SLĐTBXH" in html and "HTXSNV" in html and "Số hóa hồ sơ" in html
    assert "used for CSTDCS 2023" in html


def test_unit_award_history_tag(tree, person_a, django_assert_max_num_queries):
    AwardRecordFactory(person=None, unit=tree["a"], award_type=award_type("TTLDTT"), year=2022)
    AwardRecordFactory(person=person_a, award_type=award_type("LDTT"), year=2021)
    RatingFactory(person=None, unit=tree["a"], year=2022, rating="HTXSNV")
    template = Template("{% load awards_inputs %}{% unit_award_history unit %}")
    with django_assert_max_num_queries(2):
        html = template.render(Context({"unit": tree["a"]}))
    assert "TTLDTT" in html and "HTXSNV" in html
    assert ">LDTT</span>" not in html  # the person's own award belongs on the person page
    assert "Collective ratings" in html


# Admin ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    ["awardtype", "annualrating", "initiative", "hold", "awardrecord", "cluster",
     "clustermember", "campaign", "campaigndocument", "registration", "registrationline",
     "nomination", "dossierdocument"],
)  # fmt: skip
def test_every_awards_model_has_a_searchable_admin(model, superuser, person_a):
    from django.apps import apps
    from django.contrib import admin

    model_class = apps.get_model("awards", model)
    model_admin = admin.site._registry[model_class]
    assert model_admin.search_fields and model_admin.list_filter
    client = signed_in(Client(), superuser)
    url = reverse(f"admin:awards_{model}_changelist")
    assert client.get(url, {"q": "PA1"}).status_code == 200
