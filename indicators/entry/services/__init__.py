"""Writes to the figures of indicators and to the approval of a unit's year. One transaction each.

By what they do: `grid` (saving the entry grid), `workflow` (submit, approve, return, reopen),
`imports` (figures from a file); `_common` holds the checks of a figure and the lock on a unit's
year that they share.
"""

from indicators.entry.services._common import (
    FIGURE_LIMIT,
    FIGURE_QUANTUM,
    LockedFigures,
    WorkflowError,
    check_figure,
    status_for_update,
)
from indicators.entry.services.grid import Conflict, StaleCells, figures_save
from indicators.entry.services.imports import CLEAR, VALUE_COLUMNS, values_import
from indicators.entry.services.workflow import (
    figures_approve,
    figures_reopen,
    figures_return,
    figures_submit,
)

__all__ = [
    "CLEAR",
    "FIGURE_LIMIT",
    "FIGURE_QUANTUM",
    "VALUE_COLUMNS",
    "Conflict",
    "LockedFigures",
    "StaleCells",
    "WorkflowError",
    "check_figure",
    "figures_approve",
    "figures_reopen",
    "figures_return",
    "figures_save",
    "figures_submit",
    "status_for_update",
    "values_import",
]
