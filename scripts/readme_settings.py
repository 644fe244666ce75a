"""Rewrite the settings table in docs/reference/settings.md from khabar.settings (run after
adding or changing a setting; tests/test_docs.py fails when one is missing there).

.venv/bin/python scripts/readme_settings.py
"""

from pathlib import Path

from khabar.settings import Settings, load_settings

HEAD = "| setting | default | meaning |\n|---|---|---|\n"
TARGET = Path(__file__).resolve().parents[1] / "docs" / "reference" / "settings.md"


def table_rows() -> str:
    """One row per setting: its name, its default (no environment, no file) and its help."""
    helps = Settings.help()
    return "\n".join(
        f"| `{k}` | `{v}` | {helps[k]} |" for k, v in load_settings(environ={}).as_dict().items()
    )


def main(path: Path = TARGET) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(HEAD) + len(HEAD)
    end = text.find("\n\n", start)
    end = len(text.rstrip("\n")) if end < 0 else end
    path.write_text(text[:start] + table_rows() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
