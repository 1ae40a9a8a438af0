"""One module per `township-rollup` command: NAME, HELP, add_arguments(parser), run(args) -> exit status."""
