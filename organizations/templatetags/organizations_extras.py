from django import template

register = template.Library()


@register.filter
def duration_minutes(value):
    """A timedelta as whole minutes (rounded up: "wait 30 minutes", never "wait 29")."""
    seconds = value.total_seconds()
    return int(-(-seconds // 60))
