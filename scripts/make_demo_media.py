"""Make the media files of the demo course in src/latih/demo/media/.

The list of files comes from ``latih.demo.content`` (the welcome video and every
video and audio material), so the data and the files never disagree. Each file is made
to the duration recorded there and then measured with ffprobe; the script fails if the
measured duration differs from the recorded one by more than 0.1 s.

Videos: frames drawn with Pillow (320x180, 15 fps) are piped to ffmpeg and encoded as
WebM (VP9 video with a key frame every second, Opus audio with a quiet chord). Audio
materials: a calm sequence of tones, encoded as Opus in Ogg. Everything is computed, so
running the script again gives the same files.

Usage (from the project root)::

    .venv/bin/python scripts/make_demo_media.py            # make every file
    .venv/bin/python scripts/make_demo_media.py NAME ...   # make only these files
    .venv/bin/python scripts/make_demo_media.py --check    # only measure and verify

Requires ffmpeg and ffprobe (with libvpx-vp9 and libopus) on the PATH, and Pillow.
"""

import argparse
import math
import random
import subprocess
import sys
import tempfile
import textwrap
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from latih.demo import content as demo_content  # noqa: E402

OUT = ROOT / "src" / "latih" / "demo" / "media"
WIDTH, HEIGHT, FPS = 320, 180, 15
RATE = 48000  # audio sample rate
TOLERANCE = 0.1  # seconds
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Background per section, in the order of demo_content.SECTIONS.
COLOURS = ((31, 58, 95), (139, 30, 45), (15, 110, 110), (75, 59, 143), (47, 107, 58))
# Root note of the soundtrack per section (Hz): C, D, E, G, A.
ROOTS = (261.63, 293.66, 329.63, 392.00, 440.00)
PENTATONIC = (1.0, 9 / 8, 5 / 4, 3 / 2, 5 / 3, 2.0)


@dataclass(frozen=True)
class Medium:
    """One file to make."""

    name: str
    kind: str  # "video" | "audio"
    title: str
    label: str  # small label above the title: the section
    section: int
    duration: float


def media() -> list[Medium]:
    """Every media file named in demo_content, once each."""
    found: dict[str, Medium] = {}
    wanted = [
        Medium(
            demo_content.WELCOME_VIDEO,
            "video",
            demo_content.COURSE_TITLE,
            "Selamat datang",
            0,
            demo_content.WELCOME_DURATION,
        )
    ]
    for index, section in enumerate(demo_content.SECTIONS):
        label = section.title.split(" — ")[0]
        for material in section.materials:
            if material.kind not in ("video", "audio"):
                continue
            if not material.media:
                raise SystemExit(f"{material.title!r} has no media file")
            title = material.title.split(": ", 1)[-1]
            wanted.append(
                Medium(material.media, material.kind, title, label, index, material.duration)
            )
    for medium in wanted:  # a file named twice (the welcome video) is made once
        known = found.setdefault(medium.name, medium)
        if known.duration != medium.duration or known.kind != medium.kind:
            raise SystemExit(f"{medium.name} is named twice with different data")
    return list(found.values())


# --- Sound ------------------------------------------------------------------------------


def chord(medium: Medium, samples: int) -> list[float]:
    """A soft sustained major chord with gentle fades: the soundtrack of a video."""
    root = ROOTS[medium.section % len(ROOTS)]
    partials = (root, root * 5 / 4, root * 3 / 2)
    fade = int(0.6 * RATE)
    out = []
    for n in range(samples):
        t = n / RATE
        value = sum(math.sin(2 * math.pi * f * t) for f in partials) / len(partials)
        tremolo = 0.85 + 0.15 * math.sin(2 * math.pi * 0.5 * t)
        envelope = min(1.0, n / fade, (samples - n) / fade)
        out.append(0.12 * value * tremolo * envelope)
    return out


def melody(medium: Medium, samples: int) -> list[float]:
    """A calm sequence of bell-like tones over a quiet drone: an audio material."""
    rng = random.Random(medium.name)  # seeded by the name: the same tune every run
    root = ROOTS[medium.section % len(ROOTS)]
    step = int(0.75 * RATE)
    out = [0.0] * samples
    note_count = samples // step
    degree = 0
    for index in range(note_count):
        if index % 8 == 7:
            continue  # a rest every eighth step
        degree = max(0, min(len(PENTATONIC) - 1, degree + rng.choice((-2, -1, 1, 1, 2))))
        frequency = root * PENTATONIC[degree]
        start = index * step
        length = min(int(1.6 * RATE), samples - start)
        for k in range(length):
            t = k / RATE
            attack = min(1.0, k / (0.01 * RATE))
            bell = math.sin(2 * math.pi * frequency * t) + 0.3 * math.sin(
                4 * math.pi * frequency * t
            )
            out[start + k] += 0.22 * attack * math.exp(-2.6 * t) * bell
    fade = int(1.0 * RATE)
    for n in range(samples):
        t = n / RATE
        envelope = min(1.0, n / fade, (samples - n) / fade)
        drone = 0.05 * math.sin(2 * math.pi * root / 2 * t)
        out[n] = (out[n] + drone) * envelope
    return out


def write_wav(path: Path, signal: list[float]) -> None:
    """Write a mono 16-bit WAV file."""
    pcm = array("h", (max(-32767, min(32767, round(v * 32767))) for v in signal))
    if sys.byteorder == "big":
        pcm.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


# --- Pictures ---------------------------------------------------------------------------


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when installed, Pillow's own font otherwise."""
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def title_card(medium: Medium) -> Image.Image:
    """The still part of every frame: background, labels and the wrapped title."""
    colour = COLOURS[medium.section % len(COLOURS)]
    image = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(image)
    lighter = tuple(min(255, c + 40) for c in colour)
    draw.rectangle((0, 0, WIDTH, 26), fill=lighter)
    draw.text((12, 6), medium.label, font=font(11, bold=True), fill="white")
    for size, width in ((22, 22), (20, 24), (18, 27), (16, 30)):
        lines = textwrap.wrap(medium.title, width=width)
        title_font = font(size, bold=True)
        widest = max(draw.textlength(line, font=title_font) for line in lines)
        if len(lines) <= 3 and widest <= WIDTH - 28:
            break
    line_height = size + 6
    top = 34 + (108 - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        x = (WIDTH - draw.textlength(line, font=title_font)) / 2
        draw.text((x, top + number * line_height), line, font=title_font, fill="white")
    caption = "Latih · demo"
    caption_font = font(10)
    x = WIDTH - 12 - draw.textlength(caption, font=caption_font)
    draw.text((x, HEIGHT - 34), caption, font=caption_font, fill=(230, 230, 230))
    return image


def frame(card: Image.Image, medium: Medium, number: int, count: int) -> Image.Image:
    """One frame: the title card with a progress bar, a clock and a moving pulse."""
    image = card.copy()
    draw = ImageDraw.Draw(image)
    progress = number / max(1, count - 1)
    left, right, y = 12, WIDTH - 12, HEIGHT - 14
    colour = COLOURS[medium.section % len(COLOURS)]
    track = tuple((c + 255) // 3 for c in colour)
    draw.rounded_rectangle((left, y - 3, right, y + 3), radius=3, fill=track)
    head = left + (right - left) * progress
    draw.rounded_rectangle((left, y - 3, max(left + 6, head), y + 3), radius=3, fill="white")
    draw.ellipse((head - 5, y - 5, head + 5, y + 5), fill=(255, 214, 90))
    seconds = number / FPS
    clock = f"{int(seconds) // 60}:{int(seconds) % 60:02d} / {int(round(medium.duration)) // 60}:"
    clock += f"{int(round(medium.duration)) % 60:02d}"
    draw.text((left, HEIGHT - 34), clock, font=font(10), fill=(230, 230, 230))
    # A pulsing dot in the top right corner.
    radius = 4 + 2.5 * (1 + math.sin(2 * math.pi * seconds))
    cx, cy = WIDTH - 16, 13
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 214, 90))
    return image


# --- Encoding ---------------------------------------------------------------------------

BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]


def make_video(medium: Medium, path: Path, work: Path) -> None:
    """Render and encode one video."""
    count = round(medium.duration * FPS)
    sound = work / "sound.wav"
    write_wav(sound, chord(medium, round(count / FPS * RATE)))
    command = [
        "ffmpeg", "-v", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{WIDTH}x{HEIGHT}", "-r", str(FPS),
        "-i", "-",
        "-i", str(sound),
        "-map", "0:v", "-map", "1:a",
        "-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-b:v", "0", "-crf", "40",
        "-g", str(FPS), "-deadline", "good", "-cpu-used", "2", "-threads", "1", "-row-mt", "0",
        "-c:a", "libopus", "-b:a", "24k", "-ac", "1",
        "-metadata", f"title={medium.title}",
        *BITEXACT,
        str(path),
    ]  # fmt: skip
    card = title_card(medium)
    with subprocess.Popen(command, stdin=subprocess.PIPE) as encoder:  # noqa: S603
        assert encoder.stdin is not None
        for number in range(count):
            encoder.stdin.write(frame(card, medium, number, count).tobytes())
        encoder.stdin.close()
        if encoder.wait() != 0:
            raise SystemExit(f"ffmpeg failed on {path.name}")


def make_audio(medium: Medium, path: Path, work: Path) -> None:
    """Compose and encode one audio file."""
    sound = work / "sound.wav"
    # The recorded duration includes the codec's padding: snap it back to the frame grid.
    seconds = round(medium.duration * FPS) / FPS
    write_wav(sound, melody(medium, round(seconds * RATE)))
    command = [
        "ffmpeg", "-v", "error", "-y", "-i", str(sound),
        "-c:a", "libopus", "-b:a", "32k", "-ac", "1",
        "-metadata", f"title={medium.title}",
        *BITEXACT,
        str(path),
    ]  # fmt: skip
    subprocess.run(command, check=True)  # noqa: S603


def measure(path: Path) -> float:
    """The duration of a media file in seconds, as ffprobe reports it."""
    command = [
        "ffprobe", "-v", "error", "-show_entries", "format=duration",
        "-of", "default=noprint_wrappers=1:nokey=1", str(path),
    ]  # fmt: skip
    result = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    return float(result.stdout.strip())


def decode_errors(path: Path) -> str:
    """Whatever ffmpeg complains about while decoding the whole file ("" when clean)."""
    command = ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"]
    result = subprocess.run(command, check=False, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        return result.stderr.strip() or f"exit status {result.returncode}"
    return result.stderr.strip()


def main() -> None:
    """Make (or only check) the demo media files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these files (default: all)")
    parser.add_argument("--check", action="store_true", help="only measure and verify")
    args = parser.parse_args()
    items = media()
    unknown = set(args.names) - {medium.name for medium in items}
    if unknown:
        parser.error(f"not in demo_content: {', '.join(sorted(unknown))}")
    chosen = [medium for medium in items if not args.names or medium.name in args.names]
    OUT.mkdir(parents=True, exist_ok=True)
    failures = 0
    total = 0
    for medium in chosen:
        path = OUT / medium.name
        if not args.check:
            with tempfile.TemporaryDirectory() as work:
                maker = make_video if medium.kind == "video" else make_audio
                maker(medium, path, Path(work))
        if not path.exists():
            print(f"MISSING  {medium.name}")
            failures += 1
            continue
        actual = measure(path)
        size = path.stat().st_size
        total += size
        errors = decode_errors(path)
        ok = abs(actual - medium.duration) <= TOLERANCE and not errors
        failures += not ok
        status = "ok" if ok else "WRONG"
        print(
            f"{status:8} {medium.name:40} duration={actual!r:8} (recorded {medium.duration}) "
            f"{size / 1024:6.1f} KB"
        )
        if errors:
            print(f"         decoding: {errors}")
    print(f"{len(chosen)} files, {total / 1024:.1f} KB")
    if failures:
        raise SystemExit(f"{failures} file(s) wrong")


if __name__ == "__main__":
    main()
