"""Export writers: CSV, XLSX, JSON and a Pol.is comments CSV, all from redacted text.

Each writer takes an iterator of pages (from the repository) and yields bytes,
so a 100,000-answer export streams with flat memory. Every text cell passes
through `neutralise` so a spreadsheet never runs an answer as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from starlette.concurrency import iterate_in_threadpool

# Excel, LibreOffice and Google Sheets treat these leading characters as the
# start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML (and so XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

ANSWER_COLUMNS = [
    "answer_id",
    "received_at",
    "channel",
    "language",
    "kind",
    "ward",
    "age_band",
    "themes",
    "answer_redacted",
]
POLIS_COLUMNS = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]


def neutralise(value: Any) -> Any:
    """Make a cell safe for spreadsheets: text that could start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass(slots=True)
class ExportRow:
    answer_id: int
    received_at: datetime
    channel: str
    language: str
    kind: str
    ward: str | None
    age_band: str | None
    themes: list[str]
    text: str

    def cells(self) -> list[Any]:
        return [
            self.answer_id,
            self.received_at.isoformat(),
            self.channel,
            self.language,
            self.kind,
            self.ward or "",
            self.age_band or "",
            " | ".join(self.themes),
            self.text,
        ]

    def safe_cells(self) -> list[Any]:
        """cells() with every text neutralised (the id and ISO date cannot start a formula)."""
        n = neutralise
        return [
            self.answer_id,
            self.received_at.isoformat(),
            n(self.channel),
            n(self.language),
            n(self.kind),
            n(self.ward or ""),
            n(self.age_band or ""),
            n(" | ".join(self.themes)),
            n(self.text),
        ]


Pages = Iterable[Sequence[ExportRow]]


class _Buffer:
    """A write target csv.writer can fill and we can drain between pages."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        self._parts.append(text)
        return len(text)

    def drain(self) -> bytes:
        data = "".join(self._parts).encode("utf-8")
        self._parts.clear()
        return data


def csv_stream(pages: Pages) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark so Excel shows Welsh letters correctly."""
    buffer = _Buffer()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(ANSWER_COLUMNS)
    yield buffer.drain()
    for page in pages:
        writer.writerows([row.safe_cells() for row in page])
        yield buffer.drain()


def polis_stream(pages: Pages) -> Iterator[bytes]:
    """Pol.is's comments.csv shape; author ids are numbers local to this file."""
    buffer = _Buffer()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(POLIS_COLUMNS)
    yield buffer.drain()
    for page in pages:
        for row in page:
            moment = row.received_at
            writer.writerow(
                [
                    int(moment.timestamp() * 1000),
                    moment.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)"),
                    row.answer_id,
                    row.answer_id,
                    0,
                    0,
                    0,
                    neutralise(row.text),
                ]
            )
        yield buffer.drain()


def json_stream(header: dict[str, Any], pages: Pages) -> Iterator[bytes]:
    """{"consultation": ..., "themes": ..., "answers": [...]} written as it goes."""
    opening = json.dumps(header, ensure_ascii=False, default=str)[:-1]
    yield (opening + ', "answers": [').encode()
    first = True
    for page in pages:
        parts = []
        for row in page:
            record = dict(zip(ANSWER_COLUMNS, row.cells(), strict=True))
            record["themes"] = row.themes
            parts.append(("" if first else ",") + json.dumps(record, ensure_ascii=False))
            first = False
        yield "".join(parts).encode()
    yield b"]}"


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(_ILLEGAL_XML.sub("", value))
    return value


def xlsx_file(
    sheets: Sequence[tuple[str, list[str], Callable[[], Iterable[Sequence[Any]]]]],
) -> tempfile._TemporaryFileWrapper[bytes]:
    """Write a workbook in openpyxl's write-only mode to a temporary file (rewound)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for row in rows():
            sheet.append([_xlsx_cell(v) for v in row])
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed by the stream
    workbook.save(handle)
    handle.seek(0)
    return handle


async def until_client_leaves(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Stream `chunks` from a worker thread; when the client hangs up, stop and close them.

    Starlette cancels a streaming response when the client disconnects, but a plain
    generator it was reading is only abandoned, not closed, until garbage collection;
    closing it here ends the work (and releases what its `finally` holds) at once.
    """
    try:
        async for chunk in iterate_in_threadpool(chunks):
            yield chunk
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def file_stream(handle: io.BufferedIOBase | Any, chunk: int = 256 * 1024) -> Iterator[bytes]:
    try:
        while data := handle.read(chunk):
            yield data
    finally:
        handle.close()
