"""`whatmatters themes ...`: theme a CSV offline, or refit a consultation's stored answers."""

from __future__ import annotations

import csv
import sys
import threading
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

    chunk = 4096
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


def _warm_up() -> None:
    """Import the clustering and language modules while the models load and embed.

    Embedding releases the GIL, so on a second core these imports (spaCy and its
    registries, most of a second; the theming modules are numpy only) cost a cold run little.
    """
    try:
        from nlp.pipelines import get_pipeline
        from nlp.themes import ThemeModel  # noqa: F401

        get_pipeline("en")
    except Exception:  # the main thread meets the same error and reports it
        return


@themes_app.command("discover")
def discover(
    answers: Annotated[Path, typer.Argument(help="CSV file with one answer per row.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the assignments CSV.")],
    text_column: Annotated[str, typer.Option(help="Column holding the answer text.")] = "text",
    about: Annotated[
        int | None, typer.Option("--about", min=1, help="Ask for about this many sub-themes.")
    ] = None,
    about_broad: Annotated[
        int | None,
        typer.Option("--about-broad", min=1, max=60, help="Ask for about this many broad themes."),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the CSV.")] = "utf-8-sig",
    embedder: Annotated[
        str,
        typer.Option(help="'default' (the language model) or 'hashing' (fast, spelling only)."),
    ] = "default",
    precision: Annotated[
        str,
        typer.Option(
            help="The language model's arithmetic: 'int8' (about twice as fast) or "
            "'float32' (the vectors the theming jobs store)."
        ),
    ] = "int8",
) -> None:
    """Theme a CSV offline; writes row,theme_id,theme_label,score,broad_theme_id,
    broad_theme_label (one line per theme an answer carries; sub-theme and its broad theme)."""
    threading.Thread(target=_warm_up, name="themes-warm-up", daemon=True).start()
    from nlp.langid import identify

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
    if precision not in ("int8", "float32"):
        typer.secho("error: --precision is 'int8' or 'float32'", fg="red", err=True)
        raise typer.Exit(2)
    try:
        if embedder == "hashing":
            model_embedder = load_embedder("hashing")
        else:
            # Nothing here is stored, so the faster int8 vectors serve (their themes:
            # bench/RESULTS.md, "int8"); the jobs keep float32 for the stored vectors.
            from nlp.embeddings import default_embedder

            model_embedder = default_embedder("int8" if precision == "int8" else "float32")
    except EmbeddingError as error:
        typer.secho(f"error: {error}", fg="red", err=True)
        raise typer.Exit(2) from error
    languages = [str(identify(t)) for t in texts]
    vectors = _embed(model_embedder, texts, languages)
    from nlp.themes.clauses import embed_clauses

    # Answers naming several things: their clauses bring further themes. Embedded before
    # waiting for the warm-up's imports, which this needs none of.
    clauses = embed_clauses(model_embedder, texts, languages)
    from nlp.themes import ThemeModel  # waits for the warm-up's import if it is under way

    typer.echo(f"Finding themes in {len(texts)} answers ...", err=True)
    model = ThemeModel(embedder=model_embedder).fit(
        texts,
        embeddings=vectors,
        languages=languages,
        about_n=about,
        clause_vectors=clauses,
        about_broad=about_broad,
    )
    tree = model.tree_
    # Number broad themes by size ("B1" is the biggest), sub-themes within them ("3").
    broad_size: dict[int, int] = {}
    for theme in model.themes_:
        parent = int(tree.parent_of[theme.index])
        broad_size[parent] = broad_size.get(parent, 0) + theme.size
    broad_order = sorted(broad_size, key=lambda b: (-broad_size[b], b))
    broad_number = {b: f"B{n}" for n, b in enumerate(broad_order, start=1)}
    order = sorted(
        model.themes_,
        key=lambda t: (broad_order.index(int(tree.parent_of[t.index])), -t.size, t.index),
    )
    number = {t.index: n for n, t in enumerate(order, start=1)}
    label = {t.index: t.label for t in model.themes_}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["row", "theme_id", "theme_label", "score", "broad_theme_id", "broad_theme_label"]
        )
        for row, found in enumerate(model.assignments_, start=1):
            if not found:
                writer.writerow([row, OTHER_ID, OTHER_LABEL, "", OTHER_ID, OTHER_LABEL])
            for index, score in found:
                parent = int(tree.parent_of[index])
                writer.writerow(
                    [
                        row,
                        number[index],
                        label[index],
                        f"{score:.4f}",
                        broad_number[parent],
                        tree.labels[parent],
                    ]
                )
    typer.echo(
        f"{len(broad_order)} broad themes over {len(order)} sub-themes "
        f"(default {tree.default_n} broad), {model.other_share_:.0%} in '{OTHER_LABEL}'; "
        f"wrote {out}",
        err=True,
    )
    for b in broad_order[:15]:
        typer.echo(f"{broad_number[b]:>4}  {broad_size[b]:>6}  {tree.labels[b]}", err=True)
        children = [t for t in order if int(tree.parent_of[t.index]) == b]
        for theme in children[:8]:
            typer.echo(f"{number[theme.index]:>8}  {theme.size:>6}  {theme.label}", err=True)


@themes_app.command("refit")
def refit(
    consultation: Annotated[str, typer.Argument(help="The consultation's slug.")],
    about: Annotated[
        int | None, typer.Option("--about", min=1, help="Ask for about this many sub-themes.")
    ] = None,
    about_broad: Annotated[
        int | None,
        typer.Option("--about-broad", min=1, max=60, help="Ask for about this many broad themes."),
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
                    about_broad=about_broad,
                )
            except EmbeddingError as error:
                typer.secho(f"error: {error}", fg="red", err=True)
                raise typer.Exit(2) from error
    typer.echo(
        f"{report.answers} answers, {report.themes} themes ({report.kept} kept, "
        f"{report.created} new, {report.retired} retired), {report.other_share:.0%} other"
    )
