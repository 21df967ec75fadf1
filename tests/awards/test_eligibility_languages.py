"""The eligibility checklist stored at submission reads in the reader's language, not the
submitter's: it keeps each verdict's msgid and parameters beside the text."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from awards.eligibility.base import stored_message
from awards.models import Nomination
from tests.awards.test_nomination_services import ready

pytestmark = pytest.mark.django_db

RATED_VI = "Xếp loại “Hoàn thành tốt nhiệm vụ (HTTNV)” năm 2023"
RATED_EN = "Rated “Well completed duties (HTTNV)” in 2023"


def signed_in(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def checklist_messages(response):
    return [str(row["message"]) for row in response.context["checklist"]]


def test_a_checklist_submitted_in_vietnamese_reads_in_english_for_an_english_officer(
    client, clerk_a, officer, person_a
):
    nomination = ready(clerk_a, person_a)
    clerk = signed_in(client, clerk_a, "vi")
    clerk.post(reverse("nomination_transition", args=[nomination.pk, "submit"]))
    stored = Nomination.objects.get().eligibility
    assert any(RATED_VI in result["message"] for result in stored)  # submitted in Vietnamese

    clerk.logout()
    page = signed_in(client, officer, "en").get(reverse("nomination_detail", args=[nomination.pk]))
    assert page.context["checklist_snapshot"]
    messages = checklist_messages(page)
    assert any(RATED_EN in message for message in messages)
    assert not any(RATED_VI in message for message in messages)
    assert RATED_EN in page.content.decode()


def test_a_checklist_stored_before_messages_kept_their_msgid_shows_its_stored_text(
    client, officer, clerk_a, person_a
):
    nomination = ready(clerk_a, person_a)
    old = {"rule": "rating", "outcome": "pass", "blocking": True, "message": RATED_VI + "."}
    Nomination.objects.filter(pk=nomination.pk).update(
        state=Nomination.State.SUBMITTED, eligibility=[old]
    )
    page = signed_in(client, officer, "en").get(reverse("nomination_detail", args=[nomination.pk]))
    assert checklist_messages(page) == [RATED_VI + "."]


def test_a_translation_that_no_longer_fits_its_parameters_falls_back_to_the_stored_text():
    result = {"message": "Stored text.", "msgid": "%(missing)s and more", "params": {"other": 1}}
    with translation.override("en"):
        assert stored_message(result) == "Stored text."


def test_joined_and_nested_messages_are_translated_again_when_read():
    from awards.eligibility.base import Joined, Message, RuleResult

    with translation.override("vi"):
        problems = Joined("; ", [Message("no staff on record"), Message("no year rated excellent")])
        message = Message("For %(year)s: %(problems)s (%(basis)s).") % {
            "year": 2023, "problems": problems, "basis": "Điều 27"}  # fmt: skip
        stored = RuleResult("r", "fail", True, message).as_stored()
    assert stored["message"] != "For 2023: no staff on record; no year rated excellent (Điều 27)."
    with translation.override("en"):
        assert stored_message(stored) == (
            "For 2023: no staff on record; no year rated excellent (Điều 27)."
        )
