"""Rewrite the settings table in README.md from khabar.settings (run after adding a setting).

.venv/bin/python scripts/readme_settings.py
"""

from pathlib import Path

from khabar.settings import Settings, load_settings

HEAD = "| setting | default | meaning |\n|---|---|---|\n"


def main() -> None:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = readme.read_text(encoding="utf-8")
    helps = Settings.help()
    rows = "\n".join(
        f"| `{k}` | `{v}` | {helps[k]} |" for k, v in load_settings(environ={}).as_dict().items()
    )
    start = text.index(HEAD) + len(HEAD)
    end = text.index("\n\n", start)
    readme.write_text(text[:start] + rows + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
