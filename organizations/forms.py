from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organizations.access import units_where
from organizations.models import Person


class DateTextInput(forms.DateInput):
    """A plain text date box: clerks type 31/12/2024 the way they write it, in any browser."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", **(attrs or {})}
        )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["code", "full_name", "sex", "date_of_birth", "position", "unit", "sector_start",
                  "is_active"]  # fmt: skip
        widgets = {"date_of_birth": DateTextInput(), "sector_start": DateTextInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_where(user, "person.manage").order_by("path")
        self.fields["date_of_birth"].localize = True
        self.fields["sector_start"].localize = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8, as Excel saves it) or XLSX; the first line holds the column names."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("import", _("Import")))


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


class ReasonForm(forms.Form):
    """The reason a workflow step asks for (returning, reopening, overriding, withdrawing)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
