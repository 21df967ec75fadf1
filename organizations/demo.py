"""Demo directory for the reference case: a provincial Department of Labour, Invalids and Social
Affairs (see shared/seed). Loading is idempotent: every row is matched by its code."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations.models import Membership, Person, Role, Unit

DEMO_PASSWORD = "ThiDua@2026"

# code, name, short name, kind, parent code
UNITS = [
    ("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "Sở LĐTBXH", "department", None),
    ("VP", "Văn phòng Sở", "Văn phòng", "office", "SLDTBXH"),
    ("KHTC", "Phòng Kế hoạch – Tài chính", "Phòng KHTC", "office", "SLDTBXH"),
    ("LDVL", "Phòng Lao động – Việc làm và Giáo dục nghề nghiệp", "Phòng LĐVL-GDNN", "office",
     "SLDTBXH"),
    ("BTXH", "Phòng Bảo trợ xã hội và Giảm nghèo", "Phòng BTXH-GN", "office", "SLDTBXH"),
    ("NCC", "Phòng Người có công", "Phòng NCC", "office", "SLDTBXH"),
    ("TTRA", "Thanh tra Sở", "Thanh tra", "office", "SLDTBXH"),
    ("TTDVVL", "Trung tâm Dịch vụ việc làm", "TT DVVL", "centre", "SLDTBXH"),
    ("TTCTXH", "Trung tâm Công tác xã hội", "TT CTXH", "centre", "SLDTBXH"),
    ("BTXHTH", "Cơ sở Bảo trợ xã hội tổng hợp", "Cơ sở BTXH", "centre", "SLDTBXH"),
    ("CDN", "Trường Cao đẳng Kỹ thuật – Công nghệ", "Trường CĐ KT-CN", "school", "SLDTBXH"),
    ("TCNDTNT", "Trường Trung cấp nghề Dân tộc nội trú", "Trường TCN DTNT", "school", "SLDTBXH"),
    ("PLD-DV", "Phòng Lao động – Thương binh và Xã hội huyện Đồng Văn", "Phòng LĐTBXH Đồng Văn",
     "division", "SLDTBXH"),
    ("PLD-MV", "Phòng Lao động – Thương binh và Xã hội huyện Mèo Vạc", "Phòng LĐTBXH Mèo Vạc",
     "division", "SLDTBXH"),
    ("PLD-YM", "Phòng Lao động – Thương binh và Xã hội huyện Yên Minh", "Phòng LĐTBXH Yên Minh",
     "division", "SLDTBXH"),
    ("PLD-QB", "Phòng Lao động – Thương binh và Xã hội huyện Quản Bạ", "Phòng LĐTBXH Quản Bạ",
     "division", "SLDTBXH"),
    ("XA-LC", "Ủy ban nhân dân xã Lũng Cú (bộ phận LĐTBXH)", "Xã Lũng Cú", "division", "PLD-DV"),
    ("XA-SL", "Ủy ban nhân dân xã Sủng Là (bộ phận LĐTBXH)", "Xã Sủng Là", "division", "PLD-DV"),
    ("XA-PV", "Ủy ban nhân dân xã Pải Lủng (bộ phận LĐTBXH)", "Xã Pải Lủng", "division", "PLD-MV"),
]  # fmt: skip

# staff number, full name, sex, position, unit code, in the sector since, date of birth
PEOPLE = [
    ("NV001", "Nguyễn Văn Hùng", "M", "Giám đốc Sở", "SLDTBXH", "1996-08-01", "1970-03-12"),
    ("NV002", "Trần Thị Mai", "F", "Phó Giám đốc Sở", "SLDTBXH", "2001-09-15", "1975-07-21"),
    ("NV003", "Lê Minh Tuấn", "M", "Phó Giám đốc Sở", "SLDTBXH", "2003-02-01", "1977-11-02"),
    ("NV004", "Phạm Thu Hà", "F", "Chánh Văn phòng", "VP", "2005-04-01", "1980-01-30"),
    ("NV005", "Hoàng Đức Anh", "M", "Chuyên viên thi đua – khen thưởng", "VP", "2012-06-01",
     "1988-05-17"),
    ("NV006", "Vũ Thị Lan", "F", "Văn thư", "VP", "2015-03-01", "1992-09-09"),
    ("NV007", "Đặng Quốc Bảo", "M", "Trưởng phòng", "KHTC", "2004-07-01", "1979-12-05"),
    ("NV008", "Bùi Thị Ngọc Ánh", "F", "Kế toán", "KHTC", "2010-10-01", "1986-04-14"),
    ("NV009", "Đỗ Văn Thắng", "M", "Trưởng phòng", "LDVL", "2002-01-01", "1976-06-25"),
    ("NV010", "Ngô Thị Hương", "F", "Chuyên viên việc làm", "LDVL", "2011-05-01", "1987-08-08"),
    ("NV011", "Dương Văn Lâm", "M", "Chuyên viên giáo dục nghề nghiệp", "LDVL", "2014-09-01",
     "1990-02-19"),
    ("NV012", "Lý Thị Thu", "F", "Trưởng phòng", "BTXH", "2006-03-01", "1981-10-10"),
    ("NV013", "Hà Văn Dũng", "M", "Chuyên viên giảm nghèo", "BTXH", "2013-08-01", "1989-07-07"),
    ("NV014", "Mai Thị Hồng", "F", "Trưởng phòng", "NCC", "2000-11-01", "1974-03-03"),
    ("NV015", "Trịnh Văn Quang", "M", "Chuyên viên chính sách", "NCC", "2016-02-01", "1993-12-12"),
    ("NV016", "Phan Thị Thanh Tâm", "F", "Chánh Thanh tra", "TTRA", "2003-05-01", "1978-05-05"),
    ("NV017", "Đinh Công Minh", "M", "Giám đốc Trung tâm", "TTDVVL", "2007-07-01", "1982-08-18"),
    ("NV018", "Lương Thị Yến", "F", "Tư vấn viên việc làm", "TTDVVL", "2017-01-01", "1995-01-25"),
    ("NV019", "Tạ Văn Sơn", "M", "Giám đốc Trung tâm", "TTCTXH", "2008-04-01", "1983-04-04"),
    ("NV020", "Chu Thị Nga", "F", "Nhân viên công tác xã hội", "TTCTXH", "2018-06-01",
     "1996-06-06"),
    ("NV021", "Nông Văn Khải", "M", "Giám đốc", "BTXHTH", "2005-09-01", "1979-09-29"),
    ("NV022", "Lò Thị Xuân", "F", "Điều dưỡng", "BTXHTH", "2019-03-01", "1997-03-08"),
    ("NV023", "Vương Đình Khoa", "M", "Hiệu trưởng", "CDN", "1999-08-15", "1972-02-14"),
    ("NV024", "Kiều Thị Phương", "F", "Giảng viên", "CDN", "2009-08-15", "1985-11-20"),
    ("NV025", "Âu Văn Trường", "M", "Giáo viên dạy nghề", "TCNDTNT", "2012-08-15", "1988-10-01"),
    ("NV026", "Giàng Thị Súa", "F", "Hiệu trưởng", "TCNDTNT", "2006-08-15", "1980-07-15"),
    ("NV027", "Sùng Mí Páo", "M", "Trưởng phòng", "PLD-DV", "2004-03-01", "1978-01-01"),
    ("NV028", "Vàng Thị Mỷ", "F", "Chuyên viên", "PLD-DV", "2014-03-01", "1991-04-22"),
    ("NV029", "Thào Văn Chứ", "M", "Công chức LĐTBXH xã", "XA-LC", "2016-05-01", "1994-05-30"),
    ("NV030", "Lầu Thị Dua", "F", "Công chức LĐTBXH xã", "XA-SL", "2018-09-01", "1996-02-02"),
    ("NV031", "Hầu Mí Lử", "M", "Trưởng phòng", "PLD-MV", "2005-06-01", "1979-06-06"),
    ("NV032", "Ly Thị Dính", "F", "Chuyên viên", "PLD-MV", "2015-06-01", "1992-12-24"),
    ("NV033", "Mua Văn Say", "M", "Công chức LĐTBXH xã", "XA-PV", "2017-10-01", "1995-10-10"),
    ("NV034", "Nguyễn Thị Ánh Tuyết", "F", "Trưởng phòng", "PLD-YM", "2003-08-01", "1977-08-08"),
    ("NV035", "Triệu Văn Đức", "M", "Chuyên viên", "PLD-YM", "2013-01-01", "1989-01-15"),
    ("NV036", "Hoàng Thị Êm", "F", "Trưởng phòng", "PLD-QB", "2002-10-01", "1976-10-20"),
    ("NV037", "Phàn Văn Lộc", "M", "Chuyên viên", "PLD-QB", "2011-11-01", "1987-11-11"),
]  # fmt: skip

# username, full name, role, unit code, superuser. Django prints first_name + last_name; a
# Vietnamese name is written family name first, so the whole name goes in first_name.
USERS = [
    ("admin", "Quản trị hệ thống", None, None, True),
    ("officer", "Hoàng Đức Anh", Role.OFFICER, "SLDTBXH", False),
    ("clerk", "Vàng Thị Mỷ", Role.CLERK, "PLD-DV", False),
    ("clerk2", "Ly Thị Dính", Role.CLERK, "PLD-MV", False),
    ("council", "Trần Thị Mai", Role.COUNCIL, "SLDTBXH", False),
    ("council2", "Lê Minh Tuấn", Role.COUNCIL, "SLDTBXH", False),
    ("council3", "Mai Thị Hồng", Role.COUNCIL, "SLDTBXH", False),
    ("director", "Nguyễn Văn Hùng", Role.APPROVER, "SLDTBXH", False),
    ("viewer", "Phan Thị Thanh Tâm", Role.VIEWER, "SLDTBXH", False),
]


def _update_or_create(model, lookup, values):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
    return instance


def foreign_rows():
    """Units, people and accounts that the demo did not make: real data that load_demo must
    never touch. Empty on a new database and on one that only ever held the demo."""
    found = []
    units = Unit.objects.exclude(code__in=[row[0] for row in UNITS])
    people = Person.objects.exclude(code__in=[row[0] for row in PEOPLE])
    users = get_user_model().objects.exclude(username__in=[row[0] for row in USERS])
    for label, queryset, field in (
        ("units", units, "code"),
        ("people", people, "code"),
        ("accounts", users, "username"),
    ):
        sample = list(queryset.values_list(field, flat=True)[:3])
        if sample:
            found.append((label, queryset.count(), sample))
    return found


@transaction.atomic
def load():
    units = {}
    for code, name, short_name, kind, parent_code in UNITS:
        units[code] = _update_or_create(
            Unit,
            {"code": code},
            {"name": name, "short_name": short_name, "kind": kind,
             "parent": units.get(parent_code)},
        )  # fmt: skip
    for code, full_name, sex, position, unit_code, since, born in PEOPLE:
        _update_or_create(
            Person,
            {"code": code},
            {
                "full_name": full_name,
                "sex": sex,
                "position": position,
                "unit": units[unit_code],
                "sector_start": date.fromisoformat(since),
                "date_of_birth": date.fromisoformat(born),
            },
        )
    user_model = get_user_model()
    for username, full_name, role, unit_code, superuser in USERS:
        # An existing account keeps its password and rights: only a new one gets the published
        # demo password.
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username, first_name=full_name,
                              email=f"{username}@thidua.example", is_superuser=superuser,
                              is_staff=superuser)  # fmt: skip
            user.set_password(DEMO_PASSWORD)
            user.save()
        if role:
            Membership.objects.get_or_create(user=user, unit=units[unit_code], role=role)
    return USERS
