"""One class per rule of domain.md §6, grouped by what they judge: every nomination (general),
one person (individual), a unit (collective), the commemorative medal. Each verdict is a sentence
that cites its legal basis, written with base.Message as `_`: it translates like gettext and keeps
the msgid and parameters, so a checklist stored at submission reads in its reader's language.
RULES is the order in which a checklist lists them; a rule reads only the Evidence (evidence.py),
and says in `needs` what it reads beyond the nominee's own history."""

from awards.eligibility.rules.collective import (
    AdvancedCollective,
    ClusterLeader,
    ExcellentCollective,
    IndicatorTargetsMet,
)
from awards.eligibility.rules.commemorative import CommemorativeMedal
from awards.eligibility.rules.common import pick_initiatives
from awards.eligibility.rules.general import (
    AdhocAwardsNotCounted,
    DecidingAuthority,
    MinimumRating,
    NoHold,
    NotAlreadyAwarded,
    OneAchievementOneAward,
    OneOpenNomination,
    RecipientMatches,
)
from awards.eligibility.rules.individual import (
    FIGHTER_CYCLE_YEARS,
    FighterQuota,
    GrassrootsFighter,
    LongServiceWindow,
    ProvincialDiploma,
    ProvincialFighter,
    cycle_chain,
)

RULES = [
    RecipientMatches(),
    OneOpenNomination(),
    NotAlreadyAwarded(),
    NoHold(),
    OneAchievementOneAward(),
    AdhocAwardsNotCounted(),
    MinimumRating(),
    GrassrootsFighter(),
    ProvincialFighter(),
    AdvancedCollective(),
    ExcellentCollective(),
    ProvincialDiploma(),
    LongServiceWindow(),
    CommemorativeMedal(),
    ClusterLeader(),
    FighterQuota(),
    IndicatorTargetsMet(),
    DecidingAuthority(),
]

__all__ = ["FIGHTER_CYCLE_YEARS", "RULES", "cycle_chain", "initiatives_relied_on",
           "pick_initiatives"]  # fmt: skip


def initiatives_relied_on(case):
    """The unused initiatives the rules of `case.award_type` rely on for this subject and year
    (what a granted title consumes, domain.md §6 rule 6); [] when it rests on none."""
    found = []
    for rule in RULES:
        if rule.applies(case) and hasattr(rule, "relied_on"):
            found.extend(rule.relied_on(case))
    return found
