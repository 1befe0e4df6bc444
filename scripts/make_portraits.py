#!/usr/bin/env python3
"""Draws the demo site's portraits: flat illustrations, never photographs of people.

    pip install Pillow
    python3 scripts/make_portraits.py            # from the repository root

For each profile in PORTRAITS it turns content/guong-dien-hinh/<slug>.md into a page
bundle (<slug>/index.md, with `git mv` when in a git work tree), adds `photo` and
`photo_alt` to its front matter, and draws <slug>/chan-dung.jpg (1200x1500, about
50-150 KB). The drawing is seeded by the slug, so running it again gives the same
files. Some portraits are stored turned, with an EXIF orientation that turns them
back, and carry a made-up GPS position and camera name, as phone photos do: the
build must publish them upright and without any of that metadata.

Only profiles whose consent covers "photo" are listed (DOMAIN.md, section 7).
"""
import hashlib
import os
import random
import re
import subprocess
import sys

from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = os.path.join(ROOT, "content", "guong-dien-hinh")
PHOTO = "chan-dung.jpg"
SIZE = (1200, 1500)
SCALE = 2  # drawn at twice the size, then reduced: smooth edges

PORTRAITS = [
    "bui-thanh-hai", "cao-van-luc", "dang-thi-anh", "dao-thi-lua", "diep-thi-sang",
    "dinh-van-an", "do-minh-duc", "doan-thi-thu", "ha-thi-nguyet", "hoang-thi-thuy",
    "la-thi-minh", "le-thi-hoa", "le-thu-trang", "ly-van-ung", "mai-thi-yen",
    "ngo-thi-thu-huong", "nguyen-an", "nguyen-thi-ha", "nguyen-thi-hoa", "pham-thi-anh",
    "phan-van-on", "ta-quang-huy", "ton-nu-minh-chau", "tran-thi-hoa", "tran-van-an",
    "vu-hong-an",
]

# EXIF orientation, by position in PORTRAITS (others: none). 6 and 8 are a quarter
# turn, 3 a half turn: the file stores the picture turned the other way.
ORIENTATION = {0: 6, 3: 8, 6: 3, 9: 6, 13: 6, 17: 8, 21: 6}
# A made-up position at sea, off Bạch Long Vĩ: never anyone's home.
FAKE_GPS = ((20, 0, 0), (107, 43, 0))

BACKGROUNDS = [
    ((250, 236, 208), (233, 196, 140)), ((222, 236, 246), (160, 196, 226)),
    ((238, 226, 240), (196, 170, 210)), ((226, 240, 226), (166, 206, 172)),
    ((248, 224, 214), (224, 160, 140)), ((236, 236, 228), (188, 190, 176)),
]
SKIN = [(241, 208, 176), (228, 190, 152), (214, 170, 130), (236, 198, 160), (198, 150, 112)]
HAIR = [(34, 28, 26), (52, 40, 34), (24, 24, 30), (70, 52, 40), (120, 120, 120)]
CLOTHES = [(176, 42, 28), (34, 82, 140), (250, 250, 246), (46, 110, 86), (118, 64, 130),
           (220, 180, 60), (60, 60, 72)]


def front_value(text, key):
    m = re.search(rf'^{key} = "(.*)"$', text, re.M)
    return m.group(1) if m else ""


def is_woman(name, title):
    words = name.split()
    return "Thị" in words or "Nữ" in words or title.startswith("Cô ")


def draw_portrait(seed, woman):
    r = random.Random(seed)
    w, h = SIZE[0] * SCALE, SIZE[1] * SCALE
    s = SCALE
    top, bottom = r.choice(BACKGROUNDS)
    img = Image.linear_gradient("L").resize((w, h))
    img = Image.composite(Image.new("RGB", (w, h), bottom), Image.new("RGB", (w, h), top), img)
    d = ImageDraw.Draw(img, "RGBA")
    # A bronze-drum sun behind the head: rings and rays, faint.
    cx, cy = w // 2 + r.randint(-40, 40) * s, 560 * s
    ink = (255, 255, 255, 70)
    for radius in range(760 * s, 200 * s, -90 * s):
        d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=ink, width=6 * s)
    for k in range(16):
        d.pieslice((cx - 200 * s, cy - 200 * s, cx + 200 * s, cy + 200 * s),
                   k * 22.5, k * 22.5 + 9, fill=(255, 255, 255, 60))
    for _ in range(6):
        x, y, rad = r.randint(0, w), r.randint(0, h // 2), r.randint(60, 200) * s
        d.ellipse((x - rad, y - rad, x + rad, y + rad), fill=(255, 255, 255, 40))

    skin = r.choice(SKIN)
    shade = tuple(int(c * 0.86) for c in skin)
    hair = r.choice(HAIR[:4]) if r.random() < 0.85 else HAIR[4]
    cloth = r.choice(CLOTHES)
    hx, hy = w // 2, 640 * s  # head centre
    if woman:  # long hair behind the head and shoulders
        d.rounded_rectangle((hx - 300 * s, hy - 300 * s, hx + 300 * s, hy + 560 * s),
                            radius=260 * s, fill=hair)
    # Shoulders and clothes.
    d.ellipse((hx - 620 * s, 1010 * s, hx + 620 * s, 1980 * s), fill=cloth)
    d.rectangle((hx - 85 * s, hy + 180 * s, hx + 85 * s, 1070 * s), fill=shade)
    if woman:  # áo dài collar
        d.rounded_rectangle((hx - 120 * s, 1000 * s, hx + 120 * s, 1080 * s), radius=30 * s,
                            fill=tuple(int(c * 0.8) for c in cloth))
    else:  # open shirt collar
        d.polygon([(hx - 150 * s, 1030 * s), (hx, 1210 * s), (hx + 150 * s, 1030 * s)], fill=shade)
        d.polygon([(hx - 150 * s, 1030 * s), (hx - 40 * s, 1240 * s), (hx - 230 * s, 1090 * s)],
                  fill=(250, 250, 250))
        d.polygon([(hx + 150 * s, 1030 * s), (hx + 40 * s, 1240 * s), (hx + 230 * s, 1090 * s)],
                  fill=(250, 250, 250))
    if r.random() < 0.3:  # a red scarf or a badge
        d.polygon([(hx - 140 * s, 1060 * s), (hx + 140 * s, 1060 * s), (hx, 1300 * s)],
                  fill=(200, 30, 30))
    else:
        d.ellipse((hx + 260 * s, 1210 * s, hx + 320 * s, 1270 * s), fill=(214, 170, 50))
    # Head, ears, hair on top.
    d.ellipse((hx - 225 * s, hy - 40 * s, hx - 165 * s, hy + 90 * s), fill=shade)
    d.ellipse((hx + 165 * s, hy - 40 * s, hx + 225 * s, hy + 90 * s), fill=shade)
    d.ellipse((hx - 200 * s, hy - 260 * s, hx + 200 * s, hy + 250 * s), fill=skin)
    if woman:
        d.chord((hx - 215 * s, hy - 300 * s, hx + 215 * s, hy + 60 * s), 180, 360, fill=hair)
        d.pieslice((hx - 230 * s, hy - 290 * s, hx + 120 * s, hy + 120 * s), 190, 250, fill=hair)
    else:
        d.chord((hx - 210 * s, hy - 300 * s, hx + 210 * s, hy + 20 * s), 180, 360, fill=hair)
    # Face: brows, eyes, nose, a smile, cheeks.
    ey = hy + 10 * s
    for ex in (hx - 80 * s, hx + 80 * s):
        d.line((ex - 40 * s, ey - 55 * s, ex + 40 * s, ey - 62 * s), fill=hair, width=12 * s)
        d.ellipse((ex - 17 * s, ey - 20 * s, ex + 17 * s, ey + 20 * s), fill=(40, 30, 30))
        d.ellipse((ex - 60 * s, ey + 50 * s, ex + 10 * s, ey + 100 * s), fill=(230, 120, 110, 50))
    d.line((hx, ey + 20 * s, hx - 14 * s, ey + 90 * s, hx + 8 * s, ey + 96 * s),
           fill=tuple(int(c * 0.75) for c in skin), width=7 * s)
    d.arc((hx - 70 * s, ey + 80 * s, hx + 70 * s, ey + 170 * s), 20, 160,
          fill=(160, 60, 60), width=10 * s)
    if r.random() < 0.35:  # glasses
        for ex in (hx - 80 * s, hx + 80 * s):
            d.ellipse((ex - 58 * s, ey - 45 * s, ex + 58 * s, ey + 45 * s),
                      outline=(50, 50, 60), width=8 * s)
        d.line((hx - 22 * s, ey - 5 * s, hx + 22 * s, ey - 5 * s), fill=(50, 50, 60), width=8 * s)

    img = img.resize(SIZE, Image.LANCZOS)
    # A little paper grain, as a scan of a drawing would have.
    grain = Image.effect_noise(SIZE, 22).convert("RGB").filter(ImageFilter.GaussianBlur(0.6))
    return Image.blend(img, grain, 0.06)


def exif_for(index):
    """Phone-like EXIF for some portraits: orientation, camera, made-up GPS."""
    orientation = ORIENTATION.get(index)
    if orientation is None:
        return None, None
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "tonvinh-demo"      # Make
    exif[0x0110] = "Minh hoa"          # Model
    gps = exif.get_ifd(0x8825)
    (lat, lon) = FAKE_GPS
    gps[1], gps[2] = "N", tuple(float(v) for v in lat)
    gps[3], gps[4] = "E", tuple(float(v) for v in lon)
    return exif, orientation


def stored(img, orientation):
    """The pixels a camera would store for a picture shown upright with `orientation`."""
    return {
        None: img,
        3: img.transpose(Image.Transpose.ROTATE_180),
        6: img.transpose(Image.Transpose.ROTATE_90),
        8: img.transpose(Image.Transpose.ROTATE_270),
    }[orientation]


def to_bundle(slug):
    """content/guong-dien-hinh/<slug>.md -> <slug>/index.md; returns the new path."""
    flat = os.path.join(SECTION, slug + ".md")
    folder = os.path.join(SECTION, slug)
    index = os.path.join(folder, "index.md")
    if os.path.exists(index):
        return index
    os.makedirs(folder, exist_ok=True)
    moved = subprocess.run(["git", "mv", flat, index], cwd=ROOT, capture_output=True)
    if moved.returncode != 0:
        os.rename(flat, index)
    return index


def add_photo_keys(index, name):
    with open(index, encoding="utf-8") as f:
        text = f.read()
    if re.search(r'^photo = ', text, re.M):
        return
    keys = f'photo = "{PHOTO}"\nphoto_alt = "Tranh minh họa chân dung {name}"\n'
    text = re.sub(r"^(date = .*\n)", lambda m: m.group(1) + keys, text, count=1, flags=re.M)
    with open(index, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    for i, slug in enumerate(PORTRAITS):
        index = to_bundle(slug)
        with open(index, encoding="utf-8") as f:
            text = f.read()
        if '"photo"' not in text:
            sys.exit(f"{slug}: its consent does not cover photos")
        name, title = front_value(text, "name"), front_value(text, "title")
        add_photo_keys(index, name)
        seed = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
        img = draw_portrait(seed, is_woman(name, title))
        exif, orientation = exif_for(i)
        path = os.path.join(os.path.dirname(index), PHOTO)
        options = {"quality": 80, "optimize": True}
        if exif is not None:
            options["exif"] = exif.tobytes()
        stored(img, orientation).save(path, "JPEG", **options)
        print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path) // 1024} KB"
              + (f", EXIF orientation {orientation} + GPS" if orientation else ""))


if __name__ == "__main__":
    main()
