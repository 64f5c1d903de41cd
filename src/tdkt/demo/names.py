"""Word lists of the demo: Vietnamese names, place names and initiative topics.

Written for this project. Weights are rough shares in the northern midlands (Thái Nguyên):
Nguyễn leads, Hoàng/Vũ outnumber Huỳnh/Võ, and Tày–Nùng family names (Nông, Ma, Lương, La,
Triệu) appear. Women born before the mid-1980s mostly carry the middle name "Thị".
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 320), ("Trần", 100), ("Lê", 80), ("Phạm", 70), ("Hoàng", 60), ("Vũ", 45),
    ("Đỗ", 30), ("Đặng", 25), ("Bùi", 25), ("Dương", 20), ("Ngô", 15), ("Phan", 15),
    ("Đinh", 15), ("Lương", 12), ("Nông", 12), ("Đào", 12), ("Trịnh", 10), ("Hà", 10),
    ("Hồ", 8), ("Đoàn", 8), ("Ma", 6), ("Triệu", 6), ("Lý", 6), ("Mai", 6), ("Tạ", 6),
    ("Lưu", 6), ("Chu", 6), ("Cao", 6), ("Võ", 5), ("Tô", 5), ("La", 4), ("Huỳnh", 3),
    ("Lục", 3), ("Quách", 3), ("Lâm", 3), ("Kiều", 3), ("Thân", 3), ("Khổng", 2),
)  # fmt: skip

MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 45), ("Đức", 10), ("Minh", 8), ("Quang", 6), ("Ngọc", 5), ("Xuân", 5),
    ("Hữu", 5), ("Đình", 5), ("Mạnh", 4), ("Tiến", 4), ("Thanh", 4), ("Công", 4),
    ("Trung", 3), ("Việt", 3), ("Anh", 3), ("Hoàng", 3), ("Duy", 3), ("Thế", 3),
    ("Trọng", 3), ("Tuấn", 2), ("Huy", 2), ("Khắc", 2), ("Bá", 2), ("Hải", 2),
)  # fmt: skip

FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 55), ("Thu", 6), ("Thanh", 5), ("Ngọc", 4), ("Minh", 4), ("Hồng", 4),
    ("Thị Thu", 4), ("Kim", 3), ("Phương", 3), ("Thùy", 3), ("Thị Thanh", 3), ("Thúy", 2),
    ("Lan", 2), ("Mai", 2), ("Hải", 2), ("Bích", 2), ("Diệu", 2), ("Thị Minh", 2),
    ("Thị Ngọc", 2), ("Thị Hồng", 2), ("Khánh", 2), ("Quỳnh", 2), ("Hoài", 1), ("Như", 1),
)  # fmt: skip

MALE_GIVEN: tuple[tuple[str, int], ...] = (
    ("Tuấn", 6), ("Hùng", 5), ("Dũng", 5), ("Minh", 5), ("Nam", 5), ("Hải", 4), ("Sơn", 4),
    ("Thắng", 4), ("Cường", 4), ("Long", 4), ("Trung", 4), ("Thành", 4), ("Huy", 4),
    ("Anh", 4), ("Quang", 3), ("Đức", 3), ("Hiếu", 3), ("Bình", 3), ("Hoàng", 3), ("Việt", 3),
    ("Mạnh", 3), ("Tùng", 3), ("Toàn", 3), ("Hưng", 3), ("Đạt", 3), ("Phong", 2),
    ("Khánh", 2), ("Kiên", 2), ("Thịnh", 2), ("Vinh", 2), ("Lâm", 2), ("Giang", 2),
    ("Chiến", 2), ("Công", 2), ("Tiến", 2), ("Quân", 2), ("Phúc", 2), ("Nghĩa", 2),
    ("Thái", 2), ("Hòa", 2), ("Trường", 2), ("Trí", 1), ("Tài", 1), ("Định", 1), ("Lực", 1),
    ("Tâm", 1), ("Khoa", 1), ("Lợi", 1), ("Bảo", 1), ("Hậu", 1), ("Duy", 1), ("Tú", 1),
    ("Quý", 1), ("Ninh", 1),
)  # fmt: skip

FEMALE_GIVEN: tuple[tuple[str, int], ...] = (
    ("Hương", 8), ("Hà", 6), ("Linh", 6), ("Trang", 6), ("Hằng", 5), ("Lan", 5),
    ("Huyền", 5), ("Thảo", 5), ("Nga", 4), ("Thủy", 4), ("Hoa", 4), ("Mai", 4),
    ("Phương", 4), ("Anh", 4), ("Ngọc", 3), ("Dung", 3), ("Hạnh", 3), ("Hiền", 3),
    ("Hồng", 3), ("Loan", 3), ("Nhung", 3), ("Thúy", 3), ("Vân", 3), ("Yến", 3), ("Oanh", 2),
    ("Quỳnh", 2), ("Tâm", 2), ("Giang", 2), ("Chi", 2), ("Ly", 2), ("Liên", 2), ("Huệ", 2),
    ("Duyên", 2), ("Thư", 2), ("Tuyết", 2), ("Xuân", 2), ("Ánh", 2), ("My", 1), ("Uyên", 1),
    ("Hậu", 1), ("Nhàn", 1), ("Thắm", 1), ("Lụa", 1), ("Châu", 1), ("Quyên", 1), ("Hòa", 1),
    ("Thơ", 1), ("Bích", 1), ("Diệp", 1), ("Hoài", 1),
)  # fmt: skip

# Syllables of fictional place names (communes, districts) for the scaled-up tree.
PLACE_FIRST = (
    "Tân", "Phú", "Bình", "Hòa", "An", "Minh", "Quang", "Thành", "Yên", "Đồng", "Vạn", "Hợp",
    "Tiên", "Phúc", "Thịnh", "Kim", "Lam", "Hoàng", "Nam", "Bắc", "Đông", "Xuân", "Thượng",
    "Hạ", "Trung", "Cao", "Văn", "Đức", "Mỹ", "Long",
)  # fmt: skip
PLACE_SECOND = (
    "Cương", "Lạc", "Sơn", "Hà", "Thái", "Tiến", "Thuận", "Lợi", "Hưng", "Khánh", "Phong",
    "Lương", "Thọ", "Vinh", "Linh", "Ninh", "Điền", "Trạch", "Nghĩa", "Tín", "Thủy", "Đạt",
    "Lâm", "Hải", "Quý", "Xá", "Cường", "Châu", "Tuyền", "Kỳ",
)  # fmt: skip

# Initiative titles: "{action} {object}" at a unit.
INITIATIVE_ACTIONS = (
    "Giải pháp nâng cao hiệu quả",
    "Giải pháp rút ngắn thời gian",
    "Ứng dụng công nghệ thông tin trong",
    "Đổi mới phương pháp",
    "Số hóa quy trình",
    "Chuẩn hóa quy trình",
    "Giải pháp nâng cao chất lượng",
    "Xây dựng cơ sở dữ liệu phục vụ",
)
INITIATIVE_OBJECTS = (
    "giải quyết hồ sơ chế độ người có công",
    "tư vấn, giới thiệu việc làm cho người lao động",
    "chi trả trợ cấp ưu đãi qua tài khoản ngân hàng",
    "quản lý đối tượng bảo trợ xã hội",
    "thẩm định hồ sơ hưởng bảo hiểm thất nghiệp",
    "kiểm tra việc thực hiện pháp luật lao động tại doanh nghiệp",
    "đào tạo nghề cho lao động nông thôn",
    "rà soát hộ nghèo, hộ cận nghèo",
    "chăm sóc, nuôi dưỡng đối tượng tại cơ sở",
    "cai nghiện ma túy dựa vào cộng đồng",
    "lưu trữ hồ sơ, tài liệu",
    "lập và thực hiện dự toán ngân sách",
    "tiếp công dân, giải quyết đơn thư",
    "dạy thực hành nghề điện công nghiệp",
    "thu thập thông tin thị trường lao động",
    "giải quyết thủ tục hành chính trên cổng dịch vụ công",
)
PROVINCE_INITIATIVES = (
    "Mô hình liên kết đào tạo nghề gắn với giải quyết việc làm trên địa bàn tỉnh",
    "Giải pháp số hóa toàn bộ hồ sơ người có công của tỉnh",
    "Mô hình hỗ trợ sinh kế bền vững cho hộ nghèo vùng đồng bào dân tộc thiểu số",
    "Giải pháp kết nối cung – cầu lao động qua sàn giao dịch việc làm trực tuyến",
    "Mô hình chăm sóc người cao tuổi dựa vào cộng đồng",
    "Giải pháp chi trả trợ cấp xã hội không dùng tiền mặt toàn tỉnh",
)


class Weighted:
    """A weighted choice that is fast for many draws (bisect over cumulative weights)."""

    def __init__(self, items: Sequence[tuple[str, int]]) -> None:
        self.values = [v for v, _ in items]
        self.cum = list(itertools.accumulate(w for _, w in items))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.total)]


class NameMaker:
    """Draw plausible Vietnamese full names; deterministic for a given ``random.Random``."""

    def __init__(self) -> None:
        self.family = Weighted(FAMILY_NAMES)
        self.male_middle = Weighted(MALE_MIDDLE)
        self.female_middle = Weighted(FEMALE_MIDDLE)
        self.young_female_middle = Weighted(
            [(v, w // 2 if v == "Thị" else w) for v, w in FEMALE_MIDDLE]
        )
        self.male_given = Weighted(MALE_GIVEN)
        self.female_given = Weighted(FEMALE_GIVEN)

    def name(self, rng: random.Random, sex: str, birth_year: int) -> str:
        family = self.family.pick(rng)
        if sex == "F":
            middle = (self.young_female_middle if birth_year >= 1985 else self.female_middle).pick(
                rng
            )
            given = self.female_given.pick(rng)
        else:
            middle = self.male_middle.pick(rng)
            given = self.male_given.pick(rng)
        if given in middle.split(" "):  # "Nguyễn Minh Minh": draw the given name again
            given = (self.female_given if sex == "F" else self.male_given).pick(rng)
        return f"{family} {middle} {given}"


def place_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """*count* distinct two-syllable fictional place names, avoiding *taken*."""
    pool = [f"{a} {b}" for a in PLACE_FIRST for b in PLACE_SECOND if a != b]
    rng.shuffle(pool)
    names: list[str] = []
    round_ = 0
    while len(names) < count:
        for base in pool:
            name = base if round_ == 0 else f"{base} {round_ + 1}"
            if name not in taken:
                taken.add(name)
                names.append(name)
                if len(names) == count:
                    break
        round_ += 1
    return names
