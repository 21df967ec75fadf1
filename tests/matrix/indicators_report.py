"""Permission-matrix rows for the indicator catalogue, report and dashboard pages.

The catalogue is the same for every unit: only officers of the whole department change it (a
district officer gets a 403).
"""

from tests.indicators.factories import IndicatorFactory
from tests.matrix.outcomes import ALL_OK, DEPARTMENT_OFFICERS

ROWS = {
    "indicator_list": (lambda get: [], ALL_OK),
    "indicator_create": (lambda get: [], DEPARTMENT_OFFICERS),
    "indicator_update": (lambda get: [IndicatorFactory().pk], DEPARTMENT_OFFICERS),
    "import_indicators": (lambda get: [], DEPARTMENT_OFFICERS),
    "indicator_report": (lambda get: [], ALL_OK),
    "indicator_dashboard": (lambda get: [], ALL_OK),
}
