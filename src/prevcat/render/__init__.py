"""Renderers of a :class:`~prevcat.compare.model.Comparison`: text, Markdown, CSV, JSON, HTML.

``render(comparison, "html")`` picks one by name; each module can also be used directly.
"""

from __future__ import annotations

from prevcat.compare.model import Comparison
from prevcat.errors import PrevcatError

FORMATS: tuple[str, ...] = ("text", "md", "csv", "json", "html")


def render(
    comparison: Comparison, fmt: str = "text", *, table: str = "methods", lang: str | None = None
) -> str:
    """The comparison in one format (``table`` picks the CSV table, see :mod:`prevcat.render.csv_tables`).

    ``lang`` (``en``, ``sv``, ``nb``) is the HTML report's language (default: the portfolios');
    the other formats are in English.
    """
    if fmt == "text":
        from prevcat.render.text import render_text

        return render_text(comparison)
    if fmt in ("md", "markdown"):
        from prevcat.render.markdown import render_markdown

        return render_markdown(comparison)
    if fmt == "csv":
        from prevcat.render.csv_tables import render_csv

        return render_csv(comparison, table)
    if fmt == "json":
        from prevcat.render.json_doc import render_json

        return render_json(comparison)
    if fmt == "html":
        from prevcat.render.html import render_html

        return render_html(comparison, lang=lang)
    raise PrevcatError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
