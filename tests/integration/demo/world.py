"""The demo world as the demo tests build it: a small synthetic register, loaded once."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from bundel.demo import synthetic

SMALL = synthetic.WorldShape(po_boards=60, vo_boards=20, boards_in_both=4)


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--quiet", *args, stdout=out, stderr=StringIO())
    return out.getvalue()
