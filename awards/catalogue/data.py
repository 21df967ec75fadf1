"""The legal award catalogue preloaded into every installation (domain.md §2).

Values marked "configurable" in `rule_params["configurable"]` rest on legacy or unverified
sources ([S-old] or [?] in domain.md); the catalogue screen says so, and officers may change them.
"""

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
SECTOR_LEGACY = "Thông tư 08/2019/TT-BLĐTBXH (legacy sector rule)"
DEPARTMENT = "Giám đốc Sở"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh"
MINISTER = "Bộ trưởng"

DOCS = {
    "to_trinh": "Tờ trình / văn bản đề nghị (Mẫu 01)",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "bien_ban_hoi_dong": "Biên bản họp Hội đồng Thi đua – Khen thưởng",
    "ket_qua_bo_phieu": "Kết quả bỏ phiếu kín của Hội đồng",
    "bien_ban_cum_khoi": "Biên bản họp, bình xét của cụm/khối thi đua",
    "sang_kien": "Giấy chứng nhận sáng kiến / đề tài khoa học",
    "ban_khai": "Bản khai thành tích (Kỷ niệm chương)",
    "cong_khai": "Minh chứng công khai, lấy ý kiến",
}


def docs(*codes):
    return [{"code": code, "label": DOCS[code]} for code in codes]


BASIC = docs("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong")
FIGHTER = docs("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong", "ket_qua_bo_phieu",
               "sang_kien")  # fmt: skip
FLAG = docs("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong", "bien_ban_cum_khoi")

# code, vi, en, fr, kind, recipient, authority, decided here, bonus, article, vote, comment days,
# certificate, documents, rule parameters, criteria
AWARD_TYPES = [
    ("LDTT", "Lao động tiên tiến", "Advanced Worker", "Travailleur avancé",
     "title", "individual", DEPARTMENT, True, "0.3", "Điều 24", "0.5", 0, "danh_hieu", BASIC,
     {"min_rating": "HTTNV"},
     "Hoàn thành tốt nhiệm vụ trở lên; tự lực, đoàn kết, tích cực tham gia phong trào thi đua."),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter",
     "Combattant d'émulation de base", "title", "individual", DEPARTMENT, True, "1.0", "Điều 23",
     "0.5", 0, "danh_hieu", BASIC + docs("sang_kien"),
     {"quota_share_of_ldtt": 0.15, "configurable": ["quota_share_of_ldtt"]},
     "Đạt danh hiệu Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được "
     "công nhận, hoặc đề tài khoa học được nghiệm thu."),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "Provincial Emulation Fighter",
     "Combattant d'émulation provincial", "title", "individual", PROVINCE_CHAIR, False, "3.0",
     "Điều 22", "0.9", 0, "danh_hieu", FIGHTER,
     {"consecutive_cstdcs": 3, "initiative_level": "province",
      "configurable": ["vote_threshold"]},
     "Có 3 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; sáng kiến được áp dụng hiệu quả "
     "trong phạm vi tỉnh."),
    ("CSTD_BO", "Chiến sĩ thi đua cấp Bộ", "Ministerial Emulation Fighter",
     "Combattant d'émulation ministériel", "title", "individual", MINISTER, False, "3.0",
     "Điều 22", "0.9", 0, "danh_hieu", FIGHTER,
     {"consecutive_cstdcs": 3, "initiative_level": "ministry",
      "configurable": ["vote_threshold"]},
     "Có 3 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; sáng kiến được áp dụng hiệu quả "
     "trong phạm vi Bộ."),
    ("CSTDTQ", "Chiến sĩ thi đua toàn quốc", "National Emulation Fighter",
     "Combattant d'émulation national", "title", "individual", "Thủ tướng Chính phủ", False,
     "4.5", "Điều 21", "0.9", 10, "danh_hieu", FIGHTER + docs("cong_khai"),
     {"consecutive_provincial_fighter": 2, "fighter_cycle_years": 3,
      "initiative_level": "national",
      "configurable": ["vote_threshold", "public_comment_days"]},
     "Có 2 lần liên tục đạt danh hiệu Chiến sĩ thi đua cấp Bộ/tỉnh; sáng kiến có phạm vi ảnh "
     "hưởng toàn quốc."),
    ("TTLDTT", "Tập thể lao động tiên tiến", "Advanced Labour Collective",
     "Collectif de travail avancé", "title", "collective", DEPARTMENT, True, "0.8", "Điều 28",
     "0.5", 0, "danh_hieu", BASIC, {"min_share_ldtt": 0.5},
     "Hoàn thành tốt nhiệm vụ; có trên 50% cá nhân đạt danh hiệu Lao động tiên tiến."),
    ("TTLDXS", "Tập thể lao động xuất sắc", "Excellent Labour Collective",
     "Collectif de travail excellent", "title", "collective", PROVINCE_CHAIR, False, "1.5",
     "Điều 27", "0.5", 0, "danh_hieu", BASIC,
     {"min_share_ldtt": 0.7, "min_cstdcs": 1, "indicator_met_share": None},
     "Hoàn thành xuất sắc nhiệm vụ; 100% cá nhân hoàn thành nhiệm vụ, ít nhất 70% đạt Lao động "
     "tiên tiến; có cá nhân đạt Chiến sĩ thi đua cơ sở."),
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Provincial People's Committee Emulation "
     "Flag", "Drapeau d'émulation du Comité populaire provincial", "title", "collective",
     PROVINCE_CHAIR, False, "8.0", "Điều 26", "0.5", 0, "co_thi_dua", FLAG,
     {"requires_cluster_winner": True, "indicator_met_share": 1.0, "thematic_movement_years": 3,
      "configurable": ["indicator_met_share"]},
     "Tập thể tiêu biểu, dẫn đầu cụm, khối thi đua; hoàn thành vượt mức các chỉ tiêu thi đua."),
    ("CO_BO", "Cờ thi đua của Bộ", "Ministerial Emulation Flag", "Drapeau d'émulation du ministère",
     "title", "collective", MINISTER, False, "8.0", "Điều 26", "0.5", 0, "co_thi_dua", FLAG,
     {"requires_cluster_winner": True, "indicator_met_share": 1.0, "thematic_movement_years": 3,
      "configurable": ["indicator_met_share"]},
     "Tập thể dẫn đầu phong trào thi đua của cụm, khối thi đua do Bộ trưởng phát động."),
    ("CO_CP", "Cờ thi đua của Chính phủ", "Government Emulation Flag",
     "Drapeau d'émulation du Gouvernement", "title", "collective", "Chính phủ", False, "12.0",
     "Điều 25", "0.9", 0, "co_thi_dua", FLAG,
     {"requires_cluster_winner": True, "indicator_met_share": 1.0, "thematic_movement_years": 3,
      "configurable": ["indicator_met_share", "vote_threshold"]},
     "Tập thể tiêu biểu xuất sắc trong số các tập thể đạt tiêu chuẩn Cờ thi đua cấp Bộ, tỉnh."),
    ("GK_SO", "Giấy khen của Giám đốc Sở", "Certificate of Merit of the Department Director",
     "Certificat de mérite du directeur du département", "commendation", "both", DEPARTMENT,
     True, "0.3", "Điều 75", "0.5", 0, "giay_khen", BASIC,
     {"min_rating": "HTTNV", "configurable": ["bonus_coefficient"]},
     "Thành tích xuất sắc trong phong trào thi đua của đơn vị, thành tích đột xuất, hoặc hoàn "
     "thành tốt nhiệm vụ hằng năm."),
    ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Diploma of Merit of the "
     "Provincial People's Committee Chairman", "Diplôme de mérite du président du Comité populaire "
     "provincial", "commendation", "both", PROVINCE_CHAIR, False, "1.0", "Điều 74", "0.5", 0,
     "bang_khen", BASIC,
     {"consecutive_cstdcs": 2, "consecutive_excellent_years": 2, "unused_initiatives": 2,
      "collective_excellent_years": 2, "configurable": ["collective_excellent_years"]},
     "Cá nhân: 2 lần liên tục Chiến sĩ thi đua cơ sở, hoặc 2 năm liên tục hoàn thành xuất sắc "
     "nhiệm vụ và có 2 sáng kiến. Tập thể: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ."),
    ("BK_BO", "Bằng khen của Bộ trưởng", "Diploma of Merit of the Minister",
     "Diplôme de mérite du ministre", "commendation", "both", MINISTER, False, "1.0", "Điều 74",
     "0.5", 0, "bang_khen", BASIC,
     {"consecutive_cstdcs": 2, "consecutive_excellent_years": 2, "unused_initiatives": 2,
      "collective_excellent_years": 2, "configurable": ["collective_excellent_years"]},
     "Như Bằng khen cấp tỉnh, trong phạm vi ngành."),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "Diploma of Merit of the Prime Minister",
     "Diplôme de mérite du Premier ministre", "commendation", "both", "Thủ tướng Chính phủ", False,
     "3.5", "Điều 73", "0.9", 0, "bang_khen", BASIC,
     {"window_years": 5, "cstdcs_in_window": 3, "configurable": ["bonus_coefficient",
                                                                  "vote_threshold"]},
     "Đã được tặng Bằng khen cấp Bộ/tỉnh, sau đó 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên, "
     "trong đó có 3 lần Chiến sĩ thi đua cơ sở."),
    ("KNC_LDTBXH", "Kỷ niệm chương “Vì sự nghiệp Lao động – Thương binh và Xã hội”",
     "Commemorative Medal “For the Cause of Labour, Invalids and Social Affairs”",
     "Médaille commémorative « Pour la cause du Travail, des Invalides et des Affaires sociales »",
     "commendation", "individual", MINISTER, False, "0", "Điều 23", "0.5", 0,
     "ky_niem_chuong", docs("to_trinh", "ban_khai"),
     {"service_years": 15, "service_years_female": 15,
      "configurable": ["service_years", "service_years_female"]},
     "Mỗi người chỉ được tặng một lần; có từ 15 năm công tác liên tục trong ngành trở lên."),
    ("HCLD3", "Huân chương Lao động hạng Ba", "Labour Order, Third Class",
     "Ordre du Travail, troisième classe", "commendation", "both", "Chủ tịch nước", False, "4.5",
     "Điều 44", "0.9", 10, "huan_chuong", FIGHTER + docs("cong_khai"),
     {"window_years": 5, "cstdcs_in_window": 3, "excellent_years_in_window": 1,
      "configurable": ["bonus_coefficient", "vote_threshold", "public_comment_days"]},
     "Đã được tặng Bằng khen của Thủ tướng Chính phủ, sau đó 5 năm liên tục hoàn thành tốt nhiệm "
     "vụ trở lên, trong đó có 1 năm hoàn thành xuất sắc nhiệm vụ và 3 lần Chiến sĩ thi đua cơ sở."),
]  # fmt: skip


def catalogue_rows():
    for order, row in enumerate(AWARD_TYPES, start=1):
        (code, vi, en, fr, kind, recipient, authority, decided, bonus, article, vote, comment_days,
         template, documents, params, criteria) = row  # fmt: skip
        legal_document = SECTOR_LEGACY if code == "KNC_LDTBXH" else LAW
        yield code, {
            "name_vi": vi, "name_en": en, "name_fr": fr, "kind": kind, "recipient": recipient,
            "authority": authority, "decided_by_department": decided, "bonus_coefficient": bonus,
            "legal_document": legal_document, "legal_article": article, "vote_threshold": vote,
            "public_comment_required": comment_days > 0, "public_comment_days": comment_days,
            "certificate_template": template, "required_documents": documents,
            "rule_params": params, "criteria": criteria, "display_order": order * 10,
            "effective_from": "2024-01-01",
        }  # fmt: skip
