#!/usr/bin/env python
"""Django's command-line utility, with a one-line message for a misconfigured environment."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    from config.env import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as error:
        sys.stderr.write(f"Erreur de configuration : {error}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
