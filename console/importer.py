"""CSV import of answers from online forms, paper and other platforms.

Two steps: the upload is saved (re-readable, encoding detected) and its
header offered for column mapping; then the rows are streamed, checked and
inserted in batches. Re-importing the same file adds nothing: each row gets a
stable provider message id from its identity.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel

from storage.input_policy import unsafe_reason
from storage.models import as_utc

MAX_ANSWER_CHARS = 5000
MAX_REPORTED_ERRORS = 500
# One import is one request: past this many rows it is split into several files
# (a million-row file held one request for minutes and queued a million jobs).
MAX_IMPORT_ROWS = 100_000
SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_UPLOAD_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
_LANGUAGES = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "saesneg": "en",
    "cy": "cy",
    "cym": "cy",
    "welsh": "cy",
    "cymraeg": "cy",
}
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
)
# Header words that suggest a column's role, for the first guess at the mapping.
_GUESSES = {
    "text": ("answer", "response", "comment", "text", "feedback", "matters", "ateb", "sylw"),
    "row_id": ("id", "ref", "reference", "respondent", "submission"),
    "received_at": ("date", "time", "submitted", "timestamp", "received", "dyddiad"),
    "language": ("language", "lang", "iaith"),
}


class ImportError_(ValueError):
    """An upload that cannot be imported at all (the message says how to fix it)."""


class UploadTooLarge(ImportError_):
    """The upload is over the size limit."""


@dataclass
class Upload:
    """A saved upload waiting for its column mapping."""

    upload_id: str
    path: Path
    filename: str
    encoding: str
    delimiter: str
    header: list[str]
    preview: list[list[str]]
    note: str = ""


class Mapping(BaseModel):
    """Which column holds what; only the answer text is required."""

    text: str
    row_id: str = ""
    received_at: str = ""
    language: str = ""


@dataclass
class ImportRow:
    line: int
    key: str
    text: str
    language: str
    received_at: datetime


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    bad_rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    answer_ids: list[int] = field(default_factory=list)
    # Why the import stopped before the end of the file ("" when it did not).
    stopped: str = ""

    def bad(self, line: int, reason: str) -> None:
        self.bad_rows += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append((line, reason))


def upload_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "whatmatters-imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


# An upload not imported within a day was abandoned: residents' words must not
# sit in a temp folder outside retention and erasure.
UPLOAD_MAX_AGE_SECONDS = 24 * 3600


def purge_abandoned_uploads(*, now: float | None = None) -> int:
    """Delete uploads (and their notes) older than a day; returns how many files went."""
    cutoff = (now if now is not None else time.time()) - UPLOAD_MAX_AGE_SECONDS
    removed = 0
    for path in upload_dir().iterdir():
        try:
            if path.suffix in (".csv", ".json") and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another process removed it first
    return removed


def save_upload(source: BinaryIO, *, consultation_id: int, filename: str, limit: int) -> Upload:
    """Copy the upload to disk in chunks, refusing it once it passes `limit` bytes."""
    purge_abandoned_uploads()
    upload_id = secrets.token_urlsafe(18)
    path = upload_dir() / f"{consultation_id}-{upload_id}.csv"
    size = 0
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    is_utf8 = True
    with path.open("wb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                out.close()
                path.unlink(missing_ok=True)
                raise UploadTooLarge(f"the file is larger than {limit // 2**20} MB")
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            out.write(chunk)
    if size == 0:
        path.unlink(missing_ok=True)
        raise ImportError_("the file is empty")
    encoding, note = "utf-8-sig", ""
    if not is_utf8:
        encoding = "cp1252"
        note = (
            "This file was not UTF-8, so it was read as Windows-1252 (Excel's usual CSV "
            "encoding). Check that accented letters such as ŵ and ŷ look right below."
        )
        try:
            with path.open("r", encoding=encoding, newline="") as text:
                while text.read(_CHUNK):
                    pass
        except UnicodeDecodeError:
            path.unlink(missing_ok=True)
            raise ImportError_(
                "the file's text encoding was not recognised: save it from your spreadsheet "
                "as 'CSV UTF-8' and upload it again"
            ) from None
    try:
        upload = _describe(path, upload_id, filename, encoding, note)
    except ImportError_:
        path.unlink(missing_ok=True)
        raise
    path.with_suffix(".json").write_text(
        json.dumps(
            {
                "filename": filename,
                "encoding": encoding,
                "delimiter": upload.delimiter,
                "note": note,
            }
        )
    )
    return upload


def _describe(path: Path, upload_id: str, filename: str, encoding: str, note: str) -> Upload:
    with path.open("r", encoding=encoding, newline="") as text:
        sample = text.read(SNIFF_BYTES)
    if "\x00" in sample:
        raise ImportError_("this looks like a binary file, not a CSV (is it an .xlsx?)")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    rows = csv.reader(io.StringIO(sample), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(rows)]
        preview = [row for _, row in zip(range(5), rows, strict=False)]
    except (StopIteration, csv.Error):
        raise ImportError_("the file has no header row") from None
    if not any(header):
        raise ImportError_("the first row should name the columns, but it is empty")
    if len(set(header)) != len(header):
        raise ImportError_("two columns have the same name; rename one and upload again")
    return Upload(upload_id, path, filename, encoding, delimiter, header, preview, note)


def load_upload(consultation_id: int, upload_id: str) -> Upload:
    if not _UPLOAD_ID.fullmatch(upload_id):
        raise ImportError_("unknown upload")
    path = upload_dir() / f"{consultation_id}-{upload_id}.csv"
    meta_path = path.with_suffix(".json")
    if not path.exists() or not meta_path.exists():
        raise ImportError_("this upload has expired; upload the file again")
    meta = json.loads(meta_path.read_text())
    return _describe(path, upload_id, meta["filename"], meta["encoding"], meta["note"])


def discard_upload(upload: Upload) -> None:
    upload.path.unlink(missing_ok=True)
    upload.path.with_suffix(".json").unlink(missing_ok=True)


def guess_mapping(header: list[str]) -> dict[str, str]:
    guesses: dict[str, str] = {}
    for target, words in _GUESSES.items():
        for column in header:
            lowered = column.lower()
            if column not in guesses.values() and any(word in lowered for word in words):
                guesses[target] = column
                break
    return guesses


def parse_when(value: str) -> datetime | None:
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        for pattern in _DATE_FORMATS:
            try:
                moment = datetime.strptime(value, pattern)
                break
            except ValueError:
                continue
        else:
            return None
    return as_utc(moment)


def read_rows(
    upload: Upload, mapping: Mapping, *, consultation_id: int, report: ImportReport, now: datetime
) -> Iterator[ImportRow]:
    """Stream the checked rows; bad ones go into the report with their line number."""
    columns = {name: i for i, name in enumerate(upload.header)}
    for target, column in mapping.model_dump().items():
        if column and column not in columns:
            raise ImportError_(f"the column {column!r} chosen for {target} is not in the file")
    if not mapping.text:
        raise ImportError_("choose the column that holds the answers")
    width = len(upload.header)
    rows_read = 0
    with upload.path.open("r", encoding=upload.encoding, newline="") as text:
        reader = csv.reader(text, delimiter=upload.delimiter)
        next(reader, None)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                report.bad(reader.line_num, f"unreadable CSV: {error}")
                continue
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            rows_read += 1
            if rows_read > MAX_IMPORT_ROWS:
                report.stopped = (
                    f"This file has more than {MAX_IMPORT_ROWS:,} rows; the first "
                    f"{MAX_IMPORT_ROWS:,} were read. Split the rest into files of at most "
                    f"{MAX_IMPORT_ROWS:,} rows and import each (rows already imported are skipped)."
                )
                return
            if len(row) != width:
                report.bad(line, f"has {len(row)} fields but the header has {width}")
                continue
            checked = _check(row, columns, mapping, consultation_id, line, report, now)
            if checked is not None:
                yield checked


def _check(
    row: list[str],
    columns: dict[str, int],
    mapping: Mapping,
    consultation_id: int,
    line: int,
    report: ImportReport,
    now: datetime,
) -> ImportRow | None:
    for cell in row:
        # The one request-text policy: PostgreSQL cannot store NUL, and control
        # characters are only ever damage; the row is reported, not half-stored.
        reason = unsafe_reason(cell)
        if reason:
            report.bad(line, f"a field {reason}")
            return None
    answer = row[columns[mapping.text]].strip()
    if not answer:
        report.bad(line, "the answer is empty")
        return None
    if len(answer) > MAX_ANSWER_CHARS:
        report.bad(line, f"the answer is longer than {MAX_ANSWER_CHARS:,} characters")
        return None
    language = "en"
    if mapping.language:
        raw = row[columns[mapping.language]].strip().lower()
        if raw:
            if raw not in _LANGUAGES:
                report.bad(line, f"language {raw!r} is not English or Welsh (en / cy)")
                return None
            language = _LANGUAGES[raw]
    received_at = now
    if mapping.received_at and row[columns[mapping.received_at]].strip():
        parsed = parse_when(row[columns[mapping.received_at]])
        if parsed is None:
            value = row[columns[mapping.received_at]].strip()[:40]
            report.bad(line, f"date {value!r} not understood (use YYYY-MM-DD or DD/MM/YYYY)")
            return None
        received_at = parsed
    # A row's identity is its id column when there is one, else its content,
    # so importing the same file twice stores each answer once.
    identity = (
        f"id:{row[columns[mapping.row_id]].strip()}"
        if mapping.row_id and row[columns[mapping.row_id]].strip()
        else "row:" + "\x1f".join(cell.strip() for cell in row)
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()[:40]
    return ImportRow(line, f"import:{consultation_id}:{digest}", answer, language, received_at)
