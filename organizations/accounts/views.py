from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_safe

from organizations.ratelimit import allow

HOUR = 3600


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Password reset that sends at most a few e-mails an hour per address and per computer, so
    the form cannot be used to flood someone's mailbox. Past the limit the page looks exactly
    as if the mail had gone, which discloses nothing."""

    def form_valid(self, form):
        limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
        email = form.cleaned_data["email"].strip().lower()
        address = self.request.META.get("REMOTE_ADDR", "")
        by_email = allow("password-reset-email", email, limit=limit, seconds=HOUR)
        by_address = allow("password-reset-address", address, limit=limit * 4, seconds=HOUR)
        if by_email and by_address:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


@require_safe
def signed_in_user(request):
    """The cheapest signed-in page: who is signed in, as JSON.

    It goes through the whole stack (session, account, every middleware) and does nothing else,
    so its throughput is the ceiling `make bench` measures every other page against."""
    return JsonResponse({"username": request.user.get_username()})
