"""`whatmatters redact FILE --out FILE`: redact a CSV or JSONL file of answers offline.

One output record per input record, in order: the text redacted with typed
placeholders and the spans removed, as character offsets into the original,
and the answer's flags ("abuse", "spam", "identifying"; see nlp.moderation):
a "flags" list on each JSONL line (with "flag_reasons"), a "flags" column in CSV.
The output is written to a temporary file and renamed at the end, so a
failure half-way never leaves a half-redacted file behind.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

if TYPE_CHECKING:
    # Imported when a command runs: loading spaCy would slow every other command.
    from nlp.redaction import RedactionResult, Redactor

BATCH = 256
MAX_FIELD = 10_000_000


@cache
def _default_redactor() -> Redactor:
    # Building the pipelines takes seconds: once per process is enough.
    from nlp.redaction import Redactor

    return Redactor()


class RedactInputError(ValueError):
    """An input file the command cannot read; the message says how to fix it."""


def _read_csv(path: Path, column: str, encoding: str) -> tuple[list[str], list[dict[str, str]]]:
    csv.field_size_limit(MAX_FIELD)
    with path.open(newline="", encoding=encoding) as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        if not header:
            raise RedactInputError(f"{path.name} is empty: expected a header row with {column!r}")
        if column not in header:
            shown = ", ".join(repr(h) for h in header)
            raise RedactInputError(
                f"no column {column!r} in {path.name}; columns found: {shown}. "
                "Choose one with --text-column."
            )
        rows = []
        for row in reader:
            if None in row:
                raise RedactInputError(
                    f"{path.name} line {reader.line_num}: more fields than the header has"
                )
            rows.append({k: v if v is not None else "" for k, v in row.items()})
    return header, rows


def _read_jsonl(path: Path, encoding: str) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding=encoding) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise RedactInputError(
                    f"{path.name} line {number} is not JSON ({error.msg})"
                ) from error
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise RedactInputError(
                    f'{path.name} line {number}: each line must be an object with a "text" string'
                )
            records.append(record)
    return records


def _batches(texts: Sequence[str]) -> Iterator[tuple[int, Sequence[str]]]:
    for start in range(0, len(texts), BATCH):
        yield start, texts[start : start + BATCH]


def _redact_all(
    texts: Sequence[str],
    redactor: Redactor,
    language: str | None,
    deny: Sequence[str],
    keep: Sequence[str] = (),
) -> list[RedactionResult]:
    results: list[RedactionResult] = []
    columns = (
        TextColumn("redacting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("redact", total=len(texts))
        for _, batch in _batches(texts):
            results.extend(
                redactor.redact_many(batch, language=language, deny_list=deny, keep_list=keep)
            )
            progress.advance(task, len(batch))
    return results


def _spans(result: RedactionResult) -> list[dict[str, int | str]]:
    return [span.as_dict() for span in result.spans]


def _write_atomically(target: Path, write: Any) -> None:
    handle = tempfile.NamedTemporaryFile(
        "w",
        delete=False,
        dir=target.parent,
        prefix=f".{target.name}.",
        encoding="utf-8",
        newline="",
    )
    try:
        with handle:
            write(handle)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def redact_file(
    source: Path,
    out: Path,
    *,
    text_column: str = "text",
    language: str | None = None,
    deny_list: Sequence[str] = (),
    keep_list: Sequence[str] = (),
    encoding: str = "utf-8-sig",
    redactor: Redactor | None = None,
) -> int:
    """Redact `source` (CSV or JSONL) into `out`; returns the number of records."""
    if not source.is_file():
        raise RedactInputError(f"no such file: {source}")
    if out.resolve() == source.resolve():
        raise RedactInputError("--out must be a different file from the input")
    redactor = redactor or _default_redactor()
    jsonl = source.suffix.lower() in {".jsonl", ".ndjson", ".json"}
    try:
        if jsonl:
            records = _read_jsonl(source, encoding)
            texts = [r["text"] for r in records]
        else:
            header, rows = _read_csv(source, text_column, encoding)
            texts = [r[text_column] for r in rows]
    except UnicodeDecodeError as error:
        raise RedactInputError(
            f"{source.name} is not valid {encoding} text (byte {error.start}); "
            "re-save it as UTF-8 or pass --encoding (e.g. cp1252)"
        ) from error
    if not texts:
        raise RedactInputError(f"{source.name} has no records to redact")
    results = _redact_all(texts, redactor, language, deny_list, keep_list)
    # Abuse, spam and identifying details, judged on the resident's own words.
    from nlp.moderation import check, kinds

    flags = [check(text) for text in texts]

    if jsonl:

        def write(handle: Any) -> None:
            for record, result, found in zip(records, results, flags, strict=True):
                line = {
                    **record,
                    "text": result.text,
                    "spans": _spans(result),
                    "flags": kinds(found),
                    "flag_reasons": [flag.as_dict() for flag in found],
                }
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    else:

        def write(handle: Any) -> None:
            added = [name for name in ("spans", "flags") if name not in header]
            writer = csv.DictWriter(handle, fieldnames=header + added)
            writer.writeheader()
            for row, result, found in zip(rows, results, flags, strict=True):
                writer.writerow(
                    {
                        **row,
                        text_column: result.text,
                        "spans": json.dumps(_spans(result)),
                        # "abuse;spam": one cell that spreadsheets filter on.
                        "flags": ";".join(kinds(found)),
                    }
                )

    out.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(out, write)
    return len(texts)


def _lines(path: Path | None, what: str) -> list[str]:
    """The non-empty lines of an officer's word file (none without a file)."""
    if path is None:
        return []
    if not path.is_file():
        raise RedactInputError(f"no such {what} file: {path}")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


def redact(
    source: Annotated[Path, typer.Argument(help='CSV (with a header) or JSONL (a "text" field).')],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the redacted records.")],
    text_column: Annotated[str, typer.Option(help="The CSV column holding the answers.")] = "text",
    language: Annotated[
        str, typer.Option(help='"en", "cy", or "auto" to identify each answer\'s language.')
    ] = "auto",
    deny_list: Annotated[
        Path | None,
        typer.Option(help="A file of extra words to redact, one per line (staff, businesses)."),
    ] = None,
    keep_list: Annotated[
        Path | None,
        typer.Option(
            help="A file of places to keep, one per line (estates, landmarks the name finder "
            "takes for people); the deny-list still wins."
        ),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Input encoding.")] = "utf-8-sig",
) -> None:
    """Redact names, phone numbers, addresses and other personal details from answers."""
    if language not in {"en", "cy", "auto"}:
        typer.secho('--language must be "en", "cy" or "auto"', fg="red", err=True)
        raise typer.Exit(2)
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        typer.secho(f"error: unknown encoding {encoding!r}", fg="red", err=True)
        raise typer.Exit(2) from error
    try:
        deny = _lines(deny_list, "deny-list")
        count = redact_file(
            source,
            out,
            text_column=text_column,
            language=None if language == "auto" else language,
            deny_list=deny,
            keep_list=_lines(keep_list, "keep-list"),
            encoding=encoding,
        )
    except RedactInputError as error:
        typer.secho(f"error: {error}", fg="red", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"redacted {count} records -> {out}")
