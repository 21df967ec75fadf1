from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    WARNING = "warning", _("Warning")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Message(str):
    """A verdict's sentence in the active language that also remembers its msgid and parameters,
    so that the checklist stored at submission can be written again in the reader's language.
    The rules call it as `_("… %(year)s …") % {...}`, like gettext."""

    def __new__(cls, msgid, params=None):
        text = gettext(msgid)
        message = super().__new__(cls, text if params is None else text % params)
        message.msgid, message.params = msgid, params
        return message

    def __mod__(self, params):
        return Message(self.msgid, params)

    def __getnewargs__(self):
        return (self.msgid, self.params)


class Joined(str):
    """Messages joined by a separator ("; "), each of which stays translatable."""

    def __new__(cls, separator, items):
        items = list(items)
        joined = super().__new__(cls, separator.join(str(item) for item in items))
        joined.separator, joined.items = separator, items
        return joined

    def __getnewargs__(self):
        return (self.separator, self.items)


def _storable(value):
    """A message parameter as JSON that `_revived` can translate again."""
    if isinstance(value, Message):
        return {"msgid": value.msgid, "params": _storable(value.params)}
    if isinstance(value, Joined):
        return {"join": value.separator, "items": [_storable(item) for item in value.items]}
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(item) for item in value]
    # A choice label (gettext_lazy) keeps its msgid in the proxy's arguments.
    if isinstance(value, Promise) and len(getattr(value, "_args", ())) == 1:
        return {"msgid": str(value._args[0]), "params": None}
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _revived(value):
    if isinstance(value, dict) and "msgid" in value:
        text = gettext(value["msgid"])
        return text if value.get("params") is None else text % _revived(value["params"])
    if isinstance(value, dict) and "join" in value:
        return value["join"].join(str(_revived(item)) for item in value["items"])
    if isinstance(value, dict):
        return {key: _revived(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_revived(item) for item in value]
    return value


def stored_message(result):
    """The message of a stored rule result in the active language; a snapshot stored before
    results kept their msgid (or one whose translation no longer fits) shows its stored text."""
    if "msgid" not in result:
        return result.get("message", "")
    try:
        return _revived({"msgid": result["msgid"], "params": result.get("params")})
    except (KeyError, TypeError, ValueError):
        return result.get("message", "")


@dataclass(frozen=True)
class RuleResult:
    rule: str
    outcome: str
    blocking: bool
    message: str

    def as_dict(self):
        return {"rule": self.rule, "outcome": self.outcome, "blocking": self.blocking,
                "message": str(self.message)}  # fmt: skip

    def as_stored(self):
        """as_dict plus the message's msgid and parameters, for `stored_message` to translate."""
        stored = self.as_dict()
        if isinstance(self.message, Message):
            stored.update(msgid=self.message.msgid, params=_storable(self.message.params))
        return stored

    @property
    def blocks(self):
        return self.blocking and self.outcome == Outcome.FAIL


@dataclass(frozen=True)
class Case:
    """What one rule needs to judge: who, for what, for which year, and the evidence."""

    award_type: object
    year: int
    person: object | None
    unit: object
    evidence: object
    commendation_type: str = "merit"
    nomination_id: int | None = None
    campaign: object | None = None

    @property
    def individual(self):
        return self.person is not None

    @property
    def subject_key(self):
        return ("person", self.person.pk) if self.person else ("unit", self.unit.pk)


class Rule:
    """One legal or configured requirement. Subclasses set `name` and `codes` (the award types
    they judge; None = every type) and implement `check`."""

    name = ""
    codes = None
    blocking = True
    individual_only = False
    collective_only = False

    def applies(self, case):
        if self.codes is not None and case.award_type.code not in self.codes:
            return False
        if self.individual_only and not case.individual:
            return False
        return not (self.collective_only and case.individual)

    def check(self, case):
        raise NotImplementedError

    def needs(self, case):
        """What the rule reads beyond the nominee's own history, for `case.year`: ("staff",
        unit id) to count a unit's staff, ("targets", unit) for its indicator results."""
        return ()

    def result(self, outcome, message, blocking=None):
        return RuleResult(
            rule=self.name,
            outcome=outcome,
            blocking=self.blocking if blocking is None else blocking,
            message=message,
        )

    def passed(self, message):
        return self.result(Outcome.PASS, message)

    def failed(self, message):
        return self.result(Outcome.FAIL, message)

    def warned(self, message):
        return self.result(Outcome.WARNING, message, blocking=False)

    def not_applicable(self, message):
        return self.result(Outcome.NOT_APPLICABLE, message, blocking=False)


def basis(award_type):
    """“Law 06/2022/QH15, Điều 24” — the legal basis printed after each verdict."""
    parts = [award_type.legal_document, award_type.legal_article]
    return ", ".join(p for p in parts if p)


def consecutive(years, end, count):
    """True when each of the `count` years ending with `end` is in `years`."""
    return all(end - offset in years for offset in range(count))
