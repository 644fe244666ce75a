"""``python -m khabar`` runs the command line."""

from khabar.cli import main

if __name__ == "__main__":  # not in the worker processes that re-import it (spawn)
    main()
