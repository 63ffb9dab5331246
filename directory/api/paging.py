"""The Open Referral UK page wrapper around a list of results."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ResultPage:
    items: list
    total: int
    paging: object

    def as_json(self, contents):
        total_pages = math.ceil(self.total / self.paging.per_page)
        return {
            "total_items": self.total,
            "total_pages": total_pages,
            "page_number": self.paging.page,
            "size": len(contents),
            "first_page": self.paging.page == 1,
            "last_page": self.paging.page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }


def page_of_queryset(queryset, paging):
    """One count and one fetch (plus the queryset's prefetches); a page past the end costs only the count."""
    total = queryset.count()
    if paging.offset >= total:
        return ResultPage(items=[], total=total, paging=paging)
    return ResultPage(items=list(queryset[paging.offset : paging.offset + paging.per_page]), total=total, paging=paging)


def page_of_ranked(queryset, ranked_ids, paging):
    """A page of ``ranked_ids`` (already filtered and in order), fetched from ``queryset`` in that order."""
    window = ranked_ids[paging.offset : paging.offset + paging.per_page]
    found = queryset.in_bulk(window) if window else {}
    return ResultPage(items=[found[pk] for pk in window if pk in found], total=len(ranked_ids), paging=paging)
