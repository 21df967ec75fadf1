"""The council screens: the list, opening a session, voting, conflicts, attendance, closing, the
minutes and the nomination page's council panel."""

import re

import pytest
from django.urls import reverse

from awards.models import Ballot, CouncilSession, Nomination, Recusal
from organizations.models import AuditEntry
from tests.awards.factories_council import (
    accepted,
    council_member,
    open_session,
    published,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
State = Nomination.State


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def session(officer, council, tree, person_a):
    """An open department session: council and "second" are its members; person_a's LDTT."""
    council_member("second", tree["dept"])
    return open_session(officer, tree["dept"], [accepted(person_a)])


def detail(session):
    return reverse("council_session_detail", args=[session.pk])


def ballot_url(session, item=None):
    item = item or session.items.get()
    return reverse("council_ballot_cast", args=[session.pk, item.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def assert_csp_clean(html):
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)


# --- List --------------------------------------------------------------------------------------


# Sign-in session and user, memberships (the scope), the page count, the page of sessions with
# their unit and counts, the user's seats, the unread notifications of the menu, and the
# sign-in session saved again (a savepoint, the update, its release).
LIST_BUDGET = 10


def _list_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(LIST_BUDGET) as captured:
        response = client.get(reverse("council_session_list"))
    assert response.status_code == 200
    return response, len(captured.captured_queries)


def test_the_list_shows_the_sessions_of_the_users_units(
    as_user, session, council, clerk_a, django_assert_max_num_queries
):
    response, _count = _list_queries(as_user(council), django_assert_max_num_queries)
    html = response.content.decode()
    assert session.title in html and "you are a member" in html
    assert_csp_clean(html)
    assert (
        as_user(clerk_a).get(reverse("council_session_list")).context["page"].paginator.count == 0
    )


def test_the_list_costs_the_same_with_more_sessions(
    as_user, officer, council, tree, django_assert_max_num_queries
):
    client = as_user(officer)
    open_session(officer, tree["dept"], [accepted(PersonFactory(unit=tree["a"]))])
    _response, few = _list_queries(client, django_assert_max_num_queries)
    for _n in range(6):
        open_session(officer, tree["dept"], [accepted(PersonFactory(unit=tree["a"]))])
    response, many = _list_queries(client, django_assert_max_num_queries)
    assert few == many and len(response.context["sessions"]) == 7
    assert "Open a session" in response.content.decode()


def test_the_awards_menu_offers_the_council(as_user, council):
    html = as_user(council).get(reverse("council_session_list")).content.decode()
    assert f'href="{reverse("council_session_list")}"' in html


# --- Opening -----------------------------------------------------------------------------------


def test_the_open_form_lists_accepted_nominations_by_award_with_publicity_blocks(
    as_user, officer, council, tree, person_a, person_b
):
    ready = accepted(person_a)
    waiting = accepted(person_b, code="CSTDTQ")
    published(waiting, ends_in_days=4, unit=tree["dept"])
    draft = accepted(PersonFactory(unit=tree["a"]))
    draft.state = State.DRAFT
    draft.save()
    response = as_user(officer).get(reverse("council_session_create"))
    html = response.content.decode()
    assert f'id="agenda-{ready.pk}"' in html and f'id="agenda-{waiting.pk}"' in html
    assert f'id="agenda-{draft.pk}"' not in html
    assert "Advanced Worker" in html and "National Emulation Fighter" in html
    assert "Voting blocked for now" in html and "public comment window runs until" in html
    assert f'id="member-{council.pk}" checked' in html
    assert_csp_clean(html)


def test_an_officer_opens_a_session(as_user, officer, council, tree, person_a):
    nomination = accepted(person_a)
    response = as_user(officer).post(
        reverse("council_session_create"),
        {"unit": tree["dept"].pk, "title": "Phiên họp tháng 1", "date": "15/01/2024",
         "place": "Phòng họp", "nominations": [nomination.pk], "member_users": [council.pk]},
    )  # fmt: skip
    session = CouncilSession.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(session)
    assert session.date.isoformat() == "2024-01-15"
    assert list(session.items.values_list("nomination", flat=True)) == [nomination.pk]


def test_the_open_form_keeps_what_was_typed_on_errors(as_user, officer, council, tree, person_a):
    nomination = accepted(person_a)
    response = as_user(officer).post(
        reverse("council_session_create"),
        {"unit": tree["dept"].pk, "title": "Phiên họp tháng 1", "date": "not a date",
         "place": "", "nominations": [nomination.pk], "member_users": [council.pk]},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Phiên họp tháng 1"' in html
    assert f'id="agenda-{nomination.pk}" checked' in html
    assert not CouncilSession.objects.exists()


def test_the_open_form_refuses_an_empty_agenda(as_user, officer, council, tree):
    response = as_user(officer).post(
        reverse("council_session_create"),
        {"unit": tree["dept"].pk, "title": "T", "date": "15/01/2024", "place": "P",
         "member_users": [council.pk]},
    )  # fmt: skip
    assert "Put at least one nomination on the agenda." in response.content.decode()


def test_the_open_form_is_for_officers_only(as_user, council, clerk_a):
    assert as_user(council).get(reverse("council_session_create")).status_code == 403
    assert as_user(clerk_a).post(reverse("council_session_create"), {}).status_code == 403


# --- Session page and voting -------------------------------------------------------------------


def test_a_member_votes_and_sees_their_own_ballot_and_the_count(as_user, session, council):
    client = as_user(council)
    response = client.post(ballot_url(session), {"choice": "agree"}, follow=True)
    assert "Your vote was recorded" in " ".join(messages_of(response))
    html = response.content.decode()
    item = session.items.get()
    assert re.search(rf'id="choice-{item.pk}-agree"[^>]*checked', html)
    assert "1 of 2 members has voted." in html
    assert "Change my vote" in html
    assert_csp_clean(html)


def test_a_member_changes_their_vote(as_user, session, council):
    client = as_user(council)
    client.post(ballot_url(session), {"choice": "agree"})
    client.post(ballot_url(session), {"choice": "abstain"})
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["abstain"]


def test_a_ballot_without_a_choice_is_refused(as_user, session, council):
    response = as_user(council).post(ballot_url(session), {"choice": "yes"}, follow=True)
    assert "Choose agree, disagree or abstain." in messages_of(response)
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 403), ("approver", 403), ("viewer", 403), ("clerk_a", 404), ("clerk_b", 404),
     ("superuser", 403)],
)  # fmt: skip
def test_only_council_members_vote(persona, status, request, as_user, session):
    response = as_user(request.getfixturevalue(persona)).post(
        ballot_url(session), {"choice": "agree"}
    )
    assert response.status_code == status
    assert not Ballot.objects.exists()


def test_a_council_role_holder_without_a_seat_gets_a_403(as_user, session, tree):
    outsider = council_member("late", tree["dept"])
    assert as_user(outsider).post(ballot_url(session), {"choice": "agree"}).status_code == 403


def test_a_get_on_a_ballot_is_not_allowed(as_user, session, council):
    assert as_user(council).get(ballot_url(session)).status_code == 405


def test_voting_waits_for_the_public_comment_window(as_user, officer, council, tree, person_a):
    nomination = accepted(person_a, code="CSTDTQ")
    published(nomination, ends_in_days=3, unit=tree["dept"])
    session = open_session(officer, tree["dept"], [nomination])
    client = as_user(council)
    html = client.get(detail(session)).content.decode()
    assert "Voting is not open yet" in html and 'name="choice"' not in html
    response = client.post(ballot_url(session), {"choice": "agree"}, follow=True)
    assert "public comment window runs until" in " ".join(messages_of(response))
    assert not Ballot.objects.exists()


def test_a_member_declares_a_conflict_and_no_longer_votes(as_user, session, council):
    item = session.items.get()
    client = as_user(council)
    url = reverse("council_conflict_declare", args=[session.pk, item.pk])
    response = client.post(url, {"reason": "Em ruột của người được đề nghị"}, follow=True)
    assert "you stand aside" in " ".join(messages_of(response))
    html = response.content.decode()
    assert "You stand aside on this item" in html and 'name="choice"' not in html
    assert "declared conflict: Em ruột của người được đề nghị" in html
    assert Recusal.objects.get().automatic is False
    assert client.post(ballot_url(session), {"choice": "agree"}).status_code == 302
    assert not Ballot.objects.exists()


def test_an_automatic_recusal_shows_on_the_page(as_user, officer, tree, person_a):
    from organizations.models import Role

    insider = council_member("insider", tree["dept"], (Role.CLERK, tree["a"]))
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    html = as_user(insider).get(detail(session)).content.decode()
    assert "You stand aside on this item" in html and "automatic" in html


def test_a_conflict_needs_a_reason(as_user, session, council):
    item = session.items.get()
    url = reverse("council_conflict_declare", args=[session.pk, item.pk])
    response = as_user(council).post(url, {"reason": ""}, follow=True)
    assert "Say what the conflict of interest is." in messages_of(response)
    assert not Recusal.objects.exists()


def test_officers_cannot_declare_conflicts(as_user, session, officer):
    item = session.items.get()
    url = reverse("council_conflict_declare", args=[session.pk, item.pk])
    assert as_user(officer).post(url, {"reason": "x"}).status_code == 403


# --- Attendance and closing --------------------------------------------------------------------


def test_an_officer_records_attendance_and_written_opinions(as_user, session, officer, council):
    member = session.members.get(user=council)
    other = session.members.exclude(user=council).get()
    client = as_user(officer)
    response = client.post(
        reverse("council_attendance", args=[session.pk]),
        {f"present_{other.pk}": "on", f"opinion_{member.pk}": "Nhất trí đề nghị."},
        follow=True,
    )
    assert "The attendance was saved." in messages_of(response)
    member.refresh_from_db()
    assert not member.present and member.written_opinion == "Nhất trí đề nghị."
    assert AuditEntry.objects.filter(action="council.attendance").count() == 1


def test_members_cannot_record_attendance(as_user, session, council):
    response = as_user(council).post(reverse("council_attendance", args=[session.pk]), {})
    assert response.status_code == 403


def test_closing_needs_the_confirmation(as_user, session, officer):
    response = as_user(officer).post(
        reverse("council_session_close", args=[session.pk]), {}, follow=True
    )
    assert "Tick the confirmation to close the session." in messages_of(response)
    session.refresh_from_db()
    assert session.state == CouncilSession.State.OPEN


def test_an_officer_closes_and_lands_on_the_minutes(as_user, session, officer, council):
    as_user(council).post(ballot_url(session), {"choice": "agree"})
    client = as_user(officer)
    response = client.post(
        reverse("council_session_close", args=[session.pk]), {"confirm": "on"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("council_session_minutes", args=[session.pk])
    html = response.content.decode()
    assert "The session was closed and the votes counted." in html
    assert "Passed" in html and "50%" in html
    nomination = session.items.get().nomination
    nomination.refresh_from_db()
    assert nomination.state == State.PASSED


def test_members_cannot_close(as_user, session, council):
    url = reverse("council_session_close", args=[session.pk])
    assert as_user(council).post(url, {"confirm": "on"}).status_code == 403


def test_no_voting_after_closing(as_user, session, officer, council):
    as_user(officer).post(reverse("council_session_close", args=[session.pk]), {"confirm": "on"})
    client = as_user(council)
    response = client.post(ballot_url(session), {"choice": "agree"}, follow=True)
    assert "The session is closed" in " ".join(messages_of(response))
    assert 'name="choice"' not in response.content.decode()
    assert not Ballot.objects.exists()


# --- Minutes and the nomination panel ----------------------------------------------------------


def test_the_minutes_print_the_attendance_tallies_and_secrecy(as_user, session, officer, council):
    member = session.members.get(user=council)
    as_user(officer).post(
        reverse("council_attendance", args=[session.pk]),
        {f"opinion_{member.pk}": "Đồng ý.",
         f"present_{session.members.exclude(pk=member.pk).get().pk}": "on"},
    )  # fmt: skip
    as_user(officer).post(reverse("council_session_close", args=[session.pk]), {"confirm": "on"})
    response = as_user(council).get(reverse("council_session_minutes", args=[session.pk]))
    html = response.content.decode()
    assert "MINUTES OF THE COUNCIL MEETING" in html and "15/01/2024" in html
    assert "1 present, 1 absent" in html and "Đồng ý." in html
    assert "secret ballot" in html and "absent members and members standing aside count" in html
    assert "Not passed" in html
    assert "css/council-minutes.css" in html and "js/council.js" in html
    assert_csp_clean(html)


def test_open_minutes_are_marked_as_a_draft(as_user, session, viewer):
    html = as_user(viewer).get(reverse("council_session_minutes", args=[session.pk]))
    assert "Draft: the session is still open." in html.content.decode()


def test_the_nomination_page_shows_the_session_and_its_result(
    as_user, session, officer, council, clerk_a
):
    nomination = session.items.get().nomination
    url = reverse("nomination_detail", args=[nomination.pk])
    assert "the council is voting by secret ballot" in as_user(clerk_a).get(url).content.decode()
    as_user(council).post(ballot_url(session), {"choice": "agree"})
    as_user(officer).post(reverse("council_session_close", args=[session.pk]), {"confirm": "on"})
    html = as_user(clerk_a).get(url).content.decode()
    assert "1 agree, 0 disagree, 0 abstain, 0 recused, of 2 members." in html
    assert "Threshold: 50% of all members." in html
    # The department's session is not the clerk's to open: its title is not a link for them.
    assert detail(session) not in html
    assert detail(session) in as_user(officer).get(url).content.decode()
