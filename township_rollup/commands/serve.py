"""`township-rollup serve`: the workbench, a local web page from reports in to a checked table out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from township_rollup.options import add_catalog, add_config, add_db, megabytes, office_of, port

if TYPE_CHECKING:
    from township_rollup.web.settings import WebSettings

NAME = "serve"
HELP = "工作台：在本机浏览器里导入报告、查看和核对对比表"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_config(p)
    add_db(p)
    p.add_argument("--reports", type=Path, default=None, metavar="FOLDER",
                   help="工作台可以一键导入的报告文件夹（默认取办公室配置）")
    p.add_argument("--host", default=None, metavar="ADDRESS",
                   help="监听地址（默认取办公室配置的 workbench_url，没有时为 127.0.0.1：只有本机能打开；"
                        "其他地址需要启动时打印的 token）")
    p.add_argument("--port", type=port, default=None, metavar="PORT",
                   help="端口（默认取办公室配置的 workbench_url，没有时为 8750）")
    p.add_argument("--max-mb", type=megabytes, default=50.0, metavar="MB",
                   help="上传报告的大小上限（兆字节，默认 %(default)s）")
    add_catalog(p)


def run(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()  # the ingestion it starts inherits these
    from township_rollup.web.serve import serve

    return serve(settings_of(args))


def settings_of(args: argparse.Namespace) -> WebSettings:
    """The workbench's settings: the command line's options, else the office configuration's (the database, the
    county, the extra indicators, the reports folder, and where to listen: the address of `workbench_url`, so
    the links in Prefect's artifacts open it), else the defaults. ConfigError from a wrong configuration."""
    from township_rollup.web.settings import DEFAULT_HOST, DEFAULT_PORT, WebSettings, listen_address

    office = office_of(args)
    reports = args.reports or (office.reports if office else None)
    host, at = listen_address(office.workbench_url if office else None) or (DEFAULT_HOST, DEFAULT_PORT)
    return WebSettings(db=args.db.resolve(), county=args.county, reports=reports.resolve() if reports else None,
                       indicators=args.indicators, host=args.host or host, port=args.port or at,
                       max_upload_mb=args.max_mb, office=office.path if office else None)
