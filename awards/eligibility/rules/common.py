"""What the rules of every module share: the award codes they name, the laws they cite, and how
they write shares, ratings and year ranges."""

from decimal import Decimal

# Verdicts are stored at submission: `_` translates like gettext and keeps the msgid and the
# parameters, so a stored checklist reads in its reader's language (base.Message).
from awards.eligibility.base import Message as _
from awards.models import Rating

LDTT = {"LDTT"}
CSTDCS = {"CSTDCS"}
PROVINCIAL_FIGHTER = {"CSTD_TINH", "CSTD_BO"}
PROVINCIAL_DIPLOMA = {"BK_TINH", "BK_BO"}
FLAGS = {"CO_TINH", "CO_BO", "CO_CP"}
DECREE_98_ART_4 = "Nghị định 98/2023/NĐ-CP, Điều 4"
LAW_ART_5 = "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2"


def years_up_to(end, count):
    return set(range(end - count + 1, end + 1))


def percent(share):
    """0.15 → "15", 0.705 → "70.5": shares are configured as fractions, shown as percentages."""
    value = (Decimal(str(share)) * 100).normalize()
    return format(value, "f")


def rating_label(code):
    return Rating(code).label if code else _("no rating")


def pick_initiatives(initiatives, count):
    """The `count` initiatives a title uses up: the lowest level that suffices first, oldest first,
    so higher-level ones stay free for the higher titles."""
    ranked = sorted(initiatives, key=lambda i: (i.LEVEL_RANK[i.level], i.year, i.pk))
    return ranked[:count]
