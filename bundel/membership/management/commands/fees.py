import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.membership import selectors
from bundel.registry import selectors as registry_selectors
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain


class Command(BaseCommand):
    help = "Membership fees (FEE-1): `fees quote BOARD --year YYYY [--json]`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        quote = sub.add_parser(
            "quote", help="the membership fee a board would pay for a year, member or not"
        )
        quote.add_argument("board", metavar="BOARD", help="the board's 5-digit DUO number")
        quote.add_argument("--year", type=int, help="the fee year (this year)")
        quote.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        board = registry_selectors.board_get(number=options["board"])
        if board is None:
            raise CommandError(f"No board with number {options['board']} is in the register")
        year = options["year"] or clock.today().year
        try:
            quote = selectors.fee_quote(board=board, year=year).as_json()
        except RuleViolation as violation:
            raise CommandError(explain(violation)) from None
        if options["json"]:
            self.stdout.write(json.dumps(quote, indent=2, ensure_ascii=False))
            return
        band = quote["band"]
        bound = (
            f"at most {band['max_students']:,} students"
            if band["max_students"] is not None
            else "no upper bound"
        )
        lines = [
            f"Board {board.number} {board.display_name}: membership fee {year}",
            f"Students: {quote['students']:,} "
            f"(PO {quote['po_students']:,} at {quote['po_count_date'] or '-'}; "
            f"VO {quote['vo_students']:,} at {quote['vo_count_date'] or '-'})",
            f"Band: {bound}, EUR {band['amount']} a year",
        ]
        if quote["pro_rata"]:
            lines.append(f"Pro rata: {quote['days']} of {quote['days_in_year']} days of membership")
        lines.append(f"Amount: EUR {quote['amount']}")
        self.stdout.write("\n".join(lines))
