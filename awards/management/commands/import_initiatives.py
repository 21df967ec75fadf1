from awards.history.services import initiatives_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import recognised initiatives from CSV or XLSX: "
        "person,year,title,level (level grassroots, province, ministry or national)."
    )
    service = initiatives_import
    action = "award.inputs"
