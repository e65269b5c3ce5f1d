"""`bundel demo`: a synthetic register with the real one's shape, imported through the real DUO
import; the demo accounts; the demo members in every state of membership; idempotency; and the
real DUO files with --duo."""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.mail import send_mail
from django.core.management import CommandError
from django.db.models import Count, Sum
from django.utils import timezone

from bundel.accounts.models import User
from bundel.accounts.roles import STAFF_ROLES, Role
from bundel.demo import members, synthetic
from bundel.demo.duo_files import duo_files_select
from bundel.demo.services import DEMO_PASSWORD, DEMO_PEOPLE, demo_world_load, demo_world_reset
from bundel.membership.models import (
    Application,
    Commitment,
    ExitSettlement,
    FeeSchedule,
    InterestDeclaration,
    Membership,
    RepresentativeInvitation,
    ServiceAgreement,
)
from bundel.registry import selectors
from bundel.registry.adapters import duo
from bundel.registry.domain import Chamber
from bundel.registry.models import Board, ImportRun, Location, School, StudentCount
from bundel.registry.services import ImportFile
from bundel.shared import clock
from bundel.shared.models import AuditEvent
from tests.conftest import PO_2016, VO_2017
from tests.integration.demo.world import SMALL, run_demo

MEMBERSHIP_MODELS = (
    Application,
    Membership,
    ExitSettlement,
    Commitment,
    ServiceAgreement,
    RepresentativeInvitation,
    InterestDeclaration,
    FeeSchedule,
)


def register_counts() -> dict[str, int]:
    return {
        "boards": Board.objects.count(),
        "schools": School.objects.count(),
        "locations": Location.objects.count(),
        "counts": StudentCount.objects.count(),
        "import_runs": ImportRun.objects.count(),
        "users": User.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        **{model._meta.label: model.objects.count() for model in MEMBERSHIP_MODELS},
    }


# -- the pure generator ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_files() -> None:
    first = synthetic.world_files(seed=7, shape=SMALL)
    assert first == synthetic.world_files(seed=7, shape=SMALL)
    assert first != synthetic.world_files(seed=8, shape=SMALL)
    assert synthetic.world_files() == synthetic.world_files(seed=synthetic.DEFAULT_SEED)


def test_the_files_are_duo_files_of_the_kinds_bundel_reads() -> None:
    files = synthetic.world_files(seed=7, shape=SMALL)
    kinds = {name: duo.parse_file(name, data).kind for name, data in files}
    assert kinds == {
        synthetic.PO_COUNTS_NAME: duo.FileKind.PO_COUNTS,
        synthetic.VO_COUNTS_NAME: duo.FileKind.VO_COUNTS,
        synthetic.VO_BOARDS_NAME: duo.FileKind.BOARD_ADDRESSES,
        synthetic.PO_BOARDS_NAME: duo.FileKind.BOARD_ADDRESSES,
        synthetic.PO_FINANCE_NAME: duo.FileKind.PO_FINANCE,
    }
    po = dict(files)[synthetic.PO_COUNTS_NAME]
    assert po.startswith(b"PEILDATUM;BRIN_NUMMER;VESTIGINGSNUMMER;")
    assert b"\r\n" not in po  # LF, like DUO's PO file; the VO file has CRLF
    assert dict(files)[synthetic.VO_COUNTS_NAME].endswith(b"\r\n")
    po.decode("cp1252")


def test_the_age_columns_add_up_to_the_total() -> None:
    po = dict(synthetic.world_files(seed=7, shape=SMALL))[synthetic.PO_COUNTS_NAME]
    header, *rows = csv.reader(io.StringIO(po.decode("cp1252")), delimiter=";")
    ages = [header.index(column) for column in synthetic.AGE_COLUMNS]
    total = header.index("TOTAAL")
    assert len(ages) == 23
    for row in rows:
        assert sum(int(row[i]) for i in ages) == int(row[total]) > 0, row


# -- the demo world -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_synthetic_register_has_the_shape_of_the_real_one(demo_world: str) -> None:
    stats = selectors.national_stats()
    po, vo = stats["sectors"]["PO"], stats["sectors"]["VO"]
    assert (po["count_date"], vo["count_date"]) == ("2016-10-01", "2017-10-01")
    assert 1000 <= po["boards"] <= 1100
    assert 320 <= vo["boards"] <= 360
    assert 40 <= stats["boards_in_both_sectors"] <= 60
    assert 1_350_000 <= po["students"] <= 1_700_000
    assert 850_000 <= vo["students"] <= 1_150_000
    chambers = stats["chambers"]
    assert 780 <= chambers["KLEIN"] <= 880
    assert 360 <= chambers["PO_GROOT"] <= 450
    assert 45 <= chambers["VO_GROOT"] <= 80
    assert 18 <= chambers["COMBINATIE"] <= 45

    by_type = dict(
        StudentCount.objects.values_list("school_type").annotate(n=Sum("students")).order_by()
    )
    po_total = sum(n for school_type, n in by_type.items() if school_type != "VO")
    assert 0.9 <= by_type["BAO"] / po_total <= 0.96
    for school_type in ("SBO", "SO", "VSO"):
        assert 0.01 <= by_type[school_type] / po_total <= 0.04, school_type

    schools_per_board = Board.objects.annotate(n=Count("schools")).values_list("n", flat=True)
    assert sum(1 for n in schools_per_board if n == 1) >= 350  # many single-school boards
    assert max(schools_per_board) >= 40  # and a long tail of large ones
    assert Location.objects.count() > School.objects.count()
    assert not Board.objects.filter(name="").exists()
    assert Location.objects.exclude(province="").count() == Location.objects.count()


@pytest.mark.django_db
def test_the_demo_people_sign_in_with_their_roles(demo_world: str) -> None:
    for person in DEMO_PEOPLE:
        user = User.objects.get(username=person.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.has_role(person.role)
        assert user.role_names() == {str(person.role)}
        if person.role in STAFF_ROLES:
            assert user.board is None
            assert user.is_staff_member
        else:
            assert user.board is not None
            assert user.board.chamber == person.chamber
            assert user.is_member_representative
        assert person.username in demo_world
    assert User.objects.get(username="beheer").has_role(Role.ADMINISTRATOR)
    assert "http://127.0.0.1:8000" in demo_world
    assert DEMO_PASSWORD in demo_world


@pytest.mark.django_db
def test_running_demo_again_changes_nothing(demo_world: str) -> None:
    before = register_counts()
    again = run_demo()
    assert register_counts() == before
    assert "loaded already" in again
    assert "membership data already; nothing changed" in again
    logins = demo_world.index("Demo accounts")
    assert again[again.index("Demo accounts") :] == demo_world[logins:]  # the same logins
    usernames = [p.username for p in DEMO_PEOPLE]
    assert User.objects.filter(username__in=usernames).count() == len(usernames)


@pytest.mark.django_db
def test_another_seed_leaves_a_loaded_register_alone(demo_world: str) -> None:
    before = register_counts()
    out = run_demo("--seed", "8")
    assert register_counts() == before
    assert "--reset" in out


@pytest.mark.django_db
def test_reset_is_refused_while_others_represent_a_board(demo_world: str, make_user) -> None:
    make_user(Role.MEMBER_REPRESENTATIVE, board=Board.objects.first(), username="iemand")
    before = register_counts()
    with pytest.raises(CommandError, match="represent a board"):
        run_demo("--reset")
    assert register_counts() == before


# -- the demo members ------------------------------------------------------------------------------


def assert_every_state(today: date) -> None:
    """Every state of membership's life is there, made by the services, with dates that agree
    with the demo's `today` (MEM-2, MEM-4, MEM-5, MEM-6)."""
    counts = members.membership_counts()
    assert all(counts.members.values()), counts.members  # active, under notice, ended
    assert counts.applications["pending"] >= 3, counts.applications
    assert counts.applications["rejected"] >= 2, counts.applications
    assert all(counts.settlements.values()), counts.settlements  # each of the four
    assert counts.interest >= 3
    assert counts.agreements
    assert counts.commitments

    for application in Application.objects.all():
        submitted = timezone.localdate(application.submitted_at)
        assert date(2018, 1, 1) < submitted <= today
        if application.status == Application.Status.PENDING:
            assert application.decided_at is None
        else:
            assert submitted < timezone.localdate(application.decided_at) < today
        if application.status == Application.Status.REJECTED:
            assert application.rejection_reason
        assert re.fullmatch(r"[0-9]{8}", application.kvk_number)
        assert application.contact_email.endswith(".example")
        assert application.buyer_reference
        assert application.invoice_address
    for membership in Membership.objects.select_related("application"):
        assert membership.application is not None
        decided = timezone.localdate(membership.application.decided_at)
        assert decided == membership.starts_on < today
        assert membership.invoice_email
        assert membership.kvk_number
    under_notice = Membership.objects.filter(status=Membership.Status.UNDER_NOTICE)
    assert {m.notice_by for m in under_notice} == {"member", "cooperative"}
    for membership in under_notice:
        assert membership.starts_on < membership.notice_on <= today <= membership.last_day
        assert membership.notice_reason or membership.notice_by == "member"
    for membership in Membership.objects.filter(status=Membership.Status.ENDED):
        assert membership.starts_on < membership.notice_on < membership.last_day < today
    for agreement in ServiceAgreement.objects.select_related("membership"):
        assert agreement.membership.starts_on <= agreement.starts_on < today
        assert agreement.ends_on == agreement.membership.last_day
    for settlement in ExitSettlement.objects.select_related("membership"):
        assert settlement.membership.status == Membership.Status.UNDER_NOTICE
        assert settlement.total == (
            settlement.unrecovered_investment
            + settlement.expected_fees
            - settlement.successor_absorbs
        )
        assert settlement.total > 0
        assert timezone.localdate(settlement.proposed_at) > settlement.membership.notice_on
    disputed = ExitSettlement.objects.filter(status__in=["disputed", "decided"])
    assert all(s.dispute_reason and s.responded_at for s in disputed)
    for decided in ExitSettlement.objects.filter(status=ExitSettlement.Status.DECIDED):
        assert decided.committee_opinion
        assert decided.final_amount is not None
        assert 0 < decided.final_amount <= decided.total


@pytest.mark.django_db
def test_the_demo_has_members_in_every_state_of_membership(demo_world: str) -> None:
    assert_every_state(clock.today())
    active = Membership.objects.filter(status=Membership.Status.ACTIVE)
    assert 150 <= active.count() <= 300
    chambers = set(active.values_list("board__chamber", flat=True))
    assert chambers == {chamber.value for chamber in Chamber}
    counts = members.membership_counts()
    assert f"Members: {counts.members['active']} active" in demo_world
    assert f"{counts.settlements['disputed']} disputed" in demo_world
    kept = re.search(r"([0-9,]+) e-mail\(s\) they sent were kept back", demo_world)
    assert kept is not None
    assert int(kept[1].replace(",", "")) >= counts.applications["approved"]


@pytest.mark.django_db
def test_the_demo_representatives_boards_are_active_members(demo_world: str) -> None:
    for person in DEMO_PEOPLE:
        if person.chamber is None:
            continue
        user = User.objects.get(username=person.username)
        membership = Membership.objects.get(board=user.board)
        assert membership.status == Membership.Status.ACTIVE
        assert 2019 <= membership.starts_on.year <= 2022
        invitation = membership.invitations.get(user=user)
        assert invitation.accepted_at is not None
        assert invitation.email == user.email == membership.application.contact_email


@pytest.mark.django_db
def test_a_representative_of_each_leaving_member_signs_in(demo_world: str) -> None:
    expected = {
        members.StoryAccount.PROPOSED: ExitSettlement.Status.PROPOSED,
        members.StoryAccount.ACCEPTED: ExitSettlement.Status.ACCEPTED,
        members.StoryAccount.DISPUTED: ExitSettlement.Status.DISPUTED,
        members.StoryAccount.DECIDED: ExitSettlement.Status.DECIDED,
    }
    for account, status in expected.items():
        user = User.objects.get(username=account.value)
        assert user.check_password(DEMO_PASSWORD)
        assert user.is_member_representative
        membership = Membership.objects.get(board=user.board)
        assert membership.status == Membership.Status.UNDER_NOTICE
        assert membership.settlement.status == status
        assert membership.invitations.get(user=user).accepted_at is not None
        assert re.search(rf"{account.value} .* {user.board.number} ", demo_world)


@pytest.mark.django_db
def test_reset_removes_the_members_before_the_register(demo_world: str) -> None:
    demo_world_reset()
    for model in MEMBERSHIP_MODELS:
        assert not model.objects.exists(), model
    assert not User.objects.filter(username__in=list(members.StoryAccount)).exists()
    assert not Board.objects.exists()


@pytest.mark.django_db
def test_a_small_register_has_members_in_every_state_too(demo_world: str) -> None:
    today = date(2027, 1, 4)  # just after New Year: a notice of 31 December has ended
    files = [ImportFile(name, data) for name, data in synthetic.world_files(seed=7, shape=SMALL)]

    result = demo_world_load(files=files, reset=True, seed=7, today=today)

    assert result.members is not None
    assert result.members.state is members.MembersState.CREATED
    assert Board.objects.count() < 100
    assert_every_state(today)
    assert Membership.objects.filter(last_day=date(2026, 12, 31), status="ended").exists()
    before = register_counts()
    again = demo_world_load(files=files, seed=7, today=date(2027, 2, 1))
    assert again.members is not None
    assert again.members.state is members.MembersState.PRESENT
    assert register_counts() == before


def test_the_mails_of_the_demo_are_kept_back(settings, capsys) -> None:  # noqa: ANN001
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with members.mail_kept_back() as kept:
        send_mail("Lidmaatschap", "Welkom", None, ["lid@bestuur.example"])
    assert kept.sent == 1
    assert "Lidmaatschap" not in capsys.readouterr().out


# -- the real DUO files ---------------------------------------------------------------------------


def test_the_real_files_of_the_2017_register_are_chosen(duo_dir: Path) -> None:
    selection = duo_files_select(duo_dir)
    chosen = [name for name, _ in selection.chosen]
    assert PO_2016 in chosen
    assert VO_2017 in chosen
    assert "03.-bevoegde-gezagen-vo.csv" in chosen
    assert "01.-po-(mab)-balans-2011-2015.csv" in chosen
    left_out = dict(selection.left_out)
    assert "03-leerlingen-vo-per-vestiging-en-bestuur-vavo-apart-2018.csv" in left_out
    assert "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv" in left_out
    assert len(duo_files_select(duo_dir, as_of=None).chosen) == len(list(duo_dir.glob("*.csv")))


@pytest.mark.django_db
def test_demo_with_the_real_duo_files_gives_the_national_figures(
    demo_world: str, duo_dir: Path, tmp_path: Path
) -> None:
    names = [PO_2016, VO_2017, "03.-bevoegde-gezagen-vo.csv", "01.-po-(mab)-balans-2011-2015.csv"]
    for name in names:
        shutil.copy(duo_dir / name, tmp_path / name)
    (tmp_path / "notes.csv").write_text("not;a;DUO;file\n")

    out = run_demo("--duo", str(tmp_path), "--reset")

    stats = selectors.national_stats()
    assert stats["sectors"]["PO"] == {
        "count_date": "2016-10-01",
        "boards": 1052,
        "students": 1528377,
    }
    assert stats["sectors"]["VO"] == {"count_date": "2017-10-01", "boards": 338, "students": 992074}
    assert stats["boards_in_both_sectors"] == 52
    assert ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).count() == len(names)
    assert len({run.batch for run in ImportRun.objects.all()}) == 1  # one register_import
    for person in DEMO_PEOPLE:
        assert person.username in out
    assert_every_state(clock.today())  # the members were made again, on the real register
    assert "loaded already" in run_demo("--duo", str(tmp_path))


def test_demo_does_not_run_with_production_settings(settings) -> None:
    settings.BUNDEL_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="production settings"):
        run_demo()


def test_a_missing_duo_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such directory"):
        run_demo("--duo", str(tmp_path / "absent"))
    with pytest.raises(CommandError, match="no \\*.csv there"):
        run_demo("--duo", str(tmp_path))
