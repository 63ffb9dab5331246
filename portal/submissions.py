"""A submission made once, however often it is sent: a double click, a repeated POST, two requests racing.

Each public submission carries a random submission key, stored in a unique column of what it creates. The
view-side half (the hourly slot, the repeated POST) is ``portal.journeys.pages.submit_once``.
"""

from django.db import IntegrityError


def create_once(model, submission_key, create):
    """``create()`` -> (object, token), unless ``model`` already holds the object made with ``submission_key``:
    then (that object, None). A request that loses the race to the unique key gets the winner's object too.
    ``create`` must do its writes in its own transaction, so a lost race rolls back cleanly."""
    if submission_key and (existing := _made_with(model, submission_key)):
        return existing, None
    try:
        return create()
    except IntegrityError:
        if submission_key and (existing := _made_with(model, submission_key)):
            return existing, None
        raise


def _made_with(model, submission_key):
    return model.objects.filter(submission_key=submission_key).first()
