"""``python -m khabar`` runs the command line."""

from khabar.cli import main

main()
