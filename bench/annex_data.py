#!/usr/bin/env python3
"""Writes the annex benchmark's data (run by bench/annex.sh): N fictional units as
`id<TAB>name` lines, and an annex of ROWS recipients written by openpyxl, each naming
one of the units in its long or short form ("Trường THCS …", "THCS …", "Trường Trung
học cơ sở …"), under a merged title block.

    python3 bench/annex_data.py OUT_DIR [ROWS] [UNITS]
"""

import os
import random
import sys

import openpyxl

LEVELS = [
    ("mn", "Trường Mầm non", ["MN", "Mầm non"]),
    ("th", "Trường Tiểu học", ["TH", "Tiểu học"]),
    ("thcs", "Trường THCS", ["THCS", "Trường Trung học cơ sở"]),
    ("thpt", "Trường THPT", ["THPT", "Trường Trung học phổ thông"]),
]
SYLLABLES = [
    "An", "Bình", "Cát", "Dương", "Đông", "Giang", "Hải", "Hòa", "Hưng", "Kiến", "Lạc", "Long",
    "Minh", "Nam", "Ninh", "Phong", "Phú", "Quang", "Sơn", "Tân", "Thanh", "Thủy", "Tiên", "Trung",
    "Vĩnh", "Xuân", "Yên", "Bảo", "Lãng", "Hồng",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MIDDLE = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thị Thanh"]
GIVEN = ["Hằng", "Lan", "Hùng", "Dũng", "Trang", "Hương", "Tuấn", "Thắng", "Nhung", "Hải", "Yến", "Long"]
POSITIONS = ["Giáo viên", "Giáo viên Toán", "Tổ trưởng chuyên môn", "Nhân viên thư viện", "Phó Hiệu trưởng"]


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    rnd = random.Random(1000)
    os.makedirs(out, exist_ok=True)
    units = []
    seen = set()
    while len(units) < count:
        slug, long, shorts = rnd.choice(LEVELS)
        place = " ".join(rnd.sample(SYLLABLES, 2))
        if (slug, place) in seen:
            continue
        seen.add((slug, place))
        units.append((f"{slug}-{len(units)}", f"{long} {place}", [f"{s} {place}" for s in shorts]))
    with open(os.path.join(out, "units.tsv"), "w", encoding="utf-8") as f:
        for uid, name, _ in units:
            f.write(f"{uid}\t{name}\n")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.merge_cells("A1:E1")
    sheet["A1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    sheet.merge_cells("A3:E3")
    sheet["A3"] = f"DANH SÁCH {rows} CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU LAO ĐỘNG TIÊN TIẾN"
    for j, title in enumerate(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ghi chú"], 1):
        sheet.cell(row=5, column=j, value=title)
    for i in range(1, rows + 1):
        _, name, shorts = rnd.choice(units)
        unit = rnd.choice([name] + shorts)
        person = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
        for j, value in enumerate([i, person, rnd.choice(POSITIONS), unit], 1):
            sheet.cell(row=5 + i, column=j, value=value)
    sheet.cell(row=6 + rows, column=1, value=f"Danh sách này có {rows} người./.")
    book.save(os.path.join(out, "phu-luc.xlsx"))


if __name__ == "__main__":
    main()
