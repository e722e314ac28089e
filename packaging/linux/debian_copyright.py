"""Write the .deb's machine-readable copyright file (DEP-5) from the bundle's THIRD_PARTY_NOTICES.txt.

    python packaging/linux/debian_copyright.py BUNDLE OUT      (build_deb.sh runs it)

The notices (packaging/third_party_notices.py, written when the bundle is built) are the one record of
what the bundle carries and under which licence; this renders them as DEP-5 paragraphs with the
installed paths under /opt/ml-interview-coach. Standard library only: any Python 3.11 can run it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "opt/ml-interview-coach"
INTERNAL = f"{PREFIX}/_internal"
RULE = "=" * 78
FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
# Full licence texts Debian keeps in /usr/share/common-licenses, which a copyright file must point to
# instead of repeating (lintian: copyright-file-contains-full-*-license).
FULL_TEXTS = {"GPL-2": r"GNU GENERAL PUBLIC LICENSE\s+Version 2,", "GPL-3": r"GNU GENERAL PUBLIC LICENSE\s+Version 3,",
              "LGPL-2.1": r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1,",
              "LGPL-3": r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3,",
              "Apache-2.0": r"Apache License\s+Version 2\.0, January 2004"}
COMMON = {"LGPL-3.0-only": "LGPL-3", "LGPL-3.0-or-later": "LGPL-3", "GPL-3.0-only": "GPL-3", "GPL-2.0-only": "GPL-2",
          "Apache-2.0": "Apache-2.0", "MPL-2.0": "MPL-2.0"}


@dataclass
class Section:
    heading: str
    fields: dict[str, str] = field(default_factory=dict)
    note: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)


def parse(notices: str) -> list[Section]:
    """The sections of a THIRD_PARTY_NOTICES.txt, with "(the same text as under X above)" resolved."""
    parts = re.split(rf"^{RULE}\n(.+)\n{RULE}\n", notices, flags=re.MULTILINE)
    sections = []
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        head, *chunks = re.split(r"^--- (.+) ---\n\n", body, flags=re.MULTILINE)
        lines = head.strip("\n").split("\n")
        fields = dict(line.split(": ", 1) for line in lines if re.match(r"^[A-Z][a-z ]+: ", line))
        note = "\n".join(line for line in lines if not re.match(r"^[A-Z][a-z ]+: ", line)).strip()
        texts = [(where, text.strip("\n")) for where, text in zip(chunks[0::2], chunks[1::2], strict=True)]
        sections.append(Section(heading, fields, note, texts))
    by_heading = {s.heading: s for s in sections}
    for s in sections:
        for i, (where, text) in enumerate(s.texts):
            same = re.fullmatch(r"\(the same text as (.+) under (.+) above\)", text)
            source = by_heading.get(same.group(2)) if same else None
            if same and source is not None:
                s.texts[i] = (where, next((t for w, t in source.texts if w == same.group(1)), text))
    return sections


def without_common_texts(text: str) -> str:
    """The text up to the first full GPL, LGPL or Apache licence in it, then where Debian keeps those."""
    found = {name: m.start() for name, pattern in FULL_TEXTS.items() if (m := re.search(pattern, text))}
    if not found:
        return text
    head = text[:min(found.values())].rstrip().rstrip("= \n").rstrip()
    where = ", ".join(f"/usr/share/common-licenses/{name}" for name in sorted(found))
    return (f"{head}\n\nThe full licence texts that follow in the original are, on Debian systems, in {where}, "
            "and in THIRD_PARTY_NOTICES.txt.gz beside this file.")


def block(text: str) -> str:
    """Text as a DEP-5 continuation: one space in front, an empty line as ' .'."""
    return "\n".join(f" {line}" if line.strip() else " ." for line in text.splitlines())


def copyright_of(section: Section) -> str:
    """The copyright lines of the section's own licence texts (not of a standard licence text), else its authors."""
    found: list[str] = []
    for where, text in section.texts:
        if where.startswith("standard text"):
            continue
        for line in text.splitlines():
            line = line.strip()
            if re.match(r"^(Copyright\b|\(c\)|©)", line, re.IGNORECASE) and re.search(r"\d{4}", line) \
                    and not re.search(r"holder|Free Software Foundation", line, re.IGNORECASE) and line not in found:
                found.append(line)
    return "\n ".join(found[:8]) or section.fields.get("Authors") or f"The authors of {section.heading}"


def files_of(section: Section) -> list[str]:
    kind = section.fields.get("Kind", "")
    listed = section.fields.get("In the bundle", "").split()
    if section.heading.lower().startswith("pyinstaller "):  # its bootloader is the executable
        return [f"{PREFIX}/mlcoach", f"{INTERNAL}/_pyi_rth_utils/*"]  # and its run-time helpers
    if kind == "Python package":
        name = section.heading.rsplit(" ", 1)[0]
        dist_info = re.sub(r"[-_.]+", "_", name)
        return [f"{INTERNAL}/{top}/*" for top in listed] + [f"{INTERNAL}/{top}.*" for top in listed] \
            + [f"{INTERNAL}/{dist_info}-*.dist-info/*"]
    return [f"{INTERNAL}/{path}" for path in listed]


def short_name(licence: str) -> str:
    chosen = re.search(r"\(used under (.+)\)$", licence)
    spdx = chosen.group(1) if chosen else licence
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", spdx).strip("-") or "other"


def licence_paragraph(section: Section) -> str:
    licence = section.fields.get("Licence", "other")
    short = short_name(licence)
    spdx = re.search(r"\(used under (.+)\)$", licence)
    common = COMMON.get(spdx.group(1) if spdx else licence)
    lines = [section.note] if section.note else []
    if common:
        lines.append(f"On Debian systems the complete text of this licence is in /usr/share/common-licenses/{common}"
                     + (", and that of the GNU GPL version 3 it builds on in /usr/share/common-licenses/GPL-3."
                        if common == "LGPL-3" else "."))
    elif section.fields.get("Kind", "").startswith("native"):
        short = "other"
        lines.append(f"Copied from the build system's package {section.heading}; its copyright file, with every "
                     "licence that applies, is reproduced in full in THIRD_PARTY_NOTICES.txt.gz beside this file.")
    else:
        lines += [without_common_texts(text) for _, text in section.texts]
    return f"License: {short}\n" + block("\n\n".join(lines) or "See THIRD_PARTY_NOTICES.txt.gz beside this file.")


def render(sections: list[Section], app_licence: str) -> str:
    holder = app_licence.splitlines()[2].removeprefix("Copyright (c) ")
    paras = [f"Format: {FORMAT}\nUpstream-Name: ml-interview-coach\n"
             f"Comment: Paths are where the files are installed. The app bundles Python, Qt and Python\n"
             f" packages in /{INTERNAL}; each has a paragraph below, and THIRD_PARTY_NOTICES.txt.gz\n"
             f" beside this file has every licence text in full.",
             f"Files: *\nCopyright: {holder}\nLicense: Expat"]
    python = next((s for s in sections if s.fields.get("Kind") == "runtime"), None)
    if python is not None:  # everything in _internal that no later paragraph claims: Python and its library
        paras.append(f"Files: {INTERNAL}/*\nCopyright: {copyright_of(python)}\n{licence_paragraph(python)}")
    own = ["desktop/*", "content/*", "resources/*", "ml_interview_coach-*.dist-info/*", "LICENSE.txt",
           "THIRD_PARTY_NOTICES.txt"]
    paras.append("Files: " + "\n ".join(f"{INTERNAL}/{path}" for path in own)
                 + f"\nCopyright: {holder}\nLicense: Expat")
    for s in sections:
        if s is python or not files_of(s):
            continue
        paths = "\n ".join(files_of(s))
        paras.append(f"Files: {paths}\nCopyright: {copyright_of(s)}\n{licence_paragraph(s)}")
    paras.append("License: Expat\n" + block(app_licence.split("\n\n", 2)[2]))
    return "\n\n".join(paras) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: debian_copyright.py BUNDLE OUT", file=sys.stderr)
        return 2
    bundle, out = Path(argv[0]), Path(argv[1])
    notices = bundle / "_internal" / "THIRD_PARTY_NOTICES.txt"
    if not notices.is_file():
        print(f"debian_copyright: {notices} is missing: build the bundle with packaging/mlcoach.spec", file=sys.stderr)
        return 1
    sections = parse(notices.read_text(encoding="utf-8"))
    out.write_text(render(sections, (ROOT / "LICENSE").read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
