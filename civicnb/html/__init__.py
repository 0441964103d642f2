"""HTML built from records and analysis results, with no widgets: escaping and scroll
regions (``safe``), reveal views (``reveal``), charts (``charts``) and the join link's QR
code (``qr``). Used by the pages, the reports and the course alike."""
