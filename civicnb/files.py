"""Reading files a person names (a workbook, a framework).

:func:`read_user_file` reads only regular files, and at most a given number of bytes:
a device (``/dev/zero``, ``/dev/stdin``), a FIFO, a socket or a folder is refused at
once with one line, never read until memory runs out or waited on for ever. The file is
opened without blocking (a FIFO opens at once) and checked on the open descriptor, so
nothing can swap it between the check and the read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from civicnb.errors import CivicnbError

__all__ = ["read_user_file"]


def read_user_file(
    path: str | os.PathLike[str],
    *,
    limit: int,
    error: type[CivicnbError],
    too_big: Callable[[int], str] | None = None,
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Anything else raises ``error`` with one line naming the file: missing, a folder,
    not a regular file, unreadable, or larger than ``limit`` (``too_big(size)`` gives
    that message).
    """
    name = os.fspath(path)

    def big(size: int) -> CivicnbError:
        if too_big is not None:
            return error(too_big(size))
        return error(f"{name}: the file is {size:,} bytes; civicnb reads at most {limit:,}")

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise error(f"{name}: no such file") from None
    except IsADirectoryError:
        raise error(f"{name}: is a folder, not a file") from None
    except PermissionError:
        raise error(f"{name}: permission denied; cannot read the file") from None
    except OSError as exc:
        raise error(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise error(
                f"{name}: not a regular file (a device, pipe or socket); "
                "save it as a file and give its path"
            )
        if st.st_size > limit:
            raise big(st.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew after fstat()
                raise big(total)
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
