"""``scripts/harvest``: fetch every source of a hub into its snapshot, and say what happened to each.

Exit codes: 0 done (a source that failed keeps its last snapshot, and is reported); with ``--strict``, 1 when
any source failed or any record was left out; 2 when the command itself was used wrongly (or the hub's settings
are wrong).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import yaml

from casereviews.clock import ClockError, reference_time
from casereviews.hub.config import HubSettingsError, hub_settings, is_hub
from casereviews.hub.harvest import harvest
from casereviews.project import command_name

OK, PROBLEMS, USAGE = 0, 1, 2


def harvest_command(argv: Sequence[str] | None, out: TextIO, default_config: Path | None) -> int:
    parser = argparse.ArgumentParser(
        prog=command_name("scripts/harvest"),
        description="Fetch each partnership site of the hub (extra.reviews.hub.sources in mkdocs.yml) into the "
                    "harvest snapshot, which the hub's build reads. A source that fails keeps its last snapshot.")
    parser.add_argument("-f", "--config-file", type=Path, metavar="FILE", default=None,
                        help="the hub's mkdocs.yml (default: the one in this folder or the nearest above it)")
    parser.add_argument("--only", action="append", metavar="ID", help="harvest only this source (repeatable)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a source failed or a record was left out (for a scheduled job)")
    args = parser.parse_args(argv)
    path = args.config_file or default_config
    if path is None:
        print(f"scripts/harvest: no mkdocs.yml found in {Path.cwd()} or any folder above it: run this from the "
              "hub's folder, or name the file with --config-file", file=sys.stderr)
        return USAGE
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as err:
        print(f"scripts/harvest: {path}: cannot be read ({err})", file=sys.stderr)
        return USAGE
    extra = config.get("extra") if isinstance(config, dict) else None
    extra = extra.get("reviews") if isinstance(extra, dict) else None
    if not is_hub(extra):
        print(f"scripts/harvest: {path}: extra.reviews.hub is not set, so this site is not a hub "
              "(see docs/running-a-hub.md)", file=sys.stderr)
        return USAGE
    try:
        settings = hub_settings(path.resolve().parent, extra)
        at = reference_time()
    except (HubSettingsError, ClockError) as err:
        print(f"scripts/harvest: {err}", file=sys.stderr)
        return USAGE
    unknown = sorted(set(args.only or ()) - {s.id for s in settings.sources})
    if unknown:
        print(f"scripts/harvest: --only {', '.join(unknown)}: no such source in extra.reviews.hub.sources",
              file=sys.stderr)
        return USAGE
    results = harvest(settings, at, set(args.only or ()))
    for result in results:
        print(result.message, file=out)
        for problem in result.problems:
            print(f"  {problem}", file=out)
    failed = [r for r in results if not r.ok]
    noted = sum(len(r.problems) for r in results)
    print(f"Harvested {len(results) - len(failed)} of {len(results)} source{'s' if len(results) != 1 else ''} "
          f"into {settings.snapshot}" + (f"; {len(failed)} failed and keep their last snapshot" if failed else "")
          + (f"; {noted} problem{'s' if noted != 1 else ''} reported" if noted else "") + ".", file=out)
    return PROBLEMS if args.strict and (failed or noted) else OK


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags (!ENV, !relative, python names) read as plain values: only the hub's settings are used."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
