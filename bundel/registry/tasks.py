"""Background jobs of the register: the DUO import started from the web UI (REG-2, REG-3).

The upload is saved under imports/<upload>/ in the default storage; the task imports it with
`services.register_import` and keeps its progress, then its outcome, in the cache under the
upload's key, where the import page polls it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django_tasks import task

from bundel.registry import services

PROGRESS_TIMEOUT = 24 * 60 * 60  # the report stays readable for a day; ImportRun keeps the rest


class ImportState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


def upload_dir(upload: str) -> str:
    return f"imports/{upload}"


def _progress_key(batch_dir: str) -> str:
    return f"registry:import:{batch_dir}"


def _set_progress(batch_dir: str, **values: Any) -> None:
    cache.set(_progress_key(batch_dir), values, PROGRESS_TIMEOUT)


def import_progress(*, upload: str) -> dict[str, Any] | None:
    """{state, stage, done, total} while it runs; then the batch and totals, or the error."""
    progress: dict[str, Any] | None = cache.get(_progress_key(upload_dir(upload)))
    return progress


def import_start(
    *, files: Sequence[File[Any]], count_date: date | None, user_id: int | None
) -> str:
    """Save the uploaded files and queue their import. Returns the upload's id."""
    upload = str(uuid.uuid4())
    batch_dir = upload_dir(upload)
    names = []
    for file in files:
        stored = default_storage.save(
            f"{batch_dir}/{PurePosixPath(file.name or 'file').name}", file
        )
        names.append(PurePosixPath(stored).name)
    _set_progress(batch_dir, state=ImportState.QUEUED, stage="", done=0, total=0)
    import_duo_files.enqueue(
        batch_dir=batch_dir,
        file_names=names,
        count_date=count_date.isoformat() if count_date else None,
        user_id=user_id,
    )
    return upload


@task()
def import_duo_files(
    batch_dir: str, file_names: list[str], count_date: str | None, user_id: int | None
) -> dict[str, Any]:
    """Import one upload as one unit (REG-3): every file is written, or none is."""

    def progress(stage: str, done: int, total: int) -> None:
        _set_progress(batch_dir, state=ImportState.RUNNING, stage=stage, done=done, total=total)

    progress("start", 0, 0)
    try:
        files = [
            services.ImportFile(name=name, data=_read(f"{batch_dir}/{name}")) for name in file_names
        ]
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        report = services.register_import(
            files=files,
            imported_by=user,
            count_date=date.fromisoformat(count_date) if count_date else None,
            progress=progress,
        )
    except services.ImportFailed as failure:
        outcome = {
            "state": ImportState.FAILED,
            "file_name": failure.error.file_name,
            "line": failure.error.line,
            "reason": failure.error.reason,
            "code": failure.error.code,
            "params": {key: str(value) for key, value in failure.error.params.items()},
            "run_id": failure.run_id,
        }
        _set_progress(batch_dir, **outcome)
        return outcome
    except Exception:
        _set_progress(batch_dir, state=ImportState.FAILED, file_name="", line=None, reason="")
        raise
    finally:
        for name in file_names:
            default_storage.delete(f"{batch_dir}/{name}")
    outcome = {
        "state": ImportState.SUCCEEDED,
        "batch": str(report.batch),
        "classified": report.classified,
        "chamber_changes": report.chamber_changes,
    }
    _set_progress(batch_dir, **outcome)
    return outcome


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data
