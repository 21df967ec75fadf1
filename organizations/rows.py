"""Table bodies written in Python for the long lists (people, nominations, the audit log).

A list page shows 50 rows. Written by Django's template engine, each cell is a variable lookup,
a filter or a `{% url %}` tag, and those 50 rows cost several times what the whole database work
of the page does (measured with `make bench`: 20 of the people list's 26 ms). Here a table
writes each row with one `format_html`, the link of each row from one reversed URL, and the
template prints the joined body. django-tables2 still owns the columns, their headers, the
ordering and the pagination; a column added to such a table must be added to its `row_html`.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

# A key no real object has, reversed once and replaced by each row's key.
KEY_MARKER = 987654321987


def url_for_key(name):
    """A function key -> URL of the view `name`, whose only argument is the key."""
    head, tail = reverse(name, args=[KEY_MARKER]).split(str(KEY_MARKER))
    return lambda key: f"{head}{key}{tail}"


def short_date(value, empty="—"):
    return date_format(value, "SHORT_DATE_FORMAT") if value else empty


def short_datetime(value, empty="—"):
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else empty


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
        context = self.row_context()
        rows = self.paginated_rows
        return mark_safe("".join(self.row_html(row.record, context) for row in rows))
