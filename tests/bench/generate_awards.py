"""The awards half of the generated province: annual ratings, past awards, the year's campaign
with its nominations, and the audit rows (see tests/bench/generate.py)."""

from datetime import date, timedelta

from tests.bench import params
from tests.bench.names import weighted

NOW = params.NOW

RATINGS = [("HTXSNV", 20), ("HTTNV", 58), ("HTNV", 19), ("KHTNV", 3)]
HISTORY_YEARS = range(params.YEAR - 8, params.YEAR)  # the awards already granted
ISSUER = "Giám đốc Sở Lao động – Thương binh và Xã hội"
# Award types of the campaign's nominations: individual ones, then collective ones.
INDIVIDUAL = [("LDTT", 58), ("CSTDCS", 20), ("GK_SO", 12), ("BK_TINH", 7), ("CSTD_TINH", 3)]
COLLECTIVE = [("TTLDTT", 55), ("TTLDXS", 20), ("GK_SO", 12), ("BK_TINH", 8), ("CO_TINH", 5)]
INDIVIDUAL_SHARE = 0.879  # about 4,400 people and 600 units among 5,006 nominations
STATES = [("submitted", 50), ("accepted", 25), ("draft", 12), ("resubmitted", 6),
          ("returned", 7)]  # fmt: skip


def make_ratings(world, rng):
    """Every person's rating for the last three years, the units' too, then older years until
    the count is reached."""
    from awards.models import AnnualRating
    from tests.bench import database

    people, units = len(world["person_unit"]), world["units"]
    ratings, weights = weighted(RATINGS)
    recent = [params.YEAR, params.YEAR - 1, params.YEAR - 2]
    subjects = [*(("person", year) for year in recent), *(("unit", year) for year in recent),
                *(("person", year) for year in range(params.YEAR - 3, 1990, -1))]  # fmt: skip
    total, at = params.size("ratings"), NOW - timedelta(days=70)
    make = database.maker(AnnualRating)

    def rows():
        pk = 0
        for kind, year in subjects:
            ids = range(1, people + 1) if kind == "person" else [u[0] for u in units]
            for subject in ids:
                if pk == total:
                    return
                pk += 1
                yield make(id=pk, year=year, rating=rng.choices(ratings, weights)[0],
                                   updated_at=at, **{f"{kind}_id": subject})  # fmt: skip

    return database.insert(AnnualRating, rows())


def award_history(world, rng):
    """(kind, subject id, year, award code) of past awards: a quarter of the staff are Advanced
    Workers each year, a few grassroots fighters (often several years running), department
    certificates of merit; a third of the units are advanced collectives."""
    people, units = len(world["person_unit"]), world["units"]
    history, fighters = [], set()
    for year in HISTORY_YEARS:
        for person in range(1, people + 1):
            draw = rng.random()
            if draw < 0.27:
                history.append(("person", person, year, "LDTT"))
                again = person in fighters and rng.random() < 0.5
                fighter = again or rng.random() < 0.03
                (fighters.add if fighter else fighters.discard)(person)
                if fighter:
                    history.append(("person", person, year, "CSTDCS"))
            elif draw < 0.29:
                history.append(("person", person, year, "GK_SO"))
        for unit in units:
            draw = rng.random()
            if draw < 0.3:
                history.append(("unit", unit[0], year, "TTLDTT"))
            elif draw < 0.36:
                history.append(("unit", unit[0], year, "TTLDXS"))
            elif draw < 0.42:
                history.append(("unit", unit[0], year, "GK_SO"))
    total = params.size("awards")
    if len(history) > total:
        kept = sorted(rng.sample(range(len(history)), total))
        history = [history[i] for i in kept]
    return history


def make_awards(world, rng):
    from awards.models import AwardRecord, AwardType
    from tests.bench import database

    types = dict(AwardType.objects.values_list("code", "pk"))
    world["award_types"] = types
    history, make = award_history(world, rng), database.maker(AwardRecord)

    def rows():
        for pk, (kind, subject, year, code) in enumerate(history, start=1):
            adhoc = code == "GK_SO" and rng.random() < 0.1
            yield make(
                id=pk, award_type_id=types[code], year=year, **{f"{kind}_id": subject},
                commendation_type="adhoc" if adhoc else "merit",
                decision_number=f"{100 + pk % 900}/QĐ-SLĐTBXH",
                decision_date=date(year + 1, 1, 10 + pk % 18), issuer=ISSUER,
                source="imported", revoked=rng.random() < 0.002,
            )  # fmt: skip

    return database.insert(AwardRecord, rows())


def make_campaign(world, rng):
    """The year's campaign, launched to every unit, and its nominations: 5,006 of mixed award
    types, most submitted or accepted, by about 4,400 people and 600 units."""
    from awards.models import Campaign, Nomination
    from tests.bench import database

    types = world["award_types"]
    campaign = Campaign.objects.create(
        name=f"Phong trào thi đua năm {params.YEAR}", year=params.YEAR, state="open",
        nominations_open=date(params.YEAR, 11, 15), nominations_close=date(params.YEAR + 1, 3, 31),
        created_by_id=1,
    )  # fmt: skip
    campaign.award_types.set(types[code] for code, _weight in [*INDIVIDUAL, *COLLECTIVE])
    world["campaign"] = campaign.pk
    total = params.size("nominations")
    individual = min(round(total * INDIVIDUAL_SHARE), len(world["person_unit"]))
    people = rng.sample(range(1, len(world["person_unit"]) + 1), individual)
    units = rng.sample([u[0] for u in world["units"] if u[4] > 0], total - individual)
    person_unit, names = world["person_unit"], world["person_name"]
    clerks, paths = world["clerks"], {u[0]: u[3] for u in world["units"]}
    unit_names = {u[0]: u[2] for u in world["units"]}
    states, state_weights = weighted(STATES)
    make = database.maker(Nomination)

    def clerk_of(unit_id):
        top = int(paths[unit_id].split("/")[2]) if paths[unit_id].count("/") > 2 else None
        return clerks.get(top, 1)

    def rows():
        subjects = [("person", p) for p in people] + [("unit", u) for u in units]
        for pk, (kind, subject) in enumerate(subjects, start=1):
            codes, weights = weighted(INDIVIDUAL if kind == "person" else COLLECTIVE)
            code = rng.choices(codes, weights)[0]
            unit = person_unit[subject - 1] if kind == "person" else subject
            state = rng.choices(states, state_weights)[0]
            updated = NOW - timedelta(minutes=rng.randint(60, 90 * 24 * 60))
            nominee = names[subject - 1] if kind == "person" else unit_names[subject]
            labels.append((unit, f"{code} · {nominee} · {params.YEAR}"))
            yield make(
                id=pk, campaign_id=campaign.pk, award_type_id=types[code], year=params.YEAR,
                person_id=subject if kind == "person" else None, unit_id=unit, state=state,
                summary=f"Thành tích năm {params.YEAR} của {nominee}: hoàn thành xuất sắc "
                        "nhiệm vụ được giao, tích cực tham gia các phong trào thi đua.",
                created_by_id=clerk_of(unit), created_at=updated - timedelta(days=3),
                updated_at=updated, submitted_at=None if state == "draft" else updated,
            )  # fmt: skip

    world["nominations"] = labels = []  # (unit, label) of each, for the audit rows
    return database.insert(Nomination, rows())


def make_audit(world, rng):
    """The log of two years of work: people edited and imported, nominations moved along,
    figures submitted and approved; newest rows last, as they were written."""
    from django.contrib.contenttypes.models import ContentType

    from awards.models import Nomination
    from indicators.models import DataStatus
    from organizations.models import AuditEntry, Person
    from organizations.text import fold
    from tests.bench import database

    kinds = {model: ContentType.objects.get_for_model(model).pk
             for model in (Person, Nomination, DataStatus)}  # fmt: skip
    total, units = params.size("audit"), world["units"]
    person_unit, names = world["person_unit"], world["person_name"]
    paths = {u[0]: u[3] for u in units}
    start, span = NOW - timedelta(days=730), 730 * 24 * 3600
    positions = ["Chuyên viên", "Chuyên viên chính", "Phó trưởng phòng", "Trưởng phòng"]
    make = database.maker(AuditEntry)

    def entry(pk):
        draw = rng.random()
        if draw < 0.55 or not world["nominations"]:
            person = rng.randint(1, len(person_unit))
            unit, label, model = person_unit[person - 1], names[person - 1], Person
            if draw < 0.35:
                action, changes = "person.update", {"position": rng.sample(positions, 2)}
            else:
                action, changes = "import.create", {"full_name": [None, label]}
            object_id, before, after = person, "", ""
        elif draw < 0.8:
            object_id = rng.randint(1, len(world["nominations"]))
            (unit, label), model = world["nominations"][object_id - 1], Nomination
            action, before, after = rng.choice(
                [
                    ("nomination.submit", "draft", "submitted"),
                    ("nomination.accept", "submitted", "accepted"),
                    ("nomination.return", "submitted", "returned"),
                ]
            )
            changes = {}
        else:
            index = rng.randrange(len(units))
            unit, model = units[index][0], DataStatus
            label = f"{units[index][1]} · {params.YEAR - 1}"
            action, before, after = rng.choice(
                [
                    ("figures.submitted", "open", "submitted"),
                    ("figures.approved", "submitted", "approved"),
                ]
            )
            object_id, changes = index * 3 + 2, {}
        reason = "Cập nhật theo quyết định điều động" if action == "person.update" else ""
        return make(
            id=pk, at=start + timedelta(seconds=span * pk // (total + 1)), actor_id=1,
            content_type_id=kinds[model], object_id=str(object_id), unit_id=unit,
            unit_path=paths[unit], object_repr=label[:200],
            search_text=fold(f"{label} {reason}")[:400], action=action, from_state=before,
            to_state=after, reason=reason, changes=changes,
        )  # fmt: skip

    return database.insert(AuditEntry, (entry(pk) for pk in range(1, total + 1)))


STEPS = [
    ("ratings", make_ratings),
    ("awards", make_awards),
    ("nominations", make_campaign),
    ("audit", make_audit),
]
