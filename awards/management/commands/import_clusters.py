from awards.history.services import clusters_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import emulation clusters and blocks from CSV or XLSX: "
        "cluster,kind,year,unit,role (kind cluster or block; "
        "role leader, deputy, member or winner)."
    )
    service = clusters_import
    action = "award.history"
