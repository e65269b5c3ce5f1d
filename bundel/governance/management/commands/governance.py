import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.governance import domain, policies
from bundel.governance.adapters.paper_vote import VoteFileError, read_votes
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

    def handle(self, *args: Any, **options: Any) -> None:
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
