"""The command line shared by the scripts that build a TSV resource from ``../shared``.

``run(doc, build, header, out)`` parses ``--shared`` (default: ``../shared`` beside the
checkout) and ``--out`` (default ``out``), calls ``build(shared)`` for the rows (tuples of
strings) and writes ``header`` and the rows, tab-separated, UTF-8, with ``\\n`` line ends.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(doc: str, build: Callable[[Path], Sequence[Sequence[str]]], header: Sequence[str],
        out: Path) -> None:  # fmt: skip
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args()
    rows = build(args.shared)
    text = "".join("\t".join(r) + "\n" for r in [header, *rows])
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"{args.out}: {len(rows)} rows")
