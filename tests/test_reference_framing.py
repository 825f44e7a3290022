"""Unit and property tests of ``reference_impl.framing`` (FRAME-1 to FRAME-4, SIZE-1, TEXT-1/2)."""
from __future__ import annotations

from typing import List

from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.framing import (
    MAX_MESSAGE_BYTES,
    NOT_UTF8,
    TOO_LONG,
    BadMessage,
    LineDecoder,
    Message,
    RawDecoder,
    encode,
    new_decoder,
)

MULTIBYTE_1024 = "€" * 341 + "a"


def texts(events: List[object]) -> List[str]:
    assert all(isinstance(event, Message) for event in events), events
    return [event.text for event in events]


# --- raw framing -------------------------------------------------------------------------


def test_raw_each_read_is_one_message() -> None:
    decoder = RawDecoder()
    assert texts(decoder.feed("Bonjour 🦆".encode())) == ["Bonjour 🦆"]
    assert texts(decoder.feed(b"fin")) == ["fin"]


def test_raw_strips_one_trailing_newline_frame_4() -> None:
    decoder = RawDecoder()
    assert texts(decoder.feed(b"bonjour\n")) == ["bonjour"]
    assert texts(decoder.feed(b"bonjour\r\n")) == ["bonjour"]
    assert texts(decoder.feed(b"bonjour\n\n")) == ["bonjour\n"]
    assert texts(decoder.feed(b"\n")) == [""]


def test_raw_exactly_1024_bytes_of_multibyte_characters_is_one_message_size_1() -> None:
    data = MULTIBYTE_1024.encode()
    assert len(data) == MAX_MESSAGE_BYTES
    assert texts(RawDecoder().feed(data)) == [MULTIBYTE_1024]


def test_raw_character_cut_by_a_full_read_is_completed_by_the_next() -> None:
    data = ("€" * 1000).encode()
    decoder = RawDecoder()
    pieces = [data[start:start + MAX_MESSAGE_BYTES] for start in range(0, len(data), MAX_MESSAGE_BYTES)]
    received = [text for piece in pieces for text in texts(decoder.feed(piece))]
    assert "".join(received) == "€" * 1000
    assert len(received) == 3


def test_raw_invalid_utf8_is_reported_and_decoding_goes_on_text_2() -> None:
    decoder = RawDecoder()
    assert decoder.feed(b"caf\xff") == [BadMessage(NOT_UTF8)]
    assert texts(decoder.feed("café".encode())) == ["café"]


def test_raw_short_read_ending_inside_a_character_is_invalid() -> None:
    decoder = RawDecoder()
    assert decoder.feed("caf€".encode()[:-1]) == [BadMessage(NOT_UTF8)]
    assert texts(decoder.feed(b"ok")) == ["ok"]


def test_raw_empty_read_is_no_message() -> None:
    assert RawDecoder().feed(b"") == []


# --- line framing ------------------------------------------------------------------------


def test_line_waits_for_the_newline_frame_1() -> None:
    decoder = LineDecoder()
    assert decoder.feed(b"bon") == []
    assert texts(decoder.feed(b"jour\nsal")) == ["bonjour"]
    assert texts(decoder.feed(b"ut\n")) == ["salut"]


def test_line_strips_newline_and_one_carriage_return_frame_3() -> None:
    decoder = LineDecoder()
    assert texts(decoder.feed(b"bonjour\r\n")) == ["bonjour"]
    assert texts(decoder.feed(b"a\r\r\n")) == ["a\r"]
    assert texts(decoder.feed(b"\n")) == [""]


def test_line_several_messages_in_one_read() -> None:
    assert texts(LineDecoder().feed(b"un\ndeux\r\ntrois\n")) == ["un", "deux", "trois"]


def test_line_accepts_1024_bytes_with_crlf_size_1() -> None:
    decoder = LineDecoder()
    assert texts(decoder.feed(MULTIBYTE_1024.encode() + b"\r\n")) == [MULTIBYTE_1024]


def test_line_refuses_a_complete_line_over_1024_bytes() -> None:
    decoder = LineDecoder()
    assert decoder.feed(b"x" * 1025 + b"\n") == [BadMessage(TOO_LONG)]
    assert texts(decoder.feed(b"ok\n")) == ["ok"]


def test_line_long_line_in_pieces_gets_one_error_and_is_skipped() -> None:
    decoder = LineDecoder()
    events = []
    for _ in range(10):
        events += decoder.feed(b"y" * 700)
    events += decoder.feed(b"y\nsuite\n")
    assert events == [BadMessage(TOO_LONG), Message("suite")]


def test_line_invalid_utf8_is_reported_text_2() -> None:
    decoder = LineDecoder()
    assert decoder.feed(b"\xc3(\n\xff\nbon\n") == [BadMessage(NOT_UTF8), BadMessage(NOT_UTF8), Message("bon")]


# --- encoding ----------------------------------------------------------------------------


def test_encode_line_adds_a_newline_frame_2() -> None:
    assert encode("line", "Ça 🦆") == "Ça 🦆\n".encode()


def test_encode_raw_adds_nothing_but_never_sends_nothing() -> None:
    assert encode("raw", "Ça 🦆") == "Ça 🦆".encode()
    assert encode("raw", "") == b"\n"


def test_new_decoder_names() -> None:
    assert isinstance(new_decoder("raw"), RawDecoder)
    assert isinstance(new_decoder("line"), LineDecoder)


# --- properties --------------------------------------------------------------------------

line_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=200
).filter(lambda text: not text.endswith("\r"))


@settings(max_examples=200, deadline=None)
@given(messages=st.lists(line_texts, max_size=8), cuts=st.lists(st.integers(min_value=0), max_size=10))
def test_line_any_chunking_gives_back_the_same_texts(messages: List[str], cuts: List[int]) -> None:
    stream = b"".join(encode("line", text) for text in messages)
    positions = sorted({cut % (len(stream) + 1) for cut in cuts} | {0, len(stream)})
    decoder = LineDecoder()
    received = []
    for start, end in zip(positions, positions[1:]):
        received += texts(decoder.feed(stream[start:end]))
    assert received == messages


raw_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=250
).filter(lambda text: not text.endswith("\n"))


@settings(max_examples=200, deadline=None)
@given(messages=st.lists(raw_texts, max_size=8))
def test_raw_one_read_per_message_gives_back_the_same_texts(messages: List[str]) -> None:
    decoder = RawDecoder()
    assert [text for message in messages for text in texts(decoder.feed(encode("raw", message)))] == messages


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=300),
    read_size=st.integers(min_value=4, max_value=64),
)
def test_raw_full_reads_cutting_characters_lose_nothing(text: str, read_size: int) -> None:
    data = text.encode()
    decoder = RawDecoder(read_size=read_size)
    received = []
    for start in range(0, len(data), read_size):
        received += texts(decoder.feed(data[start:start + read_size]))
    assert "".join(received) == text
