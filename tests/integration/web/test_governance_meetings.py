"""Council meeting pages (GOV-5, GOV-6, GOV-10): the secretary runs a meeting with its agenda,
attendance, proxies, motions, a show of hands and the minutes; seat holders vote and give
proxies in the member area; every member reads the published decisions."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.governance import services
from bundel.governance.domain import Vote
from bundel.governance.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Motion,
    MotionVote,
    Proxy,
)
from bundel.registry.models import Board
from tests.factories.governance import member_board, seat, seated

pytestmark = pytest.mark.django_db

HELD_ON = date(2026, 12, 10)
CHAMBERS = ("PO_GROOT", "VO_GROOT", "COMBINATIE", "KLEIN")


def text_of(response: Any) -> str:
    """The page's text without tags, entities resolved and white space collapsed."""
    assert response.status_code == 200, response.status_code
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


@pytest.fixture
def secretary(make_user: Callable[..., Any]) -> User:
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")  # type: ignore[no-any-return]


@pytest.fixture
def council(secretary: User, make_user: Callable[..., Any]) -> dict[str, User]:
    """Two seats per chamber, each held by a member board with a representative."""
    reps = {}
    for chamber in CHAMBERS:
        for number in (1, 2):
            term = seated(chamber, number, secretary)
            reps[f"{chamber}-{number}"] = make_user(
                Role.MEMBER_REPRESENTATIVE, board=term.board, username=f"{chamber}-{number}".lower()
            )
    return reps


@pytest.fixture
def meeting(secretary: User) -> Meeting:
    return services.meeting_create(
        title="Ledenraad december", held_on=HELD_ON, place="Utrecht", by=secretary
    )


@pytest.fixture
def secretary_client(secretary: User, client_for: Callable[[object], Client]) -> Client:
    return client_for(secretary)


def open_motion(meeting: Meeting, by: User, title: str = "Begroting 2027 vaststellen") -> Motion:
    motion = services.motion_add(meeting=meeting, title=title, text="De raad stemt in.", by=by)
    return services.motion_open(motion=motion, by=by)


def code_seat(code: str) -> Any:
    chamber, _, number = code.partition("-")
    return seat(chamber, int(number))


def cast(motion: Motion, council: dict[str, User], votes: dict[str, Vote]) -> None:
    for code, vote in votes.items():
        services.motion_vote(motion=motion, seat=code_seat(code), vote=vote, by=council[code])


def url(name: str, *args: object) -> str:
    return reverse(name, args=args)


# --- Access ---------------------------------------------------------------------------------


def staff_pages(meeting: Meeting, motion: Motion) -> list[str]:
    return [
        url("web:meetings:meeting-list"),
        url("web:meetings:meeting-detail", meeting.pk),
        url("web:meetings:motion-detail", motion.pk),
    ]


def member_pages(meeting: Meeting) -> list[str]:
    return [
        url("web:member_council:meetings"),
        url("web:member_council:meeting", meeting.pk),
        url("web:member_council:decisions"),
    ]


@pytest.mark.rule("ACC-1")
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client: Client, meeting: Meeting, secretary: User
) -> None:
    motion = open_motion(meeting, secretary)
    for path in [*staff_pages(meeting, motion), *member_pages(meeting)]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == f"{reverse('web:login')}?next={path}"
    response = client.post(url("web:meetings:meeting-create"), {"title": "X"})
    assert response.status_code == 302
    assert Meeting.objects.count() == 1


@pytest.mark.rule("ACC-1")
def test_a_representative_gets_403_on_every_staff_page_and_action(
    meeting: Meeting, secretary: User, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    motion = open_motion(meeting, secretary)
    client = client_for(council["PO_GROOT-1"])
    for path in staff_pages(meeting, motion):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Geen toegang" in response.content.decode()
    response = client.post(
        url("web:meetings:motion-show-of-hands", motion.pk),
        {f"seat_{seat('PO_GROOT', 1).pk}": "for"},
    )
    assert response.status_code == 403
    assert client.post(url("web:meetings:motion-close", motion.pk)).status_code == 403
    assert not MotionVote.objects.exists()
    assert Motion.objects.get().status == Motion.Status.OPEN


@pytest.mark.rule("ACC-1")
def test_finance_reads_the_meeting_pages_but_cannot_act(
    meeting: Meeting,
    secretary: User,
    council: dict[str, User],
    make_user: Callable[..., Any],
    client_for: Callable[..., Client],
) -> None:
    motion = open_motion(meeting, secretary)
    client = client_for(make_user(Role.FINANCE, username="financien"))
    for path in staff_pages(meeting, motion):
        page = text_of(client.get(path))
        assert "Ledenraadvergaderingen" in page
    assert "Vergadering plannen" not in text_of(client.get(url("web:meetings:meeting-list")))
    assert "Stemming sluiten en tellen" not in text_of(
        client.get(url("web:meetings:motion-detail", motion.pk))
    )
    posts = {
        url("web:meetings:meeting-create"): {"title": "X", "held_on": "2026-12-11"},
        url("web:meetings:agenda-item-add", meeting.pk): {"title": "Opening"},
        url("web:meetings:motion-close", motion.pk): {},
        url("web:meetings:minutes-save", meeting.pk): {"minutes": "Notulen"},
        url("web:meetings:proxy-grant", meeting.pk): {
            "grantor": seat("KLEIN", 1).pk,
            "holder": seat("KLEIN", 2).pk,
        },
    }
    for path, data in posts.items():
        assert client.post(path, data).status_code == 403, path
    assert Meeting.objects.count() == 1
    assert not AgendaItem.objects.exists()
    assert not Proxy.objects.exists()
    assert Motion.objects.get().status == Motion.Status.OPEN


@pytest.mark.rule("ACC-1")
def test_staff_without_a_representative_role_get_403_in_the_member_council(
    meeting: Meeting, secretary_client: Client
) -> None:
    for path in member_pages(meeting):
        assert secretary_client.get(path).status_code == 403, path


# --- The secretary's pages ------------------------------------------------------------------


@pytest.mark.rule("GOV-10")
def test_the_secretary_plans_a_meeting_from_the_dutch_list(secretary_client: Client) -> None:
    page = text_of(secretary_client.get(url("web:meetings:meeting-list")))
    assert "Ledenraadvergaderingen" in page
    assert "Er zijn nog geen vergaderingen gepland." in page
    response = secretary_client.post(
        url("web:meetings:meeting-create"),
        {"title": "Ledenraad maart", "held_on": "2027-03-11", "place": "Amersfoort"},
        follow=True,
    )
    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.held_on, meeting.place) == (
        "Ledenraad maart",
        date(2027, 3, 11),
        "Amersfoort",
    )
    page = text_of(response)
    assert "De vergadering Ledenraad maart is aangemaakt." in page
    assert "donderdag 11 maart 2027 · Amersfoort" in page
    listing = text_of(secretary_client.get(url("web:meetings:meeting-list")))
    assert "Ledenraad maart 11 maart 2027 Amersfoort 0 Open" in listing


def test_a_meeting_without_a_title_or_with_a_bad_date_is_refused(secretary_client: Client) -> None:
    response = secretary_client.post(
        url("web:meetings:meeting-create"), {"title": "", "held_on": "31-02-2027"}
    )
    page = text_of(response)
    assert "Verbeter de fouten hieronder." in page
    assert "Dit veld is vereist." in page
    assert "Voer een geldige datum in." in page
    assert not Meeting.objects.exists()


@pytest.mark.rule("GOV-10")
def test_the_secretary_adds_agenda_items_and_a_closed_meeting_refuses_them(
    secretary_client: Client, meeting: Meeting, secretary: User
) -> None:
    response = secretary_client.post(
        url("web:meetings:agenda-item-add", meeting.pk),
        {"title": "Begroting 2027", "description": "Met toelichting"},
        follow=True,
    )
    page = text_of(response)
    assert "Agendapunt 1. Begroting 2027 is toegevoegd." in page
    assert "Begroting 2027 Met toelichting" in page
    Meeting.objects.filter(pk=meeting.pk).update(closed_at=meeting.created_at)
    page = text_of(
        secretary_client.post(url("web:meetings:agenda-item-add", meeting.pk), {"title": "Later"})
    )
    assert "De vergadering is gesloten." in page
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Begroting 2027"]


@pytest.mark.rule("GOV-10")
def test_the_secretary_records_attendance_per_seat_held_and_a_vacant_seat_is_refused(
    secretary_client: Client, meeting: Meeting, council: dict[str, User]
) -> None:
    page = text_of(secretary_client.get(url("web:meetings:meeting-detail", meeting.pk)))
    assert "Aanwezigheid" in page
    assert "Klein 2" in page
    assert "niet vastgelegd" in page
    klein = seat("KLEIN", 2)
    response = secretary_client.post(
        url("web:meetings:attendance-record", meeting.pk), {"seat": klein.pk}, follow=True
    )
    present = Attendance.objects.get()
    assert present.seat == klein
    assert present.attended_by.startswith("Vertegenwoordiger")
    assert f"Klein 2 is aanwezig, vertegenwoordigd door {present.attended_by}." in text_of(response)
    page = text_of(
        secretary_client.post(
            url("web:meetings:attendance-record", meeting.pk),
            {"seat": seat("KLEIN", 5).pk, "attended_by": "Iemand"},
        )
    )
    assert "De zetel is op de dag van de vergadering vacant." in page
    assert Attendance.objects.count() == 1


@pytest.mark.rule("GOV-6")
def test_the_secretary_records_proxies_a_third_for_one_holder_is_refused_and_one_is_revoked(
    secretary_client: Client, meeting: Meeting, council: dict[str, User]
) -> None:
    holder = seat("VO_GROOT", 1)
    for grantor in (seat("KLEIN", 1), seat("KLEIN", 2)):
        response = secretary_client.post(
            url("web:meetings:proxy-grant", meeting.pk),
            {"grantor": grantor.pk, "holder": holder.pk},
            follow=True,
        )
        assert f"{grantor} heeft volmacht gegeven aan VO Groot 1." in text_of(response)
    page = text_of(
        secretary_client.post(
            url("web:meetings:proxy-grant", meeting.pk),
            {"grantor": seat("PO_GROOT", 1).pk, "holder": holder.pk},
        )
    )
    assert "VO Groot 1 zou meer dan 2 volmachten hebben." in page
    assert Proxy.objects.count() == 2
    proxy = Proxy.objects.get(grantor=seat("KLEIN", 1))
    response = secretary_client.post(
        url("web:meetings:proxy-revoke", meeting.pk, proxy.pk), follow=True
    )
    assert "Klein 1 heeft de volmacht ingetrokken." in text_of(response)
    assert list(Proxy.objects.values_list("grantor__number", flat=True)) == [2]


@pytest.mark.rule("GOV-10")
def test_the_secretary_adds_a_motion_opens_it_and_cannot_open_it_twice(
    secretary_client: Client, meeting: Meeting, secretary: User
) -> None:
    item = services.agenda_item_add(meeting=meeting, title="Begroting", by=secretary)
    response = secretary_client.post(
        url("web:meetings:motion-add", meeting.pk),
        {"title": "Begroting vaststellen", "text": "De raad stelt vast.", "agenda_item": item.pk},
        follow=True,
    )
    motion = Motion.objects.get()
    assert motion.agenda_item == item
    page = text_of(response)
    assert "Voorstel 1. Begroting vaststellen is toegevoegd." in page
    assert "De stemming is nog niet geopend." in page
    response = secretary_client.post(url("web:meetings:motion-open", motion.pk), follow=True)
    assert "Het voorstel is in stemming: de zetelhouders kunnen stemmen." in text_of(response)
    response = secretary_client.post(url("web:meetings:motion-open", motion.pk), follow=True)
    assert "Het voorstel is al in stemming gebracht." in text_of(response)
    assert Motion.objects.get().status == Motion.Status.OPEN


def test_a_motion_without_text_is_refused(secretary_client: Client, meeting: Meeting) -> None:
    page = text_of(
        secretary_client.post(url("web:meetings:motion-add", meeting.pk), {"title": "Leeg"})
    )
    assert "Verbeter de fouten hieronder." in page
    assert not Motion.objects.exists()


@pytest.mark.rule("GOV-5")
def test_the_secretary_records_a_show_of_hands_with_the_proxy_holder(
    secretary_client: Client, meeting: Meeting, secretary: User, council: dict[str, User]
) -> None:
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=seat("KLEIN", 1))
    motion = open_motion(meeting, secretary)
    response = secretary_client.post(
        url("web:meetings:motion-show-of-hands", motion.pk),
        {f"seat_{seat('KLEIN', 2).pk}": "abstain", f"seat_{seat('PO_GROOT', 1).pk}": "for"},
        follow=True,
    )
    page = text_of(response)
    assert "De handopsteking is vastgelegd: PO Groot 1 voor, Klein 2 onthouding." in page
    assert "Klein 2" in page
    assert "bij handopsteking, door de gevolmachtigde Klein 1" in page
    assert "2 van 8 zetels hebben gestemd." in page
    votes = {v.seat.code: v for v in MotionVote.objects.select_related("seat", "cast_by")}
    assert set(votes) == {"KLEIN-2", "PO_GROOT-1"}
    assert all(v.show_of_hands and v.recorded_by == secretary for v in votes.values())
    assert votes["KLEIN-2"].cast_by == seat("KLEIN", 1)


@pytest.mark.rule("GOV-5")
def test_a_show_of_hands_with_one_seat_already_voted_writes_none(
    secretary_client: Client, meeting: Meeting, secretary: User, council: dict[str, User]
) -> None:
    motion = open_motion(meeting, secretary)
    cast(motion, council, {"KLEIN-1": Vote.FOR})
    page = text_of(
        secretary_client.post(
            url("web:meetings:motion-show-of-hands", motion.pk),
            {f"seat_{seat('PO_GROOT', 1).pk}": "for", f"seat_{seat('KLEIN', 1).pk}": "against"},
        )
    )
    assert "Zetel Klein 1 heeft al over dit voorstel gestemd." in page
    assert list(MotionVote.objects.values_list("seat__chamber", "vote")) == [("KLEIN", "for")]
    empty = text_of(secretary_client.post(url("web:meetings:motion-show-of-hands", motion.pk)))
    assert "Kies een stem voor ten minste één zetel." in empty
    assert MotionVote.objects.count() == 1


def test_a_show_of_hands_on_a_motion_not_yet_open_is_refused(
    secretary_client: Client, meeting: Meeting, secretary: User, council: dict[str, User]
) -> None:
    motion = services.motion_add(meeting=meeting, title="Concept", text="-", by=secretary)
    page = text_of(
        secretary_client.post(
            url("web:meetings:motion-show-of-hands", motion.pk),
            {f"seat_{seat('PO_GROOT', 1).pk}": "for"},
        )
    )
    assert "Er wordt alleen gestemd over een voorstel dat in stemming is." in page
    assert not MotionVote.objects.exists()


@pytest.mark.rule("GOV-5")
def test_the_tally_page_shows_both_tests_the_chambers_and_why_the_motion_failed(
    secretary_client: Client, meeting: Meeting, secretary: User, council: dict[str, User]
) -> None:
    motion = open_motion(meeting, secretary)
    # 5 for and 2 against is more than half, but only PO Groot and VO Groot are in favour.
    cast(motion, council, {
        "PO_GROOT-1": Vote.FOR, "PO_GROOT-2": Vote.FOR, "VO_GROOT-1": Vote.FOR,
        "VO_GROOT-2": Vote.FOR, "COMBINATIE-1": Vote.FOR, "COMBINATIE-2": Vote.AGAINST,
        "KLEIN-1": Vote.ABSTAIN, "KLEIN-2": Vote.AGAINST,
    })  # fmt: skip
    running = text_of(secretary_client.get(url("web:meetings:motion-detail", motion.pk)))
    assert "Telling tot nu toe" in running
    assert "De stemming loopt: dit is de telling tot nu toe." in running
    response = secretary_client.post(url("web:meetings:motion-close", motion.pk), follow=True)
    page = text_of(response)
    assert "De stemming is gesloten: het voorstel is verworpen." in page
    assert "Meerderheid van de uitgebrachte stemmen 5 van 7 uitgebrachte stemmen vóór" in page
    assert "meer dan de helft: ja" in page
    assert "Kamers vóór 2 van 4 kamers vóór, 3 nodig – voldoende: nee" in page
    assert "Onthoudingen 1 – vastgelegd, maar niet geteld als uitgebrachte stemmen" in page
    assert (
        "Verworpen: meer dan de helft van de uitgebrachte stemmen is vóór (5 van 7), maar het "
        "aantal kamers vóór is slechts 2 van 4, terwijl er 3 nodig zijn."
    ) in page
    assert "Stemmen per kamer Kamer Voor Tegen Onthouding Meerderheid vóór" in page
    for row in (
        "PO Groot 2 0 0 ja",
        "VO Groot 2 0 0 ja",
        "Combinatie 1 1 0 nee",
        "Klein 0 1 1 nee",
        "Totaal 5 2 1 2 vóór, 3 nodig",
    ):
        assert row in page, row
    assert '<caption class="utrecht-table__caption">Stemmen per kamer</caption>' in (
        response.content.decode()
    )
    assert "PO Groot 1 Stichting" in page
    assert "door de eigen vertegenwoordiger" in page


@pytest.mark.rule("GOV-5")
def test_the_tally_page_says_why_a_motion_passed_or_lacked_a_majority(
    secretary_client: Client,
    meeting: Meeting,
    secretary: User,
    council: dict[str, User],
    make_user: Callable[..., Any],
) -> None:
    passed = open_motion(meeting, secretary, "Unaniem")
    cast(passed, council, dict.fromkeys(council, Vote.FOR))
    services.motion_close(motion=passed, by=secretary)
    page = text_of(secretary_client.get(url("web:meetings:motion-detail", passed.pk)))
    assert (
        "Aangenomen: meer dan de helft van de uitgebrachte stemmen is vóór (8 van 8), "
        "en het aantal kamers vóór is 4 van 4, ten minste de 3 die nodig zijn."
    ) in page
    for number in (3, 4):
        term = seated("VO_GROOT", number, secretary)
        council[f"VO_GROOT-{number}"] = make_user(Role.MEMBER_REPRESENTATIVE, board=term.board)
    failed = open_motion(meeting, secretary, "Krap")
    # A majority in 3 chambers, but the 4 votes against in VO Groot outweigh the 3 in favour.
    cast(failed, council, {
        "PO_GROOT-1": Vote.FOR, "KLEIN-1": Vote.FOR, "COMBINATIE-1": Vote.FOR,
        "VO_GROOT-1": Vote.AGAINST, "VO_GROOT-2": Vote.AGAINST, "VO_GROOT-3": Vote.AGAINST,
        "VO_GROOT-4": Vote.AGAINST, "PO_GROOT-2": Vote.ABSTAIN,
    })  # fmt: skip
    services.motion_close(motion=failed, by=secretary)
    page = text_of(secretary_client.get(url("web:meetings:motion-detail", failed.pk)))
    assert "meer dan de helft: nee" in page
    assert "3 van 4 kamers vóór, 3 nodig – voldoende: ja" in page
    assert (
        "Verworpen: niet meer dan de helft van de uitgebrachte stemmen is vóór (3 van 7), hoewel "
        "het aantal kamers vóór 3 van 4 is, met 3 nodig."
    ) in page


@pytest.mark.rule("GOV-10")
def test_publishing_needs_minutes_then_publishes_them_with_the_decisions(
    secretary_client: Client, meeting: Meeting, secretary: User, council: dict[str, User]
) -> None:
    motion = open_motion(meeting, secretary)
    cast(motion, council, {"PO_GROOT-1": Vote.FOR})
    services.motion_close(motion=motion, by=secretary)
    response = secretary_client.post(url("web:meetings:minutes-publish", meeting.pk), follow=True)
    assert "Schrijf de notulen voordat u ze publiceert." in text_of(response)
    assert Meeting.objects.get().minutes_published_at is None
    assert Motion.objects.get().published_at is None
    response = secretary_client.post(
        url("web:meetings:minutes-save", meeting.pk),
        {"minutes": "De begroting is besproken."},
        follow=True,
    )
    assert "De notulen zijn opgeslagen." in text_of(response)
    response = secretary_client.post(url("web:meetings:minutes-publish", meeting.pk), follow=True)
    page = text_of(response)
    assert "De notulen en de besluiten zijn voor de leden gepubliceerd." in page
    assert "De begroting is besproken." in page
    assert "Notulen gepubliceerd" in page
    assert Motion.objects.get().published_at is not None


# --- The member area ------------------------------------------------------------------------


@pytest.mark.rule("GOV-10")
def test_a_representative_sees_the_coming_meetings_with_its_seat(
    meeting: Meeting, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    page = text_of(client_for(council["KLEIN-2"]).get(url("web:member_council:meetings")))
    assert "Ledenraad" in page
    assert "Ledenraad december 10 december 2026 Utrecht Klein 2" in page


@pytest.mark.rule("GOV-6")
def test_a_seat_holder_votes_for_its_own_seat_and_for_the_seat_whose_proxy_it_holds(
    meeting: Meeting, secretary: User, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=seat("PO_GROOT", 1))
    motion = open_motion(meeting, secretary)
    client = client_for(council["PO_GROOT-1"])
    page = text_of(client.get(url("web:member_council:meeting", meeting.pk)))
    assert "Op de dag van deze vergadering heeft uw bestuur zetel PO Groot 1." in page
    assert "U stemt ook voor de zetels waarvan u een volmacht hebt: Klein 2." in page
    assert "Stem van PO Groot 1 (uw zetel) Voor Tegen Onthouding" in page
    assert "Stem van Klein 2 (bij volmacht) Voor Tegen Onthouding" in page
    vote_url = url("web:member_council:vote", meeting.pk)
    response = client.post(
        vote_url, {"motion": motion.pk, "seat": seat("PO_GROOT", 1).pk, "vote": "for"}, follow=True
    )
    assert "De stem van PO Groot 1 op voorstel 1 is vastgelegd: voor." in text_of(response)
    response = client.post(
        vote_url, {"motion": motion.pk, "seat": seat("KLEIN", 2).pk, "vote": "against"}, follow=True
    )
    page = text_of(response)
    assert "De stem van Klein 2 op voorstel 1 is vastgelegd: tegen." in page
    assert "Uw zetel PO Groot 1 heeft gestemd: voor." in page
    assert "Zetel Klein 2 (bij volmacht) heeft gestemd: tegen." in page
    own, proxied = MotionVote.objects.order_by("seat__chamber")
    assert (proxied.seat, proxied.cast_by, proxied.chamber) == (
        seat("PO_GROOT", 1),
        None,
        "PO_GROOT",
    )
    assert (own.seat, own.cast_by, own.chamber) == (seat("KLEIN", 2), seat("PO_GROOT", 1), "KLEIN")
    again = client.post(
        vote_url, {"motion": motion.pk, "seat": seat("KLEIN", 2).pk, "vote": "for"}, follow=True
    )
    assert "Zetel Klein 2 heeft al over dit voorstel gestemd." in text_of(again)
    assert MotionVote.objects.count() == 2


@pytest.mark.rule("GOV-6")
def test_a_representative_cannot_vote_for_a_seat_whose_proxy_it_does_not_hold(
    meeting: Meeting, secretary: User, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    motion = open_motion(meeting, secretary)
    response = client_for(council["PO_GROOT-1"]).post(
        url("web:member_council:vote", meeting.pk),
        {"motion": motion.pk, "seat": seat("VO_GROOT", 1).pk, "vote": "for"},
        follow=True,
    )
    assert "U hebt voor deze vergadering geen volmacht van zetel VO Groot 1." in text_of(response)
    assert not MotionVote.objects.exists()


@pytest.mark.rule("GOV-6")
def test_a_seat_that_gave_its_proxy_does_not_vote_itself(
    meeting: Meeting, secretary: User, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 2), holder=seat("KLEIN", 1))
    motion = open_motion(meeting, secretary)
    client = client_for(council["KLEIN-2"])
    page = text_of(client.get(url("web:member_council:meeting", meeting.pk)))
    assert "Uw zetel heeft volmacht gegeven: Klein 1 stemt ervoor." in page
    assert "(uw zetel) Voor" not in page
    response = client.post(
        url("web:member_council:vote", meeting.pk),
        {"motion": motion.pk, "seat": seat("KLEIN", 2).pk, "vote": "for"},
        follow=True,
    )
    assert "Uw zetel heeft voor deze vergadering een volmacht gegeven" in text_of(response)
    assert not MotionVote.objects.exists()


@pytest.mark.rule("ACC-2")
def test_a_representative_cannot_act_for_another_board(
    meeting: Meeting, secretary: User, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    services.proxy_grant(meeting=meeting, grantor=seat("VO_GROOT", 2), holder=seat("VO_GROOT", 1))
    client = client_for(council["PO_GROOT-1"])
    # A proxy always goes from the representative's own seat, whatever the request names.
    client.post(
        url("web:member_council:proxy-give", meeting.pk),
        {"grantor": seat("COMBINATIE", 1).pk, "holder": seat("KLEIN", 1).pk},
    )
    assert Proxy.objects.get(holder=seat("KLEIN", 1)).grantor == seat("PO_GROOT", 1)
    # Another board's proxy cannot be taken back: the page speaks of the own seat only.
    services.proxy_revoke(proxy=Proxy.objects.get(grantor=seat("PO_GROOT", 1)))
    response = client.post(url("web:member_council:proxy-take-back", meeting.pk), follow=True)
    assert "Uw zetel heeft voor deze vergadering geen volmacht gegeven." in text_of(response)
    assert Proxy.objects.filter(grantor=seat("VO_GROOT", 2)).exists()


@pytest.mark.rule("GOV-6")
def test_a_seat_holder_gives_its_proxy_and_a_holder_at_its_limit_is_refused_with_the_reason(
    meeting: Meeting, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    holder = seat("VO_GROOT", 1)
    client = client_for(council["KLEIN-1"])
    page = text_of(client.get(url("web:member_council:meeting", meeting.pk)))
    assert "Onze stem gaat naar" in page
    assert "VO Groot 1 – Stichting" in page
    assert "Klein 1 – " not in page  # not to its own seat
    response = client.post(
        url("web:member_council:proxy-give", meeting.pk), {"holder": holder.pk}, follow=True
    )
    page = text_of(response)
    assert "De volmacht van uw zetel is voor deze vergadering naar VO Groot 1 gegaan." in page
    assert "Uw zetel heeft voor deze vergadering volmacht gegeven aan VO Groot 1" in page
    client_for(council["KLEIN-2"]).post(
        url("web:member_council:proxy-give", meeting.pk), {"holder": holder.pk}
    )
    assert Proxy.objects.filter(holder=holder).count() == 2
    page = text_of(
        client_for(council["PO_GROOT-1"]).post(
            url("web:member_council:proxy-give", meeting.pk), {"holder": holder.pk}
        )
    )
    assert "VO Groot 1 zou meer dan 2 volmachten hebben." in page
    assert not Proxy.objects.filter(grantor=seat("PO_GROOT", 1)).exists()


@pytest.mark.rule("GOV-6")
def test_a_proxy_to_a_seat_nobody_holds_is_refused_and_a_proxy_is_taken_back(
    meeting: Meeting, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    client = client_for(council["KLEIN-1"])
    page = text_of(
        client.post(
            url("web:member_council:proxy-give", meeting.pk), {"holder": seat("KLEIN", 6).pk}
        )
    )
    assert "Een volmacht kan alleen naar de vertegenwoordiger van een andere zetel" in page
    assert not Proxy.objects.exists()
    client.post(url("web:member_council:proxy-give", meeting.pk), {"holder": seat("KLEIN", 2).pk})
    response = client.post(url("web:member_council:proxy-take-back", meeting.pk), follow=True)
    assert "U hebt de volmacht van uw zetel ingetrokken." in text_of(response)
    assert not Proxy.objects.exists()


def test_a_vote_that_is_not_for_against_or_abstain_is_refused(
    meeting: Meeting, secretary: User, council: dict[str, User], client_for: Callable[..., Client]
) -> None:
    motion = open_motion(meeting, secretary)
    response = client_for(council["KLEIN-1"]).post(
        url("web:member_council:vote", meeting.pk),
        {"motion": motion.pk, "seat": seat("KLEIN", 1).pk, "vote": "maybe"},
        follow=True,
    )
    assert "Kies voor, tegen of onthouding bij een voorstel van deze vergadering." in text_of(
        response
    )
    assert not MotionVote.objects.exists()


@pytest.mark.rule("GOV-10")
def test_a_representative_without_a_seat_sees_the_meeting_read_only(
    meeting: Meeting,
    secretary: User,
    council: dict[str, User],
    make_user: Callable[..., Any],
    client_for: Callable[..., Client],
) -> None:
    motion = open_motion(meeting, secretary)
    board: Board = member_board("KLEIN", secretary)
    client = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=board))
    page = text_of(client.get(url("web:member_council:meeting", meeting.pk)))
    assert "Uw bestuur heeft op de dag van deze vergadering geen zetel in de ledenraad." in page
    assert "Voorstel 1: Begroting 2027 vaststellen" in page
    assert "Stem van" not in page
    assert "Onze stem gaat naar" not in page
    response = client.post(
        url("web:member_council:vote", meeting.pk),
        {"motion": motion.pk, "seat": seat("KLEIN", 1).pk, "vote": "for"},
        follow=True,
    )
    assert "Uw bestuur heeft geen zetel in de ledenraad." in text_of(response)
    response = client.post(
        url("web:member_council:proxy-give", meeting.pk),
        {"holder": seat("KLEIN", 1).pk},
        follow=True,
    )
    assert "Uw bestuur heeft geen zetel in de ledenraad." in text_of(response)
    assert not MotionVote.objects.exists()
    assert not Proxy.objects.exists()


@pytest.mark.rule("GOV-10")
def test_decisions_are_visible_to_every_member_only_once_published(
    meeting: Meeting,
    secretary: User,
    council: dict[str, User],
    make_user: Callable[..., Any],
    client_for: Callable[..., Client],
) -> None:
    motion = open_motion(meeting, secretary)
    cast(motion, council, dict.fromkeys(council, Vote.FOR))
    services.motion_close(motion=motion, by=secretary)
    without_seat = client_for(
        make_user(Role.MEMBER_REPRESENTATIVE, board=member_board("KLEIN", secretary))
    )
    page = text_of(without_seat.get(url("web:member_council:decisions")))
    assert "Besluiten van de ledenraad" in page
    assert "Er zijn nog geen besluiten gepubliceerd." in page
    assert "Begroting 2027 vaststellen" not in page
    holder_page = text_of(
        client_for(council["KLEIN-1"]).get(url("web:member_council:meeting", meeting.pk))
    )
    assert "besloten; het besluit wordt met de notulen gepubliceerd" in holder_page
    services.minutes_save(meeting=meeting, minutes="De begroting is vastgesteld.", by=secretary)
    services.minutes_publish(meeting=meeting, by=secretary)
    page = text_of(without_seat.get(url("web:member_council:decisions")))
    assert (
        "Voorstel 1: Begroting 2027 vaststellen Aangenomen Ledenraad december · 10 december 2026"
        in page
    )
    assert "Aangenomen: meer dan de helft van de uitgebrachte stemmen is vóór (8 van 8)" in page
    assert "Klein 2 0 0 ja" in page
    assert "Ledenraad december – 10 december 2026 De begroting is vastgesteld." in page
    assert "Er zijn nog geen besluiten gepubliceerd." not in page
    meetings = text_of(without_seat.get(url("web:member_council:meetings")))
    assert "Er zijn geen vergaderingen van de ledenraad gepland." in meetings
