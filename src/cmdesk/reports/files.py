"""A report written to a folder, in each of the formats asked for, under a name that says whose and when: "Boulangerie
Le Fournil 2026-11-23 – 2026-11-29.pdf". Writing again the same report replaces the same files."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from cmdesk.domain.reporting import ReportData

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(data: ReportData) -> str:
    name = " ".join(_UNSAFE.sub(" ", data.client).split())[:80] or "report"
    return f"{name} {data.period.first.isoformat()} – {data.period.last.isoformat()}"


def write_report(data: ReportData, folder: Path, formats: Sequence[str], language: str) -> list[Path]:
    """Write the report as each format into `folder` (made if missing); returns the files. A file is written next
    to its place and renamed over it, so a reader never sees half a report."""
    from cmdesk.reports import csv_export, html_export, pdf_export

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in formats:
        target = folder / f"{file_stem(data)}.{kind}"
        partial = target.with_name(f".{target.name}.part")
        if kind == "pdf":
            pdf_export.write_pdf(data, partial, language)
        elif kind == "csv":
            with partial.open("w", encoding="utf-8", newline="") as out:
                csv_export.write_csv(data, out)
        elif kind == "html":
            partial.write_text(html_export.render_html(data, language), encoding="utf-8")
        else:
            raise ValueError(f"unknown report format {kind!r}: pdf, csv or html")
        partial.replace(target)
        written.append(target)
    return written


__all__ = ["file_stem", "write_report"]
