"""Form pieces that pages of every app share: the date box and the reason of a workflow step."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateTextInput(forms.DateInput):
    """A plain text date box: clerks type 31/12/2024 the way they write it, in any browser."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", **(attrs or {})}
        )


class ReasonForm(forms.Form):
    """The reason a workflow step asks for (returning, reopening, overriding, withdrawing)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
