"""The long lists write their rows and filter fields in Python (organizations/rows.py,
organizations/templatetags/filter_fields.py): what the user sees must not change for it."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _people_page(client, **query):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("person_list"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_each_row_links_the_person_and_their_unit_and_says_sex_and_state(client, officer, tree):
    person = PersonFactory(
        full_name="Lò Thị <Mai>", unit=tree["a1"], sex="F", position="", is_active=False
    )
    client.force_login(officer)
    html = _people_page(client)
    row = re.search(rf"<tr><td>{person.code}</td>.*?</tr>", html).group(0)
    assert f'href="{reverse("person_detail", args=[person.pk])}"' in row
    assert "Lò Thị &lt;Mai&gt;" in row  # escaped, never markup
    assert f'href="{reverse("unit_detail", args=[tree["a1"].pk])}"' in row
    assert "<td>Female</td><td>—</td>" in row
    assert '<span class="false">✘</span>' in row


def test_a_list_with_nothing_to_show_says_so(client, officer, tree):
    client.force_login(officer)
    assert "No people match." in _people_page(client, q="nobody-has-this-name")


def test_a_refused_filter_keeps_what_was_typed_and_says_why_under_the_field(client, officer, tree):
    client.force_login(officer)
    html = _people_page(client, unit="no such unit", sex="F")
    unit_box = re.search(r'<input type="text" name="unit"[^>]*>', html).group(0)
    assert 'value="no such unit"' in unit_box
    assert "is-invalid" in unit_box and 'aria-invalid="true"' in unit_box
    assert 'aria-describedby="id_unit_error id_unit_helptext"' in unit_box
    error = '<div id="id_unit_error" class="invalid-feedback d-block"><p><strong>'
    assert error + "None of your units has this code or name." in html
    assert '<label for="id_unit" class="form-label">Unit (with its sub-units)</label>' in html
    assert '<option value="F" selected>Female</option>' in html


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own statistics")
def test_a_sqlite_connection_leaves_planner_statistics_when_it_closes(tmp_path, settings):
    from config.sqlite.base import DatabaseWrapper

    database = DatabaseWrapper({**settings.DATABASES["default"], "NAME": tmp_path / "x.sqlite3"})
    with database.cursor() as cursor:
        cursor.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, state TEXT, at INTEGER)")
        cursor.execute("CREATE INDEX t_state ON t (state)")
        cursor.executemany("INSERT INTO t (state, at) VALUES (%s, %s)",
                           [(("a", "b")[i % 2], i) for i in range(500)])  # fmt: skip
        cursor.execute("SELECT id FROM t WHERE state = %s", ["a"])
    database.close()
    with database.cursor() as cursor:
        cursor.execute("SELECT tbl, idx FROM sqlite_stat1")
        assert ("t", "t_state") in cursor.fetchall()
    database.close()


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_dates_in_rows_read_as_django_writes_them_in_each_language(language):
    from datetime import UTC, date, datetime

    from django.utils import timezone, translation
    from django.utils.formats import date_format

    from organizations.rows import DateWriter

    moment = datetime(2024, 3, 7, 8, 5, tzinfo=UTC)
    with translation.override(language):
        dates = DateWriter()
        assert dates.date(date(2024, 3, 7)) == date_format(date(2024, 3, 7), "SHORT_DATE_FORMAT")
        assert dates.datetime(moment) == date_format(
            timezone.localtime(moment), "SHORT_DATETIME_FORMAT"
        )
        assert dates.date(None) == "—" and dates.datetime(None, empty="") == ""


def test_a_date_format_with_words_is_left_to_django():
    from datetime import date

    from organizations.rows import _compiled

    assert (
        _compiled("d/m/Y H:i") == "{0.day:02d}/{0.month:02d}/{0.year} {0.hour:02d}:{0.minute:02d}"
    )
    assert _compiled(r"j \d\e F Y") is None  # a month's name
    assert _compiled(r"d \h") == "{0.day:02d} h"
    assert _compiled("{d}").format(date(2024, 1, 2)) == "{02}"
