#!/usr/bin/env python3
"""Draws the demo site's media: school photos, gallery photos and a short video clip.
Illustrations, never photographs of real people: figures are drawn seen from behind
or far away, faceless.

    pip install Pillow; apt-get install fonts-dejavu-core ffmpeg
    python3 scripts/make_media.py            # from the repository root

Writes into the page bundles named in SCENES (the bundles' index.md name the files
in `photo`, `gallery` and `video`). Each drawing is seeded by its file name, so
running the script again gives the same pictures. Photos are 1600x1067 JPEG (about
100-250 KB); the clip is a few seconds of the campaign's photos, under 300 KB.
"""
import hashlib
import math
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")
SIZE = (1600, 1067)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

RED = (176, 32, 24)
GOLD = (246, 206, 74)
SKIN = [(236, 198, 160), (214, 170, 130), (228, 190, 152)]
HAIR = [(30, 26, 24), (46, 36, 30), (24, 24, 28)]
SHIRTS = [(250, 250, 246), (34, 82, 140), (176, 42, 28), (46, 110, 86), (220, 180, 60), (118, 64, 130)]


def font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def sky(d, w, h, top, bottom):
    for y in range(h):
        t = y / max(h - 1, 1)
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def clouds(d, rnd, w, h):
    for _ in range(rnd.randint(3, 6)):
        x, y, s = rnd.randint(0, w), rnd.randint(20, h // 4), rnd.randint(60, 140)
        for k in range(5):
            dx, dy = rnd.randint(-s, s), rnd.randint(-s // 4, s // 4)
            d.ellipse([x + dx - s // 2, y + dy - s // 4, x + dx + s // 2, y + dy + s // 4], fill=(250, 250, 252))


def person(d, rnd, x, y, s, back=True, shirt=None):
    """A faceless figure standing at (x, y) (feet), s pixels tall."""
    shirt = shirt or rnd.choice(SHIRTS)
    head = s * 0.16
    d.rectangle([x - s * 0.09, y - s * 0.42, x - s * 0.02, y], fill=(40, 44, 60))
    d.rectangle([x + s * 0.02, y - s * 0.42, x + s * 0.09, y], fill=(40, 44, 60))
    d.rounded_rectangle([x - s * 0.17, y - s * 0.78, x + s * 0.17, y - s * 0.38], radius=s * 0.06, fill=shirt)
    d.ellipse([x - head / 2, y - s * 0.78 - head, x + head / 2, y - s * 0.78], fill=rnd.choice(SKIN))
    d.chord([x - head / 2, y - s * 0.78 - head, x + head / 2, y - s * 0.78 - head * (0.2 if back else 0.6)],
            180, 360, fill=rnd.choice(HAIR))
    if back:
        d.rectangle([x - head / 2, y - s * 0.78 - head * 0.6, x + head / 2, y - s * 0.78 - head * 0.25],
                    fill=rnd.choice(HAIR))


def building(d, rnd, x, y, w, h, wall, floors=2):
    d.rectangle([x, y - h, x + w, y], fill=wall)
    d.polygon([(x - 20, y - h), (x + w + 20, y - h), (x + w - 30, y - h - 70), (x + 30, y - h - 70)], fill=(168, 64, 40))
    fh = h / floors
    for f in range(floors):
        top = y - h + f * fh
        d.rectangle([x, top + fh - 14, x + w, top + fh - 4], fill=(230, 226, 214))
        for k in range(int(w // 110)):
            wx = x + 30 + k * 110
            d.rectangle([wx, top + 30, wx + 60, top + fh - 30], fill=(92, 130, 150))
            d.line([(wx + 30, top + 30), (wx + 30, top + fh - 30)], fill=(240, 240, 236), width=4)


def flag(d, x, y, h):
    d.rectangle([x, y - h, x + 6, y], fill=(200, 200, 200))
    d.rectangle([x + 6, y - h, x + 126, y - h + 80], fill=(218, 37, 29))
    cx, cy, r = x + 66, y - h + 40, 26
    pts = [(cx + r * math.sin(i * math.pi * 4 / 5), cy - r * math.cos(i * math.pi * 4 / 5)) for i in range(5)]
    d.polygon(pts, fill=(255, 221, 0))


def banner(d, x0, y0, x1, y1, lines):
    d.rectangle([x0, y0, x1, y1], fill=RED)
    d.rectangle([x0 + 8, y0 + 8, x1 - 8, y1 - 8], outline=GOLD, width=4)
    n = len(lines)
    for i, (text, size) in enumerate(lines):
        f = font(size)
        tw = d.textlength(text, font=f)
        d.text(((x0 + x1 - tw) / 2, y0 + (y1 - y0) * (i + 0.5) / n - size * 0.6), text, font=f, fill=GOLD)


def texture(img, rnd, amount=10):
    """Grain and a little blur, so that the drawing reads as a photo."""
    w, h = img.size
    grain = bytes(128 + int(b * amount / 64) - 2 * amount for b in rnd.randbytes(w * h))
    noise = Image.frombytes("L", img.size, grain).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    return img.filter(ImageFilter.GaussianBlur(0.8))


# --- Scenes -------------------------------------------------------------------------

def island_school(rnd):
    img = Image.new("RGB", SIZE)
    d = ImageDraw.Draw(img)
    w, h = SIZE
    sky(d, w, int(h * 0.55), (120, 180, 230), (206, 230, 246))
    clouds(d, rnd, w, h)
    d.rectangle([0, int(h * 0.5), w, int(h * 0.62)], fill=(40, 120, 170))
    for y in range(int(h * 0.5), int(h * 0.62), 9):
        d.line([(0, y), (w, y)], fill=(60, 140, 186), width=2)
    d.rectangle([0, int(h * 0.62), w, h], fill=(206, 188, 150))
    building(d, rnd, 330, int(h * 0.86), 900, 330, (246, 214, 120))
    banner(d, 560, int(h * 0.86) - 420, 1000, int(h * 0.86) - 360, [("TRƯỜNG THCS BẠCH LONG VĨ", 30)])
    flag(d, 1330, int(h * 0.92), 360)
    for px in (120, 240, 1480):
        d.rectangle([px, int(h * 0.6), px + 18, int(h * 0.92)], fill=(110, 84, 56))
        for a in range(7):
            ang = a * math.pi / 6 + 0.2
            d.line([(px + 9, int(h * 0.6)), (px + 9 + 130 * math.cos(ang), int(h * 0.6) - 20 + 90 * math.sin(ang) * -0.4)],
                   fill=(40, 120, 60), width=16)
    for k in range(6):
        person(d, rnd, 420 + k * 150 + rnd.randint(-20, 20), int(h * 0.97), 190, shirt=(250, 250, 246))
    return img


def hill_school(rnd):
    img = Image.new("RGB", SIZE)
    d = ImageDraw.Draw(img)
    w, h = SIZE
    sky(d, w, h, (150, 196, 232), (226, 238, 242))
    clouds(d, rnd, w, h)
    for k, (col, base) in enumerate([((96, 140, 100), 0.45), ((70, 120, 80), 0.55), ((58, 104, 66), 0.62)]):
        pts = [(0, h)]
        for x in range(0, w + 100, 100):
            pts.append((x, int(h * base) + int(60 * math.sin(x / 170 + k * 2)) + rnd.randint(-15, 15)))
        pts.append((w, h))
        d.polygon(pts, fill=col)
    d.rectangle([0, int(h * 0.78), w, h], fill=(180, 176, 168))
    building(d, rnd, 180, int(h * 0.84), 1240, 300, (238, 232, 220), floors=3)
    banner(d, 520, int(h * 0.84) - 385, 1080, int(h * 0.84) - 325, [("TRƯỜNG THPT CÁT BÀ", 32)])
    flag(d, 1480, int(h * 0.93), 380)
    return img


def classroom(rnd, slogan=("DẠY TỐT – HỌC TỐT", "Năm học 2025–2026")):
    img = Image.new("RGB", SIZE, (236, 226, 200))
    d = ImageDraw.Draw(img)
    w, h = SIZE
    d.rectangle([0, int(h * 0.62), w, h], fill=(180, 132, 92))
    d.rectangle([360, 150, 1240, 560], fill=(40, 76, 58))
    d.rectangle([350, 140, 1250, 150], fill=(130, 92, 60))
    banner(d, 420, 40, 1180, 130, [(slogan[0], 40)])
    f = font(44)
    d.text((430, 220), slogan[1], font=f, fill=(236, 236, 230))
    d.text((430, 300), "Bài 12: Thơ và truyện ngắn", font=font(38), fill=(236, 236, 230))
    d.line([(430, 380), (1100, 380)], fill=(220, 220, 210), width=3)
    for row in range(3):
        y = int(h * 0.7) + row * 110
        for col in range(5):
            x = 140 + col * 290 + (row % 2) * 40
            person(d, rnd, x + 110, y + 40, 200 + row * 30)
            d.rectangle([x, y + 10, x + 230, y + 40], fill=(150, 100, 64))
    person(d, rnd, 1320, int(h * 0.66), 380, back=False, shirt=(176, 42, 28))
    return img


def stage(rnd, lines=(("KỶ NIỆM 43 NĂM NGÀY NHÀ GIÁO VIỆT NAM", 50), ("20/11/1982 – 20/11/2025", 40))):
    img = Image.new("RGB", SIZE, (58, 40, 36))
    d = ImageDraw.Draw(img)
    w, h = SIZE
    d.rectangle([0, 0, w, int(h * 0.6)], fill=(140, 24, 22))
    banner(d, 180, 60, 1420, 300, list(lines))
    d.rectangle([0, int(h * 0.6), w, int(h * 0.68)], fill=(196, 160, 110))
    for x in (120, 1400):
        for k in range(9):
            fx, fy, r = x + rnd.randint(-60, 60), int(h * 0.45) + rnd.randint(-60, 40), rnd.randint(20, 40)
            d.ellipse([fx - r, fy - r, fx + r, fy + r], fill=rnd.choice([(240, 210, 60), (230, 80, 90), (250, 250, 240)]))
    for k in range(7):
        person(d, rnd, 380 + k * 140, int(h * 0.62), 300, back=False)
    for row in range(2):
        for k in range(12):
            person(d, rnd, 40 + k * 135 + row * 60, h + 40 + row * 60, 330)
    return img


def flowers(rnd):
    img = Image.new("RGB", SIZE, (244, 236, 222))
    d = ImageDraw.Draw(img)
    w, h = SIZE
    d.rectangle([0, int(h * 0.7), w, h], fill=(150, 104, 70))
    for k in range(70):
        x, y = rnd.randint(400, 1200), rnd.randint(200, 700)
        r = rnd.randint(30, 60)
        col = rnd.choice([(236, 70, 90), (250, 210, 70), (250, 250, 244), (240, 130, 150), (200, 40, 60)])
        for p in range(6):
            a = p * math.pi / 3
            d.ellipse([x + r * 0.6 * math.cos(a) - r / 2, y + r * 0.6 * math.sin(a) - r / 2,
                       x + r * 0.6 * math.cos(a) + r / 2, y + r * 0.6 * math.sin(a) + r / 2], fill=col)
        d.ellipse([x - r / 4, y - r / 4, x + r / 4, y + r / 4], fill=(250, 200, 60))
    d.polygon([(620, 720), (980, 720), (880, 1000), (720, 1000)], fill=(232, 214, 170))
    d.text((660, 820), "Tri ân thầy cô", font=font(46), fill=RED)
    return img


def ceremony(rnd):
    img = stage(rnd)
    d = ImageDraw.Draw(img)
    for k in range(5):
        x = 420 + k * 190
        d.rectangle([x - 50, 560, x + 50, 630], fill=(250, 246, 236), outline=GOLD, width=4)
    return img


def bicycle_library(rnd):
    img = Image.new("RGB", SIZE)
    d = ImageDraw.Draw(img)
    w, h = SIZE
    sky(d, w, int(h * 0.5), (170, 206, 232), (236, 240, 236))
    d.rectangle([0, int(h * 0.5), w, h], fill=(120, 156, 90))
    d.rectangle([0, int(h * 0.74), w, int(h * 0.86)], fill=(190, 170, 130))
    for x in range(0, w, 160):
        d.rectangle([x + 40, int(h * 0.28), x + 60, int(h * 0.5)], fill=(96, 74, 50))
        d.ellipse([x - 10, int(h * 0.14), x + 110, int(h * 0.34)], fill=(64, 120, 64))
    cx, cy = 760, int(h * 0.8)
    for wx in (cx - 170, cx + 170):
        d.ellipse([wx - 110, cy - 110, wx + 110, cy + 110], outline=(40, 40, 44), width=14)
        d.line([(wx, cy - 100), (wx, cy + 100)], fill=(150, 150, 150), width=3)
        d.line([(wx - 100, cy), (wx + 100, cy)], fill=(150, 150, 150), width=3)
    d.line([(cx - 170, cy), (cx - 20, cy - 180), (cx + 170, cy)], fill=(30, 90, 160), width=16)
    d.line([(cx - 20, cy - 180), (cx + 120, cy - 190)], fill=(30, 90, 160), width=16)
    d.rectangle([cx - 330, cy - 330, cx - 60, cy - 180], fill=(168, 120, 70), outline=(120, 80, 40), width=6)
    for b in range(9):
        d.rectangle([cx - 320 + b * 28, cy - 320, cx - 298 + b * 28, cy - 190],
                    fill=rnd.choice([(200, 60, 50), (40, 110, 170), (240, 200, 60), (60, 140, 90), (240, 240, 230)]))
    d.text((cx - 320, cy - 380), "TỦ SÁCH LƯU ĐỘNG", font=font(34), fill=RED)
    for k in range(5):
        person(d, rnd, 160 + k * 100 + (900 if k > 2 else 0), int(h * 0.95), 250)
    return img


def reading(rnd):
    img = Image.new("RGB", SIZE, (232, 220, 196))
    d = ImageDraw.Draw(img)
    w, h = SIZE
    for shelf in range(4):
        y = 120 + shelf * 170
        d.rectangle([100, y + 140, 1500, y + 156], fill=(120, 80, 46))
        x = 110
        while x < 1480:
            bw = rnd.randint(22, 48)
            bh = rnd.randint(100, 140)
            d.rectangle([x, y + 140 - bh, x + bw, y + 140],
                        fill=rnd.choice([(200, 60, 50), (40, 110, 170), (240, 200, 60), (60, 140, 90), (130, 70, 130)]))
            x += bw + 4
    d.rectangle([0, int(h * 0.78), w, h], fill=(170, 120, 80))
    for k in range(6):
        person(d, rnd, 220 + k * 230, h + 20, 340)
    return img


SCENES = {
    "don-vi/thcs-bach-long-vi/truong.jpg": island_school,
    "don-vi/thpt-cat-ba/truong.jpg": hill_school,
    "phong-trao/day-tot-hoc-tot/lop-hoc.jpg": classroom,
    "phong-trao/day-tot-hoc-tot/so-ket.jpg":
        lambda rnd: stage(rnd, (("HỘI NGHỊ SƠ KẾT HỌC KỲ I", 56), ("Phong trào thi đua “Dạy tốt – học tốt”", 40))),
    "phong-trao/day-tot-hoc-tot/tiet-hoc-stem.jpg":
        lambda rnd: classroom(rnd, ("TIẾT HỌC STEM", "Làm máy lọc nước từ vật liệu tái chế")),
    "tin-tuc/le-ky-niem-ngay-nha-giao-viet-nam-20-11-2025/san-khau.jpg": stage,
    "tin-tuc/le-ky-niem-ngay-nha-giao-viet-nam-20-11-2025/hoa-tri-an.jpg": flowers,
    "tin-tuc/le-ky-niem-ngay-nha-giao-viet-nam-20-11-2025/trao-giay-khen.jpg": ceremony,
    "tin-tuc/le-ky-niem-ngay-nha-giao-viet-nam-20-11-2025/tiet-hoc-mau.jpg":
        lambda rnd: classroom(rnd, ("TIẾT HỌC MẪU", "Chào mừng ngày 20/11")),
    "mo-hinh-hay/tu-sach-luu-dong-tren-xe-dap/xe-sach.jpg": bicycle_library,
    "mo-hinh-hay/tu-sach-luu-dong-tren-xe-dap/goc-doc.jpg": reading,
    "mo-hinh-hay/tu-sach-luu-dong-tren-xe-dap/tiet-doc.jpg":
        lambda rnd: classroom(rnd, ("GIỜ ĐỌC SÁCH", "Mỗi tuần một cuốn sách hay")),
}

# The campaign's clip: its photo and two others, a few seconds each.
CLIP = "phong-trao/day-tot-hoc-tot/phong-su.mp4"
CLIP_FRAMES = [
    "phong-trao/day-tot-hoc-tot/lop-hoc.jpg",
    "tin-tuc/le-ky-niem-ngay-nha-giao-viet-nam-20-11-2025/tiet-hoc-mau.jpg",
    "mo-hinh-hay/tu-sach-luu-dong-tren-xe-dap/goc-doc.jpg",
]


def draw(rel, scene):
    rnd = random.Random(hashlib.sha256(rel.encode()).hexdigest())
    img = texture(scene(rnd), rnd)
    path = os.path.join(CONTENT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img.save(path, "JPEG", quality=84, optimize=True, progressive=True)
    return os.path.getsize(path)


def clip():
    out = os.path.join(CONTENT, CLIP)
    with tempfile.TemporaryDirectory() as tmp:
        for i, rel in enumerate(CLIP_FRAMES):
            Image.open(os.path.join(CONTENT, rel)).resize((640, 427)).crop((0, 0, 640, 360)).save(
                os.path.join(tmp, f"f{i}.png"))
        # 3 s a photo, 10 frames a second, H.264 at a low rate; no audio, no metadata.
        subprocess.run(
            ["ffmpeg", "-y", "-loglevel", "error", "-framerate", "1/3", "-i", os.path.join(tmp, "f%d.png"),
             "-vf", "fps=10,format=yuv420p", "-c:v", "libx264", "-preset", "slow", "-crf", "32",
             "-movflags", "+faststart", "-map_metadata", "-1", "-an", out],
            check=True)
    return os.path.getsize(out)


def main():
    for rel, scene in SCENES.items():
        print(f"{rel}: {draw(rel, scene) // 1024} KB")
    if "--no-clip" not in sys.argv:
        print(f"{CLIP}: {clip() // 1024} KB")


if __name__ == "__main__":
    main()
