"""Reports for management, rendered from a ReportData (domain/reporting.py, gathered by storage/report_reads.py): one
CSV row per conversation, a self-contained HTML page, a printable PDF — charts by matplotlib (its Agg, SVG and PDF
backends; no Qt here, so the command line makes them too). Texts in English or French (`texts.py`)."""
