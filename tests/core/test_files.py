"""Atomic writes, sizes in words, and the one reader every input goes through."""

from __future__ import annotations

import hashlib
import os

import pytest

from partylines.core.errors import InputError
from partylines.core.files import TMP_PREFIX, atomic_write, format_size, read_file, sha256_file


def test_atomic_write_creates_folders_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a" / "b" / "out.txt"
    atomic_write(target, "one\ntwo\n")
    assert target.read_bytes() == b"one\ntwo\n"
    atomic_write(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_sha256_matches_hashlib(tmp_path):
    path = tmp_path / "x.bin"
    data = os.urandom(3 << 20)
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("size, words", [(0, "0 bytes"), (1, "1 byte"), (812, "812 bytes"), (3482, "3.4 KiB"),
                                         (50 * 2**20, "50 MiB"), (int(1.25 * 2**30), "1.2 GiB")])
def test_format_size(size, words):
    assert format_size(size) == words


def test_read_file_refuses_what_is_not_a_regular_file(tmp_path):
    with pytest.raises(InputError, match="no such file; check the path"):
        read_file(tmp_path / "missing.txt", limit=10)
    with pytest.raises(InputError, match="is a folder"):
        read_file(tmp_path, limit=10)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_file(fifo, limit=10)
    with pytest.raises(InputError, match="not a regular file"):
        read_file("/dev/zero", limit=10)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symlink loop"):
        read_file(loop, limit=10)


def test_read_file_enforces_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    assert read_file(path, limit=2048) == b"x" * 2048
    with pytest.raises(InputError) as raised:
        read_file(path, limit=1024, what="stopwords file")
    message = str(raised.value)
    assert message.startswith(f"stopwords file {path}: is 2 KiB, over the 1 KiB limit")
    assert "PARTYLINES_MAX_BYTES" in message
