"""The capacity-building course: a worked case (Las Acacias), exercises with feedback
computed from the case data, learners' workbooks, and one pack of course notebooks per
course group. See ``docs/course.md``.

No Jupyter import here: the exercise widgets are :mod:`civicnb.course.widgets`.
"""

from civicnb.course.case import case_records, import_case
from civicnb.course.checks import Feedback
from civicnb.course.exercises import exercise
from civicnb.course.group_case import Case

__all__ = ["Case", "Feedback", "case_records", "exercise", "import_case"]
