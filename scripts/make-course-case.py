#!/usr/bin/env python3
"""Write the course's canonical worked case (Las Acacias, variant 0) into the package:
civicnb/course/data/case-es.json, case-en.json and case-pt.json.

Run it after changing civicnb/course/case.py; tests/fast/test_course_case.py checks that
the shipped files equal what case.py builds (apart from the export time and generator).
"""

from __future__ import annotations

from civicnb.course.case import LANGS, case_document, dump_case, shipped_case


def main() -> None:
    for lang in LANGS:
        path = dump_case(case_document(lang, 0), shipped_case(lang))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
