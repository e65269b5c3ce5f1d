"""TEN-5: the scoring sheet as CSV (Dutch Excel) and PDF, made from the stored data at any time:
the hand-computed scores, the same when made again, sealed before the deadline."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

from bundel.procurement import documents
from bundel.procurement.models import Lot
from bundel.shared.errors import RuleViolation
from tests.factories import procurement as f

pytestmark = pytest.mark.django_db
LATER = datetime(2028, 3, 1, 10, tzinfo=UTC)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads the ö and ë
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def lot(make_user) -> Lot:  # noqa: ANN001
    tender = f.awarded(f.product("wifi"), make_user)
    return Lot.objects.get(tender=tender)


@pytest.mark.rule("TEN-5")
def test_the_csv_shows_the_hand_computed_scores_for_dutch_excel(lot) -> None:  # noqa: ANN001
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        data = documents.scoring_sheet_csv(lot)
    rows = rows_of(data)
    assert rows[0] == [
        "Rang", "Inschrijver", "Prijs per eenheid (EUR)", "Prijsscore",
        "Kwaliteit van de dienst (score)", "Totaal", "Voorstel gunning",
    ]  # fmt: skip
    # Netwerk BV 30.00 with 8 points: 25/30 × 60 = 50.00 + 8/10 × 40 = 32.00 → 82.00
    # Wifi Groep 25.00 with 5 points: 60.00 + 20.00 → 80.00
    assert rows[1:] == [
        ["1", "Netwerk BV", "30,00", "50,00", "32,00", "82,00", "ja"],
        ["2", "Wifi Groep", "25,00", "60,00", "20,00", "80,00", ""],
    ]
    assert b"\r\n" in data
    assert documents.filename(lot, "csv") == f"beoordeling-{lot.tender.reference}-perceel-1.csv"


@pytest.mark.rule("TEN-5")
def test_the_pdf_is_dutch_and_shows_the_same_scores(lot) -> None:  # noqa: ANN001
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        text = text_of(documents.scoring_sheet_pdf(lot))
    assert "Beoordeling van de inschrijvingen" in text
    assert f"{lot.tender.reference} Aanbesteding Wifi met intern vast netwerk" in text
    assert "perceel 1: Heel Nederland" in text
    assert "Prijs 60%" in text.replace("\n", " ")
    lines = text.splitlines()
    netwerk = next(line for line in lines if "Netwerk BV" in line)
    wifi = next(line for line in lines if "Wifi Groep" in line)
    for expected in ("€ 30,00", "50,00", "32,00", "82,00", "voorgesteld, gegund"):
        assert expected in netwerk
    for expected in ("€ 25,00", "60,00", "20,00", "80,00"):
        assert expected in wifi
    assert "gegund" not in wifi
    assert "Gegund op 16 december 2026" in text


@pytest.mark.rule("TEN-5")
def test_the_sheet_is_the_same_when_made_again_later(lot) -> None:  # noqa: ANN001
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        csv_then = documents.scoring_sheet_csv(lot)
        pdf_then = documents.scoring_sheet_pdf(lot)
    with time_machine.travel(LATER, tick=False):
        assert documents.scoring_sheet_csv(Lot.objects.get(pk=lot.pk)) == csv_then
        assert documents.scoring_sheet_pdf(Lot.objects.get(pk=lot.pk)) == pdf_then


@pytest.mark.rule("TEN-5")
def test_there_is_no_sheet_before_the_deadline(make_user) -> None:  # noqa: ANN001
    tender, _bids = f.published_with_bids(f.product("wifi"), make_user)
    lot = Lot.objects.get(tender=tender)
    with time_machine.travel(datetime(2026, 12, 10, tzinfo=UTC), tick=False):
        with pytest.raises(RuleViolation, match="procurement.bids_sealed"):
            documents.scoring_sheet_csv(lot)
        with pytest.raises(RuleViolation, match="procurement.bids_sealed"):
            documents.scoring_sheet_pdf(lot)
