"""Draw the application icon (a gold star on red, the colours of a Giấy khen) into resources/icons.

Run once with the project's venv when the design changes; the PNG and ICO are kept in git.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def star(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    pad = size * 0.04
    draw.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size * 0.18,
                           fill=(192, 28, 40, 255), outline=(240, 190, 60, 255),
                           width=max(1, round(size * 0.04)))
    cx, cy, outer = size / 2, size * 0.53, size * 0.36
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 214, 0, 255))
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = star(256)
    big.save(OUT / "tdkt.png")
    big.save(OUT / "tdkt.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                      (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
