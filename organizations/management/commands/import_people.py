from organizations.management.commands._import_command import ImportCommand
from organizations.services import people_import


class Command(ImportCommand):
    help = "Import people from CSV or XLSX: code,unit,full_name,sex,position,sector_start."
    service = people_import
    action = "directory.import"
