"""Seed figures of the reference department (shared/seed): 2022–2023 results and the 2023–2024
targets. Counts are entered by the districts (Đồng Văn's through its communes) so that the
department's totals come from the roll-up; rates are entered by the department itself."""

from decimal import Decimal

from django.db import transaction

from indicators.models import DataStatus, Indicator, IndicatorValue
from organizations.models import Unit

# code, name, unit of measure, value type, direction, group, order
INDICATORS = [
    ("DAO_TAO_NGHE", "Tuyển sinh, đào tạo nghề", "người", "count", "higher",
     "Giáo dục nghề nghiệp", 10),
    ("TY_LE_QUA_DAO_TAO", "Tỷ lệ lao động qua đào tạo", "%", "percent", "higher",
     "Giáo dục nghề nghiệp", 20),
    ("VIEC_LAM", "Giải quyết việc làm", "người", "count", "higher", "Việc làm", 30),
    ("XUAT_KHAU_LD", "Trong đó: đưa người lao động đi làm việc ở nước ngoài", "người", "count",
     "higher", "Việc làm", 40),
    ("TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều)", "%", "percent", "lower",
     "Giảm nghèo", 50),
    ("TY_LE_CAN_NGHEO", "Tỷ lệ hộ cận nghèo", "%", "percent", "lower", "Giảm nghèo", 60),
    ("HO_THOAT_NGHEO", "Số hộ nghèo, cận nghèo giảm", "hộ", "count", "higher", "Giảm nghèo", 70),
    ("CHINH_SACH_HO_NGHEO", "Hộ nghèo, cận nghèo được hưởng chính sách ưu đãi", "%", "percent",
     "higher", "Giảm nghèo", 80),
]  # fmt: skip

DEPARTMENT = "SLDTBXH"
# Share of each count for every district; Đồng Văn's share is entered by its two communes.
DISTRICT_SHARES = {"PLD-DV": Decimal("0.22"), "PLD-MV": Decimal("0.24"),
                   "PLD-YM": Decimal("0.27"), "PLD-QB": Decimal("0.27")}  # fmt: skip
COMMUNE_SHARES = {"XA-LC": Decimal("0.55"), "XA-SL": Decimal("0.45")}

# (indicator, year) -> (target, result), department totals
COUNTS = {
    ("DAO_TAO_NGHE", 2022): (None, 17210),
    ("DAO_TAO_NGHE", 2023): (17500, 17605),
    ("DAO_TAO_NGHE", 2024): (17500, None),
    ("VIEC_LAM", 2022): (None, 19850),
    ("VIEC_LAM", 2023): (19400, 20486),
    ("VIEC_LAM", 2024): (19400, None),
    ("XUAT_KHAU_LD", 2022): (None, 1650),
    ("XUAT_KHAU_LD", 2023): (1400, 2036),
    ("XUAT_KHAU_LD", 2024): (1400, None),
    ("HO_THOAT_NGHEO", 2022): (None, 2870),
    ("HO_THOAT_NGHEO", 2023): (3000, 3951),  # 3,951 = plan + 31.7 %
}
# (indicator, unit, year) -> (target, result), entered as they are
RATES = {
    ("TY_LE_QUA_DAO_TAO", DEPARTMENT, 2022): (None, "67.8"),
    ("TY_LE_QUA_DAO_TAO", DEPARTMENT, 2023): (None, "69.5"),
    ("TY_LE_QUA_DAO_TAO", DEPARTMENT, 2024): ("71", None),
    ("TY_LE_HO_NGHEO", DEPARTMENT, 2022): (None, "2.36"),
    ("TY_LE_HO_NGHEO", DEPARTMENT, 2023): (None, "1.86"),
    ("TY_LE_CAN_NGHEO", DEPARTMENT, 2022): (None, "2.81"),
    ("TY_LE_CAN_NGHEO", DEPARTMENT, 2023): (None, "2.27"),
    ("CHINH_SACH_HO_NGHEO", DEPARTMENT, 2024): ("100", None),
    ("TY_LE_HO_NGHEO", "PLD-DV", 2023): (None, "3.12"),
    ("TY_LE_HO_NGHEO", "PLD-MV", 2023): (None, "2.95"),
    ("TY_LE_HO_NGHEO", "PLD-YM", 2023): (None, "1.48"),
    ("TY_LE_HO_NGHEO", "PLD-QB", 2023): (None, "1.21"),
}
APPROVED_YEARS = [2022, 2023]


def split(total, shares):
    """Whole-number parts in the given shares that add up exactly to the total."""
    if total is None:
        return dict.fromkeys(shares)
    codes = list(shares)
    parts = {code: int(Decimal(total) * shares[code]) for code in codes[:-1]}
    parts[codes[-1]] = total - sum(parts.values())
    return parts


def _cell(indicator, unit, year, target, result):
    IndicatorValue.objects.update_or_create(
        indicator=indicator, unit=unit, year=year,
        defaults={"target": None if target is None else Decimal(str(target)),
                  "result": None if result is None else Decimal(str(result))},
    )  # fmt: skip


@transaction.atomic
def load():
    indicators = {}
    for code, name, uom, value_type, direction, group, order in INDICATORS:
        indicators[code], _created = Indicator.objects.update_or_create(
            code=code,
            defaults={"name": name, "unit_of_measure": uom, "value_type": value_type,
                      "direction": direction, "group": group, "display_order": order},
        )  # fmt: skip
    units = {u.code: u for u in Unit.objects.filter(code__in=[DEPARTMENT, *DISTRICT_SHARES,
                                                                *COMMUNE_SHARES])}  # fmt: skip
    for (code, year), (target, result) in COUNTS.items():
        targets = split(target, DISTRICT_SHARES)
        results = split(result, DISTRICT_SHARES)
        for district in DISTRICT_SHARES:
            if district == "PLD-DV":
                commune_targets = split(targets[district], COMMUNE_SHARES)
                commune_results = split(results[district], COMMUNE_SHARES)
                for commune in COMMUNE_SHARES:
                    _cell(indicators[code], units[commune], year, commune_targets[commune],
                          commune_results[commune])  # fmt: skip
            else:
                _cell(indicators[code], units[district], year, targets[district],
                      results[district])  # fmt: skip
    for (code, unit_code, year), (target, result) in RATES.items():
        _cell(indicators[code], units[unit_code], year, target, result)
    for unit in units.values():
        for year in APPROVED_YEARS:
            DataStatus.objects.update_or_create(
                unit=unit, year=year, defaults={"state": DataStatus.State.APPROVED}
            )
