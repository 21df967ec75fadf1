import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-Passphrase-2026"

# Pages that must open without signing in; everything else sends anonymous users to sign in.
PUBLIC_PAGES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # The public comment window (công khai): anyone may read the nominees and comment.
    "public_notice_index",
    "public_notice_detail",
    "public_comment_create",
    # The QR code on a certificate opens its public verification page, which links the signed
    # decision.
    "certificate_verify",
    "certificate_decision_pdf",
}

SAMPLE_ARGUMENTS = {
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "path": "sample",
    "uuid": str(uuid.UUID(int=1)),
}


def _sample_url(pattern_text):
    """Turn "people/<int:pk>/edit/" into "people/1/edit/"."""

    def fill(match):
        converter = match.group(1) or "str"
        return SAMPLE_ARGUMENTS.get(converter, "sample")

    return re.sub(r"<(?:(\w+):)?\w+>", fill, pattern_text)


def _named_pages(patterns=None, prefix=""):
    """(name, url) of every named page outside the admin, arguments filled with samples."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or entry.app_name == "admin":
                continue
            yield from _named_pages(entry.url_patterns, prefix + text)
        elif isinstance(entry, URLPattern) and entry.name and not text.startswith("^"):
            yield entry.name, "/" + _sample_url(prefix + text)


PROTECTED_PAGES = sorted((name, url) for name, url in _named_pages() if name not in PUBLIC_PAGES)


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def without_csrf_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_in_page_opens_for_anonymous_users(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert reverse("password_reset") in response.content.decode()


def test_the_url_list_under_test_includes_the_directory_pages():
    names = {name for name, _url in PROTECTED_PAGES}
    assert {"home", "unit_tree", "person_list", "import_units", "password_change"} <= names


@pytest.mark.parametrize(("name", "url"), PROTECTED_PAGES)
def test_every_other_page_sends_anonymous_users_to_sign_in(client, name, url):
    response = client.get(url)
    assert response.status_code == 302, name
    target = urlsplit(response.url)
    assert target.path == reverse("login")
    assert parse_qs(target.query)["next"] == [url]


def test_anonymous_post_to_an_import_is_sent_to_sign_in_too(client):
    response = client.post(reverse("import_units"), {})
    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("login")


def test_right_password_signs_in_and_goes_home(client, officer):
    response = sign_in(client, "officer", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
    assert signed_in_user_id(client) == str(officer.pk)
    assert client.get(reverse("home")).status_code == 200


def test_sign_in_follows_the_next_parameter(client, officer):
    response = client.post(
        reverse("login"),
        {"username": "officer", "password": PASSWORD, "next": reverse("person_list")},
    )
    assert response.status_code == 302
    assert response.url == reverse("person_list")


def test_wrong_password_shows_an_error_and_does_not_sign_in(client, officer):
    response = sign_in(client, "officer", "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'class="alert alert-danger"' in response.content.decode()
    assert signed_in_user_id(client) is None


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, officer):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "officer", "wrong-guess").status_code == 200
    locked = sign_in(client, "officer", "wrong-guess")
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]

    response = sign_in(client, "officer", PASSWORD)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None
    assert client.get(reverse("home")).status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock_the_account(client, officer):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "officer", "wrong-guess")
    response = sign_in(client, "officer", PASSWORD)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(officer.pk)


def test_password_reset_looks_the_same_for_known_and_unknown_addresses(client, officer):
    known = client.post(reverse("password_reset"), {"email": officer.email}, follow=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officer.email]
    assert reverse("password_reset_confirm", args=["x", "y"]).split("x/")[0] in mail.outbox[0].body

    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert len(mail.outbox) == 1

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert known.status_code == unknown.status_code == 200
    assert without_csrf_tokens(known) == without_csrf_tokens(unknown)


def test_password_reset_link_lets_the_user_choose_a_new_password(client, officer):
    client.post(reverse("password_reset"), {"email": officer.email})
    link = re.search(r"https?://[^/\s]+(/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)


def test_password_change_saves_the_new_password_and_keeps_the_user_signed_in(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert client.get(reverse("home")).status_code == 200

    clerk_a.refresh_from_db()
    assert clerk_a.check_password(NEW_PASSWORD)
    client.logout()
    assert sign_in(client, "clerk_a", PASSWORD).status_code == 200
    assert sign_in(client, "clerk_a", NEW_PASSWORD).status_code == 302


def test_password_change_refuses_a_wrong_old_password(client, clerk_a):
    client.force_login(clerk_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    clerk_a.refresh_from_db()
    assert clerk_a.check_password(PASSWORD)


def test_password_change_refuses_a_too_short_new_password(client, clerk_a):
    client.force_login(clerk_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Sh0rt!x", "new_password2": "Sh0rt!x"},
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    clerk_a.refresh_from_db()
    assert clerk_a.check_password(PASSWORD)


def test_choosing_vietnamese_serves_pages_in_vietnamese(client, officer):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    english = client.get(reverse("home"))
    assert '<html lang="en"' in english.content.decode()

    response = client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})
    assert response.status_code == 302
    assert response.url == reverse("home")
    home = client.get(reverse("home"))
    assert '<html lang="vi"' in home.content.decode()
    assert home["Content-Language"] == "vi"


def test_anonymous_users_can_choose_the_language_of_the_sign_in_page(client):
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    page = client.get(reverse("login"))
    assert '<html lang="fr"' in page.content.decode()
    assert page["Content-Language"] == "fr"


def test_an_unknown_language_is_ignored(client, officer):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "vi"})
    client.post(reverse("set_language"), {"language": "xx"})
    assert '<html lang="vi"' in client.get(reverse("home")).content.decode()


def test_signing_out_ends_the_session(client, officer):
    sign_in(client, "officer", PASSWORD)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    assert get_user_model().objects.filter(pk=officer.pk).exists()


def test_a_wrong_password_says_how_many_attempts_are_left_and_for_how_long(client, officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = sign_in(client, "officer", "wrong-guess")
    text = response.content.decode()
    left = settings.AXES_FAILURE_LIMIT - 1
    assert f"{left} attempts left" in text
    assert "locked for 30 minutes" in text


def test_locking_one_account_from_one_computer_leaves_others_signing_in(client, officer, clerk_a):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer", "wrong-guess")
    assert sign_in(client, "officer", PASSWORD).status_code == 429
    colleague = sign_in(client, "clerk_a", PASSWORD)  # same office address, another account
    assert colleague.status_code == 302
    other_computer = client.post(
        reverse("login"), {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_computer.status_code == 302


def test_the_lock_page_says_how_long_it_lasts(client, officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        locked = sign_in(client, "officer", "wrong-guess")
    assert "Try again in 30 minutes" in locked.content.decode()


def test_password_reset_mails_stop_after_the_hourly_limit_without_saying_so(
    client, officer, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 2
    pages = [
        client.post(reverse("password_reset"), {"email": officer.email}, follow=True)
        for _ in range(4)
    ]
    assert len(mail.outbox) == 2
    assert {page.redirect_chain[-1][0] for page in pages} == {reverse("password_reset_done")}


def test_signed_in_pages_are_not_kept_in_browser_caches(client, officer):
    client.force_login(officer)
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_session_ends_after_the_idle_timeout_and_activity_renews_it(client, officer, settings):
    from organizations import middleware

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(officer)
    session = client.session
    session[middleware.SEEN_KEY] = 0  # last renewed long ago
    session.save()
    renewed = client.get(reverse("home"))
    assert renewed.cookies["sessionid"]["max-age"] == 30 * 60
    again = client.get(reverse("home"))  # a moment later: nothing to write
    assert "sessionid" not in again.cookies


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, officer, settings):
    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(officer)
    response = client.post(
        reverse("login"), data=b"x" * 2000, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    assert "1000" not in response.content.decode() and "MB" in response.content.decode()


def test_an_english_browser_still_gets_vietnamese_by_default(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi"' in page.content.decode()
    assert page["Content-Language"] == "vi"


def test_a_chosen_language_follows_the_account_to_another_computer(client, officer):
    sign_in(client, "officer", PASSWORD)
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("home")})
    assert officer.preference.language == "fr"

    elsewhere = Client()  # no cookie from the first computer
    assert '<html lang="vi"' in elsewhere.get(reverse("login")).content.decode()
    sign_in(elsewhere, "officer", PASSWORD)
    assert '<html lang="fr"' in elsewhere.get(reverse("home")).content.decode()
