"""REG-1 … REG-6: boards, schools, locations, student counts per count date, and import runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bundel.registry.domain import CHAMBER_LABELS, Chamber, Sector, SizeClass


class SectorChoices(models.TextChoices):
    PO = Sector.PO.value, "PO"
    VO = Sector.VO.value, "VO"


class ChamberChoices(models.TextChoices):
    PO_GROOT = Chamber.PO_GROOT.value, CHAMBER_LABELS[Chamber.PO_GROOT]
    VO_GROOT = Chamber.VO_GROOT.value, CHAMBER_LABELS[Chamber.VO_GROOT]
    COMBINATIE = Chamber.COMBINATIE.value, CHAMBER_LABELS[Chamber.COMBINATIE]
    KLEIN = Chamber.KLEIN.value, CHAMBER_LABELS[Chamber.KLEIN]


class SizeClassChoices(models.TextChoices):
    SMALL = SizeClass.SMALL.value, _("small")
    LARGE = SizeClass.LARGE.value, _("large")


class Board(models.Model):
    """A bevoegd gezag: a school board, identified by its 5-digit DUO number (REG-1)."""

    number = models.CharField(_("DUO number"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    short_name = models.CharField(_("DUO short name"), max_length=255, blank=True)
    # DUO's GROEPERING from the financial file (PO1-PO6, SBO, REC, SWV, ...): SWV marks a
    # samenwerkingsverband passend onderwijs (MEM-1).
    group = models.CharField(_("DUO grouping"), max_length=20, blank=True)
    marked_as_swv = models.BooleanField(_("marked as samenwerkingsverband by staff"), default=False)
    street = models.CharField(_("street"), max_length=255, blank=True)
    house_number = models.CharField(_("house number"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    denomination = models.CharField(_("denomination"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.CharField(_("website"), max_length=255, blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)

    # The current classification (REG-4 … REG-6), kept with the count dates it was computed from;
    # its history is in BoardClassification.
    po_students = models.PositiveIntegerField(_("PO students"), default=0)
    po_count_date = models.DateField(_("PO count date"), null=True, blank=True)
    vo_students = models.PositiveIntegerField(_("VO students"), default=0)
    vo_count_date = models.DateField(_("VO count date"), null=True, blank=True)
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClassChoices.choices, blank=True
    )
    chamber = models.CharField(
        _("chamber"), max_length=12, choices=ChamberChoices.choices, blank=True, db_index=True
    )
    chamber_reason = models.CharField(_("chamber reason"), max_length=300, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__regex=r"^[0-9]{5}$"), name="board_number_5_digits"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.name or self.short_name or str(_("Board %(number)s") % {"number": self.number})

    @property
    def total_students(self) -> int:
        return self.po_students + self.vo_students


class School(models.Model):
    """An instelling, identified by its BRIN code (REG-1). It belongs to the board named in its
    latest count row (REG-2); address files never move it."""

    brin = models.CharField(_("BRIN"), max_length=4, unique=True)
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="schools"
    )
    board_count_date = models.DateField(
        _("count date of the board assignment"), null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    street = models.CharField(_("street"), max_length=255, blank=True)
    house_number = models.CharField(_("house number"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    denomination = models.CharField(_("denomination"), max_length=100, blank=True)

    class Meta:
        ordering = ["brin"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(brin__regex=r"^[0-9]{2}[A-Z]{2}$"), name="school_brin_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.brin} {self.name}".strip()


class Location(models.Model):
    """A vestiging: BRIN + 2 digits (REG-1)."""

    code = models.CharField(_("location code"), max_length=6, unique=True)
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    street = models.CharField(_("street"), max_length=255, blank=True)
    house_number = models.CharField(_("house number"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    municipality_name = models.CharField(_("municipality"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=40, blank=True)
    last_count_date = models.DateField(_("latest count date"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}[A-Z]{2}[0-9]{2}$"),
                name="location_code_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class ImportRun(models.Model):
    """One DUO file imported (or refused): file, sha256, counts, quirks, who and when."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    kind = models.CharField(_("kind of file"), max_length=40, blank=True)
    count_dates = models.JSONField(_("count dates"), default=list, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    error = models.TextField(_("error"), blank=True)
    error_line = models.PositiveIntegerField(_("error line"), null=True, blank=True)
    error_code = models.CharField(_("error code"), max_length=40, blank=True)
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    batch = models.UUIDField(_("batch"), db_index=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        permissions = [("import_register", _("Can import DUO register files"))]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class StudentCount(models.Model):
    """Students at one location, of one school type (and cluster), at one count date, as one DUO
    dataset gives them, with the board that its own file names (REG-2)."""

    dataset = models.CharField(_("dataset"), max_length=20)
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.CASCADE, related_name="counts"
    )
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="counts"
    )
    count_date = models.DateField(_("count date"))
    sector = models.CharField(_("sector"), max_length=2, choices=SectorChoices.choices)
    school_type = models.CharField(_("school type"), max_length=10)
    cluster = models.CharField(_("cluster"), max_length=10, blank=True)
    # "<5" (DUO's privacy suppression) is kept as is_suppressed and counts as 0 in sums (REG-3).
    students = models.PositiveIntegerField(_("students"))
    is_suppressed = models.BooleanField(_("suppressed (<5)"), default=False)
    vavo_students = models.PositiveIntegerField(_("outsourced to VAVO"), null=True, blank=True)
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("student count")
        verbose_name_plural = _("student counts")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "location", "count_date", "school_type", "cluster"],
                name="student_count_unique_per_dataset",
            ),
            models.CheckConstraint(
                condition=~models.Q(is_suppressed=True) | models.Q(students=0),
                name="student_count_suppressed_is_zero",
            ),
        ]
        indexes = [
            models.Index(fields=["dataset", "count_date", "sector", "board"]),
            models.Index(fields=["board", "count_date"]),
        ]

    def __str__(self) -> str:
        shown = "<5" if self.is_suppressed else str(self.students)
        return f"{self.location_id} {self.school_type} {self.count_date}: {shown}"


class BoardClassification(models.Model):
    """REG-6: a board's chamber as computed from its figures at given count dates. A new row is
    kept whenever the figures or the outcome change; `previous_chamber` flags a change."""

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="classifications"
    )
    po_students = models.PositiveIntegerField(_("PO students"))
    po_count_date = models.DateField(_("PO count date"), null=True, blank=True)
    vo_students = models.PositiveIntegerField(_("VO students"))
    vo_count_date = models.DateField(_("VO count date"), null=True, blank=True)
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClassChoices.choices, blank=True
    )
    chamber = models.CharField(
        _("chamber"), max_length=12, choices=ChamberChoices.choices, blank=True
    )
    previous_chamber = models.CharField(
        _("previous chamber"), max_length=12, choices=ChamberChoices.choices, blank=True
    )
    is_chamber_change = models.BooleanField(_("chamber changed"), default=False)
    reason = models.CharField(_("reason"), max_length=300)
    computed_at = models.DateTimeField(_("computed at"))
    import_batch = models.UUIDField(_("import batch"), null=True, blank=True)

    class Meta:
        ordering = ["-computed_at", "-id"]
        verbose_name = _("board classification")
        verbose_name_plural = _("board classifications")

    def __str__(self) -> str:
        return (
            f"{self.board_id}: {self.chamber or '-'} ({self.po_count_date}, {self.vo_count_date})"
        )
