"""Third-party notices for everything a bundle ships, generated from the installed distributions' metadata.

    python packaging/third_party_notices.py OUT.txt              # for the runtime requirement closure
    python packaging/third_party_notices.py --check NOTICES.txt  # does a notices file cover that closure?

The PyInstaller spec calls `write_notices()` with what its analysis collected, so a package that a
hook pulls in outside the requirement graph, the Python runtime, the fonts and the native libraries
copied from the build machine get their notices too. For each Python distribution it records the
name, version, licence (License-Expression, else License, else the classifiers) and the text of
every licence file the distribution ships; one that ships none gets the standard text of its
licence from packaging/licenses/, labelled as such. packaging/linux/debian_copyright.py turns the
result into the .deb's machine-readable copyright file.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import platform
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
STANDARD_TEXTS = Path(__file__).resolve().parent / "licenses"
APP = "ML Interview Coach"
RULE = "=" * 78

# SPDX id -> the standard texts in packaging/licenses/ (the LGPL is a set of additions to the GPL,
# so both texts go with it).
TEXTS = {"MIT": ("MIT.txt",), "LGPL-3.0-only": ("LGPL-3.0.txt", "GPL-3.0.txt"),
         "LGPL-3.0-or-later": ("LGPL-3.0.txt", "GPL-3.0.txt"), "OFL-1.1": ("OFL-1.1.txt",)}
CLASSIFIERS = {
    "MIT License": "MIT", "BSD License": "BSD", "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0", "ISC License (ISCL)": "ISC",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only", "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
}
# Who holds the copyright, where the metadata names only a team.
AUTHORS = {"pyside6-essentials": "The Qt Company Ltd. and other contributors",
           "shiboken6": "The Qt Company Ltd. and other contributors"}
# Where the metadata's License field is a sentence rather than an identifier.
LICENCES = {"pyinstaller": "GPL-2.0-or-later WITH Bootloader-exception"}
# Where a distribution offers a choice, the one this app takes; and what a reader needs to know.
USED_UNDER = {"pyside6-essentials": "LGPL-3.0-only", "shiboken6": "LGPL-3.0-only"}
NOTES = {
    "pyside6-essentials": (
        "Qt for Python and the Qt 6 libraries it carries are used under the GNU LGPL v3, the first of the "
        "three licences they are offered under. They are separate shared libraries in this bundle, which "
        "you may replace with versions you build yourself. Source code: "
        "https://download.qt.io/official_releases/QtForPython/ and https://download.qt.io/official_releases/qt/. "
        "Qt contains third-party code under its own licences (among them ICU, HarfBuzz, FreeType, libpng, "
        "PCRE2 and zlib), listed at https://doc.qt.io/qt-6/licenses-used-in-qt.html."),
    "shiboken6": "Used under the GNU LGPL v3, like PySide6 (see there for the source code).",
    "pyinstaller": (
        "Only PyInstaller's bootloader is in this bundle: the small program that starts the app "
        "(mlcoach, mlcoach.exe, mlcoach-cli.exe). It is licensed under the GPL v2 or later with an "
        "exception that allows it to be distributed with any program; the full terms follow."),
}
LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT)([._-].*)?$", re.IGNORECASE)
FONT_SUFFIXES = (".ttf", ".otf")
THIS_APP = canonicalize_name("ml-interview-coach")


class NoticeError(RuntimeError):
    """A runtime requirement is not installed, so its notice cannot be written."""


@dataclass
class Component:
    """One thing the bundle carries, with its licence: a distribution, the runtime, a font, a library package."""

    name: str
    version: str
    licence: str
    kind: str = "Python package"
    home: str = ""
    authors: str = ""
    note: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)  # (where the text came from, the text)
    files: list[str] = field(default_factory=list)  # what of the bundle is this: import names or paths

    @property
    def heading(self) -> str:
        return f"{self.name} {self.version}"


# --- which distributions ---------------------------------------------------------------------------

def project_requirements(root: Path = ROOT) -> list[str]:
    return list(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"])


def runtime_closure(requirements: Iterable[str]) -> dict[str, md.Distribution]:
    """Every installed distribution the requirements pull in at run time (no extras), by canonical name."""
    found: dict[str, md.Distribution] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        key = canonicalize_name(req.name)
        if key in found:
            continue
        try:
            found[key] = md.distribution(req.name)
        except md.PackageNotFoundError:
            raise NoticeError(f"{req.name} is a runtime requirement but is not installed") from None
        todo.extend(Requirement(r) for r in found[key].requires or [])
    return found


def import_names(dists: dict[str, md.Distribution]) -> dict[str, list[str]]:
    """The top-level import names each distribution provides, by canonical distribution name."""
    names: dict[str, list[str]] = {}
    for top, owners in md.packages_distributions().items():
        for owner in owners:
            if canonicalize_name(owner) in dists:
                names.setdefault(canonicalize_name(owner), []).append(top)
    return names


def _field(dist: md.Distribution, key: str) -> str:
    value = dist.metadata.get(key)  # type: ignore[attr-defined]  # an email.message.Message underneath
    return str(value or "")


def _tidy(text: str) -> str:
    """A text without blank lines around it (leading spaces kept: some licences centre their title)."""
    return text.rstrip().lstrip("\n")


def _top(module: str) -> str:
    return re.split(r"[./\\]", module, maxsplit=1)[0]


# --- a distribution's licence ------------------------------------------------------------------------

def licence_of(dist: md.Distribution) -> str:
    expression = _field(dist, "License-Expression").strip()
    if expression:
        return expression
    text = _field(dist, "License").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in dist.metadata.get_all("Classifier") or []
                   if c.startswith("License ::")]
    named = [CLASSIFIERS.get(c, c) for c in classifiers if c != "OSI Approved"]
    return " AND ".join(named) if named else "not stated in its metadata (see the text below)"


def licence_texts(dist: md.Distribution) -> list[tuple[str, str]]:
    """The licence files the distribution ships: its dist-info licences and any LICENSE/COPYING/NOTICE file."""
    texts: list[tuple[str, str]] = []
    for path in dist.files or []:
        if not LICENCE_FILE.match(path.name) or path.suffix in (".py", ".pyc"):
            continue
        try:
            text = _tidy(Path(str(dist.locate_file(path))).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if text and all(text != seen for _, seen in texts):
            texts.append((path.as_posix(), text))
    in_metadata = _tidy(_field(dist, "License"))
    if not texts and "\n" in in_metadata:  # some put the whole licence in the License field
        texts.append(("the License field of its metadata", in_metadata))
    return texts


def standard_texts(spdx: str) -> list[tuple[str, str]]:
    return [(f"standard text of {spdx}", _tidy((STANDARD_TEXTS / name).read_text(encoding="utf-8")))
            for name in TEXTS.get(spdx, ())]


def home_of(dist: md.Distribution) -> str:
    for entry in map(str, dist.metadata.get_all("Project-URL") or []):
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "source code", "repository"):
            return url.strip()
    return _field(dist, "Home-page").strip()


def component_of(dist: md.Distribution, files: list[str]) -> Component:
    key = canonicalize_name(dist.metadata["Name"])
    licence = LICENCES.get(key) or licence_of(dist)
    chosen = USED_UNDER.get(key)
    texts = licence_texts(dist)
    if not texts:
        texts = [(f"{where} (the distribution ships no licence file)", text)
                 for where, text in standard_texts(chosen or licence)]
    if not texts:
        texts = [("note", "The distribution ships no licence file, and there is no standard text for its licence.")]
    authors = AUTHORS.get(key) or _field(dist, "Author") or _field(dist, "Author-email") or _field(dist, "Maintainer")
    return Component(dist.metadata["Name"], dist.version, f"{licence} (used under {chosen})" if chosen else licence,
                     home=home_of(dist), authors=" ".join(authors.split()), note=NOTES.get(key, ""), texts=texts,
                     files=sorted(files))


# --- the Python runtime, fonts and native libraries ------------------------------------------------

def python_component(libraries: Sequence[str] = ()) -> Component:
    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [Path(sys.base_prefix) / "LICENSE.txt", Path(sys.base_prefix) / "lib" / minor / "LICENSE.txt",
                  Path("/usr/lib") / minor / "LICENSE.txt"]
    texts = [(p.name, _tidy(p.read_text(encoding="utf-8", errors="replace"))) for p in candidates if p.is_file()]
    note = ("The interpreter and standard library that run the app. On Windows its licence file also covers "
            "the libraries the Python build includes (OpenSSL, libffi, SQLite, zlib, bzip2, xz).")
    return Component("Python", platform.python_version(), "PSF-2.0", kind="runtime", home="https://www.python.org/",
                     note=note, texts=texts[:1] or [("note", "See https://docs.python.org/3/license.html")],
                     files=sorted(libraries))


def font_names(path: Path) -> dict[int, str]:
    """A TrueType/OpenType font's name table: {name id: text} (0 copyright, 1 family, 5 version, 13 licence)."""
    data = path.read_bytes()
    (tables,) = struct.unpack_from(">H", data, 4)
    for i in range(tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag != b"name":
            continue
        _format, count, strings = struct.unpack_from(">HHH", data, offset)
        names: dict[int, str] = {}
        for j in range(count):
            pid, eid, lang, nid, length, where = struct.unpack_from(">HHHHHH", data, offset + 6 + 12 * j)
            raw = data[offset + strings + where: offset + strings + where + length]
            if pid == 3 and eid in (0, 1, 10) and lang == 0x409:  # Windows, English: the usual home of the names
                names[nid] = raw.decode("utf-16-be", errors="replace")
            elif pid == 1 and eid == 0 and nid not in names:
                names[nid] = raw.decode("latin-1")
        return names
    return {}


def font_component(path: Path, bundle_path: str) -> Component:
    names = font_names(path)
    licence = names.get(13, "")
    spdx = ("OFL-1.1" if "Open Font License" in licence and "1.1" in licence
            else "Bitstream-Vera" if "Bitstream Vera Fonts Copyright" in licence else "see the font's licence text")
    fields = "\n".join(filter(None, [names.get(0, ""), names.get(7, ""), licence]))
    return Component(names.get(1, path.stem), names.get(5, "?").removeprefix("Version ").split(";")[0].strip(),
                     spdx, kind="font", home=names.get(11, ""),
                     texts=[("the font's copyright, trademark and licence fields", fields), *standard_texts(spdx)],
                     files=[bundle_path])


def debian_package_of(path: Path) -> str | None:
    if not shutil.which("dpkg-query"):
        return None
    spellings = {str(path), str(path.resolve())}
    for p in list(spellings):  # merged /usr: the database may record either spelling
        spellings.add(p.removeprefix("/usr") if p.startswith("/usr/lib") else "/usr" + p if p.startswith("/lib") else p)
    for candidate in sorted(spellings):
        found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].strip()
    return None


def native_components(libraries: Iterable[tuple[str, str]]) -> tuple[list[Component], list[str]]:
    """Native libraries that no distribution owns: the Python runtime's (returned by name) and those copied
    from the build system, grouped by the Debian package they came from, with its copyright file."""
    runtime: list[str] = []
    by_package: dict[str, list[str]] = {}
    base = Path(sys.base_prefix).resolve()
    for dest, src in libraries:
        if Path(src).resolve().is_relative_to(base):
            runtime.append(dest)
        else:
            by_package.setdefault(debian_package_of(Path(src)) or "", []).append(dest)
    components = []
    for package, files in sorted(by_package.items()):
        if not package:
            components.append(Component("Other native libraries", "of the build system", "unknown",
                                        kind="native libraries", files=sorted(files),
                                        note="Copied from the system that built the bundle, from no known package."))
            continue
        name = package.split(":")[0]
        version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True,
                                 text=True).stdout.strip()
        copyright_file = Path("/usr/share/doc") / name / "copyright"
        text = _tidy(copyright_file.read_text(encoding="utf-8", errors="replace")) if copyright_file.is_file() else ""
        components.append(Component(name, version, f"see the {name} copyright file below",
                                    kind="native library from the build system's package", files=sorted(files),
                                    texts=[(str(copyright_file), text)] if text else []))
    return components, runtime


# --- assembling ------------------------------------------------------------------------------------

def collect(modules: Iterable[str] = (), binaries: Iterable[tuple[str, str]] = (),
            datas: Iterable[tuple[str, str]] = (), bootloader: bool = False) -> list[Component]:
    """Every component of a bundle: the runtime requirement closure, plus what a PyInstaller analysis
    collected (module names, and (bundle path, source path) pairs of binaries and data files)."""
    dists = runtime_closure(project_requirements())
    binaries, datas = list(binaries), list(datas)
    owners = md.packages_distributions()
    seen = {_top(m) for m in modules} | {_top(dest) for dest, _ in binaries}
    for top in seen:
        for owner in owners.get(top, []):
            dists.setdefault(canonicalize_name(owner), md.distribution(owner))
    if bootloader:
        dists.setdefault("pyinstaller", md.distribution("pyinstaller"))
    dists.pop(THIS_APP, None)  # the app itself: LICENSE

    files = import_names(dists)
    if seen:  # an analysis: what it collected, not everything a distribution could provide
        files = {key: [top for top in tops if top in seen] for key, tops in files.items()}
    if bootloader:  # its bootloader (the executables) and its run-time helper package
        files["pyinstaller"] = [top for top in ("_pyi_rth_utils",) if top in seen]
    owned = {str(Path(str(d.locate_file(f))).resolve()): key for key, d in dists.items() for f in d.files or []}
    loose: list[tuple[str, str]] = []
    for dest, src in binaries:
        key = owned.get(str(Path(src).resolve()))
        if key is None:
            loose.append((dest, src))
        elif "/" not in dest.replace("\\", "/"):  # a package's library also placed at the top (e.g. libQt6Core)
            files.setdefault(key, []).append(dest)
    native, runtime_libs = native_components(loose)

    components = [python_component(runtime_libs)]
    components += [component_of(d, files.get(key, [])) for key, d in sorted(dists.items())]
    fonts = [(Path(src), dest) for dest, src in datas if src.lower().endswith(FONT_SUFFIXES)]
    if not datas:  # no analysis: the fonts the closure's distributions ship
        fonts = [(Path(str(d.locate_file(f))), f.as_posix()) for d in dists.values() for f in d.files or []
                 if f.suffix.lower() in FONT_SUFFIXES]
    components += [font_component(path, dest) for path, dest in sorted(fonts)]
    return components + native


def render(components: Sequence[Component], version: str) -> str:
    lines = [f"THIRD-PARTY NOTICES for {APP} {version}", "",
             f"{APP} itself is released under the MIT licence (LICENSE). It bundles the software listed",
             "below, each under its own licence, whose terms and notices follow in full.",
             "Generated by packaging/third_party_notices.py from the installed distributions' metadata.", "",
             "Contents:"]
    lines += [f"  {c.heading} ({c.kind}): {c.licence}" for c in components]
    shown: dict[str, tuple[str, str]] = {}  # a text already given in full -> (its heading, its "--- where ---")
    for c in components:
        lines += ["", RULE, c.heading, RULE, f"Kind: {c.kind}", f"Licence: {c.licence}"]
        if c.home:
            lines.append(f"Home page: {c.home}")
        if c.authors:
            lines.append(f"Authors: {c.authors}")
        if c.files:
            lines.append(f"In the bundle: {' '.join(c.files)}")
        if c.note:
            lines += ["", c.note]
        for where, text in c.texts:
            if text in shown:
                text = "(the same text as {1} under {0} above)".format(*shown[text])
            else:
                shown[text] = (c.heading, where)
            lines += ["", f"--- {where} ---", "", text]
    return "\n".join(lines) + "\n"


def write_notices(out: Path, modules: Iterable[str] = (), binaries: Iterable[tuple[str, str]] = (),
                  datas: Iterable[tuple[str, str]] = (), bootloader: bool = False) -> Path:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(collect(modules, binaries, datas, bootloader), version), encoding="utf-8")
    return out


def missing_from(notices: str, dists: dict[str, md.Distribution]) -> list[str]:
    """The distributions (name and version) a notices file has no section for."""
    headings = {canonicalize_name(m.group(1)) + " " + m.group(2)
                for m in re.finditer(rf"^{RULE}\n(\S+) (\S+)\n{RULE}$", notices, re.MULTILINE)}
    return [f"{d.metadata['Name']} {d.version}" for key, d in sorted(dists.items())
            if key != THIS_APP and f"{key} {d.version}" not in headings]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check the third-party notices.")
    parser.add_argument("out", type=Path, help="the notices file to write (or, with --check, to check)")
    parser.add_argument("--check", action="store_true", help="check OUT covers the runtime requirement closure")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            write_notices(args.out)
            return 0
        missing = missing_from(args.out.read_text(encoding="utf-8"), runtime_closure(project_requirements()))
    except NoticeError as exc:
        print(f"third_party_notices: {exc}", file=sys.stderr)
        return 1
    if missing:
        print(f"{args.out} has no notice for: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"{args.out}: a notice for every runtime distribution")
    return 0


if __name__ == "__main__":
    sys.exit(main())
