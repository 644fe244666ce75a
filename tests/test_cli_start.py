"""`khabar --help` starts fast because cli.py and the package import heavy modules lazily (the
time itself is measured by bench/cli_start.py, never asserted here)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numpy", "pandas", "sklearn", "scipy", "datasketch", "khabar.pipeline", "khabar.store",
         "khabar.api", "khabar.embed", "khabar.eval")  # fmt: skip


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}; import sys; print(' '.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    return set(done.stdout.split())


def test_importing_the_cli_loads_no_heavy_module() -> None:
    loaded = _loaded_after("import khabar.cli")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_loads_no_heavy_module() -> None:
    code = ("import sys; sys.argv = ['khabar', '--help']\nfrom khabar.cli import main\ntry: main()\n"
            "except SystemExit: pass")  # fmt: skip
    loaded = _loaded_after(f"exec({code!r})")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_package_still_gives_its_public_names_on_demand() -> None:
    loaded = _loaded_after("import khabar; khabar.open_store; khabar.ingest")
    assert {"khabar.store", "khabar.pipeline"} <= loaded
