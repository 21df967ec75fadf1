"""Audit rows in words on pages (organizations/audit/labels.py)."""

from django import template

from organizations.audit import labels as audit_labels

register = template.Library()


@register.filter
def action_label(code):
    return audit_labels.action_label(code)


@register.filter
def audit_states(entry):
    return audit_labels.states_text(entry)


@register.filter
def audit_changes(entry):
    return audit_labels.change_rows(entry)
