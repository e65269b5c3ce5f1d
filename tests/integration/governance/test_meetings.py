"""GOV-5, GOV-6, GOV-10 through the services: motions, votes, proxies, tallies, minutes."""

from datetime import date

import pytest

from bundel.accounts.roles import Role
from bundel.governance import selectors, services
from bundel.governance.domain import Vote
from bundel.governance.models import MotionVote, Proxy
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.governance import seat, seated

pytestmark = pytest.mark.django_db

HELD_ON = date(2026, 3, 12)


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")


@pytest.fixture
def council(staff, make_user):  # noqa: ANN001, ANN201
    """Two seats per chamber, each with a representative who can log in."""
    reps = {}
    for chamber in ("PO_GROOT", "VO_GROOT", "COMBINATIE", "KLEIN"):
        for number in (1, 2):
            term = seated(chamber, number, staff)
            reps[f"{chamber}-{number}"] = make_user(Role.MEMBER_REPRESENTATIVE, board=term.board)
    return reps


@pytest.fixture
def meeting(staff):  # noqa: ANN001, ANN201
    meeting = services.meeting_create(title="Ledenraad maart", held_on=HELD_ON, by=staff)
    services.agenda_item_add(meeting=meeting, title="Opening", by=staff)
    services.agenda_item_add(meeting=meeting, title="Begroting 2027", by=staff)
    return meeting


def open_motion(meeting, staff, title="Begroting 2027 vaststellen"):  # noqa: ANN001, ANN201
    motion = services.motion_add(meeting=meeting, title=title, text="De raad stemt in.", by=staff)
    return services.motion_open(motion=motion, by=staff)


@pytest.mark.rule("GOV-10")
def test_a_meeting_has_an_agenda_attendance_motions_votes_and_published_minutes(
    meeting, staff, council
) -> None:  # noqa: ANN001
    assert [str(i) for i in meeting.agenda.all()] == ["1. Opening", "2. Begroting 2027"]
    services.attendance_record(meeting=meeting, seat=seat("KLEIN", 1), attended_by="", by=staff)
    assert meeting.attendance.get().attended_by.startswith("Vertegenwoordiger")
    with pytest.raises(RuleViolation, match="governance.seat_vacant"):
        services.attendance_record(meeting=meeting, seat=seat("KLEIN", 5), attended_by="X")
    motion = open_motion(meeting, staff)
    for code, rep in council.items():
        services.motion_vote(motion=motion, seat=seat(*_split(code)), vote=Vote.FOR, by=rep)
    services.motion_close(motion=motion, by=staff)
    assert not selectors.decisions_published().exists()
    with pytest.raises(RuleViolation, match="governance.minutes_empty"):
        services.minutes_publish(meeting=meeting, by=staff)
    services.minutes_save(meeting=meeting, minutes="De begroting is vastgesteld.", by=staff)
    services.minutes_publish(meeting=meeting, by=staff)
    assert list(selectors.decisions_published()) == [motion]
    with pytest.raises(RuleViolation, match="governance.meeting_closed"):
        services.motion_add(meeting=meeting, title="Nog een", text="-", by=staff)


def _split(code: str) -> tuple[str, int]:
    chamber, _, number = code.partition("-")
    return chamber, int(number)


@pytest.mark.rule("GOV-5")
def test_the_tally_shows_both_tests_and_fails_a_majority_in_too_few_chambers(
    meeting, staff, council
) -> None:  # noqa: ANN001
    motion = open_motion(meeting, staff)
    # PO Groot and VO Groot in favour (4 for), Combinatie and Klein split 1-1 (not a majority):
    # 6 for, 2 against is more than half, but only 2 chambers are in favour.
    votes = {"PO_GROOT-1": Vote.FOR, "PO_GROOT-2": Vote.FOR, "VO_GROOT-1": Vote.FOR,
             "VO_GROOT-2": Vote.FOR, "COMBINATIE-1": Vote.FOR, "COMBINATIE-2": Vote.AGAINST,
             "KLEIN-1": Vote.FOR, "KLEIN-2": Vote.AGAINST}  # fmt: skip
    for code, vote in votes.items():
        services.motion_vote(motion=motion, seat=seat(*_split(code)), vote=vote, by=council[code])
    closed = services.motion_close(motion=motion, by=staff)
    assert closed.passed is False
    assert closed.outcome["majority_of_votes"] is True
    assert closed.outcome["chambers_in_favour"] == 2
    assert closed.outcome["chambers_needed"] == 3
    assert closed.outcome["chambers"]["KLEIN"] == {
        "for": 1,
        "against": 1,
        "abstain": 0,
        "in_favour": False,
    }
    assert selectors.motion_tally(motion=closed) == closed.outcome
    with pytest.raises(RuleViolation, match="governance.motion_not_open"):
        services.motion_vote(
            motion=closed, seat=seat("KLEIN", 1), vote=Vote.FOR, by=council["KLEIN-1"]
        )


@pytest.mark.rule("GOV-5")
def test_a_seat_votes_once_on_a_motion(meeting, staff, council) -> None:  # noqa: ANN001
    motion = open_motion(meeting, staff)
    services.motion_vote(motion=motion, seat=seat("KLEIN", 1), vote=Vote.FOR, by=council["KLEIN-1"])
    with pytest.raises(RuleViolation, match="governance.already_voted_on_motion"):
        services.motion_vote(
            motion=motion, seat=seat("KLEIN", 1), vote=Vote.AGAINST, by=council["KLEIN-1"]
        )
    with pytest.raises(RuleViolation, match="governance.no_proxy"):
        services.motion_vote(
            motion=motion, seat=seat("KLEIN", 2), vote=Vote.FOR, by=council["KLEIN-1"]
        )
    assert MotionVote.objects.count() == 1


@pytest.mark.rule("GOV-6")
def test_a_proxy_vote_counts_in_the_chamber_of_the_seat_that_gave_it(
    meeting, staff, council
) -> None:  # noqa: ANN001
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=seat("PO_GROOT", 1))
    motion = open_motion(meeting, staff)
    holder = council["PO_GROOT-1"]
    services.motion_vote(motion=motion, seat=seat("KLEIN", 2), vote=Vote.AGAINST, by=holder)
    with pytest.raises(RuleViolation, match="governance.vote_given_by_proxy"):
        services.motion_vote(
            motion=motion, seat=seat("KLEIN", 2), vote=Vote.FOR, by=council["KLEIN-2"]
        )
    vote = MotionVote.objects.get()
    assert (vote.chamber, vote.cast_by) == ("KLEIN", seat("PO_GROOT", 1))
    tally = selectors.motion_tally(motion=motion)
    assert tally["chambers"]["KLEIN"]["against"] == 1
    assert tally["chambers"]["PO_GROOT"]["against"] == 0


@pytest.mark.rule("GOV-6")
def test_at_most_two_proxies_per_holder_and_none_to_a_vacant_seat(meeting, staff, council) -> None:  # noqa: ANN001
    holder = seat("VO_GROOT", 1)
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 1), holder=holder)
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=holder)
    with pytest.raises(RuleViolation) as refused:
        services.proxy_grant(meeting=meeting, grantor=seat("PO_GROOT", 1), holder=holder)
    assert refused.value.code == "governance.too_many_proxies"
    assert refused.value.params["limit"] == 2
    with pytest.raises(RuleViolation, match="governance.proxy_to_non_holder"):
        services.proxy_grant(meeting=meeting, grantor=seat("PO_GROOT", 1), holder=seat("KLEIN", 6))
    with pytest.raises(RuleViolation, match="governance.proxy_to_non_holder"):
        services.proxy_grant(meeting=meeting, grantor=seat("PO_GROOT", 1), holder=None)
    with pytest.raises(RuleViolation, match="governance.proxy_holder_absent"):
        services.proxy_grant(meeting=meeting, grantor=seat("PO_GROOT", 1), holder=seat("KLEIN", 1))
    assert Proxy.objects.count() == 2
    assert AuditEvent.objects.filter(action="governance.proxy.granted").count() == 2


@pytest.mark.rule("GOV-5")
def test_a_show_of_hands_is_recorded_by_the_secretary_with_the_proxy_holder(
    meeting, staff, council
) -> None:  # noqa: ANN001
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=seat("KLEIN", 1))
    motion = open_motion(meeting, staff)
    services.motion_vote(
        motion=motion, seat=seat("KLEIN", 2), vote=Vote.ABSTAIN, by=staff, show_of_hands=True
    )
    vote = MotionVote.objects.get()
    assert vote.show_of_hands
    assert vote.cast_by == seat("KLEIN", 1)


@pytest.mark.rule("GOV-10")
def test_published_minutes_are_final_and_wait_for_open_motions(meeting, staff, council) -> None:  # noqa: ANN001
    motion = open_motion(meeting, staff)
    services.minutes_save(meeting=meeting, minutes="Concept.", by=staff)
    with pytest.raises(RuleViolation, match="governance.motions_still_open"):
        services.minutes_publish(meeting=meeting, by=staff)
    services.motion_close(motion=motion, by=staff)
    services.minutes_publish(meeting=meeting, by=staff)
    with pytest.raises(RuleViolation, match="governance.minutes_published"):
        services.minutes_save(meeting=meeting, minutes="Achteraf anders.", by=staff)
    meeting.refresh_from_db()
    assert meeting.minutes == "Concept."


@pytest.mark.rule("GOV-6")
def test_a_refusal_names_seats_as_people_read_them(meeting, staff, council) -> None:  # noqa: ANN001
    holder = seat("VO_GROOT", 1)
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 1), holder=holder)
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=holder)
    with pytest.raises(RuleViolation) as refused:
        services.proxy_grant(meeting=meeting, grantor=seat("PO_GROOT", 1), holder=holder)
    assert refused.value.params["holder"] == "VO Groot 1"
