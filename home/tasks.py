"""Logging site searches after the request: the web request only queues it (one write to the task queue)."""

from django_tasks import task

from .services import record_search


@task()
def log_search(*, hub_id, query, found):
    record_search(hub_id=hub_id, query=query, found=found)
