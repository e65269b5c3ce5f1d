import json
import sys
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bundel.registry import services


class Command(BaseCommand):
    help = (
        "Import DUO open-data files into the national register (REG-2, REG-3). Each file's kind "
        "is recognised from its header row. All files are imported as one unit: if one is "
        "refused, nothing is written."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--count-date",
            type=date.fromisoformat,
            help="count date (YYYY-MM-DD) of VO count files whose name carries no year",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        files = []
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            files.append(services.ImportFile(name=path.name, data=path.read_bytes()))
        progress = None if options["quiet"] or options["json"] else self._progress
        try:
            report = services.register_import(
                files=files, count_date=options["count_date"], progress=progress
            )
        except services.ImportFailed as failure:
            raise CommandError(f"{failure}. Nothing was imported.") from None
        finally:
            if progress:
                sys.stderr.write("\n")
        if options["json"]:
            self.stdout.write(json.dumps(_report_json(report), indent=2))
            return
        for file in report.files:
            dates = ", ".join(d.isoformat() for d in file.count_dates) or "-"
            self.stdout.write(
                f"{file.file_name}: {file.kind}, count dates {dates}, "
                f"{file.rows_read} rows read, {file.rows_imported} imported"
            )
            for name, value in {**file.created, **file.quirks}.items():
                self.stdout.write(f"  {name}: {value}")
        self.stdout.write(
            f"Boards classified: {report.classified}; chamber changes: {report.chamber_changes}"
        )

    def _progress(self, stage: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        sys.stderr.write(f"\r{stage[:60]:<60} {percent:3d}%")
        sys.stderr.flush()


def _report_json(report: services.ImportReport) -> dict[str, Any]:
    return {
        "batch": str(report.batch),
        "files": [
            {
                "file": f.file_name,
                "kind": f.kind,
                "count_dates": [d.isoformat() for d in f.count_dates],
                "rows_read": f.rows_read,
                "rows_imported": f.rows_imported,
                "created": f.created,
                "quirks": f.quirks,
            }
            for f in report.files
        ],
        "classified": report.classified,
        "chamber_changes": report.chamber_changes,
    }
