"""Pure analysis functions: statistics, LA↔CSO views and gaps, the small-number rule,
progress across rounds, coverage of outcomes, resilience screening.

No I/O and no Jupyter imports: importable from scripts. See ``docs/analysis.md``.
"""

from civicnb.analysis.coverage import Coverage, coverage
from civicnb.analysis.privacy import DEFAULT_MIN_GROUP, Withheld
from civicnb.analysis.progress import Progress, compare_rounds
from civicnb.analysis.resilience import Screening, screen_action
from civicnb.analysis.stats import QuestionStats, question_stats
from civicnb.analysis.views import RoundAnalysis, Thresholds, analyse_round, rank_pairs

__all__ = [
    "DEFAULT_MIN_GROUP",
    "Coverage",
    "Progress",
    "QuestionStats",
    "RoundAnalysis",
    "Screening",
    "Thresholds",
    "Withheld",
    "analyse_round",
    "compare_rounds",
    "coverage",
    "question_stats",
    "rank_pairs",
    "screen_action",
]
