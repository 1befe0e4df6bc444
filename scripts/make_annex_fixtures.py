#!/usr/bin/env python3
"""Writes the annex fixtures of tests/fixtures/annex/ with real spreadsheet software,
so the tests read files that tonvinh's own code did not write:

- LibreOffice Calc (Debian libreoffice-calc-nogui) converts Flat ODS sources made here
  to .xlsx, .ods, .xls ("MS Excel 97") and .csv (UTF-8, and Windows-1258 as Excel on a
  Vietnamese Windows writes it);
- openpyxl (PyPI) writes an .xlsx of its own.

The TCVN3 and VNI texts were produced by another converter (the npm package
vietnamese-conversion, toTCVN3/toVNI), not by tonvinh's tables.

    apt-get install -y libreoffice-calc-nogui && pip install openpyxl
    python3 scripts/make_annex_fixtures.py            # the test fixtures
    python3 scripts/make_annex_fixtures.py --demo     # only the demo site's annex

The demo annex is decision 1235/QĐ-SGDĐT's (Lao động tiên tiến and Tập thể lao động
tiên tiến, năm học 2024–2025): 120 rows, fictional names, units in their long and
short forms, under a merged title block and two section lines, with a "Danh hiệu"
column. It names the collectives whose profiles cite 1235 (the site then counts each
once) and writes content/khen-thuong/qd-1235-sgddt-2025/phu-luc.xlsx.

The tests need only the committed files.
"""

import datetime
import os
import random
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "annex")

# A cell: a string, an int or float (a number cell), a datetime.date (a date cell),
# None (empty), or ("span", text, columns) for a merged cell.


def span(text, columns):
    return ("span", text, columns)


def fods_cell(cell):
    if cell is None:
        return "<table:table-cell/>"
    if isinstance(cell, tuple):
        _, text, columns = cell
        covered = "<table:covered-table-cell/>" * (columns - 1)
        return (
            f'<table:table-cell table:number-columns-spanned="{columns}" '
            f'office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>{covered}'
        )
    if isinstance(cell, datetime.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{cell.isoformat()}">'
            f"<text:p>{cell.strftime('%d/%m/%Y')}</text:p></table:table-cell>"
        )
    if isinstance(cell, (int, float)):
        return (
            f'<table:table-cell office:value-type="float" office:value="{cell}">'
            f"<text:p>{cell}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'


def fods(sheets):
    """A Flat ODS document: [(sheet name, rows)]."""
    tables = []
    for name, rows in sheets:
        body = "".join(
            "<table:table-row>" + "".join(fods_cell(c) for c in row) + "</table:table-row>"
            if row
            else "<table:table-row><table:table-cell/></table:table-row>"
            for row in rows
        )
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body></office:document>\n"
    )


def soffice(source, target_name, filter_spec, out_dir):
    """Converts `source` with LibreOffice and moves the result to out_dir/target_name."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", filter_spec, "--outdir", tmp, source],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        produced = [f for f in os.listdir(tmp) if f != "profile"]
        assert len(produced) == 1, produced
        shutil.move(os.path.join(tmp, produced[0]), os.path.join(out_dir, target_name))


def title_block(title, subtitle, width):
    """The lines above a decision annex's table, with merged cells as offices make them."""
    return [
        [span("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 2), span("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", width - 2)],
        [span("THÀNH PHỐ HẢI PHÒNG", 2), span("Độc lập - Tự do - Hạnh phúc", width - 2)],
        [],
        [span(title, width)],
        [span(subtitle, width)],
        [],
    ]


def signature_block(width, count_line):
    pad = [None] * (width - 2)
    return [
        [span(count_line, width)],
        [],
        pad + [span("KT. GIÁM ĐỐC", 2)],
        pad + [span("PHÓ GIÁM ĐỐC", 2)],
        pad + [span("(Đã ký)", 2)],
        pad + [span("Đoàn Văn Thịnh", 2)],
    ]


# The main fixture: ten people, units in long and short forms, as an office types them.
PEOPLE = [
    ("Nguyễn Thị Hương", "Giáo viên Ngữ văn", "Trường THCS Bạch Long Vĩ", None),
    ("Trần Văn Khải", "Hiệu trưởng", "THPT Cát Bà", None),
    ("Lê Thị Thu Trang", "Tổ trưởng chuyên môn", "Trường Tiểu học Vĩnh Bảo", "Có sáng kiến cấp thành phố"),
    ("Phạm Quang Huy", "Giáo viên Toán", "Trường Trung học cơ sở Tiên Lãng", None),
    ("Đỗ Thị Mai Anh", "Giáo viên", "MN Hoa Sen", None),
    ("Vũ Đình Nam", "Phó Giám đốc", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên Chí Linh", None),
    ("Hoàng Thị Lan", "Nhân viên thư viện", "trường thcs thuy nguyen", None),
    ("Bùi Văn Thắng", "Giáo viên Vật lý", "Trường PTDTNT Hải Phòng", None),
    ("Ngô Thị Hồng Nhung", "Giáo viên Tiếng Anh", "THPT chuyên Trần Phú", None),
    ("Đặng Minh Tuấn", "Chủ tịch Công đoàn", "Trường TH&THCS Cát Hải", None),
]


def main_rows():
    width = 5
    rows = title_block(
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM HỌC 2024–2025",
        "(Kèm theo Quyết định số 1234/QĐ-SGDĐT ngày 15/8/2025 của Giám đốc Sở Giáo dục và Đào tạo)",
        width,
    )
    rows.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú"])
    rows.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    for i, (name, position, unit, note) in enumerate(PEOPLE, 1):
        rows.append([i, name, position, unit, note])
    rows.extend(signature_block(width, "Danh sách này có 10 người./."))
    return rows


def legacy_rows():
    """The header in Unicode, cells typed in TCVN3, VNI and UTF-8 read as Windows-1252."""
    rows = title_block("DANH SÁCH", "(Kèm theo Quyết định số 1876/QĐ-SGDĐT)", 4)
    rows.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị"])
    rows.append([1, "NguyÔn ThÞ H\u00ad¬ng", "Gi¸o viªn Ng÷ v¨n", "Tr\u00adêng THCS Tiªn L·ng"])
    rows.append([2, "Phaïm Vaên Ñöùc", "Toå tröôûng chuyeân moân", "Tröôøng Tieåu hoïc Vónh Baûo"])
    rows.append([3, "Tráº§n Quá»‘c Viá»‡t", "Phó Hiệu trưởng", "Trường THPT Kiến An"])
    rows.append([4, "Lê Thị Thu Trang", "Nhân viên thư viện", "Trường Mầm non Hoa Sen"])
    return rows


def tcvn3_rows():
    """An old annex typed wholly in TCVN3: no column name can be read."""
    return [
        ["STT", "Hä vµ tªn", "Chøc vô", "§¬n vÞ"],
        [1, "NguyÔn ThÞ H\u00ad¬ng", "Gi¸o viªn Ng÷ v¨n", "Tr\u00adêng THCS Tiªn L·ng"],
        [2, "Lª ThÞ Thu Trang", "Nh©n viªn th\u00ad viÖn", "Tr\u00adêng MÇm non Hoa Sen"],
    ]


def error_rows():
    """One problem of each kind a school can make, all in one file."""
    rows = title_block("DANH SÁCH", "(Dự thảo)", 6)
    rows.append(["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị", "Ghi chú"])
    rows.append([1, "Nguyễn Văn An", datetime.date(1985, 5, 12), "Giáo viên", "THCS Bạch Long Vĩ", None])
    rows.append([2, "Trần Thị Bình", datetime.date(1990, 1, 2), "Giáo viên", "Trường THCS Bạch Long Vi A", "ĐT: 0912345678"])
    rows.append([3, None, None, "Giáo viên", "THPT Kiến An", None])
    rows.append([4, "Lê Văn Cường", None, "Bảo vệ", None, None])
    rows.append([5, "Phạm Thị Dung", None, "Giáo viên", "THPT Kien An", 912345678])
    rows.append([6, "Hoàng Văn Em", None, "Giáo viên", "Trường THPT Kiến An", "CCCD 031204012345, sinh 03/04/1988"])
    rows.append([span("Tổng cộng: 06 người", 6)])
    return rows


def openpyxl_book(path):
    """Written by openpyxl: an instructions sheet first, then the list with sections,
    a combined "Chức vụ, đơn vị công tác" column and an award column."""
    import openpyxl

    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Hướng dẫn"
    guide["A1"] = "Điền danh sách vào trang tính «Danh sách». Không ghi ngày sinh, số điện thoại."
    sheet = book.create_sheet("Danh sách")
    sheet.merge_cells("A1:D1")
    sheet["A1"] = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU NĂM HỌC 2024–2025"
    sheet.merge_cells("A2:D2")
    sheet["A2"] = "(Kèm theo Quyết định số 1235/QĐ-SGDĐT ngày 15 tháng 8 năm 2025)"
    rows = [
        ["TT", "Họ và tên (tập thể, cá nhân)", "Chức vụ, đơn vị công tác", "Hình thức khen thưởng"],
        ["I", "TẬP THỂ", None, None],
        [1, "Tổ Toán Trường THCS Bạch Long Vĩ", None, "Tập thể lao động tiên tiến"],
        [2, "Trường Mầm non Ninh Giang", None, "Tập thể lao động tiên tiến"],
        ["II", "CÁ NHÂN", None, None],
        [1, "Lê Văn Sáu", "Giáo viên, Trường Tiểu học Côn Sơn", "Lao động tiên tiến"],
        [2, "Hoàng Thị Mai", "Tổ trưởng tổ Ngữ văn Trường THPT Kiến An", "Lao động tiên tiến"],
        [3.0, "Mai Thị Yến", "Kế toán, TH Lý Tự Trọng", "Lao động tiên tiến"],
        [None, "Tổng cộng: 02 tập thể, 03 cá nhân", None, None],
    ]
    for i, row in enumerate(rows, start=4):
        for j, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=i, column=j, value=value)
    book.save(path)


# The demo annex: 120 rows of fictional people of the demo site's units.
DEMO_UNITS = [
    ("Trường Mầm non Bạch Long Vĩ", "MN Bạch Long Vĩ", "mn"),
    ("Trường Mầm non Hoa Sen", "MN Hoa Sen", "mn"),
    ("Trường Mầm non Ninh Giang", "Mầm non Ninh Giang", "mn"),
    ("Trường Tiểu học Côn Sơn", "TH Côn Sơn", "th"),
    ("Trường Tiểu học Lý Tự Trọng", "TH Lý Tự Trọng", "th"),
    ("Trường Tiểu học Vĩnh Bảo", "Tiểu học Vĩnh Bảo", "th"),
    ("Trường TH&THCS Cát Hải", "Trường Tiểu học và THCS Cát Hải", "thcs"),
    ("Trường THCS Bạch Long Vĩ", "THCS Bạch Long Vĩ", "thcs"),
    ("Trường THCS Chu Văn An", "THCS Chu Văn An", "thcs"),
    ("Trường THCS Thủy Nguyên", "THCS Thủy Nguyên", "thcs"),
    ("Trường THCS Tiên Lãng", "Trường Trung học cơ sở Tiên Lãng", "thcs"),
    ("Trường THPT Cát Bà", "THPT Cát Bà", "thpt"),
    ("Trường THPT chuyên Trần Phú", "THPT Chuyên Trần Phú", "thpt"),
    ("Trường THPT Kiến An", "THPT Kiến An", "thpt"),
    ("Trường THPT Kinh Môn", "Trường Trung học phổ thông Kinh Môn", "thpt"),
    ("Trường Phổ thông Dân tộc nội trú Hải Phòng", "Trường PTDTNT Hải Phòng", "thpt"),
    ("Trung tâm GDNN-GDTX Chí Linh", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên Chí Linh", "gdtx"),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Lương", "Phan", "Đinh", "Tạ", "Hà", "Mạc", "Cao"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Minh", "Thị Hồng", "Thị Thanh", "Ngọc", "Thị Bích", "Thu", "Thị Kim"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Đình", "Mạnh"]
GIVEN_F = ["Hằng", "Lan", "Ngọc", "Hạnh", "Thảo", "Trang", "Hương", "Nhung", "Oanh", "Huyền", "Liên", "Yến", "Thơm", "Duyên", "Vân", "Nga"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Thắng", "Khải", "Long", "Bình", "Hải", "Sơn", "Cường", "Tiến", "Quân", "Phong", "Đạt", "Nghĩa"]
POSITIONS = {
    "mn": ["Giáo viên", "Giáo viên", "Tổ trưởng chuyên môn", "Nhân viên nuôi dưỡng", "Phó Hiệu trưởng", "Nhân viên kế toán"],
    "th": ["Giáo viên chủ nhiệm lớp 3", "Giáo viên Tiếng Anh", "Giáo viên", "Tổng phụ trách Đội", "Nhân viên thư viện", "Tổ trưởng tổ 4-5"],
    "thcs": ["Giáo viên Toán", "Giáo viên Ngữ văn", "Giáo viên Khoa học tự nhiên", "Tổ trưởng tổ Xã hội", "Nhân viên thiết bị", "Phó Hiệu trưởng"],
    "thpt": ["Giáo viên Vật lý", "Giáo viên Hóa học", "Giáo viên Lịch sử", "Tổ trưởng tổ Toán - Tin", "Nhân viên y tế trường học", "Bí thư Đoàn trường"],
    "gdtx": ["Giáo viên", "Giáo viên dạy nghề", "Phó Giám đốc", "Nhân viên văn thư"],
}
COLLECTIVES = [
    ("Tổ Nuôi dưỡng Trường Mầm non Ninh Giang", 2),
    ("Tổ Toán Trường THCS Bạch Long Vĩ", 7),
    ("Tổ Khoa học tự nhiên Trường THCS Tiên Lãng", 10),
    ("Tổ Ngoại ngữ Trường THPT Kiến An", 13),
    ("Trường Tiểu học Vĩnh Bảo", 5),
    ("Tổ Văn phòng Trường THPT Cát Bà", 11),
    ("Tổ Xã hội Trường THPT Kinh Môn", 14),
    ("Tổ Tiểu học Trường TH&THCS Cát Hải", 6),
    ("Trường Mầm non Hoa Sen", 1),
]
# Who the decision's TOML listed. The people whose profiles cite decision 1235 are
# left out: withdrawing a profile's consent must leave no trace of the name
# (tests/it/privacy.rs), and a row of the annex would keep it on the decision's page.
NAMED_PEOPLE = [
    ("Lê Văn Sáu", "Giáo viên", 3),
    ("Hoàng Thị Mai", "Tổ trưởng tổ Ngữ văn", 13),
]
DEMO_OUT = os.path.join(ROOT, "content", "khen-thuong", "qd-1235-sgddt-2025")


def demo_rows():
    rnd = random.Random(20250815)
    width = 5
    rows = title_block(
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU NĂM HỌC 2024–2025",
        "(Kèm theo Quyết định số 1235/QĐ-SGDĐT ngày 15 tháng 8 năm 2025 của Giám đốc Sở Giáo dục và Đào tạo Hải Phòng)",
        width,
    )
    rows.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu"])
    rows.append(["I", span("TẬP THỂ LAO ĐỘNG TIÊN TIẾN", 4)])
    for i, (name, unit) in enumerate(COLLECTIVES, 1):
        long, short, _ = DEMO_UNITS[unit]
        rows.append([i, name, None, long if i % 2 else short, "Tập thể lao động tiên tiến"])
    rows.append(["II", span("LAO ĐỘNG TIÊN TIẾN", 4)])
    people = list(NAMED_PEOPLE)
    seen = {p[0] for p in people}
    while len(people) < 120 - len(COLLECTIVES):
        female = rnd.random() < 0.7
        name = " ".join(
            [rnd.choice(FAMILY), rnd.choice(MIDDLE_F if female else MIDDLE_M), rnd.choice(GIVEN_F if female else GIVEN_M)]
        )
        if name in seen:
            continue
        seen.add(name)
        unit = rnd.randrange(len(DEMO_UNITS))
        people.append((name, rnd.choice(POSITIONS[DEMO_UNITS[unit][2]]), unit))
    for i, (name, position, unit) in enumerate(people, 1):
        long, short, _ = DEMO_UNITS[unit]
        rows.append([i, name, position, short if rnd.random() < 0.4 else long, "Lao động tiên tiến"])
    rows.extend(signature_block(width, f"Danh sách này có {len(COLLECTIVES)} tập thể và {len(people)} cá nhân./."))
    return rows


def write_fods(tmp, name, sheets):
    path = os.path.join(tmp, name + ".fods")
    with open(path, "w", encoding="utf-8") as f:
        f.write(fods(sheets))
    return path


def main():
    for tool in ["soffice"]:
        if not shutil.which(tool):
            sys.exit(f"missing {tool}: apt-get install -y libreoffice-calc-nogui")
    if "--demo" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            demo_src = write_fods(tmp, "demo", [("Phụ lục", demo_rows())])
            soffice(demo_src, "phu-luc.xlsx", "xlsx:Calc MS Excel 2007 XML", DEMO_OUT)
        print(os.path.join(DEMO_OUT, "phu-luc.xlsx"))
        return
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        main_src = write_fods(tmp, "main", [("Sheet1", main_rows())])
        soffice(main_src, "lo-calc.xlsx", "xlsx:Calc MS Excel 2007 XML", OUT)
        soffice(main_src, "lo-calc.ods", "ods", OUT)
        soffice(main_src, "lo-calc.xls", "xls:MS Excel 97", OUT)
        # 76 is UTF-8. Excel's "CSV UTF-8" starts with a BOM; LibreOffice 7.4 writes
        # none, so it is added here as Excel would.
        soffice(main_src, "bom.csv", "csv:Text - txt - csv (StarCalc):44,34,76", OUT)
        with open(os.path.join(OUT, "bom.csv"), "rb") as f:
            data = f.read()
        with open(os.path.join(OUT, "bom.csv"), "wb") as f:
            f.write(b"\xef\xbb\xbf" + data)
        # 40 is Windows-1258, what Excel's plain "CSV" writes on a Vietnamese Windows.
        soffice(main_src, "windows-1258.csv", "csv:Text - txt - csv (StarCalc):44,34,40", OUT)
        soffice(write_fods(tmp, "legacy", [("Sheet1", legacy_rows())]), "legacy.xlsx", "xlsx:Calc MS Excel 2007 XML", OUT)
        soffice(write_fods(tmp, "tcvn3", [("Sheet1", tcvn3_rows())]), "tcvn3.xlsx", "xlsx:Calc MS Excel 2007 XML", OUT)
        soffice(write_fods(tmp, "errors", [("Sheet1", error_rows())]), "errors.xlsx", "xlsx:Calc MS Excel 2007 XML", OUT)
        openpyxl_book(os.path.join(OUT, "openpyxl.xlsx"))
    for name in sorted(os.listdir(OUT)):
        print(name)


if __name__ == "__main__":
    main()
