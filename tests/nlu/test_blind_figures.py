"""The understanding figures of issue 13 on the blind sets (tests/blind: written by helpers who
never saw the training data or the code, never trained or tuned on), kept where they are.

Where the issue's bar is met the bar is asserted; where it is not (none is, since the sets sealed
in the fourth to eighth sessions were added: emergencies found 504/514), the figure measured when
this test was written is the floor, so a change can only keep or raise it (README, "Understanding
owners": the bars and today's figures side by side). Only totals
are printed: reading the blind sets' misses would make them development sets.
"""

from __future__ import annotations

from pathlib import Path

from bench import detectors, understanding

BLIND = sorted(Path(__file__).resolve().parent.parent.joinpath("blind").glob("*.yml"))


def test_the_safety_and_opt_out_checks_on_the_blind_sets(capsys):
    scores = detectors.score([item for path in BLIND for item in detectors.texts(path)])
    emergency, opt_out = scores["emergency"], scores["opt_out"]
    with capsys.disabled():
        print(
            f"\nblind: emergencies {emergency['all'].found}/{emergency['all'].positives}, near misses read as "
            f"emergencies {emergency['near'].false_alarms}/{emergency['near'].negatives}; opt-outs "
            f"{opt_out['all'].found}/{opt_out['all'].positives}, near misses read as opt-outs "
            f"{opt_out['near'].false_alarms}/{opt_out['near'].negatives}"
        )
    # Numbers only in what a failure prints: the texts missed would make the blind sets development sets.
    found, positives = emergency["all"].found, emergency["all"].positives
    near_false, near = emergency["near"].false_alarms, emergency["near"].negatives
    # Floor (bar 100%; 504/514 when set, with the eighth session's sets sealed in the seventh: 149/152).
    assert positives >= 60 and found >= 0.98 * positives
    # Floor (bar 2%; 53/1651 when set: the sealed s8 near misses, 17/380, raised it from 38/1271).
    assert near >= 100 and near_false <= 0.033 * near
    found, positives = opt_out["all"].found, opt_out["all"].positives
    near_false, near = opt_out["near"].false_alarms, opt_out["near"].negatives
    assert positives >= 60 and found >= 0.968 * positives  # floor (bar 100%; 467/482 when set)
    assert near >= 100 and near_false <= 0.025 * near  # floor (bar 1%; 40/1636 when set)


def test_right_answers_end_to_end_on_the_blind_sets(capsys):
    """Every blind text over the signed SMS webhook to the real servers, one new number each."""
    results = understanding.run(BLIND, None)
    english = [(item, answer) for _, item, answer in results if (item.get("lang") or "en") == "en"]
    judges = understanding.JUDGES
    right = sum(all(judges[w](answer) for w in item["wants"] if w in judges) for item, answer in english)
    urgent = [answer for _, item, answer in results if "emergency" in item["wants"]]
    handled = sum(understanding.JUDGES["emergency"](a) for a in urgent)
    with capsys.disabled():
        print(f"\nblind end to end: English {right}/{len(english)}, emergencies {handled}/{len(urgent)}")
    total = len(english)
    assert total >= 300
    assert right >= 0.92 * total  # floor (bar 95%; 3022/3276, 92.2%, when set)
    emergencies = len(urgent)
    # The safety instruction and an urgent hand-off (bar: every one; floor as the check's above).
    assert handled >= 0.978 * emergencies  # one text of room for a reply late under load
