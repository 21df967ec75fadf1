"""Writes to the inputs that eligibility needs: annual ratings, initiatives, holds, award history,
and emulation clusters.

Every import reads its file through organizations.tabular (CSV with or without BOM, comma or
semicolon separated, or XLSX), checks every line before saving anything, names each bad line by
the number a user sees in Excel (the header is line 1), and saves all lines in one transaction
or none. Importing the same file again updates the stored rows found by each import's key and
never duplicates them. Every created or changed row gets an audit entry.

`allowed_units` (the web pages pass `units_where(user, action)`) limits the people and units a
file may name: a code outside them is reported exactly like a code that does not exist.
"""

from awards.history.services._common import (
    AWARD_COLUMNS,
    AWARD_OPTIONAL,
    CLUSTER_COLUMNS,
    HOLD_COLUMNS,
    HOLD_OPTIONAL,
    INITIATIVE_COLUMNS,
    PERSON,
    RATING_COLUMNS,
    UNIT,
    YEAR_MAX,
    YEAR_MIN,
)
from awards.history.services.clusters import clusters_import
from awards.history.services.history import awards_import
from awards.history.services.holds import (
    hold_create,
    hold_update,
    holds_import,
)
from awards.history.services.initiatives import (
    initiative_create,
    initiative_delete,
    initiative_update,
    initiatives_import,
)
from awards.history.services.ratings import (
    RatingsConflict,
    RatingsSaved,
    ratings_import,
    ratings_save,
)

__all__ = [
    "AWARD_COLUMNS",
    "AWARD_OPTIONAL",
    "CLUSTER_COLUMNS",
    "HOLD_COLUMNS",
    "HOLD_OPTIONAL",
    "INITIATIVE_COLUMNS",
    "PERSON",
    "RATING_COLUMNS",
    "RatingsConflict",
    "RatingsSaved",
    "UNIT",
    "YEAR_MAX",
    "YEAR_MIN",
    "awards_import",
    "clusters_import",
    "hold_create",
    "hold_update",
    "holds_import",
    "initiative_create",
    "initiative_delete",
    "initiative_update",
    "initiatives_import",
    "ratings_import",
    "ratings_save",
]
