def entry_status(request):
    return None
