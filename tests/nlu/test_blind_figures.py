"""The understanding figures of issue 13 on the blind sets (tests/blind: written by helpers who
never saw the training data or the code, never trained or tuned on), kept where they are.

Where the issue's bar is met the bar is asserted; where it is not (none is on all the sets: the
sets sealed in the fourth to ninth sessions were added; emergencies found 566/574), the figure
measured when this test was written is the floor, so a change can only keep or raise it (README,
"Understanding owners": the bars and today's figures side by side). Only totals
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
    # Floor (bar 100%; 566/574 when set, the ninth session's sealed s10 sets 60/60 of them).
    assert positives >= 60 and found >= 0.985 * positives
    # Floor (bar 2%; 59/1905 when set, the sealed s10 near misses 8/254 of them).
    assert near >= 100 and near_false <= 0.032 * near
    found, positives = opt_out["all"].found, opt_out["all"].positives
    near_false, near = opt_out["near"].false_alarms, opt_out["near"].negatives
    assert positives >= 60 and found >= 0.97 * positives  # floor (bar 100%; 526/542 when set, s10 60/60)
    assert near >= 100 and near_false <= 0.022 * near  # floor (bar 1%; 40/1890 when set, s10 4/254)


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
    assert right >= 0.925 * total  # floor (bar 95%; 3468/3729, 93.0%, when set; a few texts of room for load)
    emergencies = len(urgent)
    # The safety instruction and an urgent hand-off (bar: every one; floor as the check's above).
    assert handled >= 0.978 * emergencies  # one text of room for a reply late under load
