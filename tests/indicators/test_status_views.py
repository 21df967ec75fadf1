"""The status table, the approval actions and the home-page panel."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from indicators.entry import services
from indicators.models import DataStatus, IndicatorValue
from organizations.models import AuditEntry
from tests.factories import UnitFactory, UserFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

YEAR = 2024
STATUS_BUDGET = 6  # session, user, scope, visible units, the year's statuses with their authors,
# the unread-notification count in the navigation
PANEL_BUDGET = 5  # the latest year with figures, the user's units, their statuses, and for
# officers: counts per state, units
State = DataStatus.State


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def status_url(year=YEAR, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, **params}.items())
    return f"{reverse('figures_status')}?{query}"


def act(unit, action, year=YEAR):
    return reverse("figures_transition", args=[unit.pk, year, action])


def state_of(unit, year=YEAR):
    status = DataStatus.objects.filter(unit=unit, year=year).first()
    return status.state if status else State.OPEN


def rows_of(page):
    """The unit codes of the status table, in order."""
    import re

    return re.findall(r'<span class="text-body-secondary small">([A-Z0-9-]+)</span>', page)


# --- Status table ------------------------------------------------------------------------------


def test_the_status_table_lists_every_visible_unit_in_tree_order(client, officer, tree):
    services.figures_submit(actor=officer, unit=tree["a1"], year=YEAR)
    client.force_login(officer)
    page = client.get(status_url()).content.decode()
    assert rows_of(page) == ["DEPT", "UNIT-A", "UNIT-A1", "UNIT-B"]
    assert page.count("state-open") == 3  # no status row yet: "Being entered"
    assert page.count("state-submitted") == 1  # Lũng Cú
    assert "Being entered" in page
    assert "unit-indent-2" in page  # Lũng Cú sits two levels below the department


def test_a_clerk_sees_only_their_own_subtree(client, clerk_a, tree):
    client.force_login(clerk_a)
    page = client.get(status_url()).content.decode()
    assert rows_of(page) == ["UNIT-A", "UNIT-A1"]
    assert reverse("figures_entry", args=[tree["a"].pk, YEAR]) in page
    assert "unit-indent-1" in page and "unit-indent-2" not in page


def test_the_status_table_defaults_to_the_current_year_without_figures(client, viewer, tree):
    client.force_login(viewer)
    response = client.get(reverse("figures_status"))
    assert response.context["year"] == timezone.localdate().year
    assert client.get(reverse("figures_status"), {"year": "abc"}).context["year"] == (
        timezone.localdate().year
    )


def test_the_status_table_shows_the_last_reason_and_who_changed_it(client, clerk_a, officer,
                                                                   tree):  # fmt: skip
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    services.figures_return(actor=officer, unit=tree["a"], year=YEAR, reason="Thiếu số liệu xã")
    client.force_login(clerk_a)
    page = client.get(status_url()).content.decode()
    assert "Thiếu số liệu xã" in page
    assert "Officer" in page  # the officer's name
    assert "state-returned" in page
    assert "2024" in page and "2.024" not in page


def test_each_role_gets_the_buttons_of_its_state(client, clerk_a, officer, viewer, tree):
    services.figures_submit(actor=officer, unit=tree["a1"], year=YEAR)
    services.figures_submit(actor=officer, unit=tree["b"], year=YEAR)
    services.figures_approve(actor=officer, unit=tree["b"], year=YEAR)

    client.force_login(officer)
    page = client.get(status_url()).content.decode()
    assert act(tree["a"], "submit") in page
    assert act(tree["a1"], "approve") in page and act(tree["a1"], "return") in page
    assert act(tree["a1"], "submit") not in page
    assert act(tree["b"], "reopen") in page and act(tree["b"], "approve") not in page

    client.force_login(clerk_a)
    page = client.get(status_url()).content.decode()
    assert act(tree["a"], "submit") in page
    assert act(tree["a1"], "approve") not in page and act(tree["a1"], "return") not in page

    client.force_login(viewer)
    page = client.get(status_url()).content.decode()
    assert "figures_transition" not in page and "/entry/" not in page


def test_the_status_table_can_show_one_state_only(client, officer, tree):
    services.figures_submit(actor=officer, unit=tree["b"], year=YEAR)
    client.force_login(officer)
    page = client.get(status_url(state="submitted")).content.decode()
    assert rows_of(page) == ["UNIT-B"]


@pytest.mark.parametrize("extra_units", [2, 30])
def test_the_status_table_has_a_fixed_query_budget(client, officer, tree, extra_units,
                                                   django_assert_max_num_queries):  # fmt: skip
    for i in range(extra_units):
        unit = UnitFactory(code=f"EXTRA-{extra_units}-{i}", parent=tree["a1"])
        if i % 2:
            services.figures_submit(actor=officer, unit=unit, year=YEAR)
    client.force_login(officer)
    with django_assert_max_num_queries(STATUS_BUDGET):
        response = client.get(status_url())
    assert response.status_code == 200
    assert len(response.context["rows"]) == 4 + extra_units


# --- Workflow ----------------------------------------------------------------------------------


def test_submit_then_approve_locks_the_figures_and_is_audited(client, clerk_a, officer, tree):
    indicator = IndicatorFactory()
    client.force_login(clerk_a)
    IndicatorValueFactory(indicator=indicator, unit=tree["a"], year=YEAR)
    response = client.post(act(tree["a"], "submit"), {"next": status_url()})
    assert response.status_code == 302 and response["Location"] == status_url()
    assert state_of(tree["a"]) == State.SUBMITTED

    client.force_login(officer)
    client.post(act(tree["a"], "approve"))
    assert state_of(tree["a"]) == State.APPROVED
    with pytest.raises(services.LockedFigures):
        services.figures_save(actor=officer, unit=tree["a"], year=YEAR, rows={
            indicator: {"target": 1, "result": None, "note": "", "version": 0}})  # fmt: skip
    audit = list(
        AuditEntry.objects.filter(action__startswith="figures.")
        .order_by("id")
        .values_list("actor__username", "from_state", "to_state")
    )
    assert audit == [("clerk_a", "open", "submitted"), ("officer", "submitted", "approved")]


def test_returning_figures_needs_a_reason(client, clerk_a, officer, tree):
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    client.force_login(officer)
    page = client.get(status_url()).content.decode()
    assert 'name="reason"' in page and "required" in page
    response = client.post(act(tree["a"], "return"), {"reason": "  "}, follow=True)
    assert "This field is required." in response.content.decode()
    assert state_of(tree["a"]) == State.SUBMITTED
    client.post(act(tree["a"], "return"), {"reason": "Thiếu số liệu xã Lũng Cú"})
    status = DataStatus.objects.get(unit=tree["a"], year=YEAR)
    assert (status.state, status.reason) == (State.RETURNED, "Thiếu số liệu xã Lũng Cú")


def test_reopening_approved_figures_needs_a_reason_and_is_audited(client, clerk_a, officer, tree):
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    services.figures_approve(actor=officer, unit=tree["a"], year=YEAR)
    client.force_login(officer)
    client.post(act(tree["a"], "reopen"), {"reason": ""})
    assert state_of(tree["a"]) == State.APPROVED
    response = client.post(act(tree["a"], "reopen"), {"reason": "Sửa số liệu theo kiểm toán"},
                           follow=True)  # fmt: skip
    assert "were reopened for entry" in response.content.decode()
    assert state_of(tree["a"]) == State.OPEN
    entry = AuditEntry.objects.filter(action="figures.open").get()
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        officer, "approved", "open", "Sửa số liệu theo kiểm toán")  # fmt: skip


def test_a_transition_the_state_does_not_allow_is_refused_with_a_message(client, officer, tree):
    client.force_login(officer)
    response = client.post(act(tree["a"], "approve"), follow=True)
    assert "This cannot be done while the figures are “Being entered”." in (
        response.content.decode()
    )
    assert state_of(tree["a"]) == State.OPEN


@pytest.mark.parametrize(
    ("persona", "action", "expected"),
    [
        ("clerk_a", "approve", 403),
        ("clerk_a", "return", 403),
        ("clerk_a", "reopen", 403),
        ("clerk_b", "submit", 404),
        ("viewer", "submit", 403),
        ("council", "submit", 403),
        ("approver", "approve", 403),
        ("officer", "publish", 404),
    ],
)
def test_transitions_need_their_role_on_the_unit(client, tree, persona, action, expected,
                                                 request):  # fmt: skip
    client.force_login(request.getfixturevalue(persona))
    response = client.post(act(tree["a"], action), {"reason": "x"})
    assert response.status_code == expected
    assert not DataStatus.objects.exists()
    assert not AuditEntry.objects.exists()


def test_transitions_are_post_only(client, officer, tree):
    client.force_login(officer)
    assert client.get(act(tree["a"], "submit")).status_code == 405
    assert not DataStatus.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", ""])
def test_a_transition_never_redirects_off_site(client, officer, tree, target):
    client.force_login(officer)
    response = client.post(act(tree["a"], "submit"), {"next": target, "confirm_empty": "1"})
    assert response["Location"] == status_url()


def test_a_transition_from_the_grid_returns_to_the_grid(client, clerk_a, tree):
    client.force_login(clerk_a)
    grid = reverse("figures_entry", args=[tree["a"].pk, YEAR])
    page = client.get(grid).content.decode()
    assert f'name="next" value="{grid}"' in page
    assert (
        client.post(act(tree["a"], "submit"), {"next": grid, "confirm_empty": "1"})["Location"]
        == grid
    )


# --- Home-page panel ---------------------------------------------------------------------------


def test_the_home_panel_shows_a_clerks_units_and_their_state(client, clerk_a, tree):
    year = timezone.localdate().year
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=year)
    client.force_login(clerk_a)
    page = client.get(reverse("home")).content.decode()
    assert f"Figures {year}" in page
    assert "state-submitted" in page
    assert reverse("figures_entry", args=[tree["a"].pk, year]) in page
    assert reverse("figures_status") in page
    assert "panel-state-summary" not in page  # the per-state counts are for officers


def test_the_home_panel_counts_units_per_state_for_officers(client, officer, tree):
    year = timezone.localdate().year
    services.figures_submit(actor=officer, unit=tree["b"], year=year)
    client.force_login(officer)
    panel = next(p for p in client.get(reverse("home")).context["panels"]
                 if p["template"] == "indicators/entry/panel_entry_status.html")  # fmt: skip
    assert dict(panel["summary"]) == {"open": 3, "submitted": 1, "returned": 0, "approved": 0}


def test_a_reader_sees_the_state_without_an_entry_link(client, viewer, tree):
    client.force_login(viewer)
    page = client.get(reverse("home")).content.decode()
    assert "state-open" in page
    assert "/indicators/entry/" not in page


def test_a_user_without_any_role_gets_no_panel(client, tree):
    client.force_login(UserFactory(username="newcomer"))
    page = client.get(reverse("home")).content.decode()
    assert "entry-status-heading" not in page


@pytest.mark.parametrize("extra_units", [2, 30])
def test_the_home_panel_has_a_fixed_query_budget(rf, officer, tree, extra_units,
                                                 django_assert_max_num_queries):  # fmt: skip
    from indicators.entry.panels import entry_status

    for i in range(extra_units):
        UnitFactory(code=f"PANEL-{extra_units}-{i}", parent=tree["b"])
    request = rf.get("/")
    request.user = officer
    with django_assert_max_num_queries(PANEL_BUDGET + 1):  # + the scope, read once per request
        panel = entry_status(request)
    assert sum(count for _state, count in panel["summary"]) == 4 + extra_units


def test_the_grid_is_reachable_from_the_status_table(client, clerk_a, tree):
    IndicatorValueFactory(unit=tree["a"], year=YEAR)
    client.force_login(clerk_a)
    page = client.get(status_url()).content.decode()
    grid = reverse("figures_entry", args=[tree["a"].pk, YEAR])
    assert f'href="{grid}"' in page
    assert client.get(grid).status_code == 200
    assert IndicatorValue.objects.count() == 1


def test_submitting_a_year_without_any_figure_asks_for_confirmation_first(client, clerk_a, tree):
    client.force_login(clerk_a)
    response = client.post(act(tree["a"], "submit"), {"next": status_url()})
    assert response.status_code == 200
    assert 'id="empty-year-warning"' in response.content.decode()
    assert not DataStatus.objects.exists()  # nothing submitted yet
    response = client.post(act(tree["a"], "submit"), {"next": status_url(), "confirm_empty": "1"})
    assert response.status_code == 302
    assert state_of(tree["a"]) == State.SUBMITTED


def test_figures_in_a_sub_unit_are_enough_to_submit_without_confirmation(client, clerk_a, tree):
    IndicatorValueFactory(unit=tree["a1"], year=YEAR, target=None)
    client.force_login(clerk_a)
    assert client.post(act(tree["a"], "submit"), {"next": status_url()}).status_code == 302
    assert state_of(tree["a"]) == State.SUBMITTED
