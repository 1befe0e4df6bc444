#!/usr/bin/env python3
"""Makes the demo site's sample documents: two signed commendation decisions and a
campaign's plan, as PDFs written by LibreOffice (HTML to ODT to PDF, soffice
--headless). Every page says in red that it is a sample without legal value; the
people named are the demo's fictional ones. exiftool then writes an author and an
XMP creator into each, as an office's files carry them, so that the build's removal
of metadata is seen on the demo site too.

    python3 scripts/make_demo_documents.py        # needs LibreOffice and exiftool
"""

import html
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = "BẢN MẪU – TÀI LIỆU MINH HOẠ CỦA TRANG DEMO, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"

STYLE = """
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 13pt; }
.sample { color: #b00000; font-weight: bold; text-align: center; }
table.head { width: 100%; }
table.head td { vertical-align: top; text-align: center; width: 50%; }
h1 { font-size: 14pt; text-align: center; margin: 12pt 0 4pt; }
.sub { text-align: center; font-style: italic; }
.sign { margin-left: 55%; text-align: center; }
table.list { border-collapse: collapse; width: 100%; }
table.list td, table.list th { border: 1px solid #000; padding: 2pt 4pt; }
"""


def page(title, author, issuer, number, place_date, heading, sub, paragraphs, sign, rows=()):
    """The HTML of one document."""
    esc = html.escape
    parts = [
        f"<html><head><meta charset='utf-8'><title>{esc(title)}</title>",
        f"<meta name='author' content='{esc(author)}'>",
        f"<style>{STYLE}</style></head><body>",
        "<table class='head'><tr>",
        f"<td><b>{esc(issuer)}</b><br>Số: {esc(number)}</td>",
        "<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập – Tự do – Hạnh phúc</b>"
        f"<br><i>{esc(place_date)}</i></td>",
        "</tr></table>",
        f"<h1>{esc(heading)}</h1><p class='sub'>{esc(sub)}</p>",
        f"<p class='sample'>{SAMPLE}</p>",
    ]
    parts += [f"<p>{esc(p)}</p>" for p in paragraphs]
    if rows:
        parts.append("<table class='list'><tr><th>STT</th><th>Họ và tên</th><th>Đơn vị</th></tr>")
        for i, (name, unit) in enumerate(rows, 1):
            parts.append(f"<tr><td>{i}</td><td>{esc(name)}</td><td>{esc(unit)}</td></tr>")
        parts.append("</table>")
    parts.append(f"<p class='sign'>{sign}</p>")
    parts.append(f"<p class='sample'>{SAMPLE}</p></body></html>")
    return "".join(parts)


DOCUMENTS = {
    "content/khen-thuong/qd-1234-sgddt-2025/quyet-dinh-1234.pdf": page(
        "Quyết định 1234/QĐ-SGDĐT (bản mẫu)",
        "Nguyễn Văn Văn Thư",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG",
        "1234/QĐ-SGDĐT",
        "Hải Phòng, ngày 15 tháng 8 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm học 2024–2025",
        [
            "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;",
            "Xét đề nghị của Hội đồng Thi đua – Khen thưởng Sở,",
            "QUYẾT ĐỊNH:",
            "Điều 1. Tặng danh hiệu Chiến sĩ thi đua cơ sở năm học 2024–2025 cho các cá nhân có tên trong danh sách kèm theo.",
            "Điều 2. Chánh Văn phòng Sở, Thủ trưởng các đơn vị và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ],
        "KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC<br><br><i>(Đã ký)</i><br><br><b>Đoàn Văn Thịnh</b>",
        [
            ("Đỗ Thị Thanh Tâm", "Trường THCS Chu Văn An"),
            ("Nguyễn Hữu Phước", "Trường THPT Cát Bà"),
            ("Vũ Thị Duyên", "Trường Mầm non Ninh Giang"),
            ("Phạm Văn Cường", "Trường THPT Kinh Môn"),
        ],
    ),
    "content/khen-thuong/qd-2468-ubnd-2025/quyet-dinh-2468.pdf": page(
        "Quyết định 2468/QĐ-UBND (bản mẫu)",
        "Trần Thị Chuyên Viên",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        "2468/QĐ-UBND",
        "Hải Phòng, ngày 12 tháng 9 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc tặng danh hiệu Tập thể lao động xuất sắc và Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
        [
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
            "Xét đề nghị của Giám đốc Sở Giáo dục và Đào tạo,",
            "QUYẾT ĐỊNH:",
            "Điều 1. Tặng danh hiệu Tập thể lao động xuất sắc năm học 2024–2025 cho Trường Tiểu học Lý Tự Trọng và Trường THPT Cát Bà; tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho ông Phạm Văn Toản, Trường THCS Thủy Nguyên.",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
        ],
        "KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br><i>(Đã ký)</i><br><br><b>Nguyễn Đức Long</b>",
    ),
    "content/phong-trao/day-tot-hoc-tot/ke-hoach-phong-trao.pdf": page(
        "Kế hoạch phong trào “Dạy tốt – học tốt” (bản mẫu)",
        "Lê Văn Thi Đua",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG",
        "2041/KH-SGDĐT",
        "Hải Phòng, ngày 5 tháng 9 năm 2025",
        "KẾ HOẠCH",
        "Tổ chức phong trào thi đua “Dạy tốt – học tốt” năm học 2025–2026",
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Nâng cao chất lượng giáo dục toàn diện; thu hẹp khoảng cách chất lượng giữa các trường nội đô và các trường vùng sâu, hải đảo, miền núi.",
            "II. NỘI DUNG, TIÊU CHÍ THI ĐUA",
            "Hoàn thành xuất sắc kế hoạch dạy học; tham gia có chất lượng sinh hoạt chuyên môn theo nghiên cứu bài học.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Các đơn vị đăng ký thi đua trước ngày 30 tháng 9 năm 2025; sơ kết học kỳ I trong tháng 1 năm 2026; tổng kết trước ngày 31 tháng 5 năm 2026.",
        ],
        "KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC<br><br><i>(Đã ký)</i><br><br><b>Đoàn Văn Thịnh</b>",
    ),
}


# Who "wrote" each file: fictional office staff, to be removed by the build.
AUTHORS = {
    "content/khen-thuong/qd-1234-sgddt-2025/quyet-dinh-1234.pdf": "Nguyễn Văn Văn Thư",
    "content/khen-thuong/qd-2468-ubnd-2025/quyet-dinh-2468.pdf": "Trần Thị Chuyên Viên",
    "content/phong-trao/day-tot-hoc-tot/ke-hoach-phong-trao.pdf": "Lê Văn Thi Đua",
}


def main():
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make_demo_documents: LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for rel, text in DOCUMENTS.items():
            target = ROOT / rel
            source = tmp / (target.stem + ".html")
            source.write_text(text, encoding="utf-8")
            # Straight from HTML, LibreOffice's web export draws no text: through ODT.
            for to, src in (("odt:writer8", source), ("pdf", tmp / (target.stem + ".odt"))):
                subprocess.run(
                    [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                     "--convert-to", to, "--outdir", str(tmp), str(src)],
                    check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp / (target.stem + ".pdf"), target)
            author = AUTHORS[rel]
            subprocess.run(
                ["exiftool", "-q", "-overwrite_original", f"-Author={author}",
                 f"-XMP-dc:Creator={author}", str(target)],
                check=True,
            )
            print(target.relative_to(ROOT), target.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
