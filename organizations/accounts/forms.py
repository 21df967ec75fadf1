from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("sign_in", _("Sign in")))

    def get_invalid_login_error(self):
        """The usual message, plus how many tries are left before the lock and how long it lasts,
        so a clerk who mistyped knows to stop before the office has to unlock them."""
        error = super().get_invalid_login_error()
        if self.request is None:
            return error
        from axes.handlers.proxy import AxesProxyHandler

        failures = AxesProxyHandler.get_failures(
            self.request, {"username": self.cleaned_data.get("username")}
        )
        left = max(settings.AXES_FAILURE_LIMIT - failures, 0)
        minutes = round(settings.AXES_COOLOFF_TIME * 60)
        warning = ngettext(
            "%(count)s attempt left before sign-in from this computer is locked for "
            "%(minutes)s minutes.",
            "%(count)s attempts left before sign-in from this computer is locked for "
            "%(minutes)s minutes.",
            left,
        ) % {"count": left, "minutes": minutes}
        return forms.ValidationError(f"{error.message % error.params} {warning}", code=error.code)
