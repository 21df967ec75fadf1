"""The interface language: the one the user chose (kept on their account and in their session),
else the language cookie, else the site default — Vietnamese. The browser's Accept-Language is
ignored on purpose: a department's computers often run an English Windows, and the staff
expect Vietnamese unless they ask otherwise."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.i18n import set_language

SESSION_KEY = "thidua_language"


def _supported(code):
    return code if code in dict(settings.LANGUAGES) else None


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            chosen = _supported(request.session.get(SESSION_KEY))
        language = (
            chosen
            or _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


def set_language_remembered(request):
    """Django's set_language, and for a signed-in user the choice is also kept on the account."""
    response = set_language(request)
    code = _supported(request.POST.get("language"))
    if request.method == "POST" and code:
        if request.user.is_authenticated:
            from organizations.models import UserPreference

            UserPreference.objects.update_or_create(user=request.user,
                                                    defaults={"language": code})  # fmt: skip
        if hasattr(request, "session"):
            request.session[SESSION_KEY] = code
    return response


@receiver(user_logged_in)
def _apply_saved_language(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    from organizations.middleware import mark_seen

    mark_seen(request.session)  # the sign-in itself saves the session: no write on the next page
    from organizations.models import UserPreference

    saved = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    if _supported(saved):
        request.session[SESSION_KEY] = saved
