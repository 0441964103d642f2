"""Reports: one locality's report notebook and HTML (``report``), its sections
(``sections``), reports for many localities (``batch``) and the plain-text summary
(``summary``)."""
