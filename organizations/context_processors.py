import unicodedata

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from organizations.access import may_department_wide, scope_of
from organizations.notifications.services import unread_count


def languages(request):
    """Language names as their speakers write them, NFC-normalised: Django ships "Tiếng Việt"
    decomposed, which search, screen readers and exact matching do not all handle."""
    return {
        "language_choices": [
            (code, unicodedata.normalize("NFC", get_language_info(code)["name_local"]))
            for code, _name in settings.LANGUAGES
        ]
    }


def navigation(request):
    """What the navigation may offer this user; the views enforce the same rules again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    return {
        "nav": {
            "can_manage_people": scope.may("person.manage"),
            "can_import": scope.may("directory.import"),
            "can_edit_indicator_catalogue": may_department_wide(user, "indicator.catalogue"),
            "can_read_audit": scope.may("audit.view"),
            "can_enter_award_inputs": scope.may("award.inputs"),
            "can_manage_award_history": scope.may("award.history"),
            "can_view_award_reports": scope.may("award.view"),
            "can_manage_publicity": scope.may("publicity.manage"),
            "is_superuser": scope.is_superuser,
        },
        # Counted only if a template shows it: downloads and redirects cost no query.
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user)),
    }
