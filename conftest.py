"""pytest's set-up for the whole repository: ``civicnb`` is in ``testpaths`` so that the
examples in its docstrings run (``--doctest-modules``, pyproject.toml)."""

# alembic's environment script runs migrations when imported: alembic imports it, not pytest
collect_ignore = ["civicnb/store/migrations"]
