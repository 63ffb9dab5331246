from django.http import Http404


def manage(request, token):
    raise Http404
