"""The permission matrix: url name -> (args builder, {persona: expected status}).

Each app's rows live in their own module; an args builder receives `get`, which returns a pytest
fixture by name (`get("person_a")`), and may also create what it needs with factories.
Anonymous users always go to the sign-in page unless the URL is public.
"""

from tests.matrix import (
    awards_campaigns,
    awards_certificates,
    awards_council,
    awards_decisions,
    awards_inputs,
    awards_nominations,
    awards_proposals,
    awards_publicity,
    awards_reports,
    indicators_entry,
    indicators_report,
    organizations,
)
from tests.matrix.outcomes import PERSONAS

MATRIX = {
    **organizations.ROWS,
    **indicators_entry.ROWS,
    **indicators_report.ROWS,
    **awards_inputs.ROWS,
    **awards_campaigns.ROWS,
    **awards_nominations.ROWS,
    **awards_publicity.ROWS,
    **awards_council.ROWS,
    **awards_decisions.ROWS,
    **awards_proposals.ROWS,
    **awards_reports.ROWS,
    **awards_certificates.ROWS,
}

__all__ = ["MATRIX", "PERSONAS"]
