"""CSV import of answers from online forms, paper and other platforms.

Two steps: the upload is stored in the consultation's store (encoding
detected) and its header offered for column mapping; then a background job
(console/import_job.py) streams, checks and inserts the rows in slices.
Re-importing the same file adds nothing: each row gets a stable provider
message id from its identity.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, TextIO

from pydantic import BaseModel
from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.input_policy import unsafe_reason
from storage.models import as_utc
from storage.models.jobs import ConsoleJob, JobKind, JobState
from storage.repositories import console_jobs as jobs

MAX_ANSWER_CHARS = 5000
MAX_REPORTED_ERRORS = 500
# Imports run as background jobs in slices, so a file's length no longer holds a
# request; the upload's byte limit bounds it, and this cap keeps one job's theming
# to a size a worker finishes within its time limit.
MAX_IMPORT_ROWS = 1_000_000
SNIFF_BYTES = 64 * 1024
PREVIEW_CHARS = 120
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
    """A stored upload waiting for its column mapping (the job that will import it)."""

    job_id: int
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


class _Inspector:
    """Reads the upload through, noting its encoding, its first bytes and its lines."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self.is_utf8 = True
        self.is_cp1252 = True
        self.head = b""
        self.lines = 0
        self.last = b""

    def read(self, size: int = -1) -> bytes:
        chunk = self._source.read(size)
        if self.is_utf8:
            try:
                self._utf8.decode(chunk)
            except UnicodeDecodeError:
                self.is_utf8 = False
        if self.is_cp1252 and not self.is_utf8:
            # Windows-1252 leaves five bytes undefined; one byte is one character,
            # so chunk boundaries never split one.
            self.is_cp1252 = not _CP1252_UNDEFINED.intersection(chunk)
        if len(self.head) < SNIFF_BYTES:
            self.head += chunk[: SNIFF_BYTES - len(self.head)]
        self.lines += chunk.count(b"\n")
        if chunk:
            self.last = chunk[-1:]
        return chunk


_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def save_upload(
    engine: Engine,
    source: BinaryIO,
    *,
    consultation_id: int,
    officer_id: int | None,
    filename: str,
    limit: int,
) -> Upload:
    """Store the upload in the consultation's store and read its header; nothing is imported yet.

    Kept until it is imported (or cancelled), and for a day at most if never mapped.
    """
    inspector = _Inspector(source)
    try:
        with session_scope(engine) as session:
            jobs.expire_files(session=session)
            job = jobs.create_job(
                session=session,
                consultation_id=consultation_id,
                officer_id=officer_id,
                kind=JobKind.IMPORT,
                state=JobState.UPLOADED,
                filename=filename,
                expires_at=jobs.upload_expiry(),
            )
            size = jobs.write_file(
                session=session, job_id=job.id or 0, source=inspector, limit=limit
            )
            if size == 0:
                raise ImportError_("the file is empty")
            encoding, note = "utf-8-sig", ""
            if not inspector.is_utf8:
                if not inspector.is_cp1252:
                    raise ImportError_(
                        "the file's text encoding was not recognised: save it from your "
                        "spreadsheet as 'CSV UTF-8' and upload it again"
                    )
                encoding = "cp1252"
                note = (
                    "This file was not UTF-8, so it was read as Windows-1252 (Excel's usual CSV "
                    "encoding). Check that accented letters such as ŵ and ŷ look right below."
                )
            upload = _describe(inspector.head, job.id or 0, filename, encoding, note)
            job.total = max(inspector.lines - 1 + (inspector.last != b"\n"), 0)
            job.params = {
                "encoding": encoding,
                "delimiter": upload.delimiter,
                "note": note,
                "header": upload.header,
                "preview": upload.preview,
            }
            session.add(job)
    except OverflowError:
        raise UploadTooLarge(f"the file is larger than {limit // 2**20} MB") from None
    return upload


def _describe(head: bytes, job_id: int, filename: str, encoding: str, note: str) -> Upload:
    sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    if "\x00" in sample:
        raise ImportError_("this looks like a binary file, not a CSV (is it an .xlsx?)")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    rows = csv.reader(io.StringIO(sample), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(rows)]
        preview = [
            [cell[:PREVIEW_CHARS] for cell in row] for _, row in zip(range(5), rows, strict=False)
        ]
    except (StopIteration, csv.Error):
        raise ImportError_("the file has no header row") from None
    if not any(header):
        raise ImportError_("the first row should name the columns, but it is empty")
    if len(set(header)) != len(header):
        raise ImportError_("two columns have the same name; rename one and upload again")
    return Upload(job_id, filename, encoding, delimiter, header, preview, note)


def load_upload(job: ConsoleJob) -> Upload:
    """The upload of a job still waiting for its mapping."""
    if job.kind != JobKind.IMPORT.value or job.state != JobState.UPLOADED.value:
        raise ImportError_("this upload has already been imported or has expired")
    params = job.params
    return Upload(
        job.id or 0,
        job.filename,
        params["encoding"],
        params["delimiter"],
        params["header"],
        params["preview"],
        params["note"],
    )


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


def check_mapping(header: list[str], mapping: Mapping) -> None:
    """Refuse a mapping naming a column the file does not have (before any work is queued)."""
    for target, column in mapping.model_dump().items():
        if column and column not in header:
            raise ImportError_(f"the column {column!r} chosen for {target} is not in the file")
    if not mapping.text:
        raise ImportError_("choose the column that holds the answers")


@dataclass
class Rejected:
    line: int
    reason: str


Record = ImportRow | Rejected | None


def read_records(
    text: TextIO,
    *,
    header: list[str],
    delimiter: str,
    mapping: Mapping,
    consultation_id: int,
    now: datetime,
    skip: int = 0,
) -> Iterator[tuple[int, Record]]:
    """Each data record after the header as (records read so far, what it holds).

    A blank record holds None. The first `skip` records are passed over unchecked: a
    resumed import starts where its last committed slice ended.
    """
    check_mapping(header, mapping)
    columns = {name: i for i, name in enumerate(header)}
    width = len(header)
    reader = csv.reader(text, delimiter=delimiter)
    next(reader, None)
    position = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            position += 1
            if position > skip:
                yield position, Rejected(reader.line_num, f"unreadable CSV: {error}")
            continue
        position += 1
        if position <= skip:
            continue
        if position > MAX_IMPORT_ROWS:
            raise RowCapReached(MAX_IMPORT_ROWS)
        if not any(cell.strip() for cell in row):
            yield position, None
        elif len(row) != width:
            yield (
                position,
                Rejected(reader.line_num, f"has {len(row)} fields but the header has {width}"),
            )
        else:
            yield position, _check(row, columns, mapping, consultation_id, reader.line_num, now)


class RowCapReached(Exception):
    """The file has more rows than one import takes."""


def _check(
    row: list[str],
    columns: dict[str, int],
    mapping: Mapping,
    consultation_id: int,
    line: int,
    now: datetime,
) -> ImportRow | Rejected:
    for cell in row:
        # The one request-text policy: PostgreSQL cannot store NUL, and control
        # characters are only ever damage; the row is reported, not half-stored.
        reason = unsafe_reason(cell)
        if reason:
            return Rejected(line, f"a field {reason}")
    answer = row[columns[mapping.text]].strip()
    if not answer:
        return Rejected(line, "the answer is empty")
    if len(answer) > MAX_ANSWER_CHARS:
        return Rejected(line, f"the answer is longer than {MAX_ANSWER_CHARS:,} characters")
    language = "en"
    if mapping.language:
        raw = row[columns[mapping.language]].strip().lower()
        if raw:
            if raw not in _LANGUAGES:
                return Rejected(line, f"language {raw!r} is not English or Welsh (en / cy)")
            language = _LANGUAGES[raw]
    received_at = now
    if mapping.received_at and row[columns[mapping.received_at]].strip():
        parsed = parse_when(row[columns[mapping.received_at]])
        if parsed is None:
            value = row[columns[mapping.received_at]].strip()[:40]
            return Rejected(line, f"date {value!r} not understood (use YYYY-MM-DD or DD/MM/YYYY)")
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
