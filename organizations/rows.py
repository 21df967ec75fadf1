"""Table bodies written in Python for the long lists (people, nominations, the audit log).

A list page shows 50 rows. Written by Django's template engine, each cell is a variable lookup,
a filter or a `{% url %}` tag, and those 50 rows cost several times what the whole database work
of the page does (measured with `make bench`: 20 of the people list's 26 ms). Here a table
writes each row with one `format_html`, the link of each row from one reversed URL, and the
template prints the joined body. django-tables2 still owns the columns, their headers, the
ordering and the pagination; a column added to such a table must be added to its `row_html`.
"""

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.safestring import mark_safe

# A key no real object has, reversed once and replaced by each row's key.
KEY_MARKER = 987654321987


def url_for_key(name):
    """A function key -> URL of the view `name`, whose only argument is the key."""
    head, tail = reverse(name, args=[KEY_MARKER]).split(str(KEY_MARKER))
    return lambda key: f"{head}{key}{tail}"


# Django's date format characters that are plain numbers, as str.format fields of a date/time.
# Any other letter (month names, am/pm, two-digit years) is left to Django.
_NUMBER_FIELDS = {
    "d": "{0.day:02d}", "j": "{0.day}", "m": "{0.month:02d}", "n": "{0.month}", "Y": "{0.year}",
    "H": "{0.hour:02d}", "G": "{0.hour}", "i": "{0.minute:02d}", "s": "{0.second:02d}",
}  # fmt: skip


def _compiled(django_format):
    """A str.format template writing what `django_format` writes, when it holds only numbers
    (d/m/Y H:i and the like); None otherwise (month names, am/pm: Django writes those)."""
    parts, chars = [], iter(django_format)
    for char in chars:
        if char == "\\":
            char = next(chars, "")
        elif char.isalpha():
            field = _NUMBER_FIELDS.get(char)
            if field is None:
                return None
            parts.append(field)
            continue
        parts.append(char.replace("{", "{{").replace("}", "}}"))
    return "".join(parts)


class DateWriter:
    """Short dates and times in the reader's format, for many rows: Django's `date_format`
    reads the format and walks it character by character on every call (15 µs, two thirds of
    a nominations row); here it is read once per page and compiled to one str.format."""

    def __init__(self):
        self.date_format = get_format("SHORT_DATE_FORMAT")
        self.datetime_format = get_format("SHORT_DATETIME_FORMAT")
        self.date_template = _compiled(self.date_format)
        self.datetime_template = _compiled(self.datetime_format)

    def date(self, value, empty="—"):
        if not value:
            return empty
        if self.date_template is None:
            return dateformat.format(value, self.date_format)
        return self.date_template.format(value)

    def datetime(self, value, empty="—"):
        if not value:
            return empty
        value = timezone.localtime(value)
        if self.datetime_template is None:
            return dateformat.format(value, self.datetime_format)
        return self.datetime_template.format(value)


WRITTEN_ROWS_TEMPLATE = "tables/written_rows.html"


class WrittenRows:
    """A django-tables2 Table mixin: `body_html` is the page's rows, each from `row_html(record,
    context)`; `row_context()` is computed once per page (reversed URLs, translated labels).
    Its Meta.template_name is WRITTEN_ROWS_TEMPLATE or a template extending it."""

    def row_context(self):
        return {}

    def row_html(self, record, context):
        raise NotImplementedError

    @property
    def body_html(self):
        context = {"dates": DateWriter(), **self.row_context()}
        rows = self.paginated_rows
        return mark_safe("".join(self.row_html(row.record, context) for row in rows))
