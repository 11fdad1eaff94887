"""Officers' CSV uploads: every row accounted for."""

from __future__ import annotations

import pytest

from usecases.invitations.csv_numbers import CsvError, parse_numbers


def test_header_column_is_found_and_numbers_normalised() -> None:
    data = (
        "name,Mobile Number,ward\n"
        "A,07911 123456,Acton\n"
        "B,+44 7911 123457,Borras\n"
        "C,(07911) 123-458,Gwersyllt\n"
        "D,0044 7911 123459,Offa\n"
    )
    result = parse_numbers(data)
    assert result.numbers == [
        (2, "+447911123456"),
        (3, "+447911123457"),
        (4, "+447911123458"),
        (5, "+447911123459"),
    ]
    assert result.invalid == [] and result.duplicates == []


def test_invalid_rows_are_reported_with_row_and_reason_never_dropped() -> None:
    data = "phone\n07911123456\nnot a number\n0791112\n\n,\n+1 415 555 0100\n"
    result = parse_numbers(data)
    assert [n for _, n in result.numbers] == ["+447911123456", "+14155550100"]
    rows = {p.row: p.reason for p in result.invalid}
    assert set(rows) == {3, 4}
    assert "not" in rows[3] and "valid" in rows[4]
    assert "0791112" not in rows[4]  # reports mask the number
    assert result.summary() == "2 numbers, 2 invalid rows, 0 duplicates collapsed"


def test_duplicates_in_any_format_are_collapsed_and_reported() -> None:
    result = parse_numbers("07911 123456\n+447911123456\n447911123456\n07911123457\n")
    assert [n for _, n in result.numbers] == ["+447911123456", "+447911123457"]
    assert [(p.row, p.reason) for p in result.duplicates] == [
        (2, "same number as row 1"),
        (3, "same number as row 1"),
    ]


def test_excel_bom_and_windows_encoding_are_read() -> None:
    assert parse_numbers("\ufeffphone\r\n07911123456\r\n".encode()).numbers == [
        (2, "+447911123456")
    ]
    assert parse_numbers("ffôn,enw\n07911123456,Siân\n".encode("cp1252")).numbers == [
        (2, "+447911123456")
    ]


def test_a_file_without_a_phone_column_is_refused_with_the_fix() -> None:
    with pytest.raises(CsvError, match="name the phone column"):
        parse_numbers("a,b\n07911123456,x\n")
    with pytest.raises(CsvError, match="not text"):
        parse_numbers(b"\x81\x8d\x8f\x90\x9d" * 10)


def test_empty_file_is_an_empty_list() -> None:
    assert parse_numbers("").numbers == []
