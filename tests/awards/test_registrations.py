"""Registrations (đăng ký thi đua): saving, submit → approve / return, and registered vs
achieved."""

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from awards.models import Registration, RegistrationLine
from awards.registrations import services
from organizations.models import AuditEntry
from tests.awards.factories import AwardRecordFactory, award_type
from tests.concurrency import race
from tests.factories import PersonFactory

YEAR = 2025
State = Registration.State


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def people_a(tree, person_a):
    second = PersonFactory(code="PA2", full_name="Giàng A Páo", unit=tree["a"])
    PersonFactory(code="PA9", full_name="Đã nghỉ hưu", unit=tree["a"], is_active=False)
    return [person_a, second]


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def edit_url(unit, year=YEAR):
    return reverse("registration_edit", args=[unit.pk, year])


def transition_url(unit, action, year=YEAR):
    return reverse("registration_transition", args=[unit.pk, year, action])


def audit_rows(registration, action=None):
    rows = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(registration.pk),
    )
    if action:
        rows = rows.filter(action=action)
    return rows.order_by("at", "id")


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def form_data(collective="", **people):
    """people: person pk → award code (or "")."""
    data = {"collective_award": award_type(collective).pk if collective else ""}
    for pk, code in people.items():
        data[f"person_{pk}"] = award_type(code).pk if code else ""
    return data


def registered(unit, year=YEAR):
    registration = Registration.objects.get(unit=unit, year=year)
    lines = sorted(
        (line.person.code, line.award_type.code)
        for line in registration.lines.select_related("person", "award_type")
    )
    code = registration.collective_award.code if registration.collective_award else None
    return registration.state, code, lines


def save(actor, unit, collective=None, lines=(), year=YEAR):
    return services.registration_save(
        actor=actor,
        unit=unit,
        year=year,
        collective_award=award_type(collective) if collective else None,
        lines=[(person, award_type(code)) for person, code in lines],
    )


# --- Saving ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_lists_the_active_people_and_the_right_titles(clerk_a, tree, people_a):
    response = signed_in(clerk_a).get(edit_url(tree["a"]))
    assert response.status_code == 200
    form = response.context["form"]
    # Active people only, in Vietnamese order (by given name: Mỷ before Páo).
    assert [person.code for person in form.people] == ["PA1", "PA2"]
    collective_codes = {award.code for award in form.collective_titles.values()}
    individual_codes = {award.code for award in form.individual_titles.values()}
    assert collective_codes == {"TTLDTT", "TTLDXS", "CO_TINH", "CO_BO", "CO_CP"}
    assert individual_codes == {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_BO", "CSTDTQ"}
    page = response.content.decode()
    assert "Giàng A Páo" in page and "Đã nghỉ hưu" not in page
    assert 'name="and_submit"' in page


@pytest.mark.django_db
def test_a_clerk_saves_then_submits_with_audit_rows(clerk_a, tree, people_a):
    first, second = people_a
    client = signed_in(clerk_a)
    data = form_data("TTLDTT", **{str(first.pk): "CSTDCS", str(second.pk): "LDTT"})
    response = client.post(edit_url(tree["a"]), {**data, "save": ""}, follow=True)
    assert "The registration was saved." in messages_of(response)
    assert registered(tree["a"]) == ("draft", "TTLDTT", [("PA1", "CSTDCS"), ("PA2", "LDTT")])
    registration = Registration.objects.get()
    saved = audit_rows(registration, "registration.save").get()
    assert saved.actor == clerk_a
    assert saved.changes["collective_award"] == ["", "TTLDTT"]

    # Change one line, drop the other, and submit in the same click.
    data = form_data("TTLDXS", **{str(first.pk): "LDTT", str(second.pk): ""})
    client.post(edit_url(tree["a"]), {**data, "and_submit": ""})
    assert registered(tree["a"]) == ("submitted", "TTLDXS", [("PA1", "LDTT")])
    submitted = audit_rows(registration, "registration.submitted").get()
    assert (submitted.from_state, submitted.to_state, submitted.actor) == (
        "draft",
        "submitted",
        clerk_a,
    )
    second_save = audit_rows(registration, "registration.save").last()
    assert second_save.changes["removed"][0] == "PA1 CSTDCS; PA2 LDTT"
    assert second_save.changes["added"][1] == "PA1 LDTT"


@pytest.mark.django_db
def test_a_submitted_registration_cannot_be_changed(clerk_a, tree, people_a):
    save(clerk_a, tree["a"], "TTLDTT")
    services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    response = signed_in(clerk_a).post(
        edit_url(tree["a"]), form_data("TTLDXS", **{str(people_a[0].pk): "LDTT"}), follow=True
    )
    assert any("can no longer be changed" in m for m in messages_of(response))
    assert registered(tree["a"]) == ("submitted", "TTLDTT", [])
    with pytest.raises(services.WorkflowError, match="while the registration is"):
        save(clerk_a, tree["a"], "TTLDXS")
    # The page shows it read-only.
    page = signed_in(clerk_a).get(edit_url(tree["a"])).content.decode()
    assert 'name="and_submit"' not in page
    assert "disabled" in page


@pytest.mark.django_db
def test_the_service_refuses_titles_and_people_that_do_not_fit(clerk_a, tree, people_a, person_b):
    with pytest.raises(ValidationError, match="not a collective emulation title"):
        save(clerk_a, tree["a"], "LDTT")
    with pytest.raises(ValidationError, match="not an individual emulation title"):
        save(clerk_a, tree["a"], lines=[(people_a[0], "TTLDTT")])
    with pytest.raises(ValidationError, match="not an individual emulation title"):
        save(clerk_a, tree["a"], lines=[(people_a[0], "BK_TINH")])  # a commendation
    with pytest.raises(ValidationError, match="not an active member"):
        save(clerk_a, tree["a"], lines=[(person_b, "LDTT")])
    with pytest.raises(ValidationError, match="registered twice"):
        save(clerk_a, tree["a"], lines=[(people_a[0], "LDTT"), (people_a[0], "CSTDCS")])
    assert not Registration.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_form_refuses_a_title_that_is_not_offered(clerk_a, tree, people_a):
    data = form_data("LDTT", **{str(people_a[0].pk): "TTLDTT"})
    response = signed_in(clerk_a).post(edit_url(tree["a"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {
        "collective_award",
        f"person_{people_a[0].pk}",
    }
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_an_empty_registration_cannot_be_submitted(clerk_a, tree):
    with pytest.raises(services.WorkflowError, match="has no registration"):
        services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    save(clerk_a, tree["a"])
    created = audit_rows(Registration.objects.get(), "registration.save").get()
    assert (created.from_state, created.to_state) == ("", "draft")
    with pytest.raises(services.WorkflowError, match="at least one person"):
        services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    assert Registration.objects.get().state == State.DRAFT


# --- Review ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_officer_approves_with_an_audit_row(clerk_a, officer, tree):
    save(clerk_a, tree["a"], "TTLDTT")
    services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    response = signed_in(officer).post(transition_url(tree["a"], "approve"), follow=True)
    assert any("was approved" in m for m in messages_of(response))
    registration = Registration.objects.get()
    assert registration.state == State.APPROVED
    approved = audit_rows(registration, "registration.approved").get()
    assert (approved.from_state, approved.to_state, approved.actor) == (
        "submitted",
        "approved",
        officer,
    )
    # Approving again is refused and writes nothing.
    with pytest.raises(services.WorkflowError):
        services.registration_approve(actor=officer, unit=tree["a"], year=YEAR)
    assert audit_rows(registration, "registration.approved").count() == 1


@pytest.mark.django_db
def test_returning_needs_a_reason_and_the_clerk_resubmits(clerk_a, officer, tree, people_a):
    save(clerk_a, tree["a"], "TTLDTT")
    services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    client = signed_in(officer)
    response = client.post(transition_url(tree["a"], "return"), {"reason": "  "}, follow=True)
    assert any("Return for correction: This field is required." in m
               for m in messages_of(response))  # fmt: skip
    assert Registration.objects.get().state == State.SUBMITTED
    with pytest.raises(services.WorkflowError, match="Give a reason"):
        services.registration_return(actor=officer, unit=tree["a"], year=YEAR, reason=" ")

    reason = "Thiếu đăng ký danh hiệu cá nhân."
    client.post(transition_url(tree["a"], "return"), {"reason": reason})
    registration = Registration.objects.get()
    assert (registration.state, registration.reason) == (State.RETURNED, reason)
    returned = audit_rows(registration, "registration.returned").get()
    assert (returned.from_state, returned.to_state, returned.reason) == (
        "submitted",
        "returned",
        reason,
    )
    page = signed_in(clerk_a).get(edit_url(tree["a"])).content.decode()
    assert reason in page

    data = form_data("TTLDTT", **{str(people_a[0].pk): "LDTT"})
    signed_in(clerk_a).post(edit_url(tree["a"]), {**data, "and_submit": ""})
    registration.refresh_from_db()
    assert (registration.state, registration.reason) == (State.SUBMITTED, "")
    resubmitted = audit_rows(registration, "registration.submitted").last()
    assert resubmitted.from_state == "returned"


@pytest.mark.django_db
def test_who_may_do_what(clerk_a, clerk_b, council, officer, tree):
    save(clerk_a, tree["a"], "TTLDTT")
    # clerk_b does not know unit A's registration exists.
    assert signed_in(clerk_b).get(edit_url(tree["a"])).status_code == 404
    assert signed_in(clerk_b).post(transition_url(tree["a"], "submit")).status_code == 404
    # A council member sees unit A but may not register for it.
    assert signed_in(council).get(edit_url(tree["a"])).status_code == 403
    assert signed_in(council).post(transition_url(tree["a"], "submit")).status_code == 403
    services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    # A clerk may not approve or return, even for their own unit.
    assert signed_in(clerk_a).post(transition_url(tree["a"], "approve")).status_code == 403
    response = signed_in(clerk_a).post(transition_url(tree["a"], "return"), {"reason": "x"})
    assert response.status_code == 403
    assert signed_in(clerk_a).get(transition_url(tree["a"], "approve")).status_code == 405
    assert signed_in(officer).post(transition_url(tree["a"], "delete")).status_code == 404
    assert signed_in(officer).get(edit_url(tree["a"], year=1200)).status_code == 404
    assert Registration.objects.get().state == State.SUBMITTED


# --- The list ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_shows_clerks_their_units_and_officers_every_unit(clerk_a, officer, tree):
    save(clerk_a, tree["a"], "TTLDTT")
    services.registration_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    Registration.objects.create(unit=tree["b"], year=YEAR, state=State.APPROVED)
    url = reverse("registration_list") + f"?year={YEAR}"
    rows = signed_in(clerk_a).get(url).context["rows"]
    assert [(row["unit"].code, row["state"]) for row in rows] == [
        ("UNIT-A", State.SUBMITTED),
        ("UNIT-A1", None),
    ]
    assert all(row["actions"] == [] for row in rows)  # clerks do not review
    response = signed_in(officer).get(url)
    rows = {row["unit"].code: row for row in response.context["rows"]}
    assert set(rows) == {"DEPT", "UNIT-A", "UNIT-A1", "UNIT-B"}
    assert [action["name"] for action in rows["UNIT-A"]["actions"]] == ["approve", "return"]
    assert rows["UNIT-B"]["actions"] == []
    page = response.content.decode()
    assert transition_url(tree["a"], "approve") in page
    submitted = signed_in(officer).get(url + "&state=submitted").context["rows"]
    assert [row["unit"].code for row in submitted] == ["UNIT-A"]
    missing = signed_in(officer).get(url + "&state=none").context["rows"]
    assert [row["unit"].code for row in missing] == ["DEPT", "UNIT-A1"]


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_few_and_many(
    officer, clerk_a, tree, django_assert_max_num_queries
):
    from tests.factories import UnitFactory

    def measure(user, budget=7):  # 6 + the unread-notification count in the navigation
        client = signed_in(user)
        url = reverse("registration_list") + f"?year={YEAR}"
        client.get(url)
        with django_assert_max_num_queries(budget):
            return client.get(url)

    Registration.objects.create(unit=tree["a"], year=YEAR, state=State.SUBMITTED)
    measure(officer)
    measure(clerk_a)
    for index in range(30):
        unit = UnitFactory(code=f"XA-{index}", parent=tree["a"])
        registration = Registration.objects.create(
            unit=unit, year=YEAR, state=State.SUBMITTED, collective_award=award_type("TTLDTT")
        )
        person = PersonFactory(unit=unit)
        RegistrationLine.objects.create(
            registration=registration, person=person, award_type=award_type("LDTT")
        )
    assert len(measure(officer).context["rows"]) == 34
    assert len(measure(clerk_a).context["rows"]) == 32


# --- Registered vs achieved --------------------------------------------------------------------


@pytest.mark.django_db
def test_registered_vs_achieved(clerk_a, clerk_b, officer, tree, people_a, person_b):
    first, second = people_a
    save(clerk_a, tree["a"], "TTLDTT", [(first, "LDTT"), (second, "CSTDCS")])
    save(clerk_b, tree["b"], None, [(person_b, "LDTT")])
    AwardRecordFactory(person=first, award_type=award_type("LDTT"), year=YEAR)
    AwardRecordFactory(person=None, unit=tree["a"], award_type=award_type("TTLDTT"), year=YEAR)
    # Not counted: another year, another title, a revoked award.
    AwardRecordFactory(person=second, award_type=award_type("CSTDCS"), year=YEAR - 1)
    AwardRecordFactory(person=second, award_type=award_type("LDTT"), year=YEAR)
    AwardRecordFactory(person=person_b, award_type=award_type("LDTT"), year=YEAR, revoked=True)

    response = signed_in(officer).get(reverse("registration_results") + f"?year={YEAR}")
    assert response.status_code == 200
    outcome = {
        (group["registration"].unit.code, str(row["subject"]), row["award_type"].code): row[
            "achieved"
        ]
        for group in response.context["groups"]
        for row in group["rows"]
    }
    assert outcome == {
        ("UNIT-A", tree["a"].name, "TTLDTT"): True,
        ("UNIT-A", first.full_name, "LDTT"): True,
        ("UNIT-A", second.full_name, "CSTDCS"): False,
        ("UNIT-B", person_b.full_name, "LDTT"): False,
    }
    assert (response.context["achieved"], response.context["registered"]) == (2, 4)
    page = response.content.decode()
    assert "achieved" in page and "not yet" in page
    # A clerk sees only their own units' registrations.
    response = signed_in(clerk_b).get(reverse("registration_results") + f"?year={YEAR}")
    assert [g["registration"].unit.code for g in response.context["groups"]] == ["UNIT-B"]


@pytest.mark.django_db
def test_results_cost_the_same_queries_for_few_and_many(
    officer, tree, django_assert_max_num_queries
):
    def measure():
        client = signed_in(officer)
        url = reverse("registration_results") + f"?year={YEAR}"
        client.get(url)
        with django_assert_max_num_queries(7):  # + the unread-notification count in the nav
            return client.get(url)

    def register(unit, count):
        registration = Registration.objects.create(
            unit=unit, year=YEAR, collective_award=award_type("TTLDTT")
        )
        for _ in range(count):
            person = PersonFactory(unit=unit)
            RegistrationLine.objects.create(
                registration=registration, person=person, award_type=award_type("LDTT")
            )
            AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=YEAR)

    register(tree["a"], 1)
    measure()
    register(tree["b"], 20)
    register(tree["a1"], 20)
    assert measure().context["registered"] == 44


# --- Two officers at once (PostgreSQL) ---------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_at_once_approve_once(tree, clerk_a, officer, approver):
    from organizations.models import Membership

    second_officer = approver
    Membership.objects.filter(user=second_officer).update(role="officer")
    registration = Registration.objects.create(
        unit=tree["a"], year=YEAR, state=State.SUBMITTED, collective_award=award_type("TTLDTT")
    )
    outcomes = race(
        registration,
        *(
            lambda actor=actor: services.registration_approve(
                actor=actor, unit=tree["a"], year=YEAR
            )
            for actor in (officer, second_officer)
        ),
    )
    successes = [o for o in outcomes if isinstance(o, Registration)]
    refusals = [o for o in outcomes if isinstance(o, services.WorkflowError)]
    assert len(successes) == 1 and len(refusals) == 1, outcomes
    registration.refresh_from_db()
    assert registration.state == State.APPROVED
    assert audit_rows(registration, "registration.approved").count() == 1


@pytest.mark.django_db
def test_today_is_the_default_year(clerk_a):
    response = signed_in(clerk_a).get(reverse("registration_list"))
    assert response.context["year"] == timezone.localdate().year
