from awards.history.services import awards_import
from organizations.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import past awards (award history) from CSV or XLSX: "
        "award_type,recipient,year,commendation_type,decision_number,decision_date,issuer."
    )
    service = awards_import
    action = "award.history"
