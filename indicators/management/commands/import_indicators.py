from indicators.catalogue.imports import indicators_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "Import indicators from CSV or XLSX: code,name,unit_of_measure,direction,value_type."
    service = indicators_import
    requires = "indicator.catalogue"  # on a top-level unit: the service checks
