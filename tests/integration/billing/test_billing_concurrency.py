"""Runs and numbering at the same moment (PostgreSQL): never a charge invoiced twice, never a
number given twice or skipped."""

from datetime import date

import pytest
from django.db import transaction

from bundel.accounts.roles import Role
from bundel.billing import domain, services
from bundel.billing.models import Invoice, InvoiceLine
from bundel.billing.snapshot import DocumentKind
from tests.factories.billing import member, seller_ready
from tests.threads import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("FEE-1")
def test_two_runs_of_one_period_at_once_invoice_each_member_once(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.FINANCE)
    seller_ready()
    for n in range(6):
        member(800 + n, staff, date(2024, 2, 1))

    def run() -> object:
        return services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))

    results, errors = at_once(run, run)
    assert errors == []
    assert sum(r.invoices_created for r in results) == 6  # type: ignore[attr-defined]
    assert Invoice.objects.count() == 6
    assert InvoiceLine.objects.count() == 6
    domain.check_gap_free(Invoice.objects.values_list("sequence", flat=True))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_numbers_taken_at_once_are_gap_free_and_a_rollback_leaves_no_gap() -> None:
    def take(fail: bool) -> object:
        def call() -> object:
            try:
                with transaction.atomic():
                    number = services.next_number(DocumentKind.INVOICE, 2026)
                    if fail:
                        raise RuntimeError("rolled back")
                    return number
            except RuntimeError:
                return None

        return call

    results, errors = at_once(*(take(fail=n % 4 == 0) for n in range(12)))
    assert errors == []
    taken = sorted(r[0] for r in results if r is not None)  # type: ignore[index]
    assert taken == list(range(1, 10))
