import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than any upload the app accepts before Django reads it, so a
    huge POST costs neither memory nor disk (the reverse proxy should refuse it first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            message = _("The request is larger than %(mb)s MB.") % {"mb": limit}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


SEEN_KEY = "thidua_seen"
RENEW_AFTER_SECONDS = 60


def mark_seen(session):
    session[SEEN_KEY] = int(time.time())


class IdleSessionMiddleware:
    """Sliding idle timeout without a database write on every page: the session (and with it
    its expiry, SESSION_COOKIE_AGE from the last save) is renewed when a signed-in user has
    been active for more than a minute since the last renewal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            seen = request.session.get(SEEN_KEY, 0)
            if time.time() - seen > RENEW_AFTER_SECONDS:
                mark_seen(request.session)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages and downloads seen signed in are never kept by a browser or proxy cache: the next
    person at a shared office computer must not find them with the Back button."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
