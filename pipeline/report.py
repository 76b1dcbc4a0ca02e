"""Human-readable summaries of a run, for the command line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from pipeline.run import RunReport

MAX_WARNINGS_SHOWN = 12  # keep the summary on one screen; the manifest has them all


def summary(report: RunReport, out_dir: Path, written: Mapping[str, Path]) -> str:
    """One screen: what was read, what came out, what needs a look, where the tables are."""
    statuses = Counter(r.duplicate_status for r in report.records)
    quarantined = sum(q.line_end - q.line_start + 1 for q in report.quarantine)
    lines = [
        f"inputs        {len(report.documents)} file(s) read, {len(report.failures)} failed",
        f"records       {len(report.records)}  ("
        + ", ".join(f"{status} {n}" for status, n in sorted(statuses.items())) + ")",
        f"divergent     {statuses.get('divergent', 0)} pair(s), "
        f"{sum(1 for d in report.divergences if d.kind != 'whitespace')} hunk(s)",
        f"speakers      {sum(1 for s in report.speakers if s.is_speaker)} mention(s) of "
        f"{len(report.people)} people",
        f"figures       {len(report.figures)}",
        f"quarantined   {quarantined} line(s) in {len(report.quarantine)} span(s)",
        f"warnings      {len(report.warnings)}",
    ]
    lines += [f"  - {w}" for w in report.warnings[:MAX_WARNINGS_SHOWN]]
    if len(report.warnings) > MAX_WARNINGS_SHOWN:
        lines.append(f"  ... {len(report.warnings) - MAX_WARNINGS_SHOWN} more in "
                     f"{out_dir / 'manifest.json'}")
    lines += [f"  ! {f.source_file}: {f.message}" for f in report.failures]
    lines.append(f"tables        {out_dir}/ ({', '.join(sorted(written))}) "
                 f"in {report.seconds:.2f}s")
    return "\n".join(lines)
