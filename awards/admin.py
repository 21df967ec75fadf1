"""Django admin for every awards model: the back office of superusers.

Day-to-day work goes through the app's own screens, which write through the services (audited);
the admin is for repairs, so lists are searchable, filterable and cost a fixed number of queries.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AnnualRating,
    AwardRecord,
    AwardType,
    Campaign,
    CampaignDocument,
    Cluster,
    ClusterMember,
    DossierDocument,
    Hold,
    Initiative,
    Nomination,
    Registration,
    RegistrationLine,
)
from organizations.admin_readonly import ReadOnlyAdmin, ReadOnlyInline

SUBJECT_SEARCH = ["person__code", "person__full_name", "unit__code", "unit__name"]


class SubjectAdmin(admin.ModelAdmin):
    """Rows about one person or one unit."""

    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit"]
    search_fields = SUBJECT_SEARCH

    @admin.display(description=_("person or unit"))
    def subject(self, obj):
        return obj.person or obj.unit


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "kind", "recipient", "authority",
                    "decided_by_department", "bonus_coefficient", "vote_threshold", "is_active",
                    "display_order"]  # fmt: skip
    list_filter = ["kind", "recipient", "decided_by_department", "public_comment_required",
                   "is_active"]  # fmt: skip
    search_fields = ["code", "name_vi", "name_en", "name_fr", "authority", "legal_document"]
    list_select_related = []
    ordering = ["display_order", "code"]

    def get_readonly_fields(self, request, obj=None):
        # Imports, commands and rules refer to the code: it is fixed once created.
        return ["code"] if obj else []


@admin.register(AnnualRating)
class AnnualRatingAdmin(SubjectAdmin):
    list_display = ["subject", "year", "rating", "updated_at"]
    list_filter = ["year", "rating"]
    list_select_related = ["person", "unit"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "year", "level", "consumed_by"]
    list_filter = ["level", "year", ("consumed_by", admin.EmptyFieldListFilter)]
    search_fields = ["title", "person__code", "person__full_name"]
    list_select_related = ["person", "consumed_by__award_type", "consumed_by__person",
                           "consumed_by__unit"]  # fmt: skip
    autocomplete_fields = ["person", "consumed_by"]


@admin.register(Hold)
class HoldAdmin(SubjectAdmin):
    list_display = ["subject", "reason", "start", "end"]
    list_filter = [("end", admin.EmptyFieldListFilter)]
    search_fields = [*SUBJECT_SEARCH, "reason"]
    date_hierarchy = "start"


@admin.register(AwardRecord)
class AwardRecordAdmin(SubjectAdmin):
    list_display = ["award_type", "subject", "year", "commendation_type", "decision_number",
                    "decision_date", "source", "revoked"]  # fmt: skip
    list_filter = ["source", "commendation_type", "revoked", "award_type", "year"]
    search_fields = [*SUBJECT_SEARCH, "award_type__code", "decision_number", "issuer"]
    list_select_related = ["award_type", "person", "unit"]
    autocomplete_fields = ["award_type", "person", "unit"]
    # Revoking goes through awards.decisions.revocation.award_revoke: it records the decision,
    # the bonus to recover, frees the initiatives and flags the dependants.
    readonly_fields = ["revoked"]


class ClusterMemberInline(admin.TabularInline):
    model = ClusterMember
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["name"]
    list_select_related = []
    inlines = [ClusterMemberInline]


@admin.register(ClusterMember)
class ClusterMemberAdmin(admin.ModelAdmin):
    list_display = ["cluster", "unit", "role"]
    list_filter = ["role", "cluster__year", "cluster__kind"]
    search_fields = ["cluster__name", "unit__code", "unit__name"]
    list_select_related = ["cluster", "unit"]
    autocomplete_fields = ["cluster", "unit"]


class CampaignDocumentInline(admin.TabularInline):
    model = CampaignDocument
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "year", "state", "nominations_open", "nominations_close",
                    "created_by"]  # fmt: skip
    list_filter = ["type", "state", "year"]
    search_fields = ["name", "description"]
    list_select_related = ["created_by"]
    autocomplete_fields = ["award_types", "target_units"]
    raw_id_fields = ["created_by"]
    inlines = [CampaignDocumentInline]


@admin.register(CampaignDocument)
class CampaignDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "uploaded_at"]
    list_filter = ["campaign__year"]
    search_fields = ["title", "campaign__name"]
    list_select_related = ["campaign"]
    autocomplete_fields = ["campaign"]


class RegistrationLineInline(admin.TabularInline):
    model = RegistrationLine
    extra = 0
    autocomplete_fields = ["person", "award_type"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "collective_award", "state"]
    list_filter = ["state", "year"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit", "collective_award"]
    autocomplete_fields = ["unit", "collective_award"]
    inlines = [RegistrationLineInline]


@admin.register(RegistrationLine)
class RegistrationLineAdmin(admin.ModelAdmin):
    list_display = ["registration", "person", "award_type"]
    list_filter = ["award_type", "registration__year"]
    search_fields = ["person__code", "person__full_name", "registration__unit__name"]
    list_select_related = ["registration__unit", "person", "award_type"]
    autocomplete_fields = ["registration", "person", "award_type"]


class DossierDocumentInline(ReadOnlyInline):
    model = DossierDocument
    readonly_fields = ["kind", "file", "original_name", "size", "uploaded_by", "uploaded_at"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin, SubjectAdmin):
    """Read-only: a nomination moves only through its services (state checks, audit)."""

    list_display = ["award_type", "subject", "unit", "year", "commendation_type", "state",
                    "campaign", "updated_at"]  # fmt: skip
    list_filter = ["state", "commendation_type", "award_type", "year"]
    search_fields = [*SUBJECT_SEARCH, "award_type__code", "campaign__name", "summary"]
    list_select_related = ["award_type", "person", "unit", "campaign"]
    autocomplete_fields = ["campaign", "award_type", "person", "unit"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_at", "updated_at", "submitted_at"]
    inlines = [DossierDocumentInline]


@admin.register(DossierDocument)
class DossierDocumentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "nomination", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "kind", "nomination__person__full_name",
                     "nomination__unit__name"]  # fmt: skip
    list_select_related = ["nomination__award_type", "nomination__person", "nomination__unit",
                           "uploaded_by"]  # fmt: skip
    raw_id_fields = ["nomination", "uploaded_by"]


import awards.certificates.admin  # noqa: E402,F401
import awards.council.admin  # noqa: E402,F401
import awards.decisions.admin  # noqa: E402,F401
import awards.decisions.revocation_admin  # noqa: E402,F401
import awards.documents.admin  # noqa: E402,F401
import awards.proposals.admin  # noqa: E402,F401
import awards.publicity.admin  # noqa: E402,F401
