"""Background jobs of billing: the billing run started from the web UI. Its progress is kept
on the BillingRun row, where the run page polls it."""

from __future__ import annotations

from django_tasks import task

from bundel.billing.models import BillingRun
from bundel.billing.services import billing_run_execute


@task()
def execute_billing_run(run_id: int) -> dict[str, object]:
    run = billing_run_execute(run=BillingRun.objects.get(pk=run_id))
    return {"run": run.pk, "invoices": run.invoices_created, "status": run.status}
