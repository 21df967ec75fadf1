"""Vietnamese names for the generated province: people, units and indicators.

Family names follow their rough frequency (Nguyễn on about four names in ten), so a search for
"nguyễn" matches as many people as it would in a real department; the Hmong and Tày family
names of the northern mountains are there too.
"""

FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4),
          ("Phan", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1),
          ("Lý", 1), ("Giàng", 2), ("Vàng", 2), ("Sùng", 2), ("Lò", 1), ("Hầu", 1), ("Ma", 2),
          ("Lục", 1), ("Nông", 1)]  # fmt: skip
MIDDLE = {
    "M": ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thành", "Công", "Xuân", "Tiến", "Mạnh", "A"],
    "F": ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Thúy", "Kim", "Diệu"],
}
GIVEN = {
    "M": ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
          "Long", "Mạnh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Tiến",
          "Trung", "Tuấn", "Việt", "Vinh", "Chính", "Dương", "Lộc", "Toàn", "Nguyên", "Sính"],
    "F": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Liên",
          "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo",
          "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Xuân", "Yến", "Mỷ", "Ly", "Dính"],
}  # fmt: skip
POSITIONS = [("Chuyên viên", 40), ("Chuyên viên chính", 10), ("Cán sự", 12), ("Nhân viên", 12),
             ("Giáo viên", 8), ("Kế toán", 4), ("Văn thư", 3), ("Phó trưởng phòng", 5),
             ("Trưởng phòng", 3), ("Phó giám đốc", 2), ("Giám đốc", 1)]  # fmt: skip

DISTRICTS = ["Thành phố Hà Giang", "Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Bắc Mê",
             "Hoàng Su Phì", "Xín Mần", "Vị Xuyên", "Bắc Quang", "Quang Bình"]  # fmt: skip
OFFICES = [("Văn phòng Sở", "office"), ("Thanh tra Sở", "office"),
           ("Phòng Kế hoạch – Tài chính", "office"), ("Phòng Lao động – Việc làm", "office"),
           ("Phòng Giáo dục nghề nghiệp", "office"), ("Phòng Người có công", "office"),
           ("Phòng Bảo trợ xã hội", "office"), ("Phòng Trẻ em và Bình đẳng giới", "office"),
           ("Trung tâm Dịch vụ việc làm", "centre"), ("Trung tâm Bảo trợ xã hội", "centre"),
           ("Cơ sở cai nghiện ma túy", "centre"), ("Trung tâm Công tác xã hội", "centre"),
           ("Trường Cao đẳng Kỹ thuật", "school"), ("Trường Trung cấp nghề", "school"),
           ("Trung tâm Điều dưỡng người có công", "centre"), ("Làng trẻ em SOS", "centre"),
           ("Nghĩa trang liệt sĩ tỉnh", "other"), ("Quỹ Bảo trợ trẻ em", "other"),
           ("Ban Quản lý dự án", "other")]  # fmt: skip
COMMUNES = ["Lũng Cú", "Ma Lé", "Sủng Là", "Phố Bảng", "Lũng Táo", "Sà Phìn", "Tả Lủng",
            "Sảng Tủng", "Pả Vi", "Niêm Sơn", "Khâu Vai", "Sơn Vĩ", "Thượng Phùng", "Lũng Pù",
            "Xín Cái", "Bạch Đích", "Du Già", "Lao Và Chải", "Ngọc Long", "Mậu Duệ", "Đông Hà",
            "Quyết Tiến", "Cán Tỷ", "Tùng Vài", "Yên Phú", "Minh Ngọc", "Thông Nguyên", "Nậm Ty",
            "Tân Quang", "Việt Vinh", "Vĩnh Hảo", "Hùng An", "Tiên Kiều", "Bằng Lang",
            "Xuân Giang", "Tiên Yên", "Thuận Hòa", "Phương Tiến", "Đạo Đức", "Cao Bồ"]  # fmt: skip
SECTIONS = ["Tổ Hành chính", "Tổ Nghiệp vụ", "Khoa Cơ khí", "Khoa Điện", "Bộ phận Chăm sóc",
            "Tổ Tư vấn", "Bộ phận Kế toán", "Tổ Công tác xã hội", "Khoa Nông lâm"]  # fmt: skip
VILLAGES = ["Thôn Lũng Hòa", "Thôn Sà Lủng", "Thôn Nà Khoang", "Thôn Chúng Trải", "Thôn Pải Lủng",
            "Thôn Mã Pì Lèng", "Thôn Tà Làng", "Thôn Khủng Cáng", "Thôn Lò Suối Tủng"]  # fmt: skip

# Name, unit of measure, percentage?, lower is better?
INDICATOR_KINDS = [
    ("Số lao động được tạo việc làm mới", "người", False, False),
    ("Số người được đào tạo nghề", "người", False, False),
    ("Số lao động đi làm việc ở nước ngoài theo hợp đồng", "người", False, False),
    ("Tỷ lệ lao động qua đào tạo", "%", True, False),
    ("Tỷ lệ hộ nghèo", "%", True, True),
    ("Số hộ thoát nghèo", "hộ", False, False),
    ("Tỷ lệ hộ cận nghèo", "%", True, True),
    ("Số người có công được chăm sóc", "người", False, False),
    ("Số trẻ em có hoàn cảnh đặc biệt được hỗ trợ", "trẻ", False, False),
    ("Tỷ lệ người lao động tham gia bảo hiểm xã hội", "%", True, False),
    ("Số vụ tai nạn lao động", "vụ", False, True),
    ("Số người cai nghiện ma túy", "người", False, False),
    ("Kinh phí trợ cấp xã hội đã chi", "triệu đồng", False, False),
    ("Tỷ lệ xã đạt chuẩn phù hợp với trẻ em", "%", True, False),
    ("Số đối tượng bảo trợ xã hội được trợ cấp hằng tháng", "người", False, False),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", True, False),
    ("Số nhà tình nghĩa được xây mới, sửa chữa", "nhà", False, False),
]


def weighted(pairs):
    """(value, weight) pairs as the two lists `random.choices` takes."""
    return [value for value, _weight in pairs], [weight for _value, weight in pairs]
