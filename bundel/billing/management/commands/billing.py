"""`bundel billing …`: billing runs, invoices and their documents from the command line."""

import json
import sys
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.billing import documents, domain, selectors, services
from bundel.billing.models import BillingRun
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain


class Command(BaseCommand):
    help = (
        "Billing: runs (FEE-1 … FEE-4), the invoice list and each invoice's PDF, UBL and SEPA file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="invoice a period: a year (2026) or a month (2026-03)")
        run.add_argument("--period", required=True)
        run.add_argument("--dry-run", action="store_true", help="show what would be invoiced")
        run.add_argument("--json", action="store_true")
        listing = sub.add_parser("list", help="invoices and credit notes")
        listing.add_argument("--json", action="store_true")
        ubl = sub.add_parser("ubl", help="print an invoice's UBL (Peppol BIS 3.0) XML")
        ubl.add_argument("number")
        pdf = sub.add_parser("pdf", help="write an invoice's PDF")
        pdf.add_argument("number")
        pdf.add_argument("-o", "--output", type=Path, required=True)
        sepa = sub.add_parser("sepa", help="write the SEPA direct-debit file of a billing run")
        sepa.add_argument("--run", type=int, required=True, help="the billing run's id")
        sepa.add_argument("--collection-date", help="YYYY-MM-DD (default: the invoices' due date)")
        sepa.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except RuleViolation as violation:
            raise CommandError(explain(violation)) from None

    def do_run(self, options: dict[str, Any]) -> None:
        period = domain.parse_period(options["period"])
        if options["dry_run"]:
            preview = selectors.run_preview(period)
            data: dict[str, Any] = {
                "period": period.key,
                "dry_run": True,
                "boards": [
                    {
                        "board": p.board.number,
                        "name": p.board.name,
                        "net": str(p.net),
                        "lines": [
                            {"description": d.description, "amount": str(d.amount), "note": d.note}
                            for d in p.lines
                        ],
                    }
                    for p in preview
                ],
                "invoices": len(preview),
                "total_net": str(sum((p.net for p in preview), selectors.ZERO)),
            }
        else:
            run = services.billing_run_create(period=period.key)

            def progress(done: int, total: int) -> None:
                if not options["json"] and (done == total or done % 100 == 0):
                    self.stderr.write(f"  {done}/{total} boards")

            run = services.billing_run_execute(run=run, progress=progress)
            data = {
                "period": period.key,
                "dry_run": False,
                "run": run.pk,
                "status": run.status,
                "invoices": run.invoices_created,
                "total_gross": str(run.amount_total),
                "numbers": list(run.invoices.order_by("sequence").values_list("number", flat=True)),
            }
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
        else:
            verb = "would invoice" if data["dry_run"] else "invoiced"
            self.stdout.write(f"{period.key}: {verb} {data['invoices']} board(s)")

    def do_list(self, options: dict[str, Any]) -> None:
        rows = [
            {
                "number": i.number,
                "kind": i.kind,
                "board": i.board.number,
                "issue_date": i.issue_date.isoformat(),
                "total": str(i.total_gross),
                "status": selectors.status_of(i),
            }
            for i in selectors.invoices_with_balance().order_by("issue_date", "kind", "sequence")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['number']:<14} {row['kind']:<12} {row['board']:<6} {row['issue_date']} "
                f"{row['total']:>12} {row['status']}"
            )

    def _invoice(self, number: str) -> Any:
        invoice = selectors.invoice_by_number(number)
        if invoice is None:
            raise RuleViolation("billing.invoice_not_found", number=number)
        return invoice

    def do_ubl(self, options: dict[str, Any]) -> None:
        snapshot = documents.snapshot_of(self._invoice(options["number"]))
        sys.stdout.buffer.write(documents.render_ubl(snapshot))

    def do_pdf(self, options: dict[str, Any]) -> None:
        snapshot = documents.snapshot_of(self._invoice(options["number"]))
        options["output"].write_bytes(documents.render_pdf(snapshot))
        self.stdout.write(f"{options['output']}")

    def do_sepa(self, options: dict[str, Any]) -> None:
        run = BillingRun.objects.filter(pk=options["run"]).first()
        if run is None:
            raise CommandError(f"there is no billing run {options['run']}")
        collection = options["collection_date"]
        first_due = run.invoices.order_by("due_date").values_list("due_date", flat=True).first()
        day = date.fromisoformat(collection) if collection else first_due
        if day is None:
            raise RuleViolation("billing.nothing_to_collect")
        debit = services.direct_debit_run_create(collection_date=day, billing_run=run)
        options["output"].write_text(debit.xml, encoding="utf-8")
        self.stdout.write(
            f"{options['output']}: {debit.invoices.count()} invoice(s), EUR {debit.total}"
        )
