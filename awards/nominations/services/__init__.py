"""Writes to nominations and their dossiers. One transaction and one audit row each.

Every transition locks the nomination row first (select_for_update) and checks the state it
finds there, so two officers pressing "Accept" at once give one acceptance and one refusal,
never two audit rows. Permission checks are repeated here although the views make them too:
the views decide between 404 and 403, the services make sure nothing slips through.

By what they do: `editing` (create, update and what the pages read), `dossier` (uploads and
removals), `workflow` (transitions under review); `_common` holds what they share, and
`nomination_lock` / `nomination_move` for the later stages (council, decisions, proposals).
"""

from awards.nominations.services._common import (
    EDITABLE_STATES,
    OVERRIDABLE_STATES,
    UNDER_REVIEW,
    WorkflowError,
    nomination_lock,
    nomination_move,
)
from awards.nominations.services.dossier import (
    ALLOWED_EXTENSIONS,
    DOSSIER_MAX_BYTES,
    check_upload,
    dossier_remove,
    dossier_upload,
)
from awards.nominations.services.editing import (
    accepting_campaigns,
    document_labels,
    indicator_evidence,
    missing_documents,
    nomination_create,
    nomination_update,
    overridden_rules,
    required_kinds,
)
from awards.nominations.services.workflow import (
    nomination_accept,
    nomination_override,
    nomination_return,
    nomination_submit,
    nomination_withdraw,
)

__all__ = [
    "ALLOWED_EXTENSIONS",
    "DOSSIER_MAX_BYTES",
    "EDITABLE_STATES",
    "OVERRIDABLE_STATES",
    "UNDER_REVIEW",
    "WorkflowError",
    "accepting_campaigns",
    "check_upload",
    "document_labels",
    "dossier_remove",
    "dossier_upload",
    "indicator_evidence",
    "missing_documents",
    "nomination_accept",
    "nomination_create",
    "nomination_lock",
    "nomination_move",
    "nomination_override",
    "nomination_return",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "overridden_rules",
    "required_kinds",
]
