"""Nominations: the lists, the form, the page with its checklist, dossier and timeline, and the
workflow actions — one module each (`lists`, `editing`, `detail`, `dossier`), what they share in
`_common`.

Access: a nomination outside the user's subtrees does not exist for them (404), its files
neither; editing needs "nomination.edit" on its unit (clerks, officers), reviewing
"nomination.review" (officers); a visible nomination without the role is a 403. The POST-only
URLs check the method first, so a GET is a 405 whatever the nomination.
"""

from awards.nominations.views._common import get_nomination_for_user, rule_label
from awards.nominations.views.detail import nomination_detail, nomination_transition
from awards.nominations.views.dossier import dossier_download, dossier_remove, dossier_upload
from awards.nominations.views.editing import nomination_create, nomination_update
from awards.nominations.views.lists import nomination_list

__all__ = [
    "dossier_download",
    "dossier_remove",
    "dossier_upload",
    "get_nomination_for_user",
    "nomination_create",
    "nomination_detail",
    "nomination_list",
    "nomination_transition",
    "nomination_update",
    "rule_label",
]
