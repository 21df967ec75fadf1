"""Year selectors open on the latest year with figures in the user's units, not on the calendar
year (the demo holds 2022–2024 whatever today's date is)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.years import latest_year_with_data, latest_year_with_results
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(tree):
    """Results for 2023 and targets for 2024 in UNIT-A; a later year in UNIT-B."""
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, unit=tree["a"], year=2022)
    IndicatorValueFactory(indicator=indicator, unit=tree["a"], year=2023)
    IndicatorValueFactory(indicator=indicator, unit=tree["a"], year=2024, result=None)
    IndicatorValueFactory(indicator=indicator, unit=tree["b"], year=2025)


def test_the_latest_year_is_the_latest_with_figures_in_the_users_units(
    clerk_a, figures, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the user's roles, then one aggregate
        assert latest_year_with_data(clerk_a) == 2024
    assert latest_year_with_results(clerk_a) == 2023


def test_the_latest_year_covers_every_unit_for_a_superuser(superuser, figures):
    assert latest_year_with_data(superuser) == 2025


def test_without_figures_the_latest_year_is_the_calendar_year(clerk_a, tree):
    assert latest_year_with_data(clerk_a) == timezone.localdate().year
    assert latest_year_with_results(clerk_a) == timezone.localdate().year


def test_with_targets_only_reports_open_on_the_targets_year(clerk_a, tree):
    IndicatorValueFactory(indicator=IndicatorFactory(), unit=tree["a"], year=2024, result=None)
    assert latest_year_with_results(clerk_a) == 2024


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("figures_status", 2024),
        ("registration_list", 2024),
        ("registration_results", 2023),
        ("ratings_index", 2023),
        ("report_performance", 2023),
    ],
)
def test_year_selectors_open_on_the_latest_year_with_data(client, clerk_a, figures, name, year):
    client.force_login(clerk_a)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert str(response.context["year"]) == str(year)


def test_the_awards_report_opens_on_the_latest_year_with_results(client, clerk_a, figures):
    client.force_login(clerk_a)
    report = client.get(reverse("report_awards")).context["report"]
    assert (report.year_from, report.year_to) == (2023, 2023)


def test_the_dashboard_opens_on_the_latest_year_with_results(client, clerk_a, tree, figures):
    client.force_login(clerk_a)
    response = client.get(reverse("indicator_dashboard"), {"unit": tree["a"].pk})
    assert response.status_code == 200
    assert response.context["year"] == "2023"


def test_the_home_panel_shows_the_latest_year_with_figures(client, clerk_a, figures):
    client.force_login(clerk_a)
    panel = next(p for p in client.get(reverse("home")).context["panels"]
                 if p["template"] == "indicators/entry/panel_entry_status.html")  # fmt: skip
    assert panel["year"] == 2024
