from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand

from bundel.membership import services
from bundel.shared import clock


class Command(BaseCommand):
    help = "Membership upkeep: `membership end-due` ends memberships past their last day (MEM-4)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        end_due = sub.add_parser("end-due", help="end the memberships whose last day has passed")
        end_due.add_argument("--on", type=date.fromisoformat, help="the day to run for (today)")

    def handle(self, *args: Any, **options: Any) -> None:
        ended = services.membership_end_due(on=options["on"] or clock.today())
        for membership in ended:
            self.stdout.write(f"ended: {membership.board.number} (last day {membership.last_day})")
        self.stdout.write(f"{len(ended)} membership(s) ended")
