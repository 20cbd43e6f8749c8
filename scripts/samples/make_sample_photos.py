"""Make the sample villages' illustrative photos (captioned 示意图 in village.yml).

    .venv/bin/python scripts/samples/make_sample_photos.py

Real photos cannot be downloaded here, so each sample village gets drawn
landscapes that fit its story, saved as a phone would save them: JPEG with
EXIF (camera, time, a GPS position, and on some an orientation other than
upright), so the sample content exercises the same pipeline as real photos.
Deterministic: running it again rewrites the same files.
"""

from __future__ import annotations

from pathlib import Path

from synthetic_photos import camera_jpeg, landscape

ROOT = Path(__file__).resolve().parents[2]

# slug -> [(file name, scene, EXIF orientation)]
PHOTOS = {
    "huahebian": [("IMG_0101.jpg", "village", 1), ("IMG_0102.jpg", "terraces", 1), ("IMG_0103.jpg", "hall", 6)],
    "wuxianmiao": [("IMG_0201.jpg", "hall", 1), ("IMG_0202.jpg", "village", 1), ("IMG_0203.jpg", "forest", 1)],
    "damiaogang": [("IMG_0301.jpg", "lotus", 1), ("IMG_0302.jpg", "lotus", 8), ("IMG_0303.jpg", "village", 1)],
    "mianshuifan": [("IMG_0401.jpg", "terraces", 1), ("IMG_0402.jpg", "forest", 1), ("IMG_0403.jpg", "village", 1)],
    "feiyue": [("IMG_0501.jpg", "tea", 1), ("IMG_0502.jpg", "forest", 1), ("IMG_0503.jpg", "terraces", 6), ("IMG_0504.jpg", "village", 1)],
    "zhoujiafan": [("IMG_0601.jpg", "tea", 1), ("IMG_0602.jpg", "forest", 1), ("IMG_0603.jpg", "terraces", 1)],
    "panjiawan": [("IMG_0701.jpg", "terraces", 1), ("IMG_0702.jpg", "village", 1), ("IMG_0703.jpg", "terraces", 8), ("IMG_0704.jpg", "hall", 1)],
    "daqiao": [("IMG_0801.jpg", "hall", 1), ("IMG_0802.jpg", "village", 1), ("IMG_0803.jpg", "hall", 1)],
}


def main() -> None:
    seed = 0
    for slug, photos in PHOTOS.items():
        folder = ROOT / "villages" / slug / "photos"
        folder.mkdir(parents=True, exist_ok=True)
        for name, scene, orientation in photos:
            seed += 1
            picture = landscape(1600, 1200, seed=seed, scene=scene, grain=0.03)
            data = camera_jpeg(picture, orientation=orientation, gps=(30.4 + seed / 100, 115.2 + seed / 100), quality=80)
            (folder / name).write_bytes(data)
            print(f"{folder.relative_to(ROOT) / name}: {len(data) // 1024} KiB")


if __name__ == "__main__":
    main()
