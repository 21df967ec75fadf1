"""The audit log and the history pages say what happened in words, not in machine codes."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from indicators.entry import services as figures
from organizations.audit.labels import ACTION_LABELS, change_rows, states_text
from organizations.models import AuditEntry
from organizations.people.services import person_update
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

WRITTEN = re.compile(r'action=f?"([a-z_]+\.[a-z_.{}]+)"')
NOT_AUDIT = {"directory.view", "person.manage"}  # permission names passed as `action=`


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def written_codes():
    codes = set()
    for app in ("organizations", "indicators", "awards"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            codes |= set(WRITTEN.findall(path.read_text(encoding="utf-8")))
    return codes - NOT_AUDIT


def test_every_action_code_written_by_a_service_has_words():
    codes = written_codes()
    assert "figures.{to}" in codes and "nomination.submit" in codes  # the grep still finds them
    literal = {code for code in codes if "{" not in code}
    assert literal - ACTION_LABELS.keys() == set()


def test_every_state_transition_code_has_words():
    from awards.models import Campaign, Registration
    from indicators.models import DataStatus

    for prefix, model in [("figures", DataStatus), ("campaign", Campaign),
                          ("registration", Registration)]:  # fmt: skip
        missing = {f"{prefix}.{state}" for state in model.State.values} - ACTION_LABELS.keys()
        assert missing == set()


@translation.override("en")
def test_states_and_fields_are_shown_in_words(clerk_a, tree):
    figures.figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    entry = AuditEntry.objects.get(action="figures.submitted")
    assert states_text(entry) == "Being entered → Submitted"
    person = PersonFactory(unit=tree["a"], is_active=False)
    person_update(actor=clerk_a, person=person, is_active=True, full_name="Trần Văn B")
    entry = AuditEntry.objects.filter(action="person.update").latest("id")
    rows = {str(field): (old, new) for field, old, new in change_rows(entry)}
    assert rows["active"] == ("No", "Yes")
    assert rows["full name"][1] == "Trần Văn B"


def test_the_audit_log_page_shows_words_and_the_csv_keeps_codes(english, officer, clerk_a, tree):
    figures.figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    english.force_login(officer)
    page = english.get(reverse("audit_log")).content.decode()
    assert "Figures submitted" in page and "Being entered → Submitted" in page
    assert "figures.submitted" not in page and "open → submitted" not in page
    response = english.get(reverse("audit_log"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][4:7] == ["figures.submitted", "open", "submitted"]
    assert rows[1][-1] == "Figures submitted"


def test_a_persons_history_shows_the_action_and_fields_in_words(english, clerk_a, tree):
    person = PersonFactory(unit=tree["a"], is_active=False)
    person_update(actor=clerk_a, person=person, is_active=True)
    english.force_login(clerk_a)
    page = english.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Person edited" in page and "person.update" not in page
    assert "Active: No → Yes" in page
    assert "is_active" not in page
