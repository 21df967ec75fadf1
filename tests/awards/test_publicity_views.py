"""The public comment screens: the officer's notices, publish form, days off; the public pages
without sign-in; the panel on the nomination page. Who sees what, and what the public never
sees."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import Nomination
from awards.publicity.models import DayOff, PublicComment, PublicNotice
from awards.publicity.services import notice_publish
from tests.awards.factories import NominationFactory
from tests.awards.factories_publicity import (
    DayOffFactory,
    PublicCommentFactory,
    PublicNoticeEntryFactory,
    PublicNoticeFactory,
    accepted_cstdtq,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def assert_csp_clean(html):
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def today():
    return timezone.localdate()


@pytest.fixture
def giang(tree):
    """A nominee with personal data that must never reach the public page."""
    return PersonFactory(
        full_name="Giàng Seo Phử",
        code="NV-0042",
        unit=tree["a"],
        sex="M",
        date_of_birth=date(1980, 5, 17),
        position="Trưởng phòng",
    )


@pytest.fixture
def published(officer, tree, giang):
    """An open notice of the department with Giàng Seo Phử's accepted CSTĐTQ nomination."""
    nomination = accepted_cstdtq(giang, summary="Đào tạo nghề cho 300 lao động nông thôn.")
    return notice_publish(
        actor=officer,
        unit=tree["dept"],
        title="Lấy ý kiến nhân dân 2026",
        starts_on=today(),
        nominations=[nomination],
    )


def public_client():
    return Client(REMOTE_ADDR="203.0.113.7")


def comment_url(notice):
    return reverse("public_comment_create", args=[notice.token, notice.entries.get().pk])


# --- Officer screens ---------------------------------------------------------------------------


def test_an_officer_publishes_and_sees_the_computed_end_date(as_user, officer, tree, giang):
    nomination = accepted_cstdtq(giang)
    response = as_user(officer).post(
        reverse("publicity_notice_create"),
        {
            "unit": tree["dept"].pk,
            "title": "Lấy ý kiến",
            "starts_on": "09/02/2027",
            "working_days": "",
            "nominations": [nomination.pk],
        },
        follow=True,
    )
    notice = PublicNotice.objects.get()
    assert response.redirect_chain[-1][0] == reverse("publicity_notice_detail", args=[notice.pk])
    assert notice.working_days == 10
    # Tết Đinh Mùi runs to Wednesday 10 Feb 2027: the count starts on Thursday 11 Feb.
    assert notice.ends_on == date(2027, 2, 24)
    assert "from 09/02/2027 to 24/02/2027 (10 working days)" in " ".join(messages_of(response))
    assert "Giàng Seo Phử" in response.content.decode()


def test_computing_the_end_date_saves_nothing(as_user, officer, tree, giang):
    nomination = accepted_cstdtq(giang)
    response = as_user(officer).post(
        reverse("publicity_notice_create"),
        {
            "unit": tree["dept"].pk,
            "title": "Lấy ý kiến",
            "starts_on": "01/03/2027",
            "working_days": "3",
            "nominations": [nomination.pk],
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert "from 01/03/2027 to 03/03/2027 included" in response.content.decode()
    assert not PublicNotice.objects.exists()


def test_the_end_date_is_computed_before_the_title_or_nominations_are_filled_in(as_user, officer):
    response = as_user(officer).post(
        reverse("publicity_notice_create"),
        {"title": "", "starts_on": "01/03/2027", "working_days": "3", "preview": "1"},
    )
    assert response.status_code == 200
    assert "from 01/03/2027 to 03/03/2027 included" in response.content.decode()
    assert not response.context["form"].errors


def test_the_publish_form_offers_only_accepted_nominations_that_need_public_comment(
    as_user, officer, person_a, person_b
):
    ready = accepted_cstdtq(person_a)
    submitted = accepted_cstdtq(person_b, state=Nomination.State.SUBMITTED)
    no_window = NominationFactory(person=PersonFactory(), state=Nomination.State.ACCEPTED)
    response = as_user(officer).get(reverse("publicity_notice_create"), {"nomination": ready.pk})
    offered = set(response.context["form"].fields["nominations"].queryset)
    assert offered == {ready}
    html = response.content.decode()
    assert f'value="{ready.pk}" id="id_nominations_0" checked' in html
    assert submitted.pk not in offered and no_window not in offered
    assert_csp_clean(html)


def test_publishing_another_units_nomination_is_refused_with_the_reason(
    as_user, officer, tree, person_a, person_b
):
    response = as_user(officer).post(
        reverse("publicity_notice_create"),
        {
            "unit": tree["a"].pk,
            "title": "Lấy ý kiến",
            "starts_on": today().strftime("%d/%m/%Y"),
            "nominations": [accepted_cstdtq(person_b).pk],
        },
    )
    assert response.status_code == 400
    assert "does not belong to" in response.content.decode()
    assert not PublicNotice.objects.exists()


def test_the_notice_list_is_pinned_at_a_fixed_number_of_queries(
    as_user, officer, tree, django_assert_max_num_queries
):
    for _ in range(3):
        PublicCommentFactory(
            entry=PublicNoticeEntryFactory(notice=PublicNoticeFactory(unit=tree["a"]))
        )
    client = as_user(officer)
    # session, user, memberships (scope), the notices with their unit and counts, the unread
    # notifications of the menu, then the session saved again (savepoint, update, release).
    with django_assert_max_num_queries(8):
        response = client.get(reverse("publicity_notice_list"))
    assert len(response.context["notices"]) == 3


def test_a_viewer_reads_the_notice_with_its_comments_but_cannot_withdraw_it(
    as_user, viewer, published
):
    PublicCommentFactory(
        entry=published.entries.get(), text="Ông Phử rất nhiệt tình.", contact="0912 345 678"
    )
    client = as_user(viewer)
    html = client.get(reverse("publicity_notice_detail", args=[published.pk])).content.decode()
    assert "Ông Phử rất nhiệt tình." in html and "0912 345 678" in html
    assert reverse("publicity_notice_withdraw", args=[published.pk]) not in html
    response = client.post(
        reverse("publicity_notice_withdraw", args=[published.pk]), {"reason": "x"}
    )
    assert response.status_code == 403


def test_clerk_b_does_not_know_unit_a_notices_exist(as_user, clerk_b, tree, person_a):
    notice = PublicNoticeFactory(unit=tree["a"])
    client = as_user(clerk_b)
    assert (
        client.post(
            reverse("publicity_notice_withdraw", args=[notice.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert notice not in client.get(reverse("publicity_notice_list")).context["notices"]


def test_an_officer_withdraws_a_notice_and_it_leaves_the_public_page(as_user, officer, published):
    response = as_user(officer).post(
        reverse("publicity_notice_withdraw", args=[published.pk]),
        {"reason": "Sai danh sách"},
        follow=True,
    )
    assert "withdrawn" in " ".join(messages_of(response))
    assert (
        public_client().get(reverse("public_notice_detail", args=[published.token])).status_code
        == 404
    )


def test_the_days_off_page_shows_the_coming_public_holidays(as_user, officer):
    html = as_user(officer).get(reverse("publicity_dayoff_list")).content.decode()
    next_tet = {2026: "2027", 2027: "2028"}.get(today().year, str(today().year + 1))
    assert "Tết" in html or "Lunar New Year" in html
    assert next_tet in html
    assert_csp_clean(html)


def test_an_officer_adds_then_removes_a_day_off(as_user, officer):
    client = as_user(officer)
    day = today() + timedelta(days=60)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    response = client.post(
        reverse("publicity_dayoff_add"),
        {"date": day.strftime("%d/%m/%Y"), "name": "Nghỉ bù"},
        follow=True,
    )
    assert DayOff.objects.get().date == day
    assert "is now a day off" in " ".join(messages_of(response))
    client.post(reverse("publicity_dayoff_remove", args=[DayOff.objects.get().pk]))
    assert not DayOff.objects.exists()


def test_a_day_off_on_a_public_holiday_is_refused_on_the_form(as_user, officer):
    response = as_user(officer).post(
        reverse("publicity_dayoff_add"), {"date": "01/01/2027", "name": "Tết dương"}
    )
    assert response.status_code == 400
    assert "already a public holiday" in response.content.decode()


def test_a_clerk_may_not_touch_the_days_off(as_user, clerk_a):
    client = as_user(clerk_a)
    assert (
        client.post(
            reverse("publicity_dayoff_add"), {"date": "04/03/2027", "name": "x"}
        ).status_code
        == 403
    )
    day = DayOffFactory()
    assert client.post(reverse("publicity_dayoff_remove", args=[day.pk])).status_code == 403
    assert DayOff.objects.count() == 1


def test_the_menu_offers_public_comment_to_officers_only(as_user, officer, clerk_a):
    url = reverse("publicity_notice_list")
    assert url in as_user(officer).get(reverse("nomination_list")).content.decode()
    assert url not in Client().get(reverse("login")).content.decode()
    client = Client()
    client.force_login(clerk_a)
    assert f'href="{url}"' not in client.get(reverse("nomination_list")).content.decode()


# --- Public pages ------------------------------------------------------------------------------


def test_the_public_page_shows_name_unit_award_summary_and_nothing_more_personal(
    published, giang, person_b
):
    PublicCommentFactory(entry=published.entries.get(), text="Bí mật của văn phòng")
    response = public_client().get(reverse("public_notice_detail", args=[published.token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giàng Seo Phử" in html and giang.unit.name in html
    assert "Chiến sĩ thi đua toàn quốc" in html
    assert "Đào tạo nghề cho 300 lao động nông thôn." in html
    for secret in [
        "NV-0042",
        "17/05/1980",
        "1980-05-17",
        "Trưởng phòng",
        person_b.full_name,
        "Bí mật của văn phòng",
    ]:
        assert secret not in html, secret
    assert reverse("nomination_detail", args=[published.entries.get().nomination_id]) not in html
    assert_csp_clean(html)


def test_anonymous_visitors_see_no_signed_in_navigation(published):
    html = public_client().get(reverse("public_notice_index")).content.decode()
    assert published.title in html
    assert reverse("nomination_list") not in html and reverse("logout") not in html


def test_the_public_index_lists_open_and_recent_notices_not_withdrawn_or_old_ones(tree):
    open_now = PublicNoticeFactory(unit=tree["dept"], title="Đang lấy ý kiến")
    PublicNoticeFactory(unit=tree["dept"], title="Đã rút", state="withdrawn")
    PublicNoticeFactory(
        unit=tree["dept"],
        title="Cũ lắm rồi",
        starts_on=today() - timedelta(days=90),
        ends_on=today() - timedelta(days=60),
    )
    html = public_client().get(reverse("public_notice_index")).content.decode()
    assert open_now.title in html and "Đã rút" not in html and "Cũ lắm rồi" not in html


def test_a_notice_is_found_by_its_token_not_its_number(published):
    assert public_client().get(f"/public/notices/{published.pk}/").status_code == 404


def test_a_comment_from_the_public_is_received_and_the_officer_sees_it_on_the_nomination(
    as_user, officer, published
):
    response = public_client().post(
        comment_url(published),
        {"text": "Tôi xác nhận thành tích.", "author_name": "Lò Văn Páo", "contact": ""},
        follow=True,
    )
    assert "Thank you" in " ".join(messages_of(response))
    assert "Tôi xác nhận thành tích." not in response.content.decode()  # not shown publicly
    comment = PublicComment.objects.get()
    assert comment.author_name == "Lò Văn Páo" and comment.address_hash != "203.0.113.7"
    entry = published.entries.get()
    html = as_user(officer).get(reverse("nomination_detail", args=[entry.nomination_id]))
    assert "Tôi xác nhận thành tích." in html.content.decode()


def test_the_sixth_comment_in_an_hour_from_one_address_is_refused_another_address_is_fine(
    published,
):
    client = public_client()
    for n in range(5):
        assert client.post(comment_url(published), {"text": f"Ý kiến {n}"}).status_code == 302
    response = client.post(comment_url(published), {"text": "Ý kiến thứ sáu"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "the most we accept" in html and "Ý kiến thứ sáu" in html
    other = Client(REMOTE_ADDR="198.51.100.1")
    assert other.post(comment_url(published), {"text": "Ý kiến khác"}).status_code == 302
    assert PublicComment.objects.count() == 6


def test_a_comment_too_long_is_refused_with_a_message_and_the_typed_text_kept(published):
    typed = "Ý kiến rất dài " * 150
    response = public_client().post(comment_url(published), {"text": typed, "author_name": "Páo"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 2000 characters" in html
    assert typed.strip()[:200] in html and 'value="Páo"' in html
    assert not PublicComment.objects.exists()


def test_a_comment_after_the_window_is_refused(published):
    PublicNotice.objects.filter(pk=published.pk).update(
        starts_on=today() - timedelta(days=20), ends_on=today() - timedelta(days=1)
    )
    response = public_client().post(comment_url(published), {"text": "Trễ rồi"}, follow=True)
    assert "not being accepted" in " ".join(messages_of(response))
    assert "comments are no longer accepted" in response.content.decode()
    assert not PublicComment.objects.exists()


# --- The nomination page -----------------------------------------------------------------------


def test_the_nomination_page_says_it_is_not_published_yet_and_offers_to_publish(
    as_user, officer, clerk_a, person_a
):
    nomination = accepted_cstdtq(person_a)
    url = reverse("nomination_detail", args=[nomination.pk])
    html = as_user(officer).get(url).content.decode()
    assert "Not published yet" in html
    assert f"{reverse('publicity_notice_create')}?nomination={nomination.pk}" in html
    client = Client()
    client.force_login(clerk_a)
    html = client.get(url).content.decode()
    assert "Not published yet" in html and reverse("publicity_notice_create") not in html


def test_the_nomination_page_shows_the_window_and_when_the_council_may_vote(
    as_user, clerk_a, published
):
    entry = published.entries.get()
    PublicCommentFactory(entry=entry, text="Ý kiến của bà con")
    html = as_user(clerk_a).get(reverse("nomination_detail", args=[entry.nomination_id]))
    html = html.content.decode()
    vote_from = published.ends_on + timedelta(days=1)
    assert published.ends_on.strftime("%d/%m/%Y") in html
    assert f"The council may vote on it from {vote_from:%d/%m/%Y}" in html
    assert "Ý kiến của bà con" in html  # clerk_a may read unit A's awards


def test_the_public_index_costs_one_query_however_many_notices(tree, django_assert_max_num_queries):
    for _ in range(4):
        PublicNoticeEntryFactory(notice=PublicNoticeFactory(unit=tree["dept"]))
    with django_assert_max_num_queries(1):  # the notices with their number of nominees
        response = public_client().get(reverse("public_notice_index"))
    assert len(response.context["notices"]) == 4


def test_the_admin_shows_notices_and_comments_read_only_without_the_address_hash(
    as_user, superuser, published
):
    comment = PublicCommentFactory(entry=published.entries.get(), address_hash="f" * 64)
    client = as_user(superuser)
    notice_page = client.get(reverse("admin:awards_publicnotice_change", args=[published.pk]))
    assert notice_page.status_code == 200
    assert 'name="title"' not in notice_page.content.decode()  # read-only, no input
    comment_page = client.get(reverse("admin:awards_publiccomment_change", args=[comment.pk]))
    assert comment_page.status_code == 200 and "f" * 64 not in comment_page.content.decode()
    assert client.get(reverse("admin:awards_dayoff_add")).status_code == 403
    response = client.post(
        reverse("admin:awards_publicnotice_delete", args=[published.pk]), {"post": "yes"}
    )
    assert response.status_code == 403 and PublicNotice.objects.filter(pk=published.pk).exists()
