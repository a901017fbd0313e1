"""Rates and shares on the terminal are shown to two decimals; CSV keeps the digits its writer keeps."""

from __future__ import annotations

import io
import re

import pandas as pd
from partylines.cli.common import Format, emit


def test_terminal_shows_rates_to_two_decimals_and_csv_keeps_them_whole(capsys):
    table = pd.DataFrame({"entity": ["China"], "count": [12], "per_10k": [12 / 1780 * 10000]})
    emit(table, Format.table)
    shown = capsys.readouterr().out
    assert "67.42" in shown and "67.4157" not in shown  # 12 in 1,780 words, by hand: 67.4157...
    emit(table, Format.csv)
    written = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert abs(written["per_10k"][0] - 12 / 1780 * 10000) < 1e-4 and written["per_10k"][0] != 67.42
    assert re.search(r"\b12\b", shown)
