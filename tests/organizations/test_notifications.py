"""Notifications: the nominator hears of every state change someone else makes, in the app (with
an unread count in the navigation) and by e-mail."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from awards.models import Nomination
from awards.nominations.services import nomination_return, nomination_submit
from organizations.models import Notification
from organizations.notifications.services import describe, notify
from tests.awards.test_nomination_services import ready
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REASON = "Thiếu biên bản họp Hội đồng thi đua của đơn vị."


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def returned(clerk_a, officer, person_a, django_capture_on_commit_callbacks):
    """Clerk A nominated and submitted person A; the officer returned it through the page."""
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(officer).post(
            reverse("nomination_transition", args=[nomination.pk, "return"]), {"reason": REASON}
        )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.RETURNED
    return nomination


def test_the_nominator_is_told_in_the_app_when_the_officer_returns_the_nomination(
    returned, clerk_a
):
    notification = Notification.objects.get(user=clerk_a)
    assert (notification.action, notification.from_state, notification.to_state) == (
        "nomination.return",
        "submitted",
        "returned",
    )
    assert notification.reason == REASON
    assert notification.url == reverse("nomination_detail", args=[returned.pk])
    assert notification.read_at is None
    assert describe(notification) == (
        "The nomination of Vàng Thị Mỷ (LDTT 2023) was returned to the unit."
    )


def test_the_nominator_gets_an_email_with_the_reason(returned, clerk_a):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [clerk_a.email]
    assert "Vàng Thị Mỷ" in message.subject
    assert "returned" in message.subject
    assert REASON in message.body
    assert reverse("nomination_detail", args=[returned.pk]) in message.body


def test_nobody_is_told_of_their_own_action(returned, clerk_a, officer):
    # The clerk's own submission told nobody; the officer's return told only the clerk.
    assert list(Notification.objects.values_list("user__username", "action")) == [
        ("clerk_a", "nomination.return")
    ]
    assert not Notification.objects.filter(user=officer).exists()


def test_a_closed_account_is_not_told(clerk_a, officer, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    clerk_a.is_active = False
    clerk_a.save(update_fields=["is_active"])
    nomination_return(actor=officer, nomination=nomination, reason=REASON)
    assert not Notification.objects.exists()


def test_a_nominator_who_can_no_longer_see_the_nomination_is_not_told(
    clerk_a, officer, person_a, tree
):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    clerk_a.memberships.update(unit=tree["b"])  # moved to another district
    nomination_return(actor=officer, nomination=nomination, reason=REASON)
    assert not Notification.objects.exists()


def test_a_change_that_is_rolled_back_tells_nobody(clerk_a, django_capture_on_commit_callbacks):
    callbacks = django_capture_on_commit_callbacks(execute=True)
    with callbacks, pytest.raises(RuntimeError), transaction.atomic():
        notify(user=clerk_a, action="nomination.return", subject="X", to_state="returned")
        raise RuntimeError("the change failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_user_without_an_address_is_told_in_the_app_only(django_capture_on_commit_callbacks):
    user = UserFactory(username="no-mail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, action="nomination.accept", subject="X", to_state="accepted")
    assert Notification.objects.filter(user=user).count() == 1
    assert mail.outbox == []


def test_the_unread_count_shows_in_the_navigation(returned, clerk_a, officer):
    page = signed_in(clerk_a).get(reverse("home"))
    assert page.context["unread_notifications"] == 1
    assert 'class="badge rounded-pill text-bg-warning">1<' in page.content.decode()
    other = signed_in(officer).get(reverse("home"))
    assert 'class="badge rounded-pill text-bg-warning"' not in other.content.decode()


def test_the_list_shows_the_users_notifications_newest_first_unread_highlighted(returned, clerk_a):
    older = Notification.objects.get(user=clerk_a)
    notify(user=clerk_a, action="nomination.accept", subject="Ly Thị Dính (LDTT 2023)",
           from_state="resubmitted", to_state="accepted")  # fmt: skip
    Notification.objects.filter(pk=older.pk).update(read_at=older.created_at)
    page = signed_in(clerk_a).get(reverse("notification_list"))
    html = page.content.decode()
    accepted = html.index("Ly Thị Dính (LDTT 2023) was accepted for the council")
    returned_at = html.index("Vàng Thị Mỷ (LDTT 2023) was returned to the unit")
    assert accepted < returned_at
    assert html.count("list-group-item-primary") == 1
    assert REASON in html


def test_the_list_shows_nobody_elses_notifications(returned, clerk_b):
    page = signed_in(clerk_b).get(reverse("notification_list"))
    assert "Vàng Thị Mỷ" not in page.content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_nomination(returned, clerk_a):
    notification = Notification.objects.get(user=clerk_a)
    client = signed_in(clerk_a)
    response = client.post(reverse("notification_read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("nomination_detail", args=[returned.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(reverse("home")).context["unread_notifications"] == 0


def test_someone_elses_notification_does_not_exist(returned, clerk_a, clerk_b, superuser):
    notification = Notification.objects.get(user=clerk_a)
    for user in (clerk_b, superuser):
        response = signed_in(user).post(reverse("notification_read", args=[notification.pk]))
        assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize(
    "url", ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example", "javascript:x"]
)
def test_a_notification_never_sends_its_reader_to_another_site(url, clerk_a):
    notification = notify(user=clerk_a, action="nomination.accept", subject="X", url=url)
    response = signed_in(clerk_a).post(reverse("notification_read", args=[notification.pk]))
    assert response["Location"] == reverse("notification_list")


def test_mark_all_read(clerk_a, clerk_b):
    for _ in range(3):
        notify(user=clerk_a, action="nomination.accept", subject="X", to_state="accepted")
    theirs = notify(user=clerk_b, action="nomination.accept", subject="Y", to_state="accepted")
    response = signed_in(clerk_a).post(reverse("notification_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=clerk_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_reading_needs_a_post_with_its_csrf_token(clerk_a):
    notification = notify(user=clerk_a, action="nomination.accept", subject="X")
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_a)
    assert client.get(reverse("notification_read", args=[notification.pk])).status_code == 405
    assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 403
    assert client.post(reverse("notification_read_all")).status_code == 403


def test_a_later_stage_is_described_with_translated_state_labels(clerk_a):
    notification = notify(user=clerk_a, action="decision.issue", subject="12/QĐ-SLĐTBXH",
                          from_state="draft", to_state="issued")  # fmt: skip
    assert describe(notification) == "12/QĐ-SLĐTBXH: Draft → Issued"
    with translation.override("vi"):
        assert "12/QĐ-SLĐTBXH" in describe(notification)


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_has_a_fixed_query_budget(count, clerk_a, django_assert_max_num_queries):
    for _ in range(count):
        notify(user=clerk_a, action="nomination.accept", subject="X", to_state="accepted")
    client = signed_in(clerk_a)
    # session, user, scope, unread count, page count, page rows
    with django_assert_max_num_queries(6):
        assert client.get(reverse("notification_list")).status_code == 200


def test_the_email_is_written_in_the_language_the_nominator_chose(
    clerk_a, officer, person_a, django_capture_on_commit_callbacks
):
    from organizations.models import UserPreference

    UserPreference.objects.create(user=clerk_a, language="fr")
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    with django_capture_on_commit_callbacks(execute=True):
        nomination_return(actor=officer, nomination=nomination, reason=REASON)
    assert "renvoyée à l'unité" in mail.outbox[-1].subject
