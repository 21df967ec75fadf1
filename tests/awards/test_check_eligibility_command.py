"""`manage.py check_eligibility --award-type CODE --nominee CODE --year Y --format json`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.awards.factories import AwardRecordFactory, RatingFactory, award_type
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

OUTCOMES = {"pass", "fail", "warning", "not_applicable"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(*args):
    out = StringIO()
    call_command("check_eligibility", *args, stdout=out)
    return out.getvalue()


def run_json(award, nominee, year="2023", *extra):
    return json.loads(run("--award-type", award, "--nominee", nominee, "--year", year,
                          "--format", "json", *extra))  # fmt: skip


def rules(report):
    return {rule["rule"]: rule for rule in report["rules"]}


@pytest.fixture
def fighter(tree):
    person = PersonFactory(code="NV-0042", unit=tree["a"])
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2023)
    RatingFactory(person=person, year=2023, rating="HTXSNV")
    return person


def test_eligible_person_as_json(fighter):
    report = run_json("CSTDCS", "NV-0042")
    assert set(report) == {"eligible", "rules"}
    assert report["eligible"] is True
    for rule in report["rules"]:
        assert set(rule) == {"rule", "outcome", "blocking", "message"}
        assert rule["outcome"] in OUTCOMES
        assert isinstance(rule["blocking"], bool)
        assert isinstance(rule["message"], str) and rule["message"]
    grassroots = rules(report)["grassroots_fighter"]
    assert grassroots["outcome"] == "pass" and grassroots["blocking"] is True
    assert "Điều 23" in grassroots["message"]


def test_ineligible_person_reports_the_blocking_failure(fighter):
    report = run_json("CSTDCS", "NV-0042", "2022")  # no LDTT nor rating in 2022
    assert report["eligible"] is False
    failed = [r["rule"] for r in report["rules"] if r["outcome"] == "fail" and r["blocking"]]
    assert failed == ["grassroots_fighter"]


def test_unit_nominee(tree):
    report = run_json("TTLDTT", "UNIT-A")
    assert report["eligible"] is False
    assert rules(report)["advanced_collective"]["outcome"] == "fail"
    assert rules(report)["recipient"]["outcome"] == "pass"


def test_commendation_type_option_reaches_the_rules(fighter):
    merit = rules(run_json("BK_TINH", "NV-0042"))["diploma_of_merit_history"]
    adhoc = rules(run_json("BK_TINH", "NV-0042", "2023", "--commendation-type", "adhoc"))
    assert (merit["outcome"], merit["blocking"]) == ("fail", True)
    assert (adhoc["diploma_of_merit_history"]["outcome"],
            adhoc["diploma_of_merit_history"]["blocking"]) == ("fail", False)  # fmt: skip


def test_vietnamese_text_is_written_unescaped(fighter):
    output = run("--award-type", "CSTDCS", "--nominee", "NV-0042", "--year", "2023")
    assert "Lao động tiên tiến" in output
    assert json.loads(output)["eligible"] is True  # json is the default format


def test_text_format_ends_with_the_verdict(fighter):
    output = run("--award-type", "CSTDCS", "--nominee", "NV-0042", "--year", "2022",
                 "--format", "text").splitlines()  # fmt: skip
    assert output[-1] == "Not eligible"
    assert any(line.startswith("[fail*]") for line in output)


def test_unknown_award_type_is_refused(fighter):
    with pytest.raises(CommandError, match="NO_SUCH"):
        run_json("NO_SUCH", "NV-0042")


def test_unknown_nominee_is_refused(tree):
    with pytest.raises(CommandError, match="NOBODY"):
        run_json("LDTT", "NOBODY")


def test_code_naming_both_a_person_and_a_unit_is_refused(tree):
    PersonFactory(code="UNIT-B", unit=tree["b"])
    with pytest.raises(CommandError, match="both a person and a unit"):
        run_json("LDTT", "UNIT-B")
