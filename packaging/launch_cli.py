"""The bundled command line: `bulletin check|build|new|import|info|gui …`, as installed by pip.

It also stands in for `python -m MODULE` (the desktop app starts its build process that way, and in
the bundle there is no separate interpreter to ask).
"""

import os
import runpy
import sys

if sys.platform.startswith("linux") and not any(os.environ.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG")):
    os.environ["LC_CTYPE"] = "C.UTF-8"     # started with an empty environment: Qt and Python want UTF-8

if __name__ == "__main__":
    if sys.argv[1:2] == ["-m"] and len(sys.argv) > 2 and sys.argv[2].startswith("editor."):
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        sys.exit(0)
    from editor.cli import main

    sys.exit(main())
