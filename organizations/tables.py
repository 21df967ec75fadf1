import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from organizations.models import Person


class PersonTable(tables.Table):
    code = tables.Column(verbose_name=_("Staff number"))
    full_name = tables.Column(
        verbose_name=_("Full name"),
        linkify=("person_detail", [tables.A("pk")]),
        order_by=("sort_name", "code"),
    )
    unit = tables.Column(
        verbose_name=_("Unit"),
        linkify=("unit_detail", [tables.A("unit_id")]),
        order_by=("unit__sort_name",),
    )
    sector_start = tables.DateColumn(verbose_name=_("In the sector since"), short=True)

    class Meta:
        model = Person
        fields = ["code", "full_name", "sex", "position", "unit", "sector_start", "is_active"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No people match.")
        # The rows are written out in the template: see there why.
        template_name = "organizations/person_table.html"
