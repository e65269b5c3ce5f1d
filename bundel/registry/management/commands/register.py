import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.registry import selectors, services


class Command(BaseCommand):
    help = "National register: `register stats`, `register show BOARD`, `register reclassify`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="national figures per sector and chamber")
        stats.add_argument("--json", action="store_true")
        show = sub.add_parser("show", help="one board: figures, chamber and why, schools")
        show.add_argument("board", metavar="BOARD", help="the board's 5-digit DUO number")
        show.add_argument("--json", action="store_true")
        sub.add_parser("reclassify", help="recompute every board's chamber (after a policy change)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "reclassify":
            changed, moves = services.board_classify_all()
            self.stdout.write(f"Boards reclassified: {changed}; chamber changes: {moves}")
            return
        if action == "stats":
            data = selectors.national_stats()
        else:
            board = selectors.board_get(number=options["board"])
            if board is None:
                raise CommandError(f"No board with number {options['board']} is in the register")
            data = selectors.board_detail(board=board)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self._print(data)

    def _print(self, data: dict[str, Any], indent: str = "") -> None:
        for key, value in data.items():
            if isinstance(value, dict):
                self.stdout.write(f"{indent}{key}:")
                self._print(value, indent + "  ")
            elif isinstance(value, list):
                self.stdout.write(f"{indent}{key}: {len(value)}")
            else:
                self.stdout.write(f"{indent}{key}: {value}")
