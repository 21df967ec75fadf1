from awards.history.services import ratings_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import annual ratings from CSV or XLSX: "
        "subject,year,rating (subject = staff number or unit code; "
        "rating HTXSNV, HTTNV, HTNV or KHTNV)."
    )
    service = ratings_import
    action = "award.inputs"
