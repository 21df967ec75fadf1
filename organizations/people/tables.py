import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from organizations.models import Person
from organizations.rows import WRITTEN_ROWS_TEMPLATE, WrittenRows, url_for_key

ROW = (
    '<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>'
    '<td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>'
)
ACTIVE = format_html('<span class="true">{}</span>', "✔")
INACTIVE = format_html('<span class="false">{}</span>', "✘")


class PersonTable(WrittenRows, tables.Table):
    code = tables.Column(verbose_name=_("Staff number"))
    full_name = tables.Column(verbose_name=_("Full name"), order_by=("sort_name", "code"))
    unit = tables.Column(verbose_name=_("Unit"), order_by=("unit__sort_name",))
    sector_start = tables.DateColumn(verbose_name=_("In the sector since"), short=True)

    class Meta:
        model = Person
        fields = ["code", "full_name", "sex", "position", "unit", "sector_start", "is_active"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No people match.")
        template_name = WRITTEN_ROWS_TEMPLATE

    def row_context(self):
        return {
            "person_url": url_for_key("person_detail"),
            "unit_url": url_for_key("unit_detail"),
            "sexes": {value: str(label) for value, label in Person.Sex.choices},
        }

    def row_html(self, person, context):
        return format_html(
            ROW,
            person.code,
            context["person_url"](person.pk),
            person.full_name,
            context["sexes"].get(person.sex, "—"),
            person.position or "—",
            context["unit_url"](person.unit_id),
            person.unit.name,
            context["dates"].date(person.sector_start),
            ACTIVE if person.is_active else INACTIVE,
        )
