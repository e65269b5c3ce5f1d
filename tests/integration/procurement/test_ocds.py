"""TEN-7: each tender's published stages as an OCDS 1.1.5 release package that validates against
the core schema (libcoveocds, offline, with the standard from ../shared) with zero errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from bundel.accounts.roles import Role
from bundel.procurement import domain, publication, services
from bundel.procurement.models import Tender
from bundel.registry.models import Board
from tests.factories import procurement as f
from tests.factories.billing import seller_ready

pytestmark = pytest.mark.django_db

STANDARD_ZIP = (
    Path(__file__).resolve().parents[4] / "shared" / "data" / "ocds" / "standard-1__1__5.zip"
)
TODAY = datetime(2026, 11, 24, 10, tzinfo=UTC)
BEFORE_DEADLINE = datetime(2026, 12, 10, 9, tzinfo=UTC)
CONTRACTED = datetime(2027, 1, 15, 10, tzinfo=UTC)
# Fields of the lots and bids extensions: outside the core schema, so reported as additional.
EXTENSION_FIELDS = {
    ("/releases/tender", "lots"),
    ("/releases/tender/items", "relatedLot"),
    ("/releases", "bids"),
    ("/releases/awards", "relatedLots"),
    ("/releases/awards", "relatedBids"),
    ("/releases/awards/items", "relatedLot"),
    ("/releases/contracts/items", "relatedLot"),
}


@pytest.fixture
def standard_zip() -> Path:
    """The OCDS 1.1.5 schema beside the checkout (../shared/data/ocds); skip where absent."""
    if not STANDARD_ZIP.is_file():
        pytest.skip(f"the OCDS standard is not at {STANDARD_ZIP}")
    return STANDARD_ZIP


def validate(package: dict[str, Any], standard_zip: Path, tmp_path: Path) -> dict[str, Any]:
    """libcoveocds's CLI against the core schema of the local zip: it downloads nothing. It runs
    in its own process: libcove imports ZODB, whose zope.interface declarations on the standard
    library's ABCs break xmlschema (the SEPA files' validation) for the rest of a process."""
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    command = [sys.executable, "-m", "libcoveocds", "--standard-zip", str(standard_zip), str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)  # exit 0 even on invalid data: read it
    return result


def assert_valid(package: dict[str, Any], standard_zip: Path, tmp_path: Path) -> None:
    result = validate(package, standard_zip, tmp_path)
    assert result["version_used"] == "1.1"
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_checks"] == {}  # no empty fields
    extra = {(row["path"], row["field"]) for row in result["additional_fields"]}
    assert extra <= EXTENSION_FIELDS


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.PROCUREMENT, username="inkoop")


def boards_with_intent(staff: object, count: int) -> list[Board]:
    wifi = f.product("wifi")
    with time_machine.travel(TODAY, tick=False):
        boards = [f.member_with_locations(staff) for _ in range(count)]
        for board in boards:
            f.intent(board, wifi)
    return boards


def published(make_user: object) -> tuple[Tender, list]:
    tender, bids = f.published_with_bids(f.product("wifi"), make_user)
    tender.refresh_from_db()
    return tender, bids


def roles(release: dict[str, Any]) -> dict[str, list[str]]:
    return {party["name"]: party["roles"] for party in release["parties"]}


@pytest.mark.rule("TEN-7")
def test_a_published_tender_is_a_valid_tender_release_without_bids(
    staff, make_user, standard_zip, tmp_path
) -> None:  # noqa: ANN001
    [board] = boards_with_intent(staff, 1)
    tender, _bids = published(make_user)
    package = publication.tender_release_package(tender, at=BEFORE_DEADLINE)
    assert_valid(package, standard_zip, tmp_path)
    assert (package["version"], package["publishedDate"]) == ("1.1", "2026-12-10T09:00:00Z")
    assert "extensions" not in package  # validators fetch them: offline that fails
    [release] = package["releases"]
    assert release["ocid"] == f"ocds-bundel-{tender.reference}"
    assert (release["tag"], release["initiationType"]) == (["tender"], "tender")
    assert release["date"] == "2026-12-01T09:00:00Z"  # published
    assert "bids" not in release  # TEN-5: sealed until the deadline
    assert "awards" not in release
    assert "contracts" not in release
    body = release["tender"]
    assert (body["id"], body["status"], body["procurementMethod"]) == (
        tender.reference, "active", "open",
    )  # fmt: skip
    assert body["mainProcurementCategory"] == "services"
    assert body["tenderPeriod"] == {
        "startDate": "2026-12-01T09:00:00Z", "endDate": "2026-12-15T12:00:00Z",
    }  # fmt: skip
    assert "numberOfTenderers" not in body
    # the lots extension's field names
    assert body["lots"] == [{"id": "1", "title": "Heel Nederland", "status": "active"}]
    assert body["items"][0]["relatedLot"] == "1"
    assert body["items"][0]["unit"] == {"name": "toegangspunt per jaar"}
    assert body["awardCriteria"] == "ratedCriteria"
    assert "Prijs 60%" in body["awardCriteriaDetails"]
    assert "Kwaliteit van de dienst 40%" in body["awardCriteriaDetails"]
    [document] = body["documents"]
    assert (document["title"], document["documentType"]) == (
        "Programma van eisen", "technicalSpecifications",
    )  # fmt: skip
    assert document["description"] == "Programma van eisen: dekking in alle lokalen."
    # the cooperative is the procuring entity; the board whose demand is bundled, the buyer
    assert body["procuringEntity"]["id"] == "cooperative"
    assert roles(release)[board.display_name] == ["buyer"]
    assert release["buyer"] == {"id": f"board-{board.number}", "name": board.display_name}
    assert [p["roles"] for p in release["parties"]] == [["procuringEntity"], ["buyer"]]


@pytest.mark.rule("TEN-7")
def test_bids_are_published_once_the_deadline_has_passed(
    staff, make_user, standard_zip, tmp_path
) -> None:  # noqa: ANN001
    tender, bids = published(make_user)
    before = publication.tender_release_package(tender, at=f.DEADLINE.replace(minute=0, hour=11))
    assert "bids" not in before["releases"][0]
    assert all("tenderer" not in p["roles"] for p in before["releases"][0]["parties"])
    package = publication.tender_release_package(tender, at=f.AFTER_DEADLINE)
    assert_valid(package, standard_zip, tmp_path)
    [release] = package["releases"]
    assert release["date"] == "2026-12-15T12:00:00Z"  # the deadline: the bids became public
    details = release["bids"]["details"]
    assert [(d["id"], d["status"], d["relatedLots"]) for d in details] == [
        (str(bids[0].pk), "pending", ["1"]), (str(bids[1].pk), "pending", ["1"]),
    ]  # fmt: skip
    assert details[0]["tenderers"] == [
        {"id": f"supplier-{bids[0].supplier_id}", "name": "Netwerk BV"}
    ]
    assert details[1]["items"][0]["unit"]["value"] == {"amount": 25, "currency": "EUR"}
    assert details[0]["date"] == "2026-12-01T09:00:00Z"
    assert release["bids"]["statistics"] == [
        {"id": "bids-1", "measure": "bids", "value": 2, "relatedLot": "1"}
    ]
    assert release["tender"]["numberOfTenderers"] == 2
    assert roles(release)["Wifi Groep"] == ["tenderer"]


@pytest.mark.rule("TEN-7")
def test_an_awarded_tender_publishes_bids_awards_and_the_participating_boards(
    staff, make_user, standard_zip, tmp_path
) -> None:  # noqa: ANN001
    first, second = boards_with_intent(staff, 2)
    tender = f.awarded(f.product("wifi"), make_user)
    package = publication.tender_release_package(tender, at=datetime(2026, 12, 20, tzinfo=UTC))
    assert_valid(package, standard_zip, tmp_path)
    [release] = package["releases"]
    assert release["tag"] == ["tender", "award"]
    assert release["tender"]["status"] == "complete"
    assert release["tender"]["lots"][0]["status"] == "complete"
    # the participating boards are buyers; with several there is no single lead buyer
    party_roles = roles(release)
    assert party_roles[first.display_name] == ["buyer"]
    assert party_roles[second.display_name] == ["buyer"]
    assert "buyer" not in release
    buyer = next(p for p in release["parties"] if p["name"] == first.display_name)
    assert buyer["id"] == f"board-{first.number}"
    assert buyer["identifier"]["id"] in (first.kvk_number, first.number)
    assert {"scheme": "NL-DUO-BG", "id": first.number} in [
        {k: i[k] for k in ("scheme", "id")}
        for i in [buyer["identifier"], *buyer.get("additionalIdentifiers", [])]
    ]
    assert party_roles["Netwerk BV"] == ["tenderer", "supplier"]
    assert party_roles["Wifi Groep"] == ["tenderer"]
    assert [d["status"] for d in release["bids"]["details"]] == ["valid", "valid"]
    [award] = release["awards"]
    winner = next(
        d for d in release["bids"]["details"] if d["tenderers"][0]["name"] == "Netwerk BV"
    )
    assert award["suppliers"] == [winner["tenderers"][0]]
    assert (award["status"], award["relatedLots"], award["relatedBids"]) == (
        "active", ["1"], [winner["id"]],
    )  # fmt: skip
    assert award["date"] == "2026-12-16T09:00:00Z"
    assert award["items"][0]["unit"]["value"] == {"amount": 30, "currency": "EUR"}
    assert release["tender"]["awardPeriod"] == {
        "startDate": "2026-12-15T12:00:00Z", "endDate": "2026-12-16T09:00:00Z",
    }  # fmt: skip
    assert "contracts" not in release


def test_the_validator_does_find_errors(make_user, standard_zip, tmp_path) -> None:  # noqa: ANN001
    """Its CLI exits 0 on invalid data too: the tests above read `validation_errors`."""
    tender, _bids = published(make_user)
    package = publication.tender_release_package(tender, at=BEFORE_DEADLINE)
    del package["releases"][0]["ocid"]
    package["releases"][0]["tender"]["status"] = "open"
    result = validate(package, standard_zip, tmp_path)
    assert result["validation_errors"] != []
    assert "releases/tender/status" in result["additional_closed_codelist_values"]


@pytest.mark.rule("TEN-7")
def test_a_contracted_tender_publishes_its_contracts(
    staff, make_user, standard_zip, tmp_path
) -> None:  # noqa: ANN001
    seller_ready()  # the cooperative's own data, as billing keeps it
    boards_with_intent(staff, 1)
    tender = f.awarded(f.product("wifi"), make_user)
    with time_machine.travel(CONTRACTED, tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.CONTRACTED)
    tender.refresh_from_db()
    package = publication.tender_release_package(tender, at=datetime(2027, 2, 1, tzinfo=UTC))
    assert_valid(package, standard_zip, tmp_path)
    [release] = package["releases"]
    assert release["tag"] == ["tender", "award", "contract"]
    assert release["date"] == "2027-01-15T10:00:00Z"
    assert release["id"] == f"{tender.reference}-20270115T100000Z"
    [contract] = release["contracts"]
    assert (contract["id"], contract["awardID"], contract["status"]) == (
        "contract-1", release["awards"][0]["id"], "active",
    )  # fmt: skip
    assert contract["period"] == {  # the contract term: 48 months
        "startDate": "2027-01-15T10:00:00Z", "endDate": "2031-01-15T10:00:00Z",
    }  # fmt: skip
    assert contract["dateSigned"] == "2027-01-15T10:00:00Z"
    assert "buyer" in release  # one participating board: the lead buyer
    assert package["publisher"] == {
        "name": "Coöperatie Bundel U.A.", "scheme": "NL-KVK", "uid": "12345678",
    }  # fmt: skip
    cooperative = release["parties"][0]
    assert (cooperative["id"], cooperative["roles"]) == ("cooperative", ["procuringEntity"])
    assert cooperative["identifier"] == {
        "scheme": "NL-KVK", "id": "12345678", "legalName": "Coöperatie Bundel U.A.",
    }  # fmt: skip
    assert cooperative["address"]["locality"] == "Utrecht"


@pytest.mark.rule("TEN-7")
def test_a_tender_not_yet_published_has_no_package() -> None:
    tender = f.tender_ready(f.product("wifi"))
    with pytest.raises(publication.NotPublished, match=tender.reference):
        publication.tender_release_package(tender)


@pytest.mark.rule("TEN-7")
def test_the_ocid_prefix_and_uri_are_settings(settings, make_user) -> None:  # noqa: ANN001
    settings.BUNDEL_POLICIES = {
        **settings.BUNDEL_POLICIES,
        "procurement": {"ocds_prefix": "ocds-abc123-", "ocds_base_uri": "https://data.example/"},
    }
    tender, _bids = published(make_user)
    package = publication.tender_release_package(tender, at=BEFORE_DEADLINE)
    assert package["releases"][0]["ocid"] == f"ocds-abc123-{tender.reference}"
    assert package["uri"] == f"https://data.example/{tender.reference}.json"
    assert Tender.objects.count() == 1
