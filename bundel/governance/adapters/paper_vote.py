"""A vote taken on paper, as CSV (`seat,chamber,vote,cast_by`), read into CastVotes. Pure."""

from __future__ import annotations

import csv
import io

from bundel.governance.domain import CastVote, GovernancePolicy, Vote
from bundel.registry.domain import Chamber

HEADER = ["seat", "chamber", "vote", "cast_by"]


class VoteFileError(Exception):
    """The file cannot be tallied: the line and the reason."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def read_votes(text: str, policy: GovernancePolicy) -> list[CastVote]:
    """One row per seat whose vote is cast: `cast_by` is empty when the seat's own representative
    votes, or names the other seat whose representative casts it by proxy (GOV-6)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header != HEADER:
        raise VoteFileError(1, f"the header must be {','.join(HEADER)}")
    votes: list[CastVote] = []
    lines: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise VoteFileError(line, f"expected {len(HEADER)} fields, found {len(row)}")
        seat, chamber, choice, cast_by = (cell.strip() for cell in row)
        if not seat:
            raise VoteFileError(line, "no seat")
        if seat in lines:
            raise VoteFileError(line, f"seat {seat} is listed twice (also on line {lines[seat]})")
        try:
            chamber_value = Chamber(chamber.upper())
        except ValueError:
            raise VoteFileError(line, f"unknown chamber {chamber!r}") from None
        try:
            vote_value = Vote(choice.lower())
        except ValueError:
            raise VoteFileError(
                line, f"unknown vote {choice!r} (for, against or abstain)"
            ) from None
        lines[seat] = line
        votes.append(CastVote(seat, chamber_value, vote_value, cast_by or None))
    held: dict[str, int] = {}
    for cast in votes:
        if cast.cast_by is None or cast.cast_by == cast.seat:
            continue
        if cast.cast_by not in lines:
            raise VoteFileError(
                lines[cast.seat], f"proxy to seat {cast.cast_by}, which is not in the file"
            )
        held[cast.cast_by] = held.get(cast.cast_by, 0) + 1
        if held[cast.cast_by] > policy.max_proxies_per_holder:
            raise VoteFileError(
                lines[cast.seat],
                f"seat {cast.cast_by} holds more than {policy.max_proxies_per_holder} proxies",
            )
    return votes
