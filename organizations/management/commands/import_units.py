from organizations.imports import units_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "Import units from CSV or XLSX: code,name,parent (optional short_name, kind)."
    service = units_import
    action = "directory.import"
