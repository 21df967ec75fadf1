"""The award catalogue screen and its edit form."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from awards.catalogue.services import award_type_update
from awards.models import AwardType
from organizations.models import AuditEntry
from tests.awards.factories import award_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def card(html, code):
    match = re.search(rf'<article[^>]*id="award-{code}".*?</article>', html, re.S)
    assert match, code
    return match.group(0)


def test_catalogue_lists_every_award_with_its_facts(viewer, django_assert_max_num_queries):
    client = signed_in(viewer)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("award_type_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["count"] == AwardType.objects.count() == 16
    ldtt = card(html, "LDTT")
    assert "decided here" in ldtt and "proposed upward" not in ldtt
    assert "Individual" in ldtt and "Giám đốc Sở" in ldtt
    assert "0.3 × base salary" in ldtt
    assert "Điều 24" in ldtt and "Luật Thi đua, khen thưởng" in ldtt
    assert "50 % of all council members" in ldtt
    assert "not required" in ldtt  # no public comment window
    assert "Báo cáo thành tích" in ldtt
    assert "Minimum annual rating" in ldtt and "Well completed duties (HTTNV)" in ldtt
    assert "configurable" not in ldtt
    assert "Edit" not in ldtt  # viewers cannot edit
    tq = card(html, "CSTDTQ")
    assert "proposed upward" in tq and "90 % of all council members" in tq
    assert "10 working days" in tq


def test_configurable_values_are_marked_with_an_explanation(officer):
    html = signed_in(officer).get(reverse("award_type_list")).content.decode()
    cstdcs = card(html, "CSTDCS")
    # The quota parameter rests on a legacy sector rule: badge, tooltip and screen-reader text.
    quota = re.search(r"<li>Quota:.*?</li>", cstdcs, re.S).group(0)
    assert "15 %" in quota
    assert 'class="badge text-bg-warning" title="This value rests on a legacy' in quota
    assert 'class="visually-hidden"> — this value rests on a legacy' in quota
    tq = card(html, "CSTDTQ")
    vote = re.search(r"Council vote threshold</dt>\s*<dd.*?</dd>", tq, re.S).group(0)
    assert "configurable" in vote
    assert reverse("award_type_update", args=[award_type("CSTDTQ").pk]) in tq


def test_flags_list_their_parameters(viewer):
    html = signed_in(viewer).get(reverse("award_type_list")).content.decode()
    flag = card(html, "CO_TINH")
    assert "Must be the voted leading unit of its cluster: <strong>yes</strong>" in flag
    assert "Share of approved indicator targets met: <strong>100 %</strong>" in flag


def _form_data(award, **changes):
    data = {
        "name_vi": award.name_vi, "name_en": award.name_en, "name_fr": award.name_fr,
        "kind": award.kind, "recipient": award.recipient, "authority": award.authority,
        "decided_by_department": "on" if award.decided_by_department else "",
        "bonus_coefficient": str(award.bonus_coefficient),
        "vote_threshold": str(award.vote_threshold),
        "public_comment_required": "on" if award.public_comment_required else "",
        "public_comment_days": award.public_comment_days,
        "legal_document": award.legal_document, "legal_article": award.legal_article,
        "effective_from": "01/01/2024", "effective_to": "", "criteria": award.criteria,
        "required_documents": json.dumps(award.required_documents, ensure_ascii=False),
        "certificate_template": award.certificate_template,
        "rule_params": json.dumps(award.rule_params), "display_order": award.display_order,
        "is_active": "on" if award.is_active else "",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_officer_edits_an_entry_and_the_change_is_audited(officer):
    award = award_type("CSTDCS")
    client = signed_in(officer)
    page = client.get(reverse("award_type_update", args=[award.pk]))
    assert page.status_code == 200
    assert "\n  &quot;quota_share_of_ldtt&quot;: 0.15" in page.content.decode()  # indented JSON
    params = {**award.rule_params, "quota_share_of_ldtt": 0.2}
    response = client.post(
        reverse("award_type_update", args=[award.pk]),
        _form_data(award, rule_params=json.dumps(params), vote_threshold="0.6"),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#award-CSTDCS")
    award.refresh_from_db()
    assert award.rule_params["quota_share_of_ldtt"] == 0.2
    assert str(award.vote_threshold) == "0.600"
    entry = AuditEntry.objects.get(action="award_type.update")
    assert entry.actor == officer
    assert set(entry.changes) == {"rule_params", "vote_threshold"}
    assert entry.changes["vote_threshold"] == ["0.500", "0.6"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rule_params", "[1, 2]", "must be a JSON object"),
        ("rule_params", "{not json", "Enter a valid JSON"),
        ("rule_params", '{"configurable": "vote_threshold"}', "must be a list"),
        ("required_documents", '{"code": "x"}', "JSON list"),
        ("required_documents", '[{"code": "x"}]', "JSON list"),
        ("required_documents", '[{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]',
         "appears twice"),
        ("vote_threshold", "1.5", "between 0 and 1"),
    ],
)  # fmt: skip
def test_invalid_values_are_refused_and_nothing_changes(officer, field, value, message):
    award = award_type("LDTT")
    before = (award.rule_params, award.required_documents, award.vote_threshold)
    response = signed_in(officer).post(
        reverse("award_type_update", args=[award.pk]), _form_data(award, **{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    award.refresh_from_db()
    assert (award.rule_params, award.required_documents, award.vote_threshold) == before
    assert not AuditEntry.objects.exists()


def test_a_comment_window_needs_its_days(officer):
    award = award_type("LDTT")
    response = signed_in(officer).post(
        reverse("award_type_update", args=[award.pk]),
        _form_data(award, public_comment_required="on", public_comment_days="0"),
    )
    assert "public_comment_days" in response.context["form"].errors


def test_only_officers_may_edit(clerk_a, council):
    award = award_type("LDTT")
    for user in (clerk_a, council):
        response = signed_in(user).post(
            reverse("award_type_update", args=[award.pk]), _form_data(award, name_en="Hacked")
        )
        assert response.status_code == 403
    award.refresh_from_db()
    assert award.name_en == "Advanced Worker"


def test_update_post_needs_csrf(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    url = reverse("award_type_update", args=[award_type("LDTT").pk])
    assert client.post(url, {}).status_code == 403


def test_service_refuses_the_code_and_skips_unchanged(officer):
    award = award_type("GK_SO")
    with pytest.raises(Exception, match="cannot be changed"):
        award_type_update(actor=officer, award_type=award, code="GK")
    award_type_update(actor=officer, award_type=award, bonus_coefficient=award.bonus_coefficient)
    assert not AuditEntry.objects.exists()
