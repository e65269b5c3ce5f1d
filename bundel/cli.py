"""The `bundel` command: Django's management commands, with Bundel's own listed first.

Hyphenated names are accepted for Bundel's commands (`bundel import-duo` runs `import_duo`).
"""

import os
import sys

BUNDEL_COMMANDS = {
    "import-duo": "Import DUO open-data files into the national register",
    "register": "National register figures: `register stats`, `register show BOARD`",
    "demo": "Load the demo world (synthetic register, or real DUO files with --duo DIR)",
    "roles": "Create the staff and member roles (groups and permissions)",
    "membership": "Membership upkeep: `membership end-due` ends memberships past their last day",
    "governance": "Governance: `governance tally --votes FILE.csv`, `governance end-terms`",
    "billing": "Billing: `billing run --period YYYY[-MM] [--dry-run]`, list, pdf, ubl, sepa",
    "tenders": "Tenders: `tenders list`, `tenders ocds TENDER` (OCDS 1.1.5 release package)",
    "fees": "Membership fees: `fees quote BOARD --year YYYY` (FEE-1)",
}


def _print_help() -> None:
    print("Usage: bundel COMMAND [options]\n")
    print("Bundel commands:")
    for name, summary in BUNDEL_COMMANDS.items():
        print(f"  {name:<12} {summary}")
    print("\nEvery Django management command passes through as well (bundel migrate, bundel")
    print("runserver, bundel db_worker, ...): `bundel help --all` lists them all,")
    print("`bundel COMMAND --help` explains one.")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        _print_help()
        return
    if argv[1] == "help" and argv[2:] == ["--all"]:
        argv = [argv[0], "help"]
    elif argv[1] in BUNDEL_COMMANDS:
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
