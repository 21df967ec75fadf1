"""Error pages under debug-off lead somewhere."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_not_found_page_links_home(client, clerk_a):
    client.force_login(clerk_a)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert f'href="{reverse("home")}" id="link-home"' in response.content.decode()


def test_the_not_found_page_links_home_for_a_visitor_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="link-home"' in response.content.decode()
