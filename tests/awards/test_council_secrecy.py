"""Ballots are secret: before and after closing, for officers, other members, superusers, through
the audit log and through the admin. A member sees their own ballot, and only while open."""

import csv
import io
import json
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from awards.models import Ballot
from organizations.models import AuditEntry
from tests.awards.factories_council import accepted, council_member, open_session

pytestmark = pytest.mark.django_db
CHOICES = ("agree", "disagree", "abstain")
# How a ballot would show on a page: a ticked ballot radio button or a choice in words.
TICKED = re.compile(r'name="choice"[^>]*checked')
WORDS = ("Agree", "Disagree", "Abstain")


@pytest.fixture
def voted(officer, council, tree, person_a):
    """An open session of three members who voted differently on person_a's nomination."""
    second = council_member("second", tree["dept"])
    third = council_member("third", tree["dept"])
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    item = session.items.get()
    from awards.council.services import ballot_cast

    for user, choice in ((council, "agree"), (second, "disagree"), (third, "abstain")):
        ballot_cast(actor=user, item=item, choice=choice)
    return {"session": session, "item": item, "second": second, "third": third}


def page(client, user, name, session):
    client.force_login(user)
    response = client.get(reverse(name, args=[session.pk]))
    assert response.status_code == 200
    return response


def close(officer, session):
    from awards.council.services import session_close

    session_close(actor=officer, session=session)


def assert_no_ballot_shown(html):
    assert not TICKED.search(html)
    for word in WORDS:
        assert word not in html, word


@pytest.mark.parametrize("persona", ["officer", "approver", "viewer", "superuser"])
def test_while_open_non_members_see_only_how_many_voted(persona, request, client, voted):
    response = page(client, request.getfixturevalue(persona), "council_session_detail",
                    voted["session"])  # fmt: skip
    html = response.content.decode()
    assert "3 of 3 members have voted." in html
    assert_no_ballot_shown(html)
    assert all(row["my_choice"] == "" for row in response.context["rows"])


def test_while_open_a_member_sees_their_own_ballot_and_no_other(client, voted):
    response = page(client, voted["second"], "council_session_detail", voted["session"])
    html = response.content.decode()
    item = voted["item"]
    assert len(TICKED.findall(html)) == 1
    assert re.search(rf'id="choice-{item.pk}-disagree"[^>]*checked', html)
    assert [row["my_choice"] for row in response.context["rows"]] == ["disagree"]
    assert "3 of 3 members have voted." in html


@pytest.mark.parametrize("persona", ["officer", "council", "approver", "viewer", "superuser"])
def test_after_closing_nobody_sees_a_ballot_not_even_their_own(
    persona, request, client, officer, voted
):
    close(officer, voted["session"])
    for name in ("council_session_detail", "council_session_minutes"):
        response = page(client, request.getfixturevalue(persona), name, voted["session"])
        html = response.content.decode()
        assert not TICKED.search(html)
        assert 'name="choice"' not in html
        # Only the tally: one of each.
        assert "secret" in html
    rows = page(client, request.getfixturevalue(persona), "council_session_detail",
                voted["session"]).context["rows"]  # fmt: skip
    assert all(row["my_choice"] == "" for row in rows)
    item = voted["item"]
    item.refresh_from_db()
    assert (item.agree, item.disagree, item.abstain) == (1, 1, 1)


def test_no_page_context_carries_a_ballot(client, officer, superuser, voted):
    for user in (officer, superuser):
        response = page(client, user, "council_session_detail", voted["session"])
        for context in response.context:
            for value in context.flatten().values():
                assert not isinstance(value, Ballot)
                if isinstance(value, (list, tuple)):
                    assert not any(isinstance(entry, Ballot) for entry in value)


def test_the_audit_log_says_who_voted_never_how(client, officer, superuser, voted):
    close(officer, voted["session"])
    casts = AuditEntry.objects.filter(action="ballot.cast")
    assert casts.count() == 3
    for entry in casts:
        text = " ".join([entry.reason, json.dumps(entry.changes), entry.object_repr]).lower()
        assert not any(choice in text for choice in CHOICES)
    client.force_login(superuser)
    response = client.get(reverse("audit_log"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cast_rows = [row for row in rows if "ballot.cast" in row]
    assert len(cast_rows) == 3
    for row in cast_rows:
        assert not any(choice in " ".join(row).lower() for choice in CHOICES)


def test_the_admin_has_no_ballots(client, superuser, officer, voted):
    assert Ballot not in admin.site._registry
    with pytest.raises(NoReverseMatch):
        reverse("admin:awards_ballot_changelist")
    client.force_login(superuser)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Ballot" not in index and "ballot" not in index
    close(officer, voted["session"])
    session = voted["session"]
    for url in (
        reverse("admin:awards_councilsession_change", args=[session.pk]),
        reverse("admin:awards_councilsession_changelist"),
        reverse("admin:awards_councilmember_changelist"),
        reverse("admin:awards_agendaitem_changelist"),
        reverse("admin:awards_recusal_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ballot" not in response.content.decode().lower(), url


def test_the_admin_changes_nothing_in_the_council(client, superuser, voted):
    client.force_login(superuser)
    session = voted["session"]
    html = client.get(reverse("admin:awards_councilsession_change", args=[session.pk]))
    assert 'name="_save"' not in html.content.decode()
    response = client.post(reverse("admin:awards_councilsession_delete", args=[session.pk]),
                           {"post": "yes"})  # fmt: skip
    assert response.status_code == 403
    assert client.get(reverse("admin:awards_councilsession_add")).status_code == 403
