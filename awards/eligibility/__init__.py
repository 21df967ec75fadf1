"""Eligibility: legal prerequisites checked from the award history, ratings, initiatives, holds,
clusters and indicator results. Rules are code (awards/eligibility/rules/); their parameters
come from the award type (`rule_params`), which officers may edit."""

from awards.eligibility.base import Outcome, RuleResult
from awards.eligibility.engine import (
    Candidate,
    Verdict,
    evaluate,
    evaluate_many,
    evaluate_nomination,
    screen_campaign,
)

__all__ = ["Candidate", "Outcome", "RuleResult", "Verdict", "evaluate", "evaluate_many",
           "evaluate_nomination", "screen_campaign"]  # fmt: skip
