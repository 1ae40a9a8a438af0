"""`township-rollup schedule`: keep the office's schedule running on this machine, no work pool needed.

Uses the Prefect server of the office configuration (prefect_api_url) when it answers, else starts one there
(with its UI), then serves prefect.yaml's deployments with Prefect's serve() until Ctrl-C or SIGTERM. While it
runs, the clerk's commands use the same server: their runs show in the UI and skip Prefect's start-up cost.
"""

from __future__ import annotations

import argparse
import os
from contextlib import nullcontext

from township_rollup.options import add_config
from township_rollup.status import Stop
from township_rollup.terminal import terminal

NAME = "schedule"
HELP = "在本机常驻运行定时任务（年度汇总、报送截止前提醒），不需要 work pool；按 Ctrl-C 停止"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_config(p)


def run(args: argparse.Namespace) -> int:
    from core.office import find_office, load_office
    from township_rollup import quiet
    from township_rollup.prefect_api import choose_api
    from township_rollup.runlog import to_log

    path = find_office(args.config)
    if path is None:
        raise Stop("没有办公室配置；请先运行 township-rollup init（或用 --config 指定配置文件）")
    office = load_office(path)
    quiet.apply()
    with to_log(office.log, NAME) as args.run_log:
        url = choose_api(office.prefect_api_url)
        from flows.local_server import local_prefect_server

        args.started_server = url is None
        with nullcontext(url) if url else local_prefect_server(None, url=office.prefect_api_url) as url:
            os.environ["PREFECT_API_URL"] = url
            from prefect import serve

            from flows.deployments import deployments, pooled

            served = deployments(office.path)
            taken = pooled(served)
            if taken:
                raise Stop(f"Prefect 服务器 {url} 上已有用 work pool 部署（prefect deploy）的 {'、'.join(taken)}；"
                           "一台服务器只用一种方式：用 worker 运行就不要再运行 schedule，或先删除它们"
                           f"（prefect deployment delete {taken[0]} ……）")
            terminal.say(f"定时任务已启动（办公室配置 {office.path}）：")
            for d in served:
                terminal.say(f"  {d.name}：{d.description or ''}")
            terminal.say(f"Prefect 界面：{url.removesuffix('/api')}（年度任务在运行前 100 天内才出现在“即将运行”里）")
            terminal.say(f"运行记录写在 {office.log}；按 Ctrl-C 停止。")
            serve(*served, print_starting_message=False)  # returns on Ctrl-C or SIGTERM (Prefect catches both)
    terminal.warn(f"已停止：{interrupted(args)}")
    return 0


def interrupted(args: argparse.Namespace) -> str:
    server = "（它启动的 Prefect 服务器也已停止）" if getattr(args, "started_server", False) else ""
    return f"定时任务不再运行{server}；已导入的数据都保留，重新运行 township-rollup schedule 即可恢复。"
