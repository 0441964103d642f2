"""The workspace's home page (``notebooks/home.ipynb``, served at the server's root):
the localities open for answering, and, behind the facilitator key, their setup."""
