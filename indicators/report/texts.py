"""The report's rows as the machine formats (JSON, CSV) write them: every figure as text.

`text_rows` writes each row of `RolledUp.lines` as one text, in one loop: for the usual row
(every figure present and positive) the ratios are computed and written in place, without a
call per row or per figure (those calls took two thirds of writing a department's report).
Any other row goes through `derive` and `number_text`, which stay the reference:
tests/indicators/test_report_texts.py checks that both ways write the same.
"""

from indicators.arithmetic import HIGHER
from indicators.report.rollup import SCALE, derive

_PERCENT = 100 * SCALE
_EXACT = 10**15  # below this a scaled figure's text is its digits; above, the float's repr
_FRACTIONS = [f".{n:04d}".rstrip("0") for n in range(SCALE)]
_FRACTIONS[0] = ""
# derive leaves a quotient to Decimal when |2 × rest − divisor| × 10^26 ≤ divisor × (quotient
# + 10^7) (rollup._ratio). With a quotient below _EXACT and a divisor below _NARROW the right
# side is below 10^26, so that holds only for a rest of exactly half the divisor.
_NARROW = 10**10


def number_text(scaled):
    """A scaled figure as every format writes it: 12 for a whole number, 12.5 otherwise, as
    Python writes the float (json.dumps wrote the Decimal made a float so)."""
    # Up to 15 digits a float's shortest text is the decimal it came from: the digits
    # themselves, without the float (repr costs more than the rest of a row).
    if 0 <= scaled < _EXACT:
        whole, fraction = divmod(scaled, SCALE)
        return f"{whole}{_FRACTIONS[fraction]}"
    if -_EXACT < scaled < 0:
        whole, fraction = divmod(-scaled, SCALE)
        return f"-{whole}{_FRACTIONS[fraction]}"
    whole, fraction = divmod(scaled, SCALE)
    return repr(scaled / SCALE) if fraction else str(whole)


class Texts(dict):
    """number_text of the figures met so far, `empty` for None. Targets and results repeat
    across a report (counts, rates with two decimals): each is written once."""

    def __init__(self, empty):
        super().__init__({None: empty})

    def __missing__(self, scaled):
        text = self[scaled] = number_text(scaled)
        return text


class Layout:
    """How a format writes a row: `indicators[k] + units[i]` before the target, `between` the
    seven figures (six texts), `met[True | False | None]` after the last, `empty` for a figure
    that is None."""

    def __init__(self, *, indicators, units, between, met, empty):
        self.indicators, self.units, self.between = indicators, units, between
        self.met, self.empty = met, empty


def text_rows(report, layout, start=0, stop=None):
    """Each row of `report.lines` for the units start..stop as one text, in `layout`."""
    texts = Texts(layout.empty)
    fractions = _FRACTIONS
    b0, b1, b2, b3, b4, b5 = layout.between
    met_text, indicator_text, unit_text = layout.met, layout.indicators, layout.units

    def derived(i, k, t, r, p, higher):
        share, exceeded, change, change_percent, met = derive(t, r, p, higher)
        return (f"{indicator_text[k]}{unit_text[i]}{texts[t]}{b0}{texts[r]}{b1}{texts[p]}{b2}"
                f"{texts[share]}{b3}{texts[exceeded]}{b4}{texts[change]}{b5}"
                f"{texts[change_percent]}{met_text[met]}")  # fmt: skip

    columns = [(k, c, ind.direction == HIGHER) for k, (c, ind)
               in enumerate(zip(report.columns, report.indicators, strict=True))]  # fmt: skip
    target, result, previous = report.target, report.result, report.previous
    for i in range(start, len(report.units) if stop is None else stop):
        targets, results, before = target[i], result[i], previous[i]
        unit = unit_text[i]
        for k, c, higher in columns:
            t, r = targets[c], results[c]
            if t is None and r is None:
                continue
            p = before[c]
            if t is None or r is None or p is None or t <= 0 or r <= 0 or p <= 0:
                yield derived(i, k, t, r, p, higher)
                continue
            if higher:
                share, rest = divmod(r * _PERCENT, t)
                divisor, met = t, r >= t
            else:
                share, rest = divmod(t * _PERCENT, r)
                divisor, met = r, r <= t
            change = r - p
            change_percent, change_rest = divmod(abs(change) * _PERCENT, p)
            if share >= _EXACT or change_percent >= _EXACT or divisor >= _NARROW or p >= _NARROW:
                yield derived(i, k, t, r, p, higher)
                continue
            # Below those bounds a quotient is near enough a half for derive to ask Decimal
            # only when it is exactly a half (see _NARROW): those rows go to derive too.
            if rest:
                twice = 2 * rest
                if twice == divisor:
                    yield derived(i, k, t, r, p, higher)
                    continue
                if twice > divisor:
                    share += 1
            if change_rest:
                twice = 2 * change_rest
                if twice == p:
                    yield derived(i, k, t, r, p, higher)
                    continue
                if twice > p:
                    change_percent += 1
            whole, fraction = divmod(share, SCALE)
            if share >= _PERCENT:
                exceeded = f"{whole - 100}{fractions[fraction]}"
            else:
                below, below_fraction = divmod(_PERCENT - share, SCALE)
                exceeded = f"-{below}{fractions[below_fraction]}"
            up, up_fraction = divmod(change_percent, SCALE)
            yield (f"{indicator_text[k]}{unit}{texts[t]}{b0}{texts[r]}{b1}{texts[p]}{b2}"
                   f"{whole}{fractions[fraction]}{b3}{exceeded}{b4}{texts[change]}{b5}"
                   f"{'-' if change < 0 and change_percent else ''}{up}{fractions[up_fraction]}"
                   f"{met_text[met]}")  # fmt: skip
