"""The framework as data: Towell's six strands, the 15 paired questions, in en/es.

>>> from civicnb.framework import load_framework
>>> fw = load_framework("pamphlet")
>>> fw.question("LA-01").pair_id, fw.pair("P01").cso.id
('P01', 'CSO-I')

Built-in editions: ``'pamphlet'`` (the 2014 pamphlet's wording, disability-rights
examples) and ``'blog'`` (the 2014 blog series' wording, general examples). Custom
frameworks are YAML or JSON files validated against :func:`framework_schema`; see
``docs/framework.md``.
"""

from civicnb.framework.loader import (
    builtin_editions,
    framework_from_dict,
    framework_schema,
    load_framework,
    validate_framework_file,
)
from civicnb.framework.model import Framework

__all__ = [
    "Framework",
    "builtin_editions",
    "framework_from_dict",
    "framework_schema",
    "load_framework",
    "validate_framework_file",
]
