"""`bundel tenders …`: the tenders, and a tender's OCDS release package (TEN-7)."""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.procurement import publication, selectors
from bundel.procurement.models import Tender
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain


class Command(BaseCommand):
    help = "Tenders: the list (TEN-3, TEN-6) and a tender's OCDS 1.1.5 release package (TEN-7)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser(
            "list", help="tenders with product, status, participants and room left"
        )
        listing.add_argument("--json", action="store_true")
        ocds = sub.add_parser("ocds", help="print a tender's OCDS release package (JSON)")
        ocds.add_argument("tender", help="the tender's reference, e.g. BND-2026-001")
        ocds.add_argument("--json", action="store_true", help="(the package is always JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except RuleViolation as violation:
            raise CommandError(explain(violation)) from None

    def do_list(self, options: dict[str, Any]) -> None:
        rows = [
            {
                "reference": t.reference,
                "title": t.title,
                "product": t.product.code,
                "status": t.status,
                "participants": t.participants,  # type: ignore[attr-defined]
                "room_left": str(selectors.room_left(tender=t)),
                "room_unit": t.room_unit,
            }
            for t in selectors.tender_list().order_by("reference")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['reference']:<14} {row['product']:<16} {row['status']:<15} "
                f"{row['participants']:>4} participant(s)  room left {row['room_left']} "
                f"{row['room_unit']}"
            )

    def _tender(self, reference: str) -> Tender:
        tender = selectors.tender_by_reference(reference)
        if tender is None:
            raise CommandError(f"there is no tender {reference}")
        return tender

    def do_ocds(self, options: dict[str, Any]) -> None:
        tender = self._tender(options["tender"])
        try:
            package = publication.tender_release_package(tender)
        except publication.NotPublished:
            raise CommandError(
                f"tender {tender.reference} is {tender.status}: it has not been published, so "
                "there is no OCDS release yet"
            ) from None
        self.stdout.write(json.dumps(package, indent=2, ensure_ascii=False))
