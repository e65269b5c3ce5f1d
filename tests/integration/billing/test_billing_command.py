"""`bundel billing …`: run, list, pdf, sepa from the command line, with stable JSON."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from bundel.accounts.roles import Role
from bundel.billing import services
from bundel.billing.models import BillingRun, Invoice
from tests.factories.billing import member, seller_ready

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("billing", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def members(make_user):  # noqa: ANN001, ANN201
    staff = make_user(Role.FINANCE)
    seller_ready()
    return [member(800, staff, date(2024, 2, 1)), member(5000, staff, date(2026, 6, 1))]


@pytest.mark.rule("FEE-1")
@time_machine.travel("2026-07-01 10:00 +02:00", tick=False)
def test_a_dry_run_then_the_run_print_the_same_invoices(members) -> None:  # noqa: ANN001
    dry = json.loads(run("run", "--period", "2026", "--dry-run", "--json"))
    assert dry["dry_run"] is True
    assert [b["net"] for b in dry["boards"]] == ["1000.00", "1641.64"]
    assert not Invoice.objects.exists()
    real = json.loads(run("run", "--period", "2026", "--json"))
    assert (real["invoices"], real["total_gross"]) == (2, "2641.64")
    assert real["numbers"] == ["2026-000001", "2026-000002"]
    again = json.loads(run("run", "--period", "2026", "--json"))
    assert again["invoices"] == 0
    listed = json.loads(run("list", "--json"))
    assert [(r["number"], r["kind"], r["status"]) for r in listed] == [
        ("2026-000001", "invoice", "open"),
        ("2026-000002", "invoice", "open"),
    ]


@time_machine.travel("2026-01-20 10:00 +01:00", tick=False)
def test_pdf_and_sepa_files_are_written(members, tmp_path: Path) -> None:  # noqa: ANN001
    services.mandate_register(
        board=members[0],
        data=services.MandateData(
            iban="NL44RABO0123456789", account_holder="Bestuur", signed_on=date(2026, 1, 2)
        ),
    )
    run("run", "--period", "2026")
    pdf = tmp_path / "f.pdf"
    run("pdf", "2026-000001", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    sepa = tmp_path / "incasso.xml"
    out = run("sepa", "--run", str(BillingRun.objects.get().pk), "-o", str(sepa))
    assert "1 invoice(s), EUR 1000.00" in out
    assert "<EndToEndId>2026-000001</EndToEndId>" in sepa.read_text()


def test_an_unknown_invoice_or_a_bad_period_is_a_clear_error(members) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="2099-000001"):
        run("pdf", "2099-000001", "-o", "/tmp/x.pdf")  # noqa: S108
    with pytest.raises(CommandError, match="2026-13|period"):
        run("run", "--period", "2026-13")
