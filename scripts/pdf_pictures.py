"""Make the README's three PDF pictures (docs/screenshots/pdf-*.png) from real exports of the bundled bank.

    python scripts/pdf_pictures.py [OUT_DIR]

Exports the whole bank in both layouts through `mlcoach export pdf`, over a throw-away data folder with
notes on the first two questions (so "My notes" shows), then renders pages at 90 dpi with pdftoppm
(poppler-utils): the full layout's contents page and its first question page, and the cheat sheet's first
page. Run it after a change to the PDF's look or to the bank's first questions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NOTES = {
    "ml-vs-traditional-programming": "Lead with the **spam filter** story: rules broke every week, the model kept up.",
    "overfitting-vs-underfitting": "Draw the two curves: training error ↓, validation error U-shaped.",
}
# (layout, page, picture): A4 at 90 dpi is 744 × 1053 pixels, readable in the README at its own size.
PICTURES = (("full", 1, "pdf-full-contents.png"), ("full", 2, "pdf-full-page.png"),
            ("cheat-sheet", 1, "pdf-cheat-sheet.png"))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else REPO / "docs" / "screenshots"
    if shutil.which("pdftoppm") is None:
        print("pdf_pictures: needs pdftoppm (apt-get install poppler-utils)", file=sys.stderr)
        return 1
    from desktop.core.store import DB_NAME, Store

    with tempfile.TemporaryDirectory(prefix="mlcoach-pdf-pictures-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        store = Store.open(data / DB_NAME)
        for question_id, note in NOTES.items():
            store.note_store.save_note(question_id, note)
        store.close()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        for layout in sorted({layout for layout, _page, _name in PICTURES}):
            pdf = Path(tmp) / f"{layout}.pdf"
            subprocess.run([sys.executable, "-m", "desktop", "export", "pdf", str(pdf), "--layout", layout,
                            "--data-dir", str(data)], cwd=REPO, env=env, check=True)
            for _layout, page, name in (p for p in PICTURES if p[0] == layout):
                stem = Path(tmp) / name.removesuffix(".png")
                subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page), "-singlefile",
                                str(pdf), str(stem)], check=True)
                out.mkdir(parents=True, exist_ok=True)
                shutil.move(f"{stem}.png", out / name)
                print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
