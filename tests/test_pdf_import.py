"""weasyprint's import with the C libraries looked up in the dynamic linker's cache alone
(briefing.render.pdf.import_weasyprint): the same libraries, or the plain import."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the fast path is Linux's")


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    environment = {k: v for k, v in os.environ.items()
                   if k not in ("LD_LIBRARY_PATH", "LIBRARY_PATH")}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=True, env={**environment, **env})


def test_the_linker_cache_answers_every_name_weasyprint_asks_for_as_find_library_does():
    """The premise, on this machine: for each name weasyprint's import looks up, the cache
    alone gives what the full lookup (cache, gcc, ld) gives."""
    result = _run("""
        import ctypes.util, json
        plain, cache, asked = ctypes.util.find_library, ctypes.util._findSoname_ldconfig, []
        def spy(name):
            asked.append([name, plain(name), cache(name)])
            return asked[-1][1]
        ctypes.util.find_library = spy
        import weasyprint
        print(json.dumps(asked))
    """)
    asked = json.loads(result.stdout.splitlines()[-1])
    assert len(asked) >= 5 and any(found for _, found, _ in asked)
    assert [(name, found) for name, found, _ in asked] == \
        [(name, from_cache) for name, _, from_cache in asked]


_SPY = """
    import ctypes.util
    plain, asked = ctypes.util.find_library, []
    ctypes.util.find_library = spy = lambda name: asked.append(name) or plain(name)
    from briefing.render.pdf import import_weasyprint
    import_weasyprint()
    import weasyprint.text.ffi
    print(len(asked), ctypes.util.find_library is spy)
"""


def test_weasyprint_is_imported_with_the_cache_alone_and_find_library_is_restored():
    assert _run(_SPY).stdout.split() == ["0", "True"]  # find_library itself never asked


def test_with_ld_library_path_set_the_lookup_is_the_plain_one():
    count, restored = _run(_SPY, LD_LIBRARY_PATH="/nonexistent").stdout.split()
    assert int(count) >= 5 and restored == "True"


def test_libraries_missing_from_the_cache_fall_back_to_the_plain_import_silently():
    """The cache knows none of them: weasyprint fails to load its libraries that way, and is
    imported again the plain way; its complaint on stdout is not shown."""
    result = _run("""
        import ctypes.util, sys
        ctypes.util._findSoname_ldconfig = lambda name: None
        from briefing.render.pdf import import_weasyprint, layout
        import_weasyprint()
        from weasyprint import HTML
        pages = HTML(string="<p>ok</p>").render().pages
        print("pages", len(pages))
    """)
    assert result.stdout.split() == ["pages", "1"]
