from organizations.imports import people_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "Import people from CSV or XLSX: code,unit,full_name,sex,position,sector_start."
    service = people_import
    action = "directory.import"
