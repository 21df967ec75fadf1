from awards.history.services import holds_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import discipline and investigation holds from CSV or XLSX: "
        "subject,reason,start,end (dates YYYY-MM-DD or DD/MM/YYYY; end optional)."
    )
    service = holds_import
    action = "award.history"
