"""Council writes racing on PostgreSQL row locks: two officers putting the same nomination on two
agendas at once, and a ballot cast while the session closes."""

import pytest
from django.db import connection

from awards.council.services import WorkflowError, ballot_cast, session_close
from awards.models import AgendaItem, Ballot, CouncilSession, Nomination
from organizations.models import Role
from tests.awards.factories_council import accepted, open_session
from tests.concurrency import race
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
)


@pytest.mark.django_db(transaction=True)
def test_two_officers_cannot_put_one_nomination_on_two_open_agendas(
    tree, officer, council, person_a
):
    second_officer = UserFactory(username="officer2")
    MembershipFactory(user=second_officer, unit=tree["dept"], role=Role.OFFICER)
    nomination = accepted(person_a)
    outcomes = race(
        nomination,
        lambda: open_session(officer, tree["dept"], [nomination]),
        lambda: open_session(second_officer, tree["dept"], [nomination]),
    )
    opened = [o for o in outcomes if isinstance(o, CouncilSession)]
    refused = [o for o in outcomes if isinstance(o, WorkflowError)]
    assert len(opened) == 1 and len(refused) == 1, outcomes
    assert AgendaItem.objects.filter(nomination=nomination).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_ballot_cast_while_closing_is_counted_or_refused_never_lost(
    tree, officer, council, person_a
):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    item = session.items.get()
    outcomes = race(
        session,
        lambda: session_close(actor=officer, session=session),
        lambda: ballot_cast(actor=council, item=item, choice="agree"),
    )
    assert isinstance(outcomes[0], CouncilSession), outcomes
    item.refresh_from_db()
    if isinstance(outcomes[1], Ballot):
        assert item.agree == 1 and item.passed
        assert item.nomination.state == Nomination.State.PASSED
    else:
        assert isinstance(outcomes[1], WorkflowError), outcomes
        assert item.agree == 0 and not Ballot.objects.exists()
