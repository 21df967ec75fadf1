"""Permission-matrix rows for the indicator catalogue, report and dashboard pages."""

from tests.indicators.factories import IndicatorFactory
from tests.matrix.outcomes import ALL_OK, OFFICERS_ONLY

ROWS = {
    "indicator_list": (lambda get: [], ALL_OK),
    "indicator_create": (lambda get: [], OFFICERS_ONLY),
    "indicator_update": (lambda get: [IndicatorFactory().pk], OFFICERS_ONLY),
    "import_indicators": (lambda get: [], OFFICERS_ONLY),
    "indicator_report": (lambda get: [], ALL_OK),
    "indicator_dashboard": (lambda get: [], ALL_OK),
}
