from indicators.entry.services import values_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "Import targets and results from CSV or XLSX: indicator,unit,year,target,result."
    service = values_import
    action = "indicator.enter"
