"""The ``datamap`` command line: one command per job (build, serve, search, curate, ops).

Options are parsed before anything heavy is imported; a command whose extra is not
installed says which one to install (``datamap.cli.extras``)."""
