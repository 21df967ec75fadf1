"""Forms of the data-entry grid and of the approval actions.

Numbers are typed the way the active language writes them: in Vietnamese "17.605" is seventeen
thousand six hundred and five and "69,5" is sixty-nine and a half. Stored values are shown the
same way, without trailing zeros, so that what the grid displays reads back unchanged.
"""

from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from indicators.entry.services import check_figure

FIGURE_FIELDS = ("target", "result", "note")
# Spaces that Word and Excel put between thousands; never meaningful inside a number.
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def display_number(value):
    """A stored Decimal as the active language writes it: 17605.0000 → "17.605" in Vietnamese,
    69.5000 → "69,5". Blank for None."""
    if value is None:
        return ""
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return formats.number_format(value, force_grouping=True)


class FigureField(forms.DecimalField):
    """A localized decimal typed in a plain text box (inputmode="decimal" for phone keyboards)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("localize", True)
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            # Django drops thousand separators only when USE_THOUSAND_SEPARATOR is on, which
            # would print years as "2.023"; figures are typed grouped, so drop them here.
            grouping = formats.get_format("THOUSAND_SEPARATOR")
            value = value.translate(_SPACES).replace(grouping, "") if grouping else value
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return display_number(value)
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        return attrs


class EntryRowForm(forms.Form):
    """One indicator's row of the grid. The hidden initial values let the view send only the
    rows the user changed, so that a colleague's save of another row is no conflict."""

    target = FigureField(label=_("Target"), show_hidden_initial=True)
    result = FigureField(label=_("Result"), show_hidden_initial=True)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, show_hidden_initial=True
    )
    # Missing when the indicator was added after the page was opened: the row is then untouched.
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, indicator, **kwargs):
        self.indicator = indicator
        super().__init__(*args, **kwargs)
        for name in ("target", "result"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm figure"
            self.fields[name].widget.attrs["data-col"] = name
        self.fields["note"].widget.attrs.update(
            {"class": "form-control form-control-sm", "data-col": "note"}
        )
        for name in FIGURE_FIELDS:
            # Read out as "DAO_TAO_NGHE … Target 2024" by screen readers.
            self.fields[name].widget.attrs["aria-labelledby"] = f"ind-{indicator.pk} col-{name}"

    def _clean_figure(self, name):
        number = self.cleaned_data.get(name)
        problem = check_figure(self.indicator, number)
        if problem:
            raise forms.ValidationError(problem)
        return number

    def clean_target(self):
        return self._clean_figure("target")

    def clean_result(self):
        return self._clean_figure("result")

    def mark_errors(self):
        """Bootstrap's invalid state, tied to its message for screen readers."""
        for name in self.errors:
            if name not in self.fields or name == "version":
                continue
            bound = self[name]
            attrs = self.fields[name].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            attrs["aria-describedby"] = f"{bound.auto_id}-error"

    @property
    def figures_changed(self):
        return any(name in self.changed_data for name in FIGURE_FIELDS)

    def row(self):
        data = self.cleaned_data
        return {
            "target": data["target"],
            "result": data["result"],
            "note": data["note"],
            "version": data["version"] or 0,
        }


def initial_for(cell):
    """The initial values of a row from its stored cell (or None)."""
    if cell is None:
        return {"target": None, "result": None, "note": "", "version": 0}
    return {
        "target": cell.target,
        "result": cell.result,
        "note": cell.note,
        "version": cell.version,
    }


class EntryGrid:
    """Every active indicator's row form, validated together: the grid saves all or nothing."""

    def __init__(self, *, indicators, cells, data=None):
        self.data = data
        self.rows = [
            EntryRowForm(
                data,
                prefix=f"i{indicator.pk}",
                indicator=indicator,
                initial=initial_for(cells.get(indicator.pk)),
            )
            for indicator in indicators
        ]

    def is_valid(self):
        valid = [form.is_valid() for form in self.rows]  # validate every row, not up to the first
        for form in self.rows:
            form.mark_errors()
        return all(valid)

    @property
    def error_count(self):
        return sum(len(form.errors) for form in self.rows)

    def changed_rows(self):
        return {form.indicator: form.row() for form in self.rows if form.figures_changed}

    def refreshed(self, cells):
        """After a conflict: the same grid with versions and initial values brought up to date,
        the values the user typed kept, and the stored values shown in every other cell (so a
        second save writes the user's changes over the colleague's, and nothing else)."""
        data = self.data.copy()
        for form in self.rows:
            stored = initial_for(cells.get(form.indicator.pk))
            data[form.add_prefix("version")] = str(stored["version"])
            for name in FIGURE_FIELDS:
                shown = stored[name] if name == "note" else display_number(stored[name])
                data[form.add_initial_prefix(name)] = shown
                if name not in form.changed_data:
                    data[form.add_prefix(name)] = shown
        grid = EntryGrid.__new__(EntryGrid)
        grid.data = data
        grid.rows = [
            EntryRowForm(data, prefix=form.prefix, indicator=form.indicator) for form in self.rows
        ]
        grid.is_valid()
        return grid
