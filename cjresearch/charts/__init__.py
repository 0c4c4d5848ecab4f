"""Altair charts of cjresearch results; they draw, they never compute statistics."""
from .events import funnel_chart, step_chart

__all__ = ["funnel_chart", "step_chart"]
