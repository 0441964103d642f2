"""Serving civicnb with Voilà: the command line and configuration (``voila``), the
server process's own start-up (``app``) and ``civicnb serve`` (``serve``)."""
