#!/usr/bin/env bash
# Writes the attachment fixtures of tests/fixtures/attachments/ with real programs:
# LibreOffice (ODT, PDF, PDF/A, DOCX, ODS), exiftool (PDF Author + XMP creator, as an
# incremental update), python-docx (DOCX with a comment), openpyxl (XLSX with a cell
# comment) and python-pptx (PPTX). Every file names fictional people that the tests
# look for after cleaning.
#
# A phone-like "scan" (Pillow draws it, exiftool adds GPS, Artist, orientation and
# XMP) goes into a PDF by img2pdf, which keeps JPEG bytes as they are, and into a
# DOCX by python-docx.
#
# Needs: Debian's libreoffice-writer-nogui libreoffice-calc-nogui
# libimage-exiftool-perl; PyPI's python-docx openpyxl python-pptx img2pdf.
# Run from the repository root: scripts/make_attachment_fixtures.sh
set -euo pipefail
out=tests/fixtures/attachments
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" # LibreOffice writes its profile there, not in the user's

# An OpenDocument text written by hand (flat XML), saved as .odt by LibreOffice:
# author, creator, a comment by someone else.
cat > "$work/mau.fodt" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>Quyết định khen thưởng (bản mẫu)</dc:title>
  <meta:initial-creator>Phạm Văn Toàn</meta:initial-creator>
  <dc:creator>Lê Thị Mai</dc:creator>
  <meta:keyword>khen thưởng</meta:keyword>
 </office:meta>
 <office:body>
  <office:text>
   <text:p>BẢN MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ</text:p>
   <text:p>Quyết định số 999/QĐ-SGDĐT về việc khen thưởng giáo viên có thành tích xuất sắc năm học 2025–2026.<office:annotation><dc:creator>Đỗ Minh Khôi</dc:creator><dc:date>2026-05-20T08:00:00</dc:date><text:p>Kiểm tra lại số quyết định.</text:p></office:annotation></text:p>
  </office:text>
 </office:body>
</office:document>
XML
soffice --headless --convert-to odt --outdir "$work" "$work/mau.fodt" >/dev/null
cp "$work/mau.odt" "$out/libreoffice.odt"
soffice --headless --convert-to docx --outdir "$work" "$work/mau.odt" >/dev/null
cp "$work/mau.docx" "$out/libreoffice.docx"
soffice --headless --convert-to pdf --outdir "$work" "$work/mau.odt" >/dev/null
cp "$work/mau.pdf" "$out/libreoffice.pdf"
# PDF/A-2b: LibreOffice adds an XMP metadata stream naming the author.
mkdir -p "$work/pdfa"
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}' \
  --outdir "$work/pdfa" "$work/mau.odt" >/dev/null
cp "$work/pdfa/mau.pdf" "$out/libreoffice-pdfa.pdf"

# exiftool writes /Author and XMP dc:creator as an incremental update of the PDF.
cp "$work/mau.pdf" "$work/exif.pdf"
exiftool -q -overwrite_original -Author='Trần Quốc Bảo' -XMP-dc:Creator='Trần Quốc Bảo' \
  -XMP-pdf:Producer='Máy quét phòng Tổ chức' "$work/exif.pdf"
cp "$work/exif.pdf" "$out/exiftool.pdf"

python3 - "$out" <<'PY'
import sys
import docx, openpyxl, pptx
from openpyxl.comments import Comment

out = sys.argv[1]
d = docx.Document()
d.core_properties.author = "Vũ Thị Lan"
d.core_properties.last_modified_by = "Hoàng Văn Nam"
d.core_properties.title = "Kế hoạch phong trào (bản mẫu)"
p = d.add_paragraph("BẢN MẪU — Kế hoạch phong trào thi đua “Dạy tốt – học tốt”.")
d.add_comment(p.runs, text="Bổ sung chỉ tiêu.", author="Ngô Thanh Tùng", initials="NTT")
d.save(f"{out}/python-docx.docx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Danh sách"
ws.append(["STT", "Họ và tên", "Đơn vị"])
ws.append([1, "Nguyễn Thị Hoa (mẫu)", "THCS Bạch Long Vĩ"])
ws["B2"].comment = Comment("Kiểm tra tên.", "Đặng Quang Huy")
wb.properties.creator = "Bùi Thị Thu"
wb.properties.lastModifiedBy = "Bùi Thị Thu"
wb.save(f"{out}/openpyxl.xlsx")

pr = pptx.Presentation()
s = pr.slides.add_slide(pr.slide_layouts[1])
s.shapes.title.text = "Điển hình tiên tiến (bản mẫu)"
pr.core_properties.author = "Lý Văn Sơn"
pr.core_properties.last_modified_by = "Lý Văn Sơn"
pr.save(f"{out}/python-pptx.pptx")
PY

python3 - "$work/scan.jpg" <<'PY'
import sys
from PIL import Image, ImageDraw
page = Image.new("RGB", (420, 300), "white")
d = ImageDraw.Draw(page)
d.rectangle([20, 20, 400, 280], outline="black", width=3)
d.text((40, 40), "BAN MAU - QUYET DINH (SCAN)", fill="black")
for y in range(80, 260, 20):
    d.line([40, y, 380, y], fill="gray", width=2)
page.save(sys.argv[1], quality=80)
PY
exiftool -q -overwrite_original -Artist='Nguyễn Văn Phúc' -XMP-dc:Creator='Nguyễn Văn Phúc' \
  -GPSLatitude=20.8449 -GPSLatitudeRef=N -GPSLongitude=106.6881 -GPSLongitudeRef=E \
  -Make='Điện thoại của Phúc' -Orientation#=6 "$work/scan.jpg"
python3 - "$work/scan.jpg" "$out" <<'PY'
import sys
import docx, img2pdf
scan, out = sys.argv[1], sys.argv[2]
with open(f"{out}/img2pdf-scan.pdf", "wb") as f:
    f.write(img2pdf.convert(scan, rotation=img2pdf.Rotation.ifvalid))
d = docx.Document()
d.add_paragraph("BẢN MẪU — ảnh chụp văn bản.")
d.add_picture(scan)
d.save(f"{out}/python-docx-photo.docx")
PY

# An Excel file saved again by LibreOffice as OpenDocument: the creator travels.
soffice --headless --convert-to ods --outdir "$work" "$out/openpyxl.xlsx" >/dev/null
cp "$work/openpyxl.ods" "$out/libreoffice.ods"
ls -l "$out"
