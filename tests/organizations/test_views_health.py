"""The ceiling page of `make bench` (organizations/accounts/views.py)."""

from django.urls import reverse


def test_the_ceiling_page_says_who_is_signed_in_and_costs_two_queries(
    client, clerk_a, django_assert_num_queries
):
    client.force_login(clerk_a)
    # The session and the account: nothing else, or it would not be the ceiling.
    with django_assert_num_queries(2):
        response = client.get(reverse("healthz_me"))
    assert response.json() == {"username": clerk_a.username}


def test_the_ceiling_page_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("healthz_me"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
