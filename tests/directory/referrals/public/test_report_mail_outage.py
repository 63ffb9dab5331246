"""A resident's report is confirmed while the mail server hangs: the request only queues, the worker sends."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.referrals.models import Referral
from portal.models import OutboundEmail

from .report_steps import CONFIRMATION_URL, named_answers, send

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


def test_a_named_report_is_confirmed_while_the_mail_server_hangs(client, area, task_queue, hanging_mail_server):
    vulnerable = {"vulnerable": "yes", "vulnerability_details": "My neighbour is 89 and lives alone"}
    response = send(client, named_answers(area, vulnerability=vulnerable))

    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == CONFIRMATION_URL
    assert referral.reference in client.get(CONFIRMATION_URL).content.decode()
    assert not hanging_mail_server.called.is_set(), "the request never talked to the mail server"
    queued = OutboundEmail.objects.get(to="alex@example.org")
    assert (queued.sent_at, queued.attempts) == (None, 0)
    assert referral.reference in queued.subject + queued.body
    deliveries = DBTaskResult.objects.filter(task_path="portal.outbox.deliver_email")
    assert sorted(
        task.args_kwargs["args"][0] for task in deliveries if task.status == TaskResultStatus.READY
    ) == sorted(OutboundEmail.objects.values_list("pk", flat=True))

    hanging_mail_server.answers.set()
    task_queue()

    assert "alex@example.org" in [message.to[0] for message in hanging_mail_server.delivered]
    assert not OutboundEmail.objects.filter(sent_at__isnull=True).exists()
