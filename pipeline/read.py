"""Read exports from disk: decode any encoding and line ending, repair mojibake, flatten HTML.

This is one of the two modules that touch the disk (with `write.py`); it also reads the
divergence baseline, the check's input. Every line keeps the
number it has in the raw file, so each row of every table can point back to its source.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.baseline import parse_baseline
from pipeline.errors import InputError
from pipeline.records import SourceDocument, SourceLine, source_lines

EXPORT_SUFFIXES = (".txt", ".text", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# Split on the three line endings only: str.splitlines() also splits on \x0b, \x1c, U+2028...
# and would shift line numbers away from what an editor shows.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A share of control characters above this marks a binary file; real text has almost none.
BINARY_CONTROL_RATIO = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))

# Mojibake (UTF-8 read as cp1252/latin-1: "Ã©", "â€™", "Â ") is judged by ftfy's own badness
# check, then repaired by ftfy. That check costs 4.5 s over a 20 MB export, so a scan for the
# pairs mojibake always holds comes first (0.02 s): the first character of a pair is one of
# these...
_MOJIBAKE_LEADS = "ÂÃÅâ"
# ...and the second a C1 or Latin-1 punctuation character, or one cp1252 puts at 0x80-0x9f.
_MOJIBAKE_FOLLOWERS = frozenset("".join(map(chr, range(0x80, 0xC0))) + "\u0152\u0153\u0160\u0161\u0178"
                                "\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201b"
                                "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)

# Folders of version control: their files are history, never exports.
VCS_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS"})


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file that could not be read as an export, and why."""

    source_file: str
    message: str


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """A file (or a whole folder) under the inputs that was not read, and why."""

    path: str  # as source files are named; a folder ends with "/"
    reason: str
    copy_of: str | None = None  # a byte-identical copy: the file read in its place


@dataclass(frozen=True, slots=True)
class ReadResult:
    documents: tuple[SourceDocument, ...]
    failures: tuple[ReadFailure, ...]
    skipped: tuple[SkippedInput, ...] = ()
    locations: dict[str, str] = field(default_factory=dict)  # source_file -> path as given

    def location(self, source_file: str) -> str:
        """The file as the user can find it (the path given, or under the folder given)."""
        return self.locations.get(source_file, source_file)


def read_exports(paths: Path | str | Sequence[Path | str]) -> ReadResult:
    """Read the export files at `paths`: files, or folders walked recursively (sorted).

    In folders, hidden files and folders and version-control folders are skipped, and so
    are files of other types; a file byte-identical to one already read is skipped as its
    copy. Every skipped file is listed in `skipped` with its reason. File names are relative
    to the folder when one path is given, else the paths as given. A bad file is reported
    in `failures` while the others are read; a bad single file raises `InputError`.
    """
    given = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    if not given:
        raise InputError("no input: name an export file or a folder of exports")
    if len(given) == 1 and given[0].is_file():
        file = given[0]
        return ReadResult((_read_file(file, file.name),), (), locations={file.name: str(file)})
    candidates: list[tuple[str, Path]] = []
    skipped: list[SkippedInput] = []
    for path in given:
        prefix = "" if len(given) == 1 else path.as_posix().rstrip("/") + "/"
        if path.is_file():
            candidates.append((path.as_posix(), path))
        elif path.is_dir():
            _walk(path, prefix, candidates, skipped)
        else:
            raise InputError("no such file or folder", source_file=str(path))
    if not candidates:
        where = given[0] if len(given) == 1 else ", ".join(map(str, given))
        raise InputError(f"no export files ({', '.join(EXPORT_SUFFIXES)}) in this folder"
                         f"{f' ({len(skipped)} skipped)' if skipped else ''}", source_file=str(where))
    named: dict[Path, str] = {}
    for source_file, file in sorted(candidates):
        if file.resolve() in named:  # the same file under two of the paths given
            skipped.append(SkippedInput(source_file, f"the same file as {named[file.resolve()]}",
                                        copy_of=named[file.resolve()]))
        else:
            named[file.resolve()] = source_file
    return _read_distinct([(name, Path(file)) for file, name in named.items()], skipped)


def _walk(root: Path, prefix: str, candidates: list, skipped: list) -> None:
    """Export files under `root` into `candidates`; what is left out into `skipped`."""
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        relative = here.relative_to(root).as_posix()
        base = prefix + ("" if relative == "." else relative + "/")
        for name in sorted(folders):
            reason = ("version-control folder" if name in VCS_FOLDERS
                      else "hidden folder" if name.startswith(".") else None)
            if reason:
                count = sum(len(inner) for _, _, inner in os.walk(here / name))
                skipped.append(SkippedInput(f"{base}{name}/", f"{reason}, not read ({count} file(s))"))
        folders[:] = sorted(n for n in folders if n not in VCS_FOLDERS and not n.startswith("."))
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if name.startswith("."):
                skipped.append(SkippedInput(base + name, "hidden file"))
            elif suffix not in EXPORT_SUFFIXES:
                skipped.append(SkippedInput(base + name, f"unsupported file type ({suffix or 'no suffix'}; "
                                            f"exports are {', '.join(EXPORT_SUFFIXES)})"))
            else:
                candidates.append((base + name, here / name))


def _read_distinct(candidates: list[tuple[str, Path]], skipped: list[SkippedInput]) -> ReadResult:
    """Read each file once per content: a byte-identical copy of a file read (by sha256) is
    skipped as its copy; a copy of a file that failed fails with the same reason."""
    documents, failures = [], []
    first: dict[str, str] = {}  # sha256 -> the file read with that content
    failed: dict[str, str] = {}  # sha256 -> why that content failed
    locations = {}
    for source_file, file in candidates:
        try:
            data = file.read_bytes()
        except OSError as error:
            failures.append(ReadFailure(source_file, str(InputError(
                f"cannot be read ({error.strerror})", source_file=str(file)))))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in first:
            skipped.append(SkippedInput(source_file, f"byte-identical copy of {first[digest]}",
                                        copy_of=first[digest]))
            continue
        if digest in failed:
            failures.append(ReadFailure(source_file, str(InputError(failed[digest], source_file=str(file)))))
            continue
        try:
            documents.append(_decode_file(data, file, source_file))
            first[digest], locations[source_file] = source_file, str(file)
        except InputError as error:
            failed[digest] = error.detail
            failures.append(ReadFailure(source_file, str(error)))
    return ReadResult(tuple(documents), tuple(failures), tuple(skipped), locations)


def _read_file(file: Path, source_file: str) -> SourceDocument:
    """Decode one file into numbered lines (text or HTML rendition)."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror})", source_file=str(file)) from None
    return _decode_file(data, file, source_file)


def _decode_file(data: bytes, file: Path, source_file: str) -> SourceDocument:
    try:
        return decode_export(data, source_file, is_html=file.suffix.lower() in HTML_SUFFIXES)
    except InputError as error:
        # Name the file as the user gave it, not relative to the raw folder.
        raise InputError(error.detail, source_file=str(file), line=error.line) from None


def decode_export(data: bytes, source_file: str, is_html: bool = False) -> SourceDocument:
    """Turn the bytes of an export into a `SourceDocument` (pure: no disk access)."""
    _reject_unreadable(data, source_file)
    text, encoding, warnings = _decode(data, source_file)
    if is_html or _HTML_SNIFF.match(data[:512].lstrip(codecs.BOM_UTF8)):
        from pipeline.html import html_lines  # BeautifulSoup costs 60 ms to import: HTML only

        lines, rendition = html_lines(text), "html"
    else:
        lines, rendition = _text_lines(text), "text"
    lines, repaired = _repair_mojibake(lines)
    if repaired:
        warnings.append(f"{source_file}: repaired mojibake (text decoded with the wrong "
                        f"encoding) on {repaired} line(s) with ftfy")
    if not any(line.raw.strip() for line in lines):
        raise InputError("the file holds no text (empty after decoding)", source_file=source_file)
    return SourceDocument(
        source_file=source_file,
        lines=tuple(lines),
        encoding=encoding,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        rendition=rendition,
        warnings=tuple(warnings),
    )


def _reject_unreadable(data: bytes, source_file: str) -> None:
    if not data.strip():
        raise InputError("the file is empty; export the RTES pages again", source_file=source_file)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    sample = data[:65536]
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    if b"\x00" in sample or controls / len(sample) > BINARY_CONTROL_RATIO:
        raise InputError("this is a binary file, not a text or HTML export",
                         source_file=source_file)


def _decode(data: bytes, source_file: str) -> tuple[str, str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else latin-1, with a warning."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return text, encoding, [
                f"{source_file}:{line}: not valid UTF-8; decoded as {encoding}"
            ]
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _text_lines(text: str) -> list[SourceLine]:
    raws = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")  # split() is 5x faster
    return list(source_lines(zip(range(1, len(raws) + 1), raws, [""] * len(raws), strict=True)))


def _repair_mojibake(lines: list[SourceLine]) -> tuple[list[SourceLine], int]:
    if not _may_hold_mojibake("\n".join(line.raw for line in lines)):
        return lines, 0  # one scan of the whole text, instead of one per line
    import ftfy  # 55 ms to import: only where mojibake may be
    import ftfy.badness

    repaired, count = [], 0
    for line in lines:
        if _may_hold_mojibake(line.raw) and ftfy.badness.is_bad(line.raw):
            fixed = ftfy.fix_encoding(line.raw)
            if fixed != line.raw:
                line, count = SourceLine(line.number, fixed), count + 1
        repaired.append(line)
    return repaired, count


def _may_hold_mojibake(text: str) -> bool:
    """A lead character followed by a follower, found by `str.find` of the rare leads (memory
    speed) rather than a regex stopping at each: "â" is French ("pâte"), the others are not."""
    for lead in _MOJIBAKE_LEADS:
        place = text.find(lead)
        while place >= 0:
            if place + 1 < len(text) and text[place + 1] in _MOJIBAKE_FOLLOWERS:
                return True
            place = text.find(lead, place + 1)
    return False


def read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints the baseline file acknowledges; errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("baseline not found; create it with --update-baseline",
                         source_file=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise InputError(f"baseline cannot be read ({reason}); regenerate it with --update-baseline",
                         source_file=str(path)) from None
    return parse_baseline(text, source_file=str(path))
