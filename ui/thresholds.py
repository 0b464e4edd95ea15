"""When the panel's scores for one application count as a disagreement worth a look: the two
thresholds the chair's console flags by, stored in the user's settings as text (Decimal, never
float). A module of its own so the start page, which imports :mod:`ui.settings`, does not load
``decimal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .settings import settings

RANGE_KEY = "review/disagreementRange"
STD_DEV_KEY = "review/disagreementStdDev"

DEFAULT_RANGE = Decimal("15")
DEFAULT_STD_DEV = Decimal("6")


@dataclass(frozen=True)
class DisagreementThresholds:
    """When the panel's scores for one application count as a disagreement worth a look.

    ``score_range``: highest minus lowest total score; ``std_dev``: their standard deviation.
    """

    score_range: Decimal = DEFAULT_RANGE
    std_dev: Decimal = DEFAULT_STD_DEV


def _decimal(value: object, default: Decimal) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return default
    return d if d.is_finite() and d > 0 else default


def disagreement_thresholds() -> DisagreementThresholds:
    s = settings()
    return DisagreementThresholds(_decimal(s.value(RANGE_KEY, DEFAULT_RANGE), DEFAULT_RANGE),
                                  _decimal(s.value(STD_DEV_KEY, DEFAULT_STD_DEV), DEFAULT_STD_DEV))


def set_disagreement_thresholds(thresholds: DisagreementThresholds) -> None:
    # Stored as text: scores are Decimal and no float should round them on the way.
    s = settings()
    s.setValue(RANGE_KEY, str(thresholds.score_range))
    s.setValue(STD_DEV_KEY, str(thresholds.std_dev))


def from_text(score_range: str, std_dev: str) -> DisagreementThresholds:
    """Thresholds from the dialog's text (one decimal place), falling back to the defaults."""
    return DisagreementThresholds(_decimal(score_range, DEFAULT_RANGE), _decimal(std_dev, DEFAULT_STD_DEV))
