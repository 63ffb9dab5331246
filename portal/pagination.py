from django.core.paginator import EmptyPage, PageNotAnInteger


def page_from_request(paginator, request, parameter="page"):
    """The requested page, or the nearest real one for nonsense like ?page=abc or ?page=99999."""
    number = request.GET.get(parameter, 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
