from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

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


class ReasonForm(forms.Form):
    """The reason a workflow step asks for (returning, reopening, overriding, withdrawing)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
