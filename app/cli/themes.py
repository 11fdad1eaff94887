"""`whatmatters themes ...`: theme a CSV offline, or refit a consultation's stored answers."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

from app.embedder import load_embedder
from nlp.embeddings.base import EmbeddingError

themes_app = typer.Typer(
    help="Themes: discover them in a CSV of answers, or refit a consultation.",
    no_args_is_help=True,
)

OTHER_ID = "other"
OTHER_LABEL = "Other / unclear"
MAX_FIELD = 1_000_000


class CsvInputError(ValueError):
    """A CSV the command cannot read; the message says how to fix it."""


def read_answers(path: Path, column: str, encoding: str) -> list[str]:
    """The ``column`` of every data row, in file order (empty cells kept as "")."""
    if not path.is_file():
        raise CsvInputError(f"no such file: {path}")
    csv.field_size_limit(MAX_FIELD)
    try:
        with path.open(newline="", encoding=encoding) as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if column not in header:
                shown = ", ".join(repr(h) for h in header) or "none (the file is empty)"
                raise CsvInputError(
                    f"no column {column!r} in {path.name}; columns found: {shown}. "
                    "Choose one with --text-column."
                )
            return [(row.get(column) or "") for row in reader]
    except UnicodeDecodeError as error:
        raise CsvInputError(
            f"{path.name} is not valid {encoding} (byte {error.start}); save it as UTF-8, "
            "or pass the file's encoding, e.g. --encoding cp1252"
        ) from error
    except csv.Error as error:
        raise CsvInputError(f"{path.name} is not a readable CSV: {error}") from error


def _embed(embedder: Any, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """Each distinct (text, language) embedded once, in chunks big enough to keep the
    model's batches full (it sorts each chunk by length) and the progress bar moving."""
    from rich.progress import Progress

    chunk = 1024
    first: dict[tuple[str, str], int] = {}
    pairs = zip(texts, languages, strict=True)
    where = np.array([first.setdefault(pair, len(first)) for pair in pairs], dtype=np.intp)
    unique_texts = [t for t, _ in first]
    unique_langs = [lang for _, lang in first]
    unique = np.zeros((len(first), embedder.dim), dtype=np.float32)
    with Progress(transient=False, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("Embedding answers", total=len(texts))
        for start in range(0, len(unique_texts), chunk):
            stop = start + chunk
            unique[start:stop] = embedder.encode(
                unique_texts[start:stop], languages=unique_langs[start:stop]
            )
            progress.advance(task, len(unique_texts[start:stop]))
        progress.update(task, completed=len(texts))
    return unique[where] if len(texts) else unique


@themes_app.command("discover")
def discover(
    answers: Annotated[Path, typer.Argument(help="CSV file with one answer per row.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the assignments CSV.")],
    text_column: Annotated[str, typer.Option(help="Column holding the answer text.")] = "text",
    about: Annotated[
        int | None, typer.Option("--about", min=1, help="Ask for about this many themes.")
    ] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the CSV.")] = "utf-8-sig",
    embedder: Annotated[
        str,
        typer.Option(help="'default' (the language model) or 'hashing' (fast, spelling only)."),
    ] = "default",
) -> None:
    """Theme a CSV offline; writes row,theme_id,theme_label,score (one line per theme)."""
    from nlp.langid import identify
    from nlp.themes import ThemeModel
    from nlp.themes.clauses import embed_clauses

    try:
        texts = read_answers(answers, text_column, encoding)
    except CsvInputError as error:
        typer.secho(f"error: {error}", fg="red", err=True)
        raise typer.Exit(2) from error
    if not texts:
        typer.secho(f"error: {answers.name} has a header but no answers", fg="red", err=True)
        raise typer.Exit(2)
    if embedder not in ("default", "hashing"):
        typer.secho("error: --embedder is 'default' or 'hashing'", fg="red", err=True)
        raise typer.Exit(2)
    try:
        model_embedder = load_embedder("hashing" if embedder == "hashing" else "default")
    except EmbeddingError as error:
        typer.secho(f"error: {error}", fg="red", err=True)
        raise typer.Exit(2) from error
    languages = [str(identify(t)) for t in texts]
    vectors = _embed(model_embedder, texts, languages)
    # Answers naming several things: their clauses bring further themes.
    clauses = embed_clauses(model_embedder, texts, languages)
    typer.echo(f"Finding themes in {len(texts)} answers ...", err=True)
    model = ThemeModel(embedder=model_embedder).fit(
        texts, embeddings=vectors, languages=languages, about_n=about, clause_vectors=clauses
    )
    # Number themes by size so that theme 1 is the biggest.
    order = sorted(model.themes_, key=lambda t: (-t.size, t.index))
    number = {t.index: n for n, t in enumerate(order, start=1)}
    label = {t.index: t.label for t in model.themes_}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "theme_id", "theme_label", "score"])
        for row, found in enumerate(model.assignments_, start=1):
            if not found:
                writer.writerow([row, OTHER_ID, OTHER_LABEL, ""])
            for index, score in found:
                writer.writerow([row, number[index], label[index], f"{score:.4f}"])
    typer.echo(
        f"{len(order)} themes, {model.other_share_:.0%} in '{OTHER_LABEL}'; wrote {out}",
        err=True,
    )
    for theme in order[:30]:
        typer.echo(f"{number[theme.index]:>4}  {theme.size:>6}  {theme.label}", err=True)


@themes_app.command("refit")
def refit(
    consultation: Annotated[str, typer.Argument(help="The consultation's slug.")],
    about: Annotated[
        int | None, typer.Option("--about", min=1, help="Ask for about this many themes.")
    ] = None,
) -> None:
    """Re-discover a consultation's themes from its stored answers, keeping officer edits."""
    from app.cli.startup import load_settings, open_engine
    from app.embedder import make_embedder
    from nlp.themes.service import refit_consultation
    from storage.db import session_scope
    from storage.repositories.consultations import get_by_slug

    settings = load_settings()
    with open_engine(settings) as engine:
        with session_scope(engine) as session:
            found = get_by_slug(session=session, slug=consultation)
            if found is None or found.id is None:
                typer.secho(f"error: no consultation {consultation!r}", fg="red", err=True)
                raise typer.Exit(2)
            try:
                report = refit_consultation(
                    session=session,
                    consultation_id=found.id,
                    # The stored vectors' space: EMBEDDER decides, as for the theming jobs.
                    embedder=make_embedder(settings.embedder),
                    about_n=about,
                )
            except EmbeddingError as error:
                typer.secho(f"error: {error}", fg="red", err=True)
                raise typer.Exit(2) from error
    typer.echo(
        f"{report.answers} answers, {report.themes} themes ({report.kept} kept, "
        f"{report.created} new, {report.retired} retired), {report.other_share:.0%} other"
    )
