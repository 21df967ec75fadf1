"""Every URL × every persona, with the outcome each must get.

A new URL that is not listed here fails `test_every_url_is_in_the_matrix`, so nobody can add a
page without deciding who may open it.
"""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import MATRIX, PERSONAS
from tests.matrix.awards_certificates import certificate_of_person_a, signed_certificate_of_person_a
from tests.matrix.awards_publicity import notice_of_unit_a

LOGIN = "login"  # anonymous users are sent to the sign-in page

# Reachable without signing in; signed-in users get these codes too.
PUBLIC = {
    "login": (lambda get: [], 200),
    "password_reset": (lambda get: [], 200),
    "password_reset_done": (lambda get: [], 200),
    "password_reset_confirm": (lambda get: ["MQ", "set-password"], 200),
    "password_reset_complete": (lambda get: [], 200),
    "set_language": (lambda get: [], 302),  # a GET just redirects back
    # The public comment window (awards/publicity/public_views.py); commenting is POST-only.
    "public_notice_index": (lambda get: [], 200),
    "public_notice_detail": (lambda get: [notice_of_unit_a(get).token], 200),
    "public_comment_create": (
        lambda get: [(n := notice_of_unit_a(get)).token, n.entries.get().pk],
        405,
    ),
    # The QR code's target (awards/certificates/views_public.py): anyone checks a certificate.
    "certificate_verify": (lambda get: [certificate_of_person_a(get).verification_code], 200),
    # The signed decision it links, while a signing key is in use (views_public.py there).
    "certificate_decision_pdf": (lambda get: [signed_certificate_of_person_a(get)], 200),
}
# Django admin's own pages are guarded by the admin site; only its index is in the matrix.
IGNORED_NAMESPACES = {"admin"}


def _named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    names = {name for name in _named_patterns() if name.split(":")[0] not in IGNORED_NAMESPACES}
    assert names - set(MATRIX) - set(PUBLIC) == set()


@pytest.fixture
def objects(request, tree):
    """Row builders ask for what they need by fixture name: objects("person_a")."""
    return request.getfixturevalue


def _client_for(persona, request):
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.label not in {"sessions.Session", "axes.AccessAttempt",
                                         "axes.AccessLog"}}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_protected_url_gives_each_persona_its_outcome(name, persona, objects, request):
    args_for, expected = MATRIX[name]
    client = _client_for(persona, request)
    url = reverse(name, args=args_for(objects))
    before = _row_counts()
    response = client.get(url)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(LOGIN) if name != "admin:index"
                                                else reverse("admin:login"))  # fmt: skip
    else:
        assert response.status_code == expected[persona], (name, persona)
    assert _row_counts() == before, "a GET changed the database"


@pytest.mark.parametrize("persona", ["anonymous", "clerk_a"])
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_url_answers_without_sign_in(name, persona, objects, request):
    args_for, expected = PUBLIC[name]
    client = _client_for(persona, request)
    response = client.get(reverse(name, args=args_for(objects)))
    if name == "login" and persona != "anonymous":
        assert response.status_code == 302  # already signed in: sent on to the home page
    else:
        assert response.status_code == expected


POST_URLS = ["login", "logout", "password_reset", "set_language", "person_create",
             "person_update", "import_units", "import_people", "password_change"]  # fmt: skip


@pytest.mark.parametrize("name", POST_URLS)
def test_every_post_needs_its_csrf_token(name, objects, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    args_for = (MATRIX.get(name) or PUBLIC.get(name))[0]
    response = client.post(reverse(name, args=args_for(objects)), {"anything": "x"})
    assert response.status_code == 403


def test_uploaded_files_are_not_served_without_a_permission_check(settings):
    """Dossiers hold personal data: only the download views, which check scope, serve them,
    whatever DEBUG says when the URLs are built."""
    import importlib

    import config.urls

    settings.DEBUG = True
    try:
        patterns = importlib.reload(config.urls).urlpatterns
        assert not [p for p in patterns if str(p.pattern).lstrip("^").startswith("media")]
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
