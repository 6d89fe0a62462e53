"""``pledgekit push``: put releases into a CKAN portal (a thin command over ``push.run``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from . import options
from .errors import exit_on_error

TOKEN_VARIABLE = "CKAN_API_TOKEN"


def push(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A release folder (dist/PACKAGE/VERSION) or a releases folder.")
    ] = Path("dist"),
    url: Annotated[
        str,
        typer.Option(
            "--url",
            metavar="URL",
            envvar="CKAN_URL",
            show_envvar=True,
            help="The CKAN site's root URL: https://, or http:// for a site on this machine.",
        ),
    ] = "",
    organization: Annotated[
        str,
        typer.Option(
            "--organization",
            metavar="NAME",
            envvar="CKAN_ORGANIZATION",
            show_envvar=True,
            help="The CKAN organization that owns the datasets (it must exist).",
        ),
    ] = "",
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", metavar="URL", help="Public URL of the releases folder; every resource links there."
        ),
    ] = "",
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            metavar="NAME",
            help="The series of every version: a dataset_series dataset or a group (default: the package name).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Read CKAN, print the calls that would write (on stderr with --format json); write nothing.",
            metavar="",
        ),
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, metavar="S", help="Seconds to wait for each answer.")
    ] = 30,
    output_format: options.PlainFormat = options.DataFormat.text,
    debug: options.Debug = False,
) -> None:
    """Put releases into CKAN: one dataset per version, in a series per package; compares first, never overwrites.

    The series is a dataset_series dataset on a portal running ckanext-dataset-series, else a CKAN group.

    The API token is read from the CKAN_API_TOKEN environment variable only. Exit codes: 0 pushed (or
    already there), 1 rejected by CKAN, 2 usage (missing token, organization or URL), 3 refused (no
    permission, or the version is in CKAN with other content), 4 CKAN unreachable, 5 the release does not
    verify.
    """
    from ..config import find_config
    from ..push.run import push as push_releases

    with exit_on_error(debug):  # an option or its environment variable wins over the configuration file
        config = find_config(Path.cwd()) if not (url and organization and base_url) else None
    configured = config.push if config is not None else {}
    url = url or configured.get("ckan_url", "")
    organization = organization or configured.get("ckan_organization", "")
    base_url = base_url or configured.get("base_url", "")
    if not url or not organization:
        raise typer.BadParameter(
            "give --url and --organization (or CKAN_URL and CKAN_ORGANIZATION, or ckan_url and ckan_organization "
            "in pledgekit.toml)"
        )
    as_json = output_format is options.DataFormat.json

    def echo(text: str) -> None:  # the calls of a dry run; stdout stays one JSON document with --format json
        typer.echo(text, err=as_json)

    with exit_on_error(debug):
        done = push_releases(
            path, url=url, token=os.environ.get(TOKEN_VARIABLE), organization=organization, base_url=base_url,
            group=group, dry_run=dry_run, timeout=timeout, echo=echo,
        )  # fmt: skip
    if as_json:
        typer.echo(json.dumps([d.to_dict() for d in done], ensure_ascii=False, indent=2))
        return
    for item in done:
        typer.echo(f"{item.dataset} ({item.version}): {item.state}, {item.url}")
