"""The cheapest signed-in page: who is signed in, as JSON.

It goes through the whole stack (session, account, every middleware) and does nothing else, so
its throughput is the ceiling `make bench` measures every other page against."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def signed_in_user(request):
    return JsonResponse({"username": request.user.get_username()})
