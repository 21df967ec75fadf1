"""The nominations panel on the home page: what waits for the clerk, or for the officer."""

import pytest
from django.urls import reverse

from tests.awards.factories import CampaignFactory, NominationFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations(tree):
    campaign = CampaignFactory()
    for state, unit in [("draft", "a"), ("returned", "a"), ("submitted", "a"),
                        ("submitted", "b"), ("resubmitted", "b")]:  # fmt: skip
        NominationFactory(campaign=campaign, person=PersonFactory(unit=tree[unit]), state=state)


def panel(client):
    html = client.get(reverse("home")).content.decode()
    start = html.index('id="nominations-panel-heading"')
    return html[start : html.index("</section>", start)]


def test_clerk_sees_the_drafts_and_returned_nominations_of_their_units(
    client, clerk_a, nominations
):
    client.force_login(clerk_a)
    text = panel(client)
    assert "My units&#x27; nominations" in text or "My units' nominations" in text
    assert "All 3 nominations" in text
    assert "?state=draft" in text and "?state=returned" in text and "?state=submitted" not in text


def test_officer_sees_what_was_sent_in_for_review(client, officer, nominations):
    client.force_login(officer)
    text = panel(client)
    assert "Nominations to review" in text
    assert "All 5 nominations" in text
    assert "?state=submitted" in text and "?state=resubmitted" in text


def test_viewer_gets_no_nominations_panel(client, viewer, nominations):
    client.force_login(viewer)
    assert 'id="nominations-panel-heading"' not in client.get(reverse("home")).content.decode()
