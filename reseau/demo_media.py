"""Illustrative media for the demo, made on the spot: drawings of café fronts (Pillow) and a short story clip.

Nothing is downloaded. The clip (shared by the demo stories) is a title card fading in and out, encoded by
ffmpeg (Debian's package, installed by `make run` and `make test` through scripts/system-packages.sh);
without ffmpeg the demo stories simply have no video.
"""

import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PALETTES = [
    ("#f6d7b0", "#8a3b12", "#2f5d50"),
    ("#cfe3f0", "#a0522d", "#1f4e79"),
    ("#f3e6d4", "#2f5d50", "#8a3b12"),
    ("#e8dff5", "#6b3fa0", "#c2571a"),
    ("#dcefd9", "#1d6b35", "#a11d1d"),
]


def cafe_front(title: str, subtitle: str, seed: str, size: tuple[int, int] = (1280, 720)) -> bytes:
    """A JPEG drawing of a village café's front with its name on the sign (deterministic for `seed`)."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    sky, wall, awning = PALETTES[rng.randrange(len(PALETTES))]
    width, height = size
    picture = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(picture)
    ground = int(height * 0.82)
    draw.rectangle([0, ground, width, height], fill="#9c8f80")
    left, right, top = int(width * 0.12), int(width * 0.88), int(height * 0.22)
    draw.rectangle([left, top, right, ground], fill="#efe6d8", outline="#5a4a3a", width=4)
    draw.polygon([(left - 30, top), (width // 2, int(height * 0.05)), (right + 30, top)], fill=wall)
    stripe = (right - left) // 10
    for i in range(10):
        colour = awning if i % 2 == 0 else "#ffffff"
        draw.rectangle(
            [left + i * stripe, int(height * 0.42), left + (i + 1) * stripe, int(height * 0.5)], colour
        )
    door = (width // 2 - 60, int(height * 0.55), width // 2 + 60, ground)
    draw.rectangle(door, fill=wall)
    for x in (left + 40, right - 260):
        draw.rectangle(
            [x, int(height * 0.56), x + 220, int(height * 0.74)], fill="#bcd7e6", outline="#5a4a3a", width=4
        )
    for _ in range(rng.randint(2, 4)):
        x = rng.randint(20, width - 80)
        draw.ellipse([x, ground - 60, x + 60, ground], fill="#4f7d3a")
    font = ImageFont.load_default(size=max(24, height // 14))
    small = ImageFont.load_default(size=max(16, height // 28))
    draw.rectangle([left + 20, int(height * 0.26), right - 20, int(height * 0.39)], fill="#ffffff")
    draw.text((width // 2, int(height * 0.325)), title, fill="#1f1a17", font=font, anchor="mm")
    draw.text((width // 2, int(height * 0.9)), subtitle, fill="#ffffff", font=small, anchor="mm")
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=82)
    return output.getvalue()


def story_clip(poster_jpeg: bytes, seconds: int = 5) -> bytes | None:
    """A short silent WebM clip of the poster fading in and out, or None when ffmpeg is not installed."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        poster, clip = Path(folder) / "affiche.jpg", Path(folder) / "clip.webm"
        poster.write_bytes(poster_jpeg)
        frames = seconds * 25
        subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [
                ffmpeg, "-loglevel", "error", "-y", "-loop", "1", "-framerate", "25", "-i", str(poster),
                "-vf", f"scale=480:270,fade=in:0:25,fade=out:{frames - 25}:25,format=yuv420p",
                "-frames:v", str(frames), "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
                "-b:v", "200k", "-an", str(clip),
            ],
            check=True,
            timeout=120,
        )  # fmt: skip
        return clip.read_bytes()


def captions(lines: list[str], seconds: int = 5) -> str:
    """A WebVTT captions file spreading `lines` evenly over the clip."""
    step = seconds / len(lines)
    cues = ["WEBVTT", ""]
    for i, line in enumerate(lines):
        cues += [f"00:00:{i * step:06.3f} --> 00:00:{(i + 1) * step:06.3f}", line, ""]
    return "\n".join(cues)


def text_pdf(lines: list[str], size: int = 12) -> bytes:
    """A one-page PDF 1.4 of plain text lines (Helvetica, Latin-1), with a correct cross-reference table."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    shown = " T* ".join(f"({line}) Tj" for line in escaped)
    stream = f"BT /F1 {size} Tf {round(size * 1.4)} TL 72 760 Td {shown} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
