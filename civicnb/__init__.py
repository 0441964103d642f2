"""civicnb: a Jupyter workbook for civic partnership self-assessment.

Implements David Towell's *six strands of local strategy* and the 15 paired
checklist questions (local authority / civil society organisation).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
