"""Screenshot comparison for the browser tests, robust to font antialiasing across machines.

A screenshot is compared with its committed reference (tests/ui/reference/NAME.png) after both
are turned to grey, blurred and shrunk 4x: subpixel and hinting differences of glyph edges
vanish, while a moved, missing, cut-off or recoloured part (a button, a chart, a table, a
dark bubble on a light page) still changes whole blocks. The images differ when more than
``tolerance`` of the blocks change by more than ``threshold`` grey levels, or when their sizes
differ by more than 2%.

Update the references after an intended change with::

    tests/ui/update_screenshots.sh        # reruns the screenshot tests, writing references
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

REFERENCE = Path(__file__).parent / "reference"
ARTIFACTS = Path(__file__).parent / "artifacts"
UPDATE = os.environ.get("NBDATACHAT_UPDATE_SCREENSHOTS") == "1"


def _normalised(png: bytes, size: tuple[int, int] | None = None):
    from PIL import Image, ImageFilter

    image = Image.open(io.BytesIO(png)).convert("L")
    if size is not None and image.size != size:
        image = image.resize(size)
    small = image.filter(ImageFilter.GaussianBlur(2)).resize(
        (max(1, image.width // 4), max(1, image.height // 4)), Image.BILINEAR)
    return image.size, small


def difference(actual: bytes, reference: bytes, threshold: int = 40) -> tuple[float, float]:
    """``(share of changed blocks, size change)`` between two PNG screenshots."""
    from PIL import Image

    ref_size = Image.open(io.BytesIO(reference)).size
    act_size = Image.open(io.BytesIO(actual)).size
    size_change = max(abs(a - b) / b for a, b in zip(act_size, ref_size))
    _, ref = _normalised(reference)
    _, act = _normalised(actual, ref_size)
    changed = sum(1 for a, b in zip(act.tobytes(), ref.tobytes()) if abs(a - b) > threshold)
    return changed / (ref.width * ref.height), size_change


def assert_matches(png: bytes, name: str, tolerance: float = 0.03) -> None:
    """Compare ``png`` with the reference ``name``; write it as the reference when updating
    (or when none is committed yet, which fails so that it gets reviewed and committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.png").write_bytes(png)
    reference = REFERENCE / f"{name}.png"
    if UPDATE or not reference.exists():
        REFERENCE.mkdir(parents=True, exist_ok=True)
        reference.write_bytes(png)
        if not UPDATE:
            pytest.fail(f"no reference screenshot {reference.name}: wrote one; review and "
                        f"commit it")
        return
    changed, size_change = difference(png, reference.read_bytes())
    assert size_change <= 0.02 and changed <= tolerance, (
        f"screenshot {name} differs from {reference}: {changed:.1%} of blocks changed "
        f"(tolerance {tolerance:.0%}), size changed {size_change:.1%}; see "
        f"{ARTIFACTS / (name + '.png')}. If the change is intended, run "
        f"tests/ui/update_screenshots.sh and commit the new references.")
