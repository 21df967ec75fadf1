"""Data entry and approval of a unit's figures for a year.

Permissions: the grid, the template and the upload need "indicator.enter" on the unit; the
workflow actions need "indicator.enter" (submit) or "indicator.approve" (approve, return, reopen).
A unit outside the user's subtrees is a 404, a visible unit without the role a 403.
`figures_transition` is POST only and checks the method first: a GET is a 405 for everyone,
whatever the unit, so the answer reveals nothing about units the user cannot see.

One module each: `status` (the table of every unit's state), `grid` (the entry grid), `workflow`
(the actions on a unit's year), `files` (the template and the upload); what they share in
`_common`.
"""

from indicators.entry.views.files import figures_template, figures_upload
from indicators.entry.views.grid import figures_entry
from indicators.entry.views.status import figures_status
from indicators.entry.views.workflow import figures_transition

__all__ = [
    "figures_entry",
    "figures_status",
    "figures_template",
    "figures_transition",
    "figures_upload",
]
