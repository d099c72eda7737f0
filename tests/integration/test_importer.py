"""Importing a campaign VIN list: good rows kept, bad rows reported by line, re-import changes nothing."""

from __future__ import annotations

import pytest

from bot.recall import vehicles
from bot.recall.importer import BadHeader, import_vins
from bot.vin import with_check_digit
from tests.helpers import vins_with_status

HEADER = "vin,model,model_year,owner_name,phone,zip,dealer_code,status\n"
GOOD_A = with_check_digit("2T2HK31U_7C771204")  # 2007 RX 350, Canada
GOOD_B = with_check_digit("JTJGA31U_50123456")  # 2005 RX 330, Japan
GOOD_C = with_check_digit("JTJHW31U_60234567")  # 2006 RX 400h, Japan


def _csv(tmp_path, body: str):
    path = tmp_path / "blc.csv"
    path.write_text(HEADER + body)
    return path


def test_good_rows_are_kept_and_bad_rows_reported_by_line(demo_db, tmp_path):
    path = _csv(tmp_path, "\n".join([
        f"{GOOD_A},RX 350,2007,Pat Doe,(214) 555-0177,75254,TX501,open",
        f"{GOOD_B[:-1]},RX 330,2005,Bad Length,,,,open",          # line 3: 16 characters
        f"{GOOD_B},RX330,2005,Lee Moe,214.555.0178,75230,TX501,remedied",
        f"{GOOD_C},RX 400h,2006,Ann Roe,not a phone,,,open",       # line 5: phone
        f"{GOOD_C},RX 350,2006,Ann Roe,,,,open",                   # line 6: model vs VIN
        f"{with_check_digit('JTJHA31U_40099999')},RX 330,2004,Al Poe,,99999,,open",  # line 7: ZIP
        f"{with_check_digit('JTJHA31U_40099998')},RX 330,2004,Al Poe,,,ZZ999,open",  # line 8: dealer
        f"{with_check_digit('JTJHA31U_40099997')},RX 330,2004,Al Poe,,,,maybe",      # line 9: status
        f"{GOOD_A},RX 350,2007,Pat Doe,,,,open",                                      # line 10: repeat
    ]) + "\n")
    report = import_vins(path)
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    assert [line for line, _ in report.rejected] == [3, 5, 6, 7, 8, 9, 10]
    reasons = dict(report.rejected)
    assert "17 characters; you sent 16" in reasons[3]
    assert "phone" in reasons[5]
    assert "does not match the VIN" in reasons[6]
    assert "ZIP" in reasons[7]
    assert "ZZ999" in reasons[8]
    assert "open or remedied" in reasons[9]
    record = vehicles.lookup(GOOD_A)
    assert (record.model, record.model_year, record.assembly_country) == ("RX 350", 2007, "Canada")
    assert record.owner_phone == "+12145550177"
    assert record.status_in("BLC").status == "open"
    assert record.status_in("BLC").last_servicing_dealer == "TX501"
    assert vehicles.lookup(GOOD_B).status_in("BLC").status == "remedied"


def test_reimport_is_idempotent_and_never_reopens_a_remedied_vehicle(demo_db, tmp_path):
    remedied = vins_with_status("remedied")[0]
    path = _csv(tmp_path, f"{GOOD_A},RX 350,2007,Pat Doe,2145550177,75254,TX501,open\n"
                          f"{remedied},,,,,,,open\n")
    first = import_vins(path)
    assert (first.added, first.updated, first.unchanged, first.kept_remedied) == (1, 0, 1, 1)
    second = import_vins(path)
    assert (second.added, second.updated, second.unchanged, second.rejected) == (0, 0, 2, [])
    assert vehicles.lookup(remedied).status_in("BLC").status == "remedied"
    changed = _csv(tmp_path, f"{GOOD_A},RX 350,2007,Pat Doe,2145550199,75254,IL301,open\n")
    third = import_vins(changed)
    assert (third.added, third.updated) == (0, 1)
    record = vehicles.lookup(GOOD_A)
    assert record.owner_phone == "+12145550199"
    assert record.status_in("BLC").last_servicing_dealer == "IL301"


def test_a_wrong_header_loads_nothing(demo_db, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text(f"vin,model\n{GOOD_A},RX 350\n")
    with pytest.raises(BadHeader, match="missing: model_year"):
        import_vins(path)
    assert vehicles.lookup(GOOD_A) is None
