from organizations.management.commands._import_command import ImportCommand
from organizations.services import units_import


class Command(ImportCommand):
    help = "Import units from CSV or XLSX: code,name,parent (optional short_name, kind)."
    service = units_import
    action = "directory.import"
