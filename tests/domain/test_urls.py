"""Links fitted to Slack's limit on a URL: shortened between characters, never inside a %-escape."""

from __future__ import annotations

from urllib.parse import parse_qs, quote_plus, urlparse

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.urls import URL_LIMIT, fitted_url, shortened


def test_a_short_text_is_left_alone_and_a_long_one_cut_with_an_ellipsis():
    assert shortened("hello", 5) == "hello"
    assert shortened("héllo wörld", 19) == "héllo…"  # h %C3%A9 l l o: 10, and %E2%80%A6
    assert len(quote_plus(shortened("🎉" * 10, 40))) <= 40
    assert shortened("🎉🎉", 11) == ""  # not even one emoji and the ellipsis fit


def test_the_fixed_values_stay_and_the_named_ones_give_way_in_order():
    url = fitted_url("https://x.test/?", [("a", "1"), ("d", "é" * 2000), ("t", "t" * 100)], ("d", "t"), 400)
    query = parse_qs(urlparse(url).query)
    assert len(url) <= 400 and query["a"] == ["1"] and query["t"] == ["t" * 100]
    assert query["d"][0].endswith("…") and set(query["d"][0][:-1]) == {"é"}


@given(st.text(max_size=600), st.text(max_size=300), st.integers(min_value=100, max_value=URL_LIMIT))
def test_any_text_fits_and_decodes(first: str, second: str, limit: int):
    url = fitted_url("https://x.test/?", [("k", "v"), ("f", first), ("s", second)], ("f", "s"), limit)
    assert len(url) <= limit
    query = parse_qs(urlparse(url).query, keep_blank_values=True, errors="strict")
    assert query["k"] == ["v"]
