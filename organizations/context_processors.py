from organizations.access import scope_of


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
            "is_superuser": scope.is_superuser,
        }
    }
