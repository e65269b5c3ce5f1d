"""`bundel governance tally --votes FILE.csv --json`: a vote on paper, tallied by GOV-5/GOV-6."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

HEADER = "seat,chamber,vote,cast_by\n"


def tally(tmp_path: Path, rows: str) -> dict:
    path = tmp_path / "stemming.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    out = StringIO()
    call_command("governance", "tally", "--votes", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def seats(chamber: str, prefix: str, votes: list[str]) -> str:
    return "".join(f"{prefix}{i},{chamber},{vote},\n" for i, vote in enumerate(votes, start=1))


@pytest.mark.rule("GOV-5")
def test_a_vote_on_paper_is_tallied_with_both_tests_and_the_reason(tmp_path: Path) -> None:
    rows = (
        seats("PO_GROOT", "po", ["for"] * 7 + ["against"] * 3)
        + seats("VO_GROOT", "vo", ["for"] * 6 + ["against"] * 3 + ["abstain"])
        + seats("COMBINATIE", "co", ["against"] * 5 + ["for"] * 3)
        + seats("KLEIN", "kl", ["for"] * 4 + ["against"] * 2)
    )
    result = tally(tmp_path, rows)
    assert result["passed"] is True
    assert (result["votes_for"], result["votes_against"], result["abstentions"]) == (20, 13, 1)
    assert result["chambers_in_favour"] == 3
    assert result["chambers"]["COMBINATIE"] == {
        "for": 3,
        "against": 5,
        "abstain": 0,
        "in_favour": False,
    }
    assert result["reason"] == (
        "passed: 20 of 33 votes cast in favour: more than half; 3 of 4 chambers in favour, 3 needed"
    )


@pytest.mark.rule("GOV-6")
def test_a_proxy_counts_in_the_chamber_of_the_seat_that_gave_it(tmp_path: Path) -> None:
    rows = "po1,PO_GROOT,for,\nkl1,KLEIN,for,po1\nkl2,KLEIN,against,\n"
    result = tally(tmp_path, rows)
    assert result["chambers"]["KLEIN"] == {"for": 1, "against": 1, "abstain": 0, "in_favour": False}
    assert result["passed"] is False


@pytest.mark.rule("GOV-6")
@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("po1,PO_GROOT,for,\npo2,GROOT,for,\n", "line 3: unknown chamber 'GROOT'"),
        ("po1,PO_GROOT,maybe,\n", "line 2: unknown vote 'maybe'"),
        ("po1,PO_GROOT,for,\npo1,PO_GROOT,against,\n", "line 3: seat po1 is listed twice"),
        ("po1,PO_GROOT,for,vo9\n", "line 2: proxy to seat vo9, which is not in the file"),
        (
            "po1,PO_GROOT,for,\nvo1,VO_GROOT,for,po1\nvo2,VO_GROOT,for,po1\nvo3,VO_GROOT,for,po1\n",
            "line 5: seat po1 holds more than 2 proxies",
        ),
        ("po1,PO_GROOT,for\n", "line 2: expected 4 fields, found 3"),
    ],
)
def test_an_invalid_file_is_refused_with_the_line_and_the_reason(
    tmp_path: Path, rows: str, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        tally(tmp_path, rows)


def test_a_file_without_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stemming.csv"
    path.write_text("zetel,kamer\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: the header must be seat,chamber,vote,cast_by"):
        call_command("governance", "tally", "--votes", str(path))


def test_the_command_exits_non_zero_on_a_refused_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "stemming.csv"
    path.write_text(HEADER + "po1,NOPE,for,\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bundel.cli", "governance", "tally", "--votes", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode != 0
    assert "unknown chamber 'NOPE'" in result.stderr
