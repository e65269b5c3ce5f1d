import json
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.governance import domain, policies, services
from bundel.governance.adapters.paper_vote import VoteFileError, read_votes
from bundel.shared import clock
from bundel.shared.errors import RuleViolation


class Command(BaseCommand):
    help = "Governance: `governance tally --votes FILE.csv` tallies a vote taken on paper (GOV-5)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        tally = sub.add_parser("tally", help="tally a vote on a motion (GOV-5, GOV-6)")
        tally.add_argument(
            "--votes",
            type=Path,
            required=True,
            help="CSV with header seat,chamber,vote,cast_by (one row per seat that votes)",
        )
        tally.add_argument("--json", action="store_true")
        end = sub.add_parser(
            "end-terms", help="end the seat terms of boards that are no longer members (daily)"
        )
        end.add_argument("--on", type=date.fromisoformat, help="the day (default: today)")
        end.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "end-terms":
            self.end_terms(options["on"] or clock.today(), as_json=options["json"])
            return
        path: Path = options["votes"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        policy = policies.governance_policy()
        try:
            votes = read_votes(path.read_text(encoding="utf-8"), policy)
            outcome = domain.decide_motion(votes, policy)
        except VoteFileError as error:
            raise CommandError(f"{path.name}, {error}") from None
        except (RuleViolation, UnicodeDecodeError) as error:
            raise CommandError(f"{path.name}: {error}") from None
        data = domain.outcome_as_dict(outcome, policy)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(data["reason"])
        for chamber, tally in data["chambers"].items():
            self.stdout.write(
                f"  {chamber:<11} for {tally['for']:>3}  against {tally['against']:>3}  "
                f"abstain {tally['abstain']:>3}  {'in favour' if tally['in_favour'] else '-'}"
            )

    def end_terms(self, on: date, *, as_json: bool) -> None:
        ended = services.seat_terms_end_for_former_members(on=on)
        rows = [
            {"seat": t.seat.code, "board": t.board.number, "ended_on": t.ended_on.isoformat()}
            for t in ended
            if t.ended_on is not None
        ]
        if as_json:
            self.stdout.write(json.dumps({"on": on.isoformat(), "ended": rows}, indent=2))
            return
        self.stdout.write(f"{len(rows)} seat term(s) ended on {on.isoformat()}")
        for row in rows:
            self.stdout.write(f"  {row['seat']:<14} {row['board']}  last day {row['ended_on']}")
