"""`{% filter_field field %}`: a list page's filter field in the markup crispy-bootstrap5 writes
(label, control, errors, help), written in Python.

crispy-forms renders each field through several templates, and Django's select widget each of
its options through one more: on the nominations list that was 8 of 26 ms a request. The pages
that every clerk opens all day (people, nominations, the audit log) use this instead.
"""

from django import forms, template
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def filter_field(field):
    widget = field.field.widget
    control_id = field.auto_id
    is_select = isinstance(widget, forms.Select)
    attrs = {"class": "form-select" if is_select else "form-control", "id": control_id}
    described = []
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{control_id}_error")
    if field.help_text:
        described.append(f"{control_id}_helptext")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    attrs = field.build_widget_attrs(attrs)  # the widget adds its own attrs (get_context)
    if is_select:
        control = _select(widget, field.html_name, field.value(), attrs)
    elif isinstance(widget, Input) and not isinstance(widget, forms.CheckboxInput):
        control = _input(widget, field.html_name, field.value(), attrs)
    else:
        control = field.as_widget(attrs=attrs)
    errors = format_html_join("", "<p><strong>{}</strong></p>", ((e,) for e in field.errors))
    # Shown whatever follows the box: the lookup script wraps it (static/css/app.css).
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}{}</div>',
        control_id,
        control_id,
        field.label,
        control,
        format_html(
            '<div id="{}_error" class="invalid-feedback d-block">{}</div>', control_id, errors
        )
        if field.errors
        else "",
        format_html('<div id="{}_helptext" class="form-text">{}</div>', control_id, field.help_text)
        if field.help_text
        else "",
    )


def _input(widget, name, value, attrs):
    context = widget.get_context(name, value, attrs)["widget"]
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        name,
        format_html(' value="{}"', value) if value is not None else "",
        flatatt(context["attrs"]),
    )


def _select(widget, name, value, attrs):
    context = widget.get_context(name, value, attrs)["widget"]
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (option["value"], flatatt(option["attrs"]), option["label"])
            for _group, group_options, _index in context["optgroups"]
            for option in group_options
        ),
    )
    return format_html('<select name="{}"{}>{}</select>', name, flatatt(context["attrs"]), options)
