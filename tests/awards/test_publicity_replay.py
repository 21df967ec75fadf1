"""notice_publish takes the day it counts as published on, so that the demo can replay the 2023
campaign's public comment window; by default it is the real today and a past start is refused."""

from datetime import date

import pytest

from awards.publicity.services import WorkflowError, notice_publish
from tests.awards.factories import NominationFactory, award_type

pytestmark = pytest.mark.django_db


def test_a_notice_cannot_start_before_today_unless_today_is_given(officer, tree, person_a):
    nomination = NominationFactory(
        person=person_a, award_type=award_type("HCLD3"), state="accepted"
    )
    publish = {"actor": officer, "unit": tree["dept"], "title": "Công khai 2023",
               "starts_on": date(2023, 11, 20), "nominations": [nomination]}  # fmt: skip
    with pytest.raises(WorkflowError, match="cannot start in the past"):
        notice_publish(**publish)
    notice = notice_publish(**publish, today=date(2023, 11, 20))
    assert (notice.starts_on, notice.ends_on) == (date(2023, 11, 20), date(2023, 12, 1))
