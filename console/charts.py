"""Charts as inline SVG, drawn on the server: no JavaScript, no assets from the internet.

Every chart has a <title> and <desc> for screen readers, and the pages show
the same numbers in a table. Hidden (suppressed) counts are drawn as a
hatched cell marked "hidden", never as a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from console.i18n import translate

BAR = "#00436e"
HIDDEN = "#b1b4b6"
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" {_FONT}>'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HIDDEN}" stroke-width="3"/></pattern></defs>'
        + "".join(body)
        + "</svg>"
    )


def _clip(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    items: Sequence[tuple[str, int | None]], *, title: str, width: int = 640, language: str = "en"
) -> Markup:
    """Horizontal bars, one per item; None is a hidden (suppressed) count."""
    hidden = translate(language, "chart-hidden")
    row, label_width, pad = 26, 230, 60
    height = max(1, len(items)) * row + 10
    top = max((v for _, v in items if v is not None), default=0) or 1
    scale = (width - label_width - pad) / top
    body = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        body.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">'
            f"{escape(_clip(label))}</text>"
        )
        if value is None:
            body.append(
                f'<rect x="{label_width}" y="{y + 3}" width="40" height="18" fill="url(#hatch)" '
                f'stroke="{HIDDEN}"/><text x="{label_width + 46}" y="{y + 16}">'
                f"{escape(hidden)}</text>"
            )
        else:
            bar = max(1, round(value * scale)) if value else 0
            body.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{bar}" height="18" fill="{BAR}"/>'
                f'<text x="{label_width + bar + 6}" y="{y + 16}">{value:,}</text>'
            )
    desc = "; ".join(f"{label}: {hidden if v is None else v}" for label, v in items)
    return _svg(width, height, title, desc, body)


def time_chart(
    points: Sequence[tuple[date, int]], *, title: str, width: int = 640, language: str = "en"
) -> Markup:
    """Answers per day as columns, with the first and last dates and the peak labelled."""
    height, left, bottom, top_pad = 180, 40, 24, 16
    if not points:
        empty = escape(translate(language, "chart-no-answers"))
        return _svg(width, 40, title, empty, [f'<text x="0" y="24">{empty}</text>'])
    first, last = points[0][0], points[-1][0]
    days = (last - first).days + 1
    by_day = dict(points)
    peak = max(count for _, count in points) or 1
    column = (width - left - 10) / days
    plot = height - bottom - top_pad
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#1b1b1b"/>',
        f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end">{peak:,}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
    ]
    for offset in range(days):
        day = date.fromordinal(first.toordinal() + offset)
        count = by_day.get(day, 0)
        if count:
            h = max(1.0, count / peak * plot)
            x = left + offset * column
            body.append(
                f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" '
                f'width="{max(1.0, column - 1):.1f}" '
                f'height="{h:.1f}" fill="{BAR}"><title>{day.isoformat()}: {count}</title></rect>'
            )
    body.append(f'<text x="{left}" y="{height - 6}">{first.isoformat()}</text>')
    if days > 1:
        body.append(
            f'<text x="{width - 10}" y="{height - 6}" text-anchor="end">{last.isoformat()}</text>'
        )
    total = sum(count for _, count in points)
    desc = translate(
        language,
        "chart-time-desc",
        total=total,
        first=first.isoformat(),
        last=last.isoformat(),
        peak=peak,
    )
    return _svg(width, height, title, desc, body)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: dict[str, dict[str, int | None]],
    *,
    title: str,
    language: str = "en",
) -> Markup:
    """A theme x category grid shaded by count; hidden cells hatched."""
    hidden = escape(translate(language, "chart-hidden"))
    label_width, cell_w, cell_h, head = 230, 74, 26, 90
    width = label_width + cell_w * max(1, len(columns)) + 110
    height = head + cell_h * max(1, len(rows)) + 10
    peak = (
        max((v for r in rows for v in cells.get(r, {}).values() if v is not None), default=0) or 1
    )
    body = []
    for j, column in enumerate(columns):
        x = label_width + j * cell_w + cell_w / 2
        # Slanted up and to the right, so long names never run into the row labels.
        body.append(
            f'<text x="{x:.0f}" y="{head - 8}" text-anchor="start" '
            f'transform="rotate(-35 {x:.0f} {head - 8})">{escape(_clip(column, 16))}</text>'
        )
    for i, row in enumerate(rows):
        y = head + i * cell_h
        body.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(_clip(row))}</text>"
        )
        for j, column in enumerate(columns):
            x = label_width + j * cell_w
            value = cells.get(row, {}).get(column, 0)
            if value is None:
                body.append(
                    f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                    f'fill="url(#hatch)"/><text x="{x + cell_w / 2:.0f}" y="{y + 17}" '
                    f'text-anchor="middle">{hidden}</text>'
                )
                continue
            strength = value / peak
            fill = f"rgba(0, 67, 110, {0.08 + 0.87 * strength:.2f})"
            ink = "#fff" if strength > 0.5 else "#1b1b1b"
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
                f'<text x="{x + cell_w / 2:.0f}" y="{y + 17}" text-anchor="middle" fill="{ink}">'
                f"{value:,}</text>"
            )
    desc = translate(language, "chart-heatmap-desc", rows=len(rows), columns=len(columns))
    return _svg(width, height, title, desc, body)
