"""`township-rollup serve`: the workbench, a local web page from reports in to a checked table out."""

from __future__ import annotations

import argparse
from pathlib import Path

from township_rollup.options import add_catalog, add_config, add_db, megabytes, office_of, port

NAME = "serve"
HELP = "工作台：在本机浏览器里导入报告、查看和核对对比表"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_config(p)
    add_db(p)
    p.add_argument("--reports", type=Path, default=None, metavar="FOLDER",
                   help="工作台可以一键导入的报告文件夹（默认取办公室配置）")
    p.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                   help="监听地址（默认 127.0.0.1：只有本机能打开；其他地址需要启动时打印的 token）")
    p.add_argument("--port", type=port, default=8750, metavar="PORT", help="端口（默认 %(default)s）")
    p.add_argument("--max-mb", type=megabytes, default=50.0, metavar="MB",
                   help="上传报告的大小上限（兆字节，默认 %(default)s）")
    add_catalog(p)


def run(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()  # the ingestion it starts inherits these
    office = office_of(args)
    args.reports = args.reports or (office.reports if office else None)
    from township_rollup.web.serve import serve
    from township_rollup.web.settings import WebSettings

    return serve(WebSettings(db=args.db.resolve(), county=args.county,
                             reports=args.reports.resolve() if args.reports else None,
                             indicators=args.indicators, host=args.host, port=args.port, max_upload_mb=args.max_mb))
