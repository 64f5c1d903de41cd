"""The demo dataset, generated in memory: deterministic for a seed, no database, no clock.

A fictional emulation office of a provincial department: Sở Lao động – Thương binh và Xã hội
of Thái Nguyên (2011 → merged into Sở Nội vụ on 2025-03-01), its office, inspectorate,
divisions, service centres, vocational college and rehab centre, and two district offices that
were merged into commune-level successors when the district level ended on 2025-07-01.

Everything is indexed locally (units, people, decisions are list positions); the loader maps
indices to database ids. Awards follow the rules of their time (``_individual_titles``,
``_collective_titles``):

* LDTT: rated HTT or HTXS, no discipline in effect during the year, recruited at least
  10 months (decisions before 2024) / 6 months (from 2024) before the year ends;
* CSTDCS: LDTT and a CO_SO initiative authored that year; at most 15% of the LDTT of the
  issuing unit in achievement years 2017–2023 (Decree 91/2017, kept until the 2024 regime);
* CSTD_TINH: CSTDCS in the three consecutive years ending that year, a BO_TINH initiative in
  those years, and no CSTD_TINH whose window overlaps;
* BK_TINH/BK_BO (individual): two HTXS years with two CO_SO initiatives after the last
  Bằng khen; from 2024 also two consecutive CSTDCS;
* BK_TTG (individual): a Bằng khen, then five rated years (R2017: five HTXS years and five
  initiatives; from 2024: HTT or better with three CSTDCS);
* TTLDTT: unit rated HTT+, more than half its members LDTT, no member disciplined at cảnh
  cáo or above in the year; TTLDXS: rated HTXS, every member rated HT+, ≥ 70% LDTT,
  ≥ 1 CSTDCS (and at most 20% of the year's TTLDTT, a common provincial quota).

Members of a unit in a year are the people employed in it on 31 December.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from tdkt.demo import names as N

FINAL_YEAR = 2025
MAX_YEARS = 15  # the demo department's history starts in 2011
SO_MERGE = dt.date(2025, 3, 1)
DISTRICT_MERGE = dt.date(2025, 7, 1)
QUOTA_YEARS = range(2017, 2024)
CSTDCS_QUOTA_PCT = 15
TTLDXS_QUOTA_PCT = 20
EPOCH = dt.date(2011, 1, 1)

GRADES = ("HTXS", "HTT", "HT", "KHT")
HTXS, HTT, HT, KHT = GRADES
GOOD = frozenset({HTXS, HTT})
DISCIPLINE_FORMS = (
    ("KHIEN_TRACH", 60, 12),
    ("CANH_CAO", 28, 12),
    ("HA_BAC_LUONG", 6, 12),
    ("GIANG_CHUC", 4, 24),
    ("CACH_CHUC", 2, 24),
)
SEVERE_FORMS = frozenset({"CANH_CAO", "HA_BAC_LUONG", "GIANG_CHUC", "CACH_CHUC"})


def ldtt_cutoff(year: int, decided: dt.date) -> dt.date:
    """Latest recruitment date for LDTT of *year*: 10 months before year end until the 2024
    regime, 6 months from it (by the decision date)."""
    return dt.date(year, 7, 1) if decided >= dt.date(2024, 1, 1) else dt.date(year, 3, 1)


def cstdcs_cap(year: int, ldtt: int) -> int | None:
    """Most CSTDCS an issuing unit may grant for *year* given its LDTT count (None: no cap)."""
    return ldtt * CSTDCS_QUOTA_PCT // 100 if year in QUOTA_YEARS else None


# --------------------------------------------------------------------------------------------
# Plan rows


@dataclass
class UnitPlan:
    code: str
    name: str
    short_name: str
    kind: str
    parent: int | None
    group: str  # issuing group: "SO", "D:<code>", "X:<code>"
    weight: int  # relative headcount
    base: bool  # created through org.domain (the named tree) or bulk (scale)
    valid_from: dt.date | None = None


@dataclass
class MergePlan:
    sources: list[int]
    into: int
    date: dt.date
    document: str
    note: str


@dataclass
class PersonPlan:
    external_id: str
    full_name: str
    sex: str
    birth_date: dt.date
    hired_on: dt.date
    leave: dt.date | None  # first day no longer employed
    quality: float
    # (start, unit, position, is_leader); each segment ends where the next starts
    segments: list[tuple[dt.date, int, str, bool]] = field(default_factory=list)

    @property
    def unit(self) -> int:
        return self.segments[-1][1]

    @property
    def position(self) -> str:
        return self.segments[-1][2]

    def at(self, day: dt.date) -> tuple[int, str] | None:
        """(unit, position) on *day*, or None when not employed."""
        if day < self.segments[0][0] or (self.leave is not None and day >= self.leave):
            return None
        found = self.segments[0]
        for seg in self.segments:
            if seg[0] <= day:
                found = seg
        return found[1], found[2]


@dataclass
class DecisionPlan:
    issuer_key: str
    date: dt.date
    subject: str
    order: int  # creation order, breaks ties when numbering
    is_award: bool = True  # False: initiative recognition (numbered, no Decision row)
    number: str = ""
    seq: int = 0
    symbol: str = ""


@dataclass
class InitiativePlan:
    title: str
    year: int
    level: str
    unit: int
    decision: int
    authors: list[int]


@dataclass
class TargetPlan:
    name: str
    measure: str
    direction: str
    results: list[tuple[int, Decimal, Decimal | None]]


@dataclass
class MovementPlan:
    name: str
    kind: str
    unit: int
    start_year: int
    end_year: int
    launch_document: str
    description: str
    targets: list[TargetPlan]


@dataclass
class ClusterPlan:
    name: str
    year: int
    members: list[int]
    leader: int | None


@dataclass
class ConferencePlan:
    name: str
    unit: int
    date: dt.date
    place: str
    period_from: int
    period_to: int
    plan_document: str
    delegates_count: int
    decision: int
    summary: str
    honourees: list[int] = field(default_factory=list)  # award indices


@dataclass
class Issuer:
    key: str
    issuer: str  # "Giám đốc Sở LĐ-TBXH"
    symbol: str  # "QĐ-SLĐTBXH"
    per_day: float  # how many decisions of any kind the issuer signs a day (for numbering)
    unit: int | None  # issuing unit in the tree
    signer_title: str
    signers: dict[int, str] = field(default_factory=dict)  # term start year → name


# Award rows: (code, year, decision, person or None, unit or None, unit_at_time, position, kind)
AwardRow = tuple[str, int, int, int | None, int | None, int, str, str]


@dataclass
class Plan:
    seed: int
    people_count: int
    years: int
    first_year: int
    agency_code: str
    agency_name: str
    agency_place: str
    units: list[UnitPlan] = field(default_factory=list)
    merges: list[MergePlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    # (person or None, unit or None, year, grade)
    ratings: list[tuple[int | None, int | None, int, str]] = field(default_factory=list)
    # (person, form, decided_on, effective_to, document, reason)
    disciplines: list[tuple[int, str, dt.date, dt.date, str, str]] = field(default_factory=list)
    initiatives: list[InitiativePlan] = field(default_factory=list)
    decisions: list[DecisionPlan] = field(default_factory=list)
    issuers: dict[str, Issuer] = field(default_factory=dict)
    awards: list[AwardRow] = field(default_factory=list)
    movements: list[MovementPlan] = field(default_factory=list)
    clusters: list[ClusterPlan] = field(default_factory=list)
    conferences: list[ConferencePlan] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.units),
            "people": len(self.people),
            "employments": sum(len(p.segments) for p in self.people),
            "ratings": len(self.ratings),
            "disciplines": len(self.disciplines),
            "initiatives": len(self.initiatives),
            "decisions": sum(1 for d in self.decisions if d.is_award),
            "awards": len(self.awards),
            "movements": len(self.movements),
            "clusters": len(self.clusters),
            "conferences": len(self.conferences),
        }


def digest(lines: list[str]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


# --------------------------------------------------------------------------------------------
# The named tree


K_DEPARTMENT = "department"
K_OFFICE = "office"
K_INSPECTORATE = "inspectorate"
K_DIVISION = "division"
K_CENTRE = "centre"
K_COLLEGE = "college"
K_DISTRICT = "district"
K_COMMUNE = "commune"

# code, name, short name, kind, parent code, weight
BASE_UNITS: tuple[tuple[str, str, str, str, str | None, int], ...] = (
    ("SNV", "Sở Nội vụ", "Sở Nội vụ", K_DEPARTMENT, None, 0),
    ("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "Sở LĐ-TBXH", K_DEPARTMENT, None, 5),
    ("VP", "Văn phòng Sở", "Văn phòng", K_OFFICE, "SLDTBXH", 22),
    ("TTRA", "Thanh tra Sở", "Thanh tra", K_INSPECTORATE, "SLDTBXH", 10),
    ("PKHTC", "Phòng Kế hoạch – Tài chính", "Phòng KH-TC", K_DIVISION, "SLDTBXH", 9),
    ("PLDVL", "Phòng Lao động – Việc làm", "Phòng LĐ-VL", K_DIVISION, "SLDTBXH", 10),
    ("PNCC", "Phòng Người có công", "Phòng NCC", K_DIVISION, "SLDTBXH", 12),
    ("PBTXH", "Phòng Bảo trợ xã hội", "Phòng BTXH", K_DIVISION, "SLDTBXH", 10),
    ("TTDVVL", "Trung tâm Dịch vụ việc làm", "TT DVVL", K_CENTRE, "SLDTBXH", 40),
    ("TTBTXH", "Trung tâm Bảo trợ xã hội", "TT BTXH", K_CENTRE, "SLDTBXH", 45),
    ("CDN", "Trường Cao đẳng nghề Thái Nguyên", "CĐ nghề", K_COLLEGE, "SLDTBXH", 110),
    ("CSCN", "Cơ sở cai nghiện ma túy tỉnh", "CS cai nghiện", K_CENTRE, "SLDTBXH", 40),
    (
        "PLDTBXH_PL",
        "Phòng Lao động – Thương binh và Xã hội huyện Phú Lương",
        "Phòng LĐ-TBXH Phú Lương",
        K_DISTRICT,
        "SLDTBXH",
        14,
    ),
    (
        "PLDTBXH_DH",
        "Phòng Lao động – Thương binh và Xã hội huyện Định Hóa",
        "Phòng LĐ-TBXH Định Hóa",
        K_DISTRICT,
        "SLDTBXH",
        14,
    ),
    (
        "PVHXH_PL",
        "Phòng Văn hóa – Xã hội xã Phú Lương",
        "Phòng VH-XH Phú Lương",
        K_COMMUNE,
        None,
        0,
    ),
    ("PVHXH_DH", "Phòng Văn hóa – Xã hội xã Định Hóa", "Phòng VH-XH Định Hóa", K_COMMUNE, None, 0),
)
DISTRICT_SUCCESSORS = {"PLDTBXH_PL": "PVHXH_PL", "PLDTBXH_DH": "PVHXH_DH"}
PLACES = {
    "PLDTBXH_PL": "Phú Lương",
    "PLDTBXH_DH": "Định Hóa",
    "PVHXH_PL": "Phú Lương",
    "PVHXH_DH": "Định Hóa",
}
UNITS_PER_PERSON = 30

# head, deputy, staff positions by unit kind
POSITIONS = {
    K_DEPARTMENT: ("Giám đốc Sở", "Phó Giám đốc Sở", ("Chuyên viên",)),
    K_OFFICE: (
        "Chánh Văn phòng",
        "Phó Chánh Văn phòng",
        ("Chuyên viên", "Kế toán viên", "Văn thư", "Nhân viên"),
    ),
    K_INSPECTORATE: ("Chánh Thanh tra", "Phó Chánh Thanh tra", ("Thanh tra viên",)),
    K_DIVISION: ("Trưởng phòng", "Phó Trưởng phòng", ("Chuyên viên", "Chuyên viên chính")),
    K_CENTRE: (
        "Giám đốc",
        "Phó Giám đốc",
        ("Viên chức", "Nhân viên", "Tư vấn viên", "Công tác xã hội viên"),
    ),
    K_COLLEGE: ("Hiệu trưởng", "Phó Hiệu trưởng", ("Giảng viên", "Giáo viên", "Viên chức")),
    K_DISTRICT: ("Trưởng phòng", "Phó Trưởng phòng", ("Chuyên viên",)),
    K_COMMUNE: ("Trưởng phòng", "Phó Trưởng phòng", ("Công chức Văn hóa – Xã hội",)),
}


class Options:
    """Validated build options."""

    def __init__(self, *, seed: int = 2025, people: int = 400, years: int = MAX_YEARS) -> None:
        if not 1 <= years <= MAX_YEARS:
            raise ValueError(f"Số năm phải từ 1 đến {MAX_YEARS} (dữ liệu demo bắt đầu từ 2011).")
        if not 30 <= people <= 2_000_000:
            raise ValueError("Số cá nhân phải từ 30 đến 2.000.000.")
        if seed < 0:
            raise ValueError("Seed phải là số nguyên không âm.")
        self.seed, self.people, self.years = seed, people, years


MERIT = "merit"
R2024 = dt.date(2024, 1, 1)


class _State:
    """Facts accumulated over the years: per-year grade columns, sparse per-year sets."""

    def __init__(self, n_people: int) -> None:
        self.grade: dict[int, list[str | None]] = {}  # year → grade of each person (or None)
        self.cstdcs: dict[int, set[int]] = defaultdict(set)  # year → people
        self.co_so: dict[int, dict[int, int]] = defaultdict(dict)  # year → person → initiatives
        self.bo_tinh: dict[int, set[int]] = defaultdict(set)
        self.in_effect: dict[int, set[int]] = defaultdict(set)  # under discipline in the year
        self.severe: dict[int, set[int]] = defaultdict(set)  # cảnh cáo or worse decided that year
        self.last_cstd_tinh = [-99] * n_people
        self.last_bk = [-99] * n_people  # achievement year of the last Bằng khen (bộ/tỉnh)
        self.has_bk: set[int] = set()
        self.bk_ttg: set[int] = set()
        self.unit_ttldxs: dict[int, set[int]] = defaultdict(set)
        self.unit_bk: dict[int, int] = {}
        self.unit_titles: list[tuple[int, int, int]] = []  # (unit, year, 1 TTLDTT / 2 TTLDXS)


@dataclass
class _Year:
    """One year of the simulation."""

    year: int
    grade: list[str | None]
    members: dict[int, list[int]]  # unit → people employed there on 31 December
    groups: dict[str, list[int]]  # issuing group → rated people
    htxs: list[int]
    ldtt: set[int] = field(default_factory=set)
    bk_people: list[int] = field(default_factory=list)
    ttg_people: list[int] = field(default_factory=list)


def build_plan(options: Options) -> Plan:
    """Generate the whole dataset in memory."""
    return _Builder(options).build()


class _Builder:
    def __init__(self, options: Options) -> None:
        self.rng = random.Random(options.seed)
        self.o = options
        self.first_year = FINAL_YEAR - options.years + 1
        self.plan = Plan(
            seed=options.seed,
            people_count=options.people,
            years=options.years,
            first_year=self.first_year,
            agency_code="DEMO_TN",
            agency_name="Ủy ban nhân dân tỉnh Thái Nguyên",
            agency_place="Thái Nguyên",
        )
        self.names = N.NameMaker()
        self.code: dict[str, int] = {}
        self.cur_unit: list[int] = []
        self.cur_pos: list[str] = []
        self.st = _State(0)
        self.forced_htxs: set[tuple[int, int]] = set()
        self.province_day = self.bk_day = self.ttg_day = dt.date(FINAL_YEAR, 1, 1)

    # ---------------------------------------------------------------- structure
    def build(self) -> Plan:
        self._units()
        self.forced_htxs = {(self.code["SLDTBXH"], y) for y in range(2011, 2017)} | {
            (self.code["TTBTXH"], y) for y in range(2016, 2021)
        }  # the department and a centre rated HTXS in the years their honours need
        self._issuers()
        self._people()
        self._history()
        self._movements()
        self._number_decisions()
        return self.plan

    def _add_unit(self, u: UnitPlan) -> int:
        self.plan.units.append(u)
        self.code[u.code] = len(self.plan.units) - 1
        return self.code[u.code]

    def _units(self) -> None:
        for code, name, short, kind, parent, weight in BASE_UNITS:
            if code == "SNV" or code == "SLDTBXH":
                group = "SO"
            elif kind == K_DISTRICT:
                group = f"D:{code}"
            elif kind == K_COMMUNE:
                group = f"X:{code}"
            else:
                group = "SO"
            valid_from = None
            if code == "SLDTBXH":
                valid_from = EPOCH
            elif kind == K_COMMUNE:
                valid_from = DISTRICT_MERGE
            self._add_unit(
                UnitPlan(
                    code,
                    name,
                    short,
                    kind,
                    self.code[parent] if parent else None,
                    group,
                    weight,
                    True,
                    valid_from,
                )
            )
        u = self.code
        self.plan.merges.append(
            MergePlan(
                [u["SLDTBXH"]],
                u["SNV"],
                SO_MERGE,
                "Quyết định số 312/QĐ-UBND",
                "Hợp nhất Sở Lao động – Thương binh và Xã hội vào Sở Nội vụ.",
            )
        )
        for district, commune in DISTRICT_SUCCESSORS.items():
            self.plan.merges.append(
                MergePlan(
                    [u[district]],
                    u[commune],
                    DISTRICT_MERGE,
                    "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã",
                    "Kết thúc hoạt động của chính quyền cấp huyện; nhiệm vụ chuyển về xã.",
                )
            )
        self._scale_units()

    def _scale_units(self) -> None:
        """More district offices, centres and commune desks for large --people."""
        target = round(self.o.people / UNITS_PER_PERSON)
        extra = target - len(self.plan.units)
        if extra <= 0:
            return
        rng = self.rng
        n_districts = max(1, extra // 10)
        n_centres = extra // 10
        n_communes = extra - n_districts - n_centres
        sld = self.code["SLDTBXH"]
        places = N.place_names(rng, n_districts, set(PLACES.values()))
        districts = []
        for k, place in enumerate(places, start=1):
            code = f"PLDTBXH_{k:04d}"
            districts.append(
                self._add_unit(
                    UnitPlan(
                        code,
                        f"Phòng Lao động – Thương binh và Xã hội huyện {place}",
                        f"Phòng LĐ-TBXH {place}",
                        K_DISTRICT,
                        sld,
                        f"D:{code}",
                        14,
                        False,
                    )
                )
            )
        kinds = (
            "Trung tâm Dịch vụ việc làm khu vực",
            "Trung tâm Bảo trợ xã hội khu vực",
            "Trung tâm Giáo dục nghề nghiệp",
        )
        for k in range(n_centres):
            place = places[k % len(places)]
            self._add_unit(
                UnitPlan(
                    f"TT_{k + 1:04d}",
                    f"{kinds[k % 3]} {place}",
                    f"TT {place}",
                    K_CENTRE,
                    sld,
                    "SO",
                    40,
                    False,
                )
            )
        pool = [f"{a} {b}" for a in N.PLACE_FIRST for b in N.PLACE_SECOND if a != b]
        per_district = -(-n_communes // len(districts))
        k = 0
        for d_index, d in enumerate(districts):
            district = self.plan.units[d]
            for place in rng.sample(pool, min(per_district, len(pool))):
                if k == n_communes:
                    break
                k += 1
                self._add_unit(
                    UnitPlan(
                        f"XA_{k:05d}",
                        f"Bộ phận Lao động – TB&XH xã {place}, huyện {places[d_index]}",
                        f"LĐ-TBXH xã {place}",
                        K_COMMUNE,
                        d,
                        district.group,
                        8,
                        False,
                    )
                )

    def _signer(self) -> str:
        sex = "M" if self.rng.random() < 0.7 else "F"
        return self.names.name(self.rng, sex, 1968)

    def _issuers(self) -> None:
        u = self.code
        add = self.plan.issuers

        def issuer(
            key: str, name: str, symbol: str, per_day: float, unit: int | None, title: str
        ) -> None:
            add[key] = Issuer(
                key,
                name,
                symbol,
                per_day,
                unit,
                title,
                {y: self._signer() for y in (2010, 2015, 2020)},
            )

        issuer("SO", "Giám đốc Sở LĐ-TBXH", "QĐ-SLĐTBXH", 1.4, u["SLDTBXH"], "Giám đốc")
        issuer("SNV", "Giám đốc Sở Nội vụ", "QĐ-SNV", 1.2, u["SNV"], "Giám đốc")
        issuer("UBND", "Chủ tịch UBND tỉnh", "QĐ-UBND", 9.0, None, "Chủ tịch")
        issuer("BO", "Bộ trưởng Bộ LĐ-TB&XH", "QĐ-LĐTBXH", 6.0, None, "Bộ trưởng")
        issuer("BNV", "Bộ trưởng Bộ Nội vụ", "QĐ-BNV", 5.0, None, "Bộ trưởng")
        issuer("TTG", "Thủ tướng Chính phủ", "QĐ-TTg", 5.0, None, "Thủ tướng")
        issuer("CTN", "Chủ tịch nước", "QĐ-CTN", 7.0, None, "Chủ tịch nước")
        for i, unit in enumerate(self.plan.units):
            if unit.kind == K_DISTRICT:
                place = PLACES.get(unit.code) or unit.short_name.removeprefix("Phòng LĐ-TBXH ")
                issuer(unit.group, f"Chủ tịch UBND huyện {place}", "QĐ-UBND", 2.5, i, "Chủ tịch")
            elif unit.group.startswith("X:"):
                issuer(
                    unit.group,
                    f"Chủ tịch UBND xã {PLACES[unit.code]}",
                    "QĐ-UBND",
                    1.0,
                    i,
                    "Chủ tịch",
                )

    # ---------------------------------------------------------------- people
    def _people(self) -> None:
        rng = self.rng
        units = self.plan.units
        hiring = [i for i, u in enumerate(units) if u.weight > 0]
        cum = list(itertools.accumulate(units[i].weight for i in hiring))
        total = cum[-1]
        first = dt.date(self.first_year, 1, 1)
        end = dt.date(FINAL_YEAR, 12, 31)
        width = max(5, len(str(self.o.people)))
        people = self.plan.people
        for n in range(1, self.o.people + 1):
            sex = "F" if rng.random() < 0.56 else "M"
            while True:
                if rng.random() < 0.68:  # on the staff before the window opens
                    hire_year = self.first_year - 1 - int(rng.triangular(0, 26, 2))
                else:
                    hire_year = rng.randint(self.first_year, FINAL_YEAR)
                hired = dt.date(hire_year, rng.randint(1, 12), rng.choice((1, 1, 15)))
                age = rng.randint(22, 34)
                birth = dt.date(hire_year - age, rng.randint(1, 12), rng.randint(1, 28))
                retire_age = 60 if sex == "M" else 55
                retire = dt.date(birth.year + retire_age, birth.month, 1)
                leave: dt.date | None = retire if retire <= end else None
                if rng.random() < 0.06:  # moved to another agency
                    quit_year = rng.randint(hire_year + 2, FINAL_YEAR + 3)
                    quit_on = dt.date(quit_year, rng.randint(1, 12), 1)
                    if quit_on <= end and (leave is None or quit_on < leave):
                        leave = quit_on
                if leave is None or leave > first + dt.timedelta(days=200):
                    break
            unit = hiring[bisect.bisect_right(cum, rng.random() * total)]
            name = self.names.name(rng, sex, birth.year)
            q = rng.random() ** 1.4
            person = PersonPlan(f"NV{n:0{width}d}", name, sex, birth, hired, leave, q)
            person.segments.append((max(hired, EPOCH), unit, "", False))
            people.append(person)
        self._transfers()
        self._positions()
        self._structural_moves()

    def _transfers(self) -> None:
        """About one in eight people move once, to a unit of the same kind where possible."""
        rng = self.rng
        units = self.plan.units
        by_kind: dict[str, list[int]] = defaultdict(list)
        for i, u in enumerate(units):
            if u.weight > 0:
                by_kind[u.kind].append(i)
        movable = [i for i, u in enumerate(units) if u.weight > 0]
        for p in self.plan.people:
            if rng.random() >= 0.12:
                continue
            start = p.segments[0][0]
            lo = max(start.year + 1, self.first_year)
            hi = min((p.leave or dt.date(FINAL_YEAR, 1, 1)).year - 1, 2024)
            if lo > hi:
                continue
            day = dt.date(rng.randint(lo, hi), rng.randint(1, 12), 1)
            same = by_kind[units[p.unit].kind]
            pool = same if len(same) > 1 and rng.random() < 0.6 else movable
            target = pool[rng.randrange(len(pool))]
            if target != p.unit:
                p.segments.append((day, target, "", False))

    def _positions(self) -> None:
        """Heads and deputies: the longest-serving people still in post at the end."""
        rng = self.rng
        units = self.plan.units
        final_day = dt.date(FINAL_YEAR, 12, 31)
        by_unit: dict[int, list[PersonPlan]] = defaultdict(list)
        for p in self.plan.people:
            by_unit[p.unit].append(p)
        for unit, members in by_unit.items():
            head, deputy, staff = POSITIONS[units[unit].kind]
            ranked = sorted(
                members,
                key=lambda p: (
                    p.leave is not None and p.leave <= final_day,
                    p.hired_on,
                    p.external_id,
                ),
            )
            n_deputies = 1 if len(members) < 12 else 2 if len(members) < 40 else 3
            for k, p in enumerate(ranked):
                if k == 0:
                    pos, leader = head, True
                elif k <= n_deputies:
                    pos, leader = deputy, True
                else:
                    pos, leader = staff[rng.randrange(len(staff))], False
                # earlier units: the first staff position of their kind
                p.segments = [
                    (s, u, pos, leader)
                    if u == unit
                    else (s, u, POSITIONS[units[u].kind][2][0], False)
                    for s, u, _, _ in p.segments
                ]

    def _structural_moves(self) -> None:
        """People follow their units through the 2025 reorganisation."""
        u = self.code
        moves = {u["SLDTBXH"]: (SO_MERGE, u["SNV"])}
        for district, commune in DISTRICT_SUCCESSORS.items():
            moves[u[district]] = (DISTRICT_MERGE, u[commune])
        for p in self.plan.people:
            here = p.segments[-1]
            if here[1] in moves:
                day, target = moves[here[1]]
                if here[0] < day and (p.leave is None or p.leave > day):
                    pos = here[2]
                    if pos == "Giám đốc Sở":
                        pos = "Phó Giám đốc Sở"
                    p.segments.append((day, target, pos, here[3]))

    # ---------------------------------------------------------------- decisions
    def _decision(self, issuer_key: str, day: dt.date, subject: str, *, award: bool = True) -> int:
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        self.plan.decisions.append(
            DecisionPlan(issuer_key, day, subject, len(self.plan.decisions), award)
        )
        return len(self.plan.decisions) - 1

    def _day(self, year: int, month: int, lo: int = 5, hi: int = 25) -> dt.date:
        return dt.date(year, month, self.rng.randint(lo, hi))

    def _group_issuer(self, group: str, decided: dt.date) -> str:
        if group == "SO":
            return "SNV" if decided >= SO_MERGE else "SO"
        return group

    def _ministry(self, decided: dt.date) -> str:
        return "BNV" if decided >= SO_MERGE else "BO"

    def _number_decisions(self) -> None:
        """Numbers restart every calendar year per issuer and grow with the date."""
        rng = self.rng
        issuers = self.plan.issuers
        taken: set[tuple[str, dt.date]] = set()
        by_key: dict[tuple[str, int], list[DecisionPlan]] = defaultdict(list)
        for d in self.plan.decisions:
            by_key[(d.issuer_key, d.date.year)].append(d)
        for key in sorted(by_key):
            issuer = issuers[key[0]]
            last = 0
            for d in sorted(by_key[key], key=lambda d: (d.date, d.order)):
                doy = d.date.timetuple().tm_yday
                seq = max(last + 1, int(issuer.per_day * doy) + rng.randint(0, 3))
                while True:
                    number = f"{seq:02d}/{issuer.symbol}"
                    if (number, d.date) not in taken:
                        break
                    seq += 1
                taken.add((number, d.date))
                d.number, d.seq, d.symbol, last = number, seq, issuer.symbol, seq

    # ---------------------------------------------------------------- yearly history
    def _history(self) -> None:
        rng = self.rng
        rand = rng.random
        plan = self.plan
        units = plan.units
        people = plan.people
        n_people = len(people)
        st = self.st = _State(n_people)
        forms = [f for f, _, _ in DISCIPLINE_FORMS]
        form_cum = list(itertools.accumulate(w for _, w, _ in DISCIPLINE_FORMS))
        form_months = {f: m for f, _, m in DISCIPLINE_FORMS}
        # the years each person is employed on 31 December; single-unit people need no lookup
        first_present = [max(p.segments[0][0].year, self.first_year) for p in people]
        last_present = [p.leave.year - 1 if p.leave else FINAL_YEAR for p in people]
        hired = [p.hired_on.toordinal() for p in people]
        quality = [p.quality for p in people]
        single = [len(p.segments) == 1 for p in people]
        unit0 = [p.segments[0][1] for p in people]
        pos0 = [p.segments[0][2] for p in people]
        cur_unit = self.cur_unit = [-1] * n_people  # unit and position on 31 December
        cur_pos = self.cur_pos = [""] * n_people
        ratings = plan.ratings
        group_of = [u.group for u in units]

        for year in range(self.first_year, FINAL_YEAR + 1):
            jul1 = dt.date(year, 7, 1).toordinal()
            grade: list[str | None] = [None] * n_people
            st.grade[year] = grade
            members: dict[int, list[int]] = defaultdict(list)
            groups: dict[str, list[int]] = defaultdict(list)
            htxs: list[int] = []
            # ratings and disciplines
            for i in range(n_people):
                if not first_present[i] <= year <= last_present[i]:
                    continue
                if single[i]:
                    unit, pos = unit0[i], pos0[i]
                else:
                    seg = people[i].segments[0]
                    for other in people[i].segments:
                        if other[0].year <= year:
                            seg = other
                    unit, pos = seg[1], seg[2]
                cur_unit[i] = unit
                cur_pos[i] = pos
                members[unit].append(i)  # every member counts for the collective's shares
                if hired[i] > jul1:  # too new to be rated this year
                    continue
                q = quality[i]
                s = 0.55 * q + 0.45 * rand()
                g = HTXS if s > 0.66 else HTT if s > 0.27 else HT if s > 0.07 else KHT
                if rand() < 0.006 * (1.2 - q):
                    g = self._discipline(i, year, forms, form_cum, form_months)
                grade[i] = g
                ratings.append((i, None, year, g))
                groups[group_of[unit]].append(i)
                if g is HTXS:
                    htxs.append(i)
            y = _Year(year, grade, members, groups, htxs)
            self._initiatives(y)
            self._individual_titles(y)
            self._collective_titles(y)
            self._department_honours(year)
        self._conferences()

    def _discipline(
        self, i: int, year: int, forms: list[str], form_cum: list[int], form_months: dict[str, int]
    ) -> str:
        """Record a discipline decided in *year*; return the year's rating (HT or KHT)."""
        rng, st = self.rng, self.st
        form = forms[bisect.bisect_right(form_cum, rng.random() * form_cum[-1])]
        decided = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
        months = form_months[form]
        eff_to = dt.date(decided.year + months // 12, decided.month, decided.day)
        self.plan.disciplines.append(
            (
                i,
                form,
                decided,
                eff_to,
                f"{rng.randint(10, 400):02d}/QĐ-KL",
                "Vi phạm quy chế làm việc",
            )
        )
        for y in range(year, eff_to.year + 1):
            st.in_effect[y].add(i)
        if form in SEVERE_FORMS:
            st.severe[year].add(i)
        return KHT if rng.random() < 0.7 else HT

    def _initiatives(self, y: _Year) -> None:
        """CO_SO initiatives (recognised in December), then a few BO_TINH ones."""
        rng, st, plan = self.rng, self.st, self.plan
        rand = rng.random
        units, people = plan.units, plan.people
        year, grade = y.year, y.grade
        co_so = st.co_so[year]
        cur_unit = self.cur_unit
        for group in sorted(y.groups):
            issuer = self._group_issuer(group, dt.date(year, 12, 15))
            decision = -1
            for i in y.groups[group]:
                g = grade[i]
                q = people[i].quality
                chance = 0.2 + 0.6 * q if g is HTXS else 0.02 + 0.05 * q if g is HTT else 0.0
                if rand() >= chance:
                    continue
                if decision < 0:
                    decision = self._decision(
                        issuer,
                        self._day(year, 12, 10, 22),
                        f"Về việc công nhận sáng kiến cấp cơ sở năm {year}",
                        award=False,
                    )
                unit = cur_unit[i]
                authors = [i]
                r = rand()
                mates = y.members[unit]
                for _ in range(0 if r < 0.6 else 1 if r < 0.9 else 2):
                    mate = mates[int(rand() * len(mates))]
                    if mate not in authors and grade[mate] is not None:
                        authors.append(mate)
                title = (
                    f"{N.INITIATIVE_ACTIONS[int(rand() * len(N.INITIATIVE_ACTIONS))]} "
                    f"{N.INITIATIVE_OBJECTS[int(rand() * len(N.INITIATIVE_OBJECTS))]} "
                    f"tại {units[unit].short_name}"
                )
                plan.initiatives.append(
                    InitiativePlan(title, year, "CO_SO", unit, decision, authors)
                )
                for a in authors:
                    co_so[a] = co_so.get(a, 0) + 1
        # provincial initiatives: mostly people on a CSTDCS streak
        decision = -1
        cs1, cs2 = st.cstdcs[year - 1], st.cstdcs[year - 2]
        for i in sorted(co_so):
            if grade[i] is not HTXS:
                continue
            streak = i in cs1 and i in cs2
            fresh = st.last_cstd_tinh[i] <= year - 3
            chance = 0.35 if streak and fresh else 0.005 if people[i].quality > 0.8 else 0.0
            if rand() < chance:
                if decision < 0:
                    decision = self._decision(
                        "UBND",
                        self._day(year, 11, 20, 28),
                        f"Về việc công nhận sáng kiến có phạm vi ảnh hưởng cấp tỉnh năm {year}",
                        award=False,
                    )
                title = N.PROVINCE_INITIATIVES[int(rand() * len(N.PROVINCE_INITIATIVES))]
                plan.initiatives.append(
                    InitiativePlan(title, year, "BO_TINH", cur_unit[i], decision, [i])
                )
                st.bo_tinh[year].add(i)

    def _individual_titles(self, y: _Year) -> None:
        rng, st, plan = self.rng, self.st, self.plan
        rand = rng.random
        people, awards = plan.people, plan.awards
        year, grade = y.year, y.grade
        nxt = year + 1
        cur_unit, cur_pos = self.cur_unit, self.cur_pos
        disciplined = st.in_effect.get(year, set())
        co_so = st.co_so[year]
        bo_tinh = st.bo_tinh
        cs1, cs2 = st.cstdcs[year - 1], st.cstdcs[year - 2]
        cstdcs_now = st.cstdcs[year]

        def line(code: str, d: int, i: int) -> None:
            awards.append((code, year, d, i, None, cur_unit[i], cur_pos[i], MERIT))

        # by the issuing unit, January of the next year: LDTT, CSTDCS, Giấy khen
        for group in sorted(y.groups):
            decided = self._day(nxt, 1, 8, 20)
            issuer = self._group_issuer(group, decided)
            cutoff = ldtt_cutoff(year, decided)
            ldtt = [
                i
                for i in y.groups[group]
                if grade[i] in GOOD
                and i not in disciplined
                and people[i].hired_on <= cutoff
                and rand() < 0.97
            ]
            if not ldtt:
                continue
            d = self._decision(
                issuer, decided, f"Về việc công nhận danh hiệu Lao động tiên tiến năm {year}"
            )
            for i in ldtt:
                line("LDTT", d, i)
            y.ldtt.update(ldtt)
            candidates = [i for i in ldtt if i in co_so and (grade[i] is HTXS or rand() < 0.25)]
            candidates.sort(
                key=lambda i: (
                    i in bo_tinh[year],
                    i in cs1 and i in cs2,
                    i in cs1,
                    grade[i] is HTXS,
                    people[i].quality,
                    rand(),
                ),
                reverse=True,
            )
            cap = cstdcs_cap(year, len(ldtt))
            chosen = (
                candidates[:cap] if cap is not None else [i for i in candidates if rand() < 0.9]
            )
            if chosen:
                d = self._decision(
                    issuer,
                    decided + dt.timedelta(days=rng.randint(0, 6)),
                    f"Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {year}",
                )
                for i in sorted(chosen):
                    line("CSTDCS", d, i)
                cstdcs_now.update(chosen)
            gk = [
                i
                for i in y.groups[group]
                if i not in cstdcs_now
                and i not in disciplined
                and ((grade[i] is HTXS and rand() < 0.45) or (grade[i] is HTT and rand() < 0.15))
            ]
            if gk:
                d = self._decision(
                    issuer,
                    decided + dt.timedelta(days=rng.randint(3, 12)),
                    f"Về việc tặng Giấy khen năm {year}",
                )
                for i in gk:
                    line("GK", d, i)

        # the province (spring of the next year): CSTĐ cấp tỉnh
        self.province_day = self._day(nxt, 3, 10, 28)
        window = (year, year - 1, year - 2)
        cstd_tinh = [
            i
            for i in sorted(cstdcs_now)
            if i in cs1
            and i in cs2
            and any(i in bo_tinh[w] for w in window)
            and st.last_cstd_tinh[i] <= year - 3
            and rand() < 0.7
        ]
        if cstd_tinh:
            d = self._decision(
                "UBND",
                self.province_day,
                f"Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm {year}",
            )
            for i in cstd_tinh:
                line("CSTD_TINH", d, i)
                st.last_cstd_tinh[i] = year

        # Bằng khen (province or ministry): two good years after the last one
        self.bk_day = self._day(nxt, 4, 5, 25)
        r2024 = self.bk_day >= R2024
        prev = st.grade.get(year - 1)
        co_so_prev = st.co_so.get(year - 1, {})
        y.bk_people = []
        if prev is not None:
            for i in sorted(set(y.htxs) | cstdcs_now):
                if st.last_bk[i] >= year - 1 or i in disciplined or prev[i] is None:
                    continue
                two_htxs = (
                    grade[i] is HTXS
                    and prev[i] is HTXS
                    and (co_so.get(i, 0) + co_so_prev.get(i, 0) >= 2)
                )
                two_cstdcs = r2024 and i in cstdcs_now and i in cs1
                if (two_htxs or two_cstdcs) and rand() < 0.35:
                    y.bk_people.append(i)
        # Bằng khen of the Prime Minister: a Bằng khen, then five rated years
        self.ttg_day = self._day(nxt, 9, 5, 25)
        ttg_r2024 = self.ttg_day >= R2024
        y.ttg_people = []
        years5 = range(year - 4, year + 1)
        cols = [st.grade.get(w) for w in years5]
        if all(c is not None for c in cols):
            for i in sorted(st.has_bk - st.bk_ttg):
                if year - st.last_bk[i] < 5 or i in disciplined:
                    continue
                gs = [c[i] for c in cols]  # type: ignore[index]
                if ttg_r2024:
                    ok = all(g in GOOD for g in gs) and sum(i in st.cstdcs[w] for w in years5) >= 3
                else:
                    ok = (
                        all(g is HTXS for g in gs)
                        and sum(st.co_so[w].get(i, 0) for w in years5) >= 5
                    )
                if ok and rand() < 0.2:
                    y.ttg_people.append(i)

    def _collective_titles(self, y: _Year) -> None:
        rng, st, plan = self.rng, self.st, self.plan
        rand = rng.random
        units, awards = plan.units, plan.awards
        year, grade = y.year, y.grade
        nxt = year + 1
        cur_unit, cur_pos = self.cur_unit, self.cur_pos
        severe = st.severe.get(year, set())
        cstdcs_now = st.cstdcs[year]
        sld, snv = self.code["SLDTBXH"], self.code["SNV"]

        # ratings of collectives; TTLDTT by the issuing unit; TTLDXS by the province (≤ 20%)
        unit_grade: dict[int, str] = {}
        ttldtt: list[int] = []
        ttldxs_candidates: list[int] = []
        for u in sorted(y.members):
            if units[u].kind == K_DEPARTMENT:
                continue
            mem = y.members[u]
            n = len(mem)
            share = sum(1 for i in mem if i in y.ldtt) / n
            all_ht = all(grade[i] is not None and grade[i] is not KHT for i in mem)
            has_cs = any(i in cstdcs_now for i in mem)
            r = rand()
            if (u, year) in self.forced_htxs or (share >= 0.7 and all_ht and has_cs and r < 0.65):
                g = HTXS
            elif share > 0.5:
                g = HTT if r < 0.92 else HT
            else:
                g = HT if r < 0.85 else KHT
            unit_grade[u] = g
            no_severe = not any(i in severe for i in mem)
            if g in GOOD and share > 0.5 and no_severe and n >= 2 and rand() < 0.95:
                ttldtt.append(u)
                if g is HTXS and share >= 0.7 and all_ht and has_cs:
                    ttldxs_candidates.append(u)
        dept = sld if year < SO_MERGE.year else snv
        unit_grade[dept] = HTXS if (dept, year) in self.forced_htxs or rand() < 0.7 else HTT
        for u in sorted(unit_grade):
            plan.ratings.append((None, u, year, unit_grade[u]))

        by_group: dict[str, list[int]] = defaultdict(list)
        for u in ttldtt:
            by_group[units[u].group].append(u)
        for group in sorted(by_group):
            decided = self._day(nxt, 1, 15, 28)
            issuer = self._group_issuer(group, decided)
            d = self._decision(
                issuer,
                decided,
                f"Về việc công nhận danh hiệu Tập thể lao động tiên tiến năm {year}",
            )
            for u in by_group[group]:
                awards.append(("TTLDTT", year, d, None, u, u, "", MERIT))
                st.unit_titles.append((u, year, 1))
            gk_units = [u for u in by_group[group] if u not in ttldxs_candidates and rand() < 0.25]
            if gk_units:
                d = self._decision(
                    issuer,
                    decided + dt.timedelta(days=2),
                    f"Về việc tặng Giấy khen cho tập thể năm {year}",
                )
                for u in gk_units:
                    awards.append(("GK", year, d, None, u, u, "", MERIT))
        rng.shuffle(ttldxs_candidates)
        cap = len(ttldtt) * TTLDXS_QUOTA_PCT // 100
        ttldxs = sorted(u for u in ttldxs_candidates[:cap] if rand() < 0.9)
        if ttldxs:
            d = self._decision(
                "UBND",
                self.province_day + dt.timedelta(days=1),
                f"Về việc tặng danh hiệu Tập thể lao động xuất sắc năm {year}",
            )
            for u in ttldxs:
                awards.append(("TTLDXS", year, d, None, u, u, "", MERIT))
                st.unit_ttldxs[u].add(year)
                st.unit_titles.append((u, year, 2))
        bk_units = [
            u
            for u in ttldxs
            if (year - 1) in st.unit_ttldxs[u]
            and st.unit_bk.get(u, -99) < year - 1
            and rand() < 0.5
        ]

        # Bằng khen decisions (individuals chosen in _individual_titles)
        ministry = [i for i in y.bk_people if rand() < 0.3]
        province = [i for i in y.bk_people if i not in set(ministry)]
        if province or bk_units:
            d = self._decision(
                "UBND", self.bk_day, f"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm {year}"
            )
            for i in province:
                awards.append(("BK_TINH", year, d, i, None, cur_unit[i], cur_pos[i], MERIT))
            for u in bk_units:
                awards.append(("BK_TINH", year, d, None, u, u, "", MERIT))
                st.unit_bk[u] = year
        if ministry:
            day = self._day(nxt, 5, 5, 25)
            d = self._decision(
                self._ministry(day), day, f"Về việc tặng Bằng khen của Bộ trưởng năm {year}"
            )
            for i in ministry:
                awards.append(("BK_BO", year, d, i, None, cur_unit[i], cur_pos[i], MERIT))
        for i in y.bk_people:
            st.last_bk[i] = year
            st.has_bk.add(i)
        if y.ttg_people:
            d = self._decision(
                "TTG", self.ttg_day, "Về việc tặng Bằng khen của Thủ tướng Chính phủ"
            )
            for i in y.ttg_people:
                awards.append(("BK_TTG", year, d, i, None, cur_unit[i], cur_pos[i], MERIT))
                st.bk_ttg.add(i)

        # emulation clusters: a leader with TTLDXS may get the province's flag
        clusters = self._clusters(year, unit_grade, ttldxs, y)
        flags = sorted(
            c.leader
            for c in clusters
            if c.leader is not None and c.leader in ttldxs and rand() < 0.6
        )
        if flags:
            d = self._decision(
                "UBND",
                self.province_day + dt.timedelta(days=2),
                f"Về việc tặng Cờ thi đua của UBND tỉnh năm {year}",
            )
            for u in flags:
                awards.append(("CO_TINH", year, d, None, u, u, "", MERIT))

    def _department_honours(self, year: int) -> None:
        u = self.code
        sld = u["SLDTBXH"]
        awards = self.plan.awards
        nxt = year + 1
        if 2015 <= year <= 2018:
            day = self._day(nxt, 2, 10, 25)
            d = self._decision(
                self._ministry(day), day, f"Về việc tặng Cờ thi đua của Bộ LĐ-TB&XH năm {year}"
            )
            awards.append(("CO_BO", year, d, None, sld, sld, "", "merit"))
        fixed = {
            2011: ("BK_TTG", "TTG", sld, dt.date(2012, 8, 14)),
            2015: ("BK_TTG", "TTG", u["TTBTXH"], dt.date(2016, 9, 6)),
            2016: ("HCLD3", "CTN", sld, dt.date(2017, 8, 29)),
            2020: ("HCLD3", "CTN", u["TTBTXH"], dt.date(2021, 8, 24)),
        }
        if year in fixed:
            code, issuer, unit, day = fixed[year]
            subject = (
                "Về việc tặng Bằng khen của Thủ tướng Chính phủ"
                if code == "BK_TTG"
                else "Về việc tặng thưởng Huân chương Lao động"
            )
            d = self._decision(issuer, day, subject)
            awards.append((code, year, d, None, unit, unit, "", "merit"))

    def _clusters(
        self, year: int, unit_rows: dict[int, str], ttldxs: list[int], y: _Year
    ) -> list[ClusterPlan]:
        members, ldtt_year = y.members, y.ldtt
        units = self.plan.units
        rated = [u for u in sorted(unit_rows) if units[u].kind != K_DEPARTMENT]
        kinds = {
            "Văn phòng, Thanh tra và các phòng chuyên môn": (K_OFFICE, K_INSPECTORATE, K_DIVISION),
            "Các đơn vị sự nghiệp": (K_CENTRE, K_COLLEGE),
            "Phòng Lao động – Thương binh và Xã hội các huyện": (K_DISTRICT,),
            "Phòng Văn hóa – Xã hội các xã": (K_COMMUNE,),
        }
        rank = {HTXS: 3, HTT: 2, HT: 1, KHT: 0}

        def score(u: int) -> tuple[int, bool, float, str]:
            mem = members[u]
            share = sum(1 for i in mem if i in ldtt_year) / len(mem)
            return rank[unit_rows[u]], u in ttldxs, share, units[u].code

        out: list[ClusterPlan] = []
        number = 0
        for label, ks in kinds.items():
            pool = [u for u in rated if units[u].kind in ks and units[u].base]
            pool += [
                u
                for u in rated
                if units[u].kind in ks and not units[u].base and units[u].kind != K_COMMUNE
            ]
            for start in range(0, len(pool), 12):
                chunk = pool[start : start + 12]
                if len(chunk) < 2:
                    continue
                number += 1
                leader = max(chunk, key=score)
                suffix = "" if len(pool) <= 12 else f" ({start // 12 + 1})"
                cluster = ClusterPlan(
                    f"Cụm thi đua số {number}: {label}{suffix}", year, chunk, leader
                )
                out.append(cluster)
        self.plan.clusters.extend(out)
        return out

    # ---------------------------------------------------------------- conferences
    def _conferences(self) -> None:
        specs = (
            (
                2015,
                dt.date(2015, 8, 14),
                2010,
                3,
                16,
                120,
                "Hội nghị điển hình tiên tiến ngành Lao động – Thương binh và Xã hội tỉnh Thái "
                "Nguyên giai đoạn 2010–2015",
            ),
            (
                2020,
                dt.date(2020, 7, 23),
                2015,
                10,
                30,
                180,
                "Hội nghị điển hình tiên tiến ngành Lao động – Thương binh và Xã hội tỉnh Thái "
                "Nguyên giai đoạn 2015–2020",
            ),
        )
        plan, st = self.plan, self.st
        people = plan.people
        units = plan.units
        sld = self.code["SLDTBXH"]
        for year, day, period_from, n_units, n_people, delegates, name in specs:
            if year < self.first_year:
                continue
            window = range(max(period_from, self.first_year), year)
            # individuals: most CSTDCS, then most HTXS in the period, among those in post
            cols = [st.grade[w] for w in window]
            scored = []
            for i, p in enumerate(people):
                at = p.at(day)
                if at is None or (units[at[0]].group != "SO" and units[at[0]].kind != K_DISTRICT):
                    continue
                score = (
                    sum(i in st.cstdcs[w] for w in window),
                    sum(c[i] is HTXS for c in cols),
                    p.quality,
                    p.external_id,
                )
                scored.append((score, i, at))
            scored.sort(reverse=True)
            picked = scored[:n_people]
            # collectives: most TTLDXS (2 points) and TTLDTT (1 point) in the period
            tally: dict[int, int] = defaultdict(int)
            for u, w, points in st.unit_titles:
                if w in window:
                    tally[u] += points
            best_units = sorted(
                (u for u in tally if units[u].kind != K_DEPARTMENT and units[u].base),
                key=lambda u: (-tally[u], units[u].code),
            )[:n_units]
            d = self._decision(
                "SO",
                day - dt.timedelta(days=3),
                f"Về việc khen thưởng các tập thể, cá nhân điển hình tiên tiến giai "
                f"đoạn {period_from}–{year}",
            )
            conf = ConferencePlan(
                name,
                sld,
                day,
                "Hội trường UBND tỉnh Thái Nguyên",
                period_from,
                year,
                f"Kế hoạch số {self.rng.randint(20, 90)}/KH-SLĐTBXH",
                delegates,
                d,
                f"Biểu dương {len(best_units)} tập thể và {len(picked)} cá nhân điển hình tiên "
                f"tiến; Giám đốc Sở tặng Giấy khen.",
            )
            for u in best_units:
                conf.honourees.append(len(plan.awards))
                plan.awards.append(("GK", year, d, None, u, u, "", "thematic"))
            for _score, i, (unit, pos) in sorted(picked, key=lambda t: people[t[1]].external_id):
                conf.honourees.append(len(plan.awards))
                plan.awards.append(("GK", year, d, i, None, unit, pos, "thematic"))
            plan.conferences.append(conf)

    # ---------------------------------------------------------------- movements
    def _movements(self) -> None:
        sld = self.code["SLDTBXH"]
        first = self.first_year

        def clip(
            rows: list[tuple[int, str, str | None]],
        ) -> list[tuple[int, Decimal, Decimal | None]]:
            return [
                (y, Decimal(p), Decimal(a) if a is not None else None)
                for y, p, a in rows
                if y >= first
            ]

        m1 = MovementPlan(
            "Phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía "
            "sau” giai đoạn 2016–2020",
            "thematic",
            sld,
            2016,
            2020,
            "Kế hoạch số 45/KH-SLĐTBXH ngày 15/3/2016",
            "Phát động trong toàn ngành nhằm thực hiện mục tiêu giảm nghèo bền vững, tạo việc "
            "làm và nâng cao chất lượng nguồn nhân lực giai đoạn 2016–2020.",
            [
                TargetPlan(
                    "Số lao động được tạo việc làm mới",
                    "người",
                    "higher",
                    clip(
                        [
                            (2016, "15000", "20482"),
                            (2017, "15000", "21510"),
                            (2018, "15000", "21930"),
                            (2019, "15000", "22165"),
                            (2020, "15000", "21518"),
                        ]
                    ),
                ),
                TargetPlan(
                    "Tỷ lệ lao động qua đào tạo",
                    "%",
                    "higher",
                    clip(
                        [
                            (2016, "60.0", "60.2"),
                            (2017, "62.5", "62.9"),
                            (2018, "65.0", "65.4"),
                            (2019, "67.5", "67.8"),
                            (2020, "70.0", "70.0"),
                        ]
                    ),
                ),
                TargetPlan(
                    "Tỷ lệ hộ nghèo cuối năm",
                    "%",
                    "lower",
                    clip(
                        [
                            (2016, "11.5", "11.2"),
                            (2017, "9.5", "9.1"),
                            (2018, "7.5", "7.0"),
                            (2019, "5.8", "5.6"),
                            (2020, "4.5", "4.3"),
                        ]
                    ),
                ),
            ],
        )
        m2 = MovementPlan(
            "Phong trào thi đua yêu nước ngành Lao động – Thương binh và Xã hội giai đoạn "
            "2021–2025",
            "regular",
            sld,
            2021,
            2025,
            "Kế hoạch số 18/KH-SLĐTBXH ngày 22/02/2021",
            "Phong trào thi đua thường xuyên, đăng ký và đánh giá hằng năm; từ ngày 01/3/2025 do "
            "Sở Nội vụ tiếp tục tổ chức thực hiện.",
            [
                TargetPlan(
                    "Số lao động được tạo việc làm mới",
                    "người",
                    "higher",
                    clip(
                        [
                            (2021, "16000", "14872"),
                            (2022, "16000", "17315"),
                            (2023, "16500", "18040"),
                            (2024, "16500", "18422"),
                            (2025, "17000", "18930"),
                        ]
                    ),
                ),
                TargetPlan(
                    "Tỷ lệ lao động qua đào tạo",
                    "%",
                    "higher",
                    clip(
                        [
                            (2021, "71.0", "71.3"),
                            (2022, "72.0", "72.4"),
                            (2023, "73.0", "73.2"),
                            (2024, "74.0", "74.5"),
                            (2025, "75.0", "75.1"),
                        ]
                    ),
                ),
                TargetPlan(
                    "Tỷ lệ hộ nghèo đa chiều cuối năm",
                    "%",
                    "lower",
                    clip(
                        [
                            (2021, "7.0", "6.8"),
                            (2022, "6.0", "5.7"),
                            (2023, "4.8", "4.5"),
                            (2024, "3.6", "3.4"),
                            (2025, "2.5", "2.4"),
                        ]
                    ),
                ),
                TargetPlan(
                    "Tỷ lệ hộ gia đình chính sách có mức sống bằng hoặc cao hơn mức "
                    "sống trung bình của cộng đồng",
                    "%",
                    "higher",
                    clip(
                        [
                            (2021, "97.0", "97.2"),
                            (2022, "97.5", "97.6"),
                            (2023, "98.0", "98.1"),
                            (2024, "98.0", "98.3"),
                            (2025, "98.5", None),
                        ]
                    ),
                ),
            ],
        )
        for m in (m1, m2):
            if m.end_year >= first:
                m.start_year = max(m.start_year, first)
                self.plan.movements.append(m)
