"""`bundel demo`: the demo world that `make run` loads (see bundel.demo.services)."""

from argparse import ArgumentParser, ArgumentTypeError
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bundel.demo import billing, governance, members, procurement, services, synthetic
from bundel.demo.duo_files import DEFAULT_AS_OF
from bundel.registry import selectors
from bundel.registry.domain import CHAMBER_LABELS, Chamber
from bundel.registry.services import ImportFailed


def _as_of(value: str) -> date | None:
    if value == "latest":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is neither YYYY-MM-DD nor 'latest'") from None


class Command(BaseCommand):
    help = (
        "Load the demo world: a synthetic national register in DUO's file formats (or the real "
        "DUO files of --duo DIR), imported through the register import, one demo account "
        f"per role with the password {services.DEMO_PASSWORD!r}, members in every state "
        "of membership, made through the membership services, the council with its "
        "elections, meetings and boards, made through the governance services, two years "
        "of invoices, payments, a credit note and direct debit, made through the billing "
        "services, and the catalogue, members' intent, the first tenders awarded and one in "
        "bidding, with supplier logins, made through the procurement services. On a database "
        "that has the demo world already it changes nothing and prints the logins again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--seed",
            type=int,
            default=synthetic.DEFAULT_SEED,
            help=f"seed of the synthetic register and the demo members (default "
            f"{synthetic.DEFAULT_SEED}); the same seed gives the same register",
        )
        source.add_argument(
            "--duo",
            type=Path,
            metavar="DIR",
            help="import the real DUO files in DIR instead: every *.csv there that Bundel reads",
        )
        parser.add_argument(
            "--as-of",
            type=_as_of,
            default=DEFAULT_AS_OF,
            metavar="DATE",
            help="with --duo: leave out count files with counts after DATE (default "
            f"{DEFAULT_AS_OF.isoformat()}, the 2017 register); 'latest' keeps them all",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="first remove the billing, procurement, governance and membership data, the "
            "catalogue, the register (import history included) and the demo accounts",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.BUNDEL_DEMO_ALLOWED:
            raise CommandError(
                "bundel demo creates accounts with a published password: "
                "it does not run with production settings"
            )
        self.quiet = options["quiet"]
        self.progress_shown = False
        try:
            if options["duo"]:
                directory = options["duo"]
                self._note(f"Reading the DUO files in {directory}")
                files, left_out = services.demo_files_duo(
                    directory=directory, as_of=options["as_of"]
                )
                for name, why in left_out:
                    self._note(f"  left out {name}: {why}")
            else:
                self._note(f"Generating the synthetic register (seed {options['seed']})")
                files = services.demo_files_synthetic(seed=options["seed"])
            if options["reset"]:
                self._note(
                    "Removing the billing, the tenders, the council, the members, the register and "
                    "the demo accounts"
                )
            result = services.demo_world_load(
                files=files, reset=options["reset"], progress=self._progress, seed=options["seed"]
            )
        except services.DemoError as error:
            raise CommandError(str(error)) from None
        except ImportFailed as failure:
            raise CommandError(f"{failure}. Nothing was imported.") from None
        finally:
            if self.progress_shown:
                self._note("")
        for username in result.people_missing:
            self._note(f"No board in the chamber of {username}: that account was not created")
        self._report(result)

    def _report(self, result: services.DemoResult) -> None:
        stats = selectors.national_stats()
        if result.state is services.RegisterState.IMPORTED:
            self.stdout.write(f"Register: imported {len(result.report.files)} files.")  # type: ignore[union-attr]
        elif result.state is services.RegisterState.ALREADY_LOADED:
            self.stdout.write(
                "Register: loaded already (these files were imported before); nothing changed."
            )
        else:
            self.stdout.write(
                "Register: the database holds another register; it was left as it is "
                "(`bundel demo --reset` replaces it)."
            )
        for sector, figures in stats["sectors"].items():
            self.stdout.write(
                f"  {sector}: {figures['boards']:,} boards, {figures['students']:,} students "
                f"at {figures['count_date'] or '-'}"
            )
        chambers = ", ".join(
            f"{CHAMBER_LABELS[Chamber(code)]} {count:,}"
            for code, count in stats["chambers"].items()
        )
        self.stdout.write(
            f"  boards in both sectors: {stats['boards_in_both_sectors']:,}; chambers: {chambers}"
        )
        self._report_members(result.members)
        for line in governance.report_lines(result.governance):
            self.stdout.write(line)
        # before billing, whose lines run up to the demo accounts
        for line in procurement.report_lines(result.procurement):
            self.stdout.write(line)
        for line in billing.report_lines(result.billing):
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for each: {services.DEMO_PASSWORD}):")
        rows = [("user name", "role", "board")]
        for login in services.demo_logins():
            board = "-"
            if login.board is not None:
                chamber = login.board.get_chamber_display() or "-"
                board = f"{login.board} ({chamber})"
            if login.note:
                board = f"{board}: {login.note}" if login.board else login.note  # a supplier
            rows.append((login.username, str(login.role.label), board))
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        for username, role, board in rows:
            self.stdout.write(f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {board}")
        self.stdout.write("")
        self._report_counts(members.membership_counts())
        self.stdout.write("")
        self.stdout.write(f"Open {services.DEMO_URL} and sign in.")

    def _report_members(self, result: members.MembersResult | None) -> None:
        if result is None:
            return
        if result.state is members.MembersState.CREATED:
            self.stdout.write(
                "Members: made through the membership services, dated relative to "
                f"{result.today.isoformat()}; {result.mails:,} e-mail(s) they sent were kept "
                "back (in-memory backend)."
            )
        else:
            self.stdout.write(
                "Members: the database holds membership data already; nothing changed "
                "(`bundel demo --reset` makes the demo members again)."
            )

    def _report_counts(self, counts: members.MembershipCounts) -> None:
        def listed(figures: dict[str, int]) -> str:
            return ", ".join(f"{n:,} {status.replace('_', ' ')}" for status, n in figures.items())

        self.stdout.write(f"Members: {listed(counts.members)}")
        self.stdout.write(
            f"  applications: {listed(counts.applications)}; "
            f"declarations of interest: {counts.interest:,}"
        )
        self.stdout.write(f"  exit settlements: {listed(counts.settlements)}")
        self.stdout.write(
            f"  service agreements: {counts.agreements:,}; commitments: {counts.commitments:,}"
        )

    def _note(self, message: str) -> None:
        if not self.quiet:
            self.stderr.write(message, style_func=lambda text: text)

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        self.progress_shown = True
        percent = 100 * done // total if total else 100
        self.stderr.write(f"\r{stage[:70]:<70} {percent:3d}%", style_func=lambda t: t, ending="")
        self.stderr.flush()
