"""Logging site searches after the request: the web request only queues it (one write to the task queue); searches
the page cache answers are counted in each server process and logged together (``portal.pagecache.HitCounter``)."""

from django_tasks import task

from .services import record_search


@task()
def log_search(*, hub_id, query, found, hits=1):
    record_search(hub_id=hub_id, query=query, found=found, hits=hits)
