"""Officer-uploaded CSVs of phone numbers: parsed, normalised, every problem reported.

Accepted shapes: one column of numbers with or without a header, or any
number of columns with one whose header names the phone column ("phone",
"mobile", "number", "telephone", "ffon", ...). Numbers are normalised to
E.164 with GB as the default region; a row that is not a valid number is
reported with its row number and why, never dropped silently; repeats of a
number already seen are collapsed and reported too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from bot.channels.sms.numbers import DEFAULT_REGION, InvalidNumberError, to_e164

PHONE_HEADERS = (
    "phone",
    "phone number",
    "phone_number",
    "mobile",
    "mobile number",
    "mobile_number",
    "number",
    "telephone",
    "tel",
    "msisdn",
    "ffon",
    "rhif ffon",
    "ffon symudol",
)
MAX_ROWS = 200_000


class CsvError(ValueError):
    """The file as a whole cannot be used (no phone column, not text, too big)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int  # 1-based line in the file, as a spreadsheet shows it
    reason: str


@dataclass
class NumberList:
    numbers: list[tuple[int, str]] = field(default_factory=list)  # (row, E.164)
    invalid: list[RowProblem] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.numbers)} numbers, {len(self.invalid)} invalid rows, "
            f"{len(self.duplicates)} duplicates collapsed"
        )


def _phone_column(header: list[str]) -> int | None:
    names = [cell.strip().lower().replace("\u00f4", "o") for cell in header]
    for index, name in enumerate(names):
        if name in PHONE_HEADERS:
            return index
    return None


def parse_numbers(data: bytes | str, *, region: str = DEFAULT_REGION) -> NumberList:
    """Parse a CSV upload into normalised numbers and a report of problems."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")  # Excel writes a BOM
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")  # older Excel "CSV" on Windows
            except UnicodeDecodeError:
                raise CsvError("the file is not text (save it as CSV UTF-8)") from None
    else:
        text = data.lstrip("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CsvError(f"not a readable CSV: {error}") from None
    if len(rows) > MAX_ROWS:
        raise CsvError(f"{len(rows)} rows is more than {MAX_ROWS}; split the file")
    result = NumberList()
    if not rows:
        return result

    column = _phone_column(rows[0])
    start = 1
    if column is None:
        width = max(len(row) for row in rows)
        if width > 1 and any(cell.strip() for row in rows for cell in row[1:]):
            raise CsvError(
                "several columns and none is headed phone/mobile/number/telephone/ffon; "
                "name the phone column in the first row"
            )
        column = 0
        first = rows[0][0].strip() if rows[0] else ""
        try:
            to_e164(first, region=region, strict=True)
            start = 0  # no header: the first row is a number
        except InvalidNumberError:
            start = 0 if any(ch.isdigit() for ch in first) else 1

    seen: dict[str, int] = {}
    for index in range(start, len(rows)):
        row_number = index + 1
        row = rows[index]
        raw = row[column].strip() if column < len(row) else ""
        if not raw:
            if any(cell.strip() for cell in row):
                result.invalid.append(RowProblem(row_number, "phone cell is empty"))
            continue  # wholly blank lines are layout, not data
        try:
            number = to_e164(raw, region=region, strict=True)
        except InvalidNumberError as error:
            result.invalid.append(RowProblem(row_number, f"{_mask(raw)}: {error}"))
            continue
        if number in seen:
            result.duplicates.append(RowProblem(row_number, f"same number as row {seen[number]}"))
            continue
        seen[number] = row_number
        result.numbers.append((row_number, number))
    return result


def _mask(raw: str) -> str:
    # Reports are shown on screen and may be pasted into tickets: keep enough
    # to find the row, not the whole number.
    return raw if len(raw) <= 4 else raw[:3] + "..." + raw[-2:]
