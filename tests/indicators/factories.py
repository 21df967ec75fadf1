from decimal import Decimal

import factory

from indicators.models import Indicator, IndicatorValue
from tests.factories import UnitFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"IND{n:03d}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu số {n}")
    unit_of_measure = "người"
    value_type = Indicator.ValueType.COUNT
    direction = Indicator.Direction.HIGHER
    display_order = factory.Sequence(lambda n: n)


class PercentIndicatorFactory(IndicatorFactory):
    unit_of_measure = "%"
    value_type = Indicator.ValueType.PERCENT


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    unit = factory.SubFactory(UnitFactory)
    year = 2023
    target = Decimal("100")
    result = Decimal("105")
