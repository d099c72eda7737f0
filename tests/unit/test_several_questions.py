"""One message, several requests: each answered in the same reply (issue 13)."""

from __future__ import annotations

import pytest

from actions import actions
from bot.recall import escalations
from bot.understand.already_done import says_already_done
from bot.understand.not_owner import not_owner
from bot.understand.questions import asked, asks_for_a_dealer
from bot.understand.tone import is_frustrated
from tests.helpers import vins_with_status
from tests.unit.test_actions import run, tracker


def test_the_recall_questions_of_a_message_are_found_in_order():
    assert asked("is it free and how long does it take and what do i bring") == (
        "ask_cost",
        "ask_duration",
        "ask_what_to_bring",
    )
    assert asked("book me saturday") == ()
    assert asked("¿cuánto cuesta y cuánto tiempo tarda?") == ("ask_cost", "ask_duration")
    assert asked("hi i got the letter, what is it and is it free?") == ("ask_what_wrong", "ask_cost")
    assert asked("oye que es esto del recall") == asked("help me understand this letter please") == ("ask_what_wrong",)
    assert asked("who gave you my number?? stop texting this phone") == ("ask_who_is_this",)
    assert asked("Explain recall please. Cost? Time how long?") == ("ask_what_wrong", "ask_cost", "ask_duration")
    assert asked("Cost zero? Rental free? Fix time?") == ("ask_cost", "ask_loaner", "ask_duration")
    assert asks_for_a_dealer("the dealer was rude last time, can i go to a different one? im in mesa")
    assert asked("the car won't start this morning, is that part of the recall?") == (
        "ask_other_service",
        "ask_what_wrong",
    )


def test_what_else_a_message_asks_is_found_in_english_and_spanish():
    assert asked("Not my car. Any chance you can tell me the Titans score") == ("out_of_scope",)
    assert asked("fixed already lol. also whats a good cheap pizza place near campus") == ("out_of_scope",)
    assert asked("qué pena, cuánto se demoran en arreglar lo del pedal?") == ("ask_duration",)
    assert asked("¿Qué tengo que traer? ¿nomás la registración?") == ("ask_what_to_bring",)
    assert asked("hu is this") == asked("why are you guys texting me") == ("ask_who_is_this",)
    assert (
        asked("any other open recalls on it?")
        == asked("los frenos me rechinan, es otra cosa?")
        == ("ask_other_service",)
    )
    assert asked("the score on the pedal test") == ()
    assert asked("could they also do the 60,000 mile service?") == ("ask_other_service",)
    assert asked("is this really the number on the letter or am I being phished") == ("ask_who_is_this",)
    assert asked("Primero dime quien eres, then I give the VIN") == ("ask_who_is_this",)
    assert asked("3 letters in one week. how did u even get my number") == ("ask_who_is_this",)
    assert asked("i want to know how you got this number") == ("ask_who_is_this",)
    assert asked("just tell me when I can bring it in, ideally a Saturday") == ()  # bringing the car, not what to bring
    assert asked("what yall do to fix mine") == ("ask_what_wrong",)
    assert asked("SO IS THIS A REAL DANGER OR IS IT JUST LAWYERS COVERING THEIR BUTTS") == ("ask_safe_to_drive",)
    assert asked("is this real or a scam") == ("ask_who_is_this",) == asked("Hello, is this Lexus?")
    assert asked("The RX has been in storage a year. Do I still need to do this?") == ("ask_what_wrong",)
    assert asked("Dealer says the fix takes 2 hours?? For a carpet??") == ("ask_duration",)
    assert "ask_other_service" in asked("Brake pedal feels kind of soft lately, is that the recall or something else?")
    assert (
        asked("the letter scared me half to death. is this serious?")
        == asked("any reports of people actually getting hurt from this?")
        == ("ask_safe_to_drive",)
    )
    assert (
        asked("explain the nature of the hazard")
        == asked("i just want to know what it is thats wrong")
        == ("ask_what_wrong",)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Is it free or are you going to nickel and dime me like last time",
        "Move my appointment. Again. Dealer moved it on me twice",
        "Had it done already. So why the letter?",
        "Me cancelaron la cita sin previo aviso. Inaceptable.",
        "se tardaron 15 años en avisarme, que vergüenza",
        "its free right?? not paying a dime for lexus screwing up",
        "4th msg this month. i dont need my hand held. when is my appt",
        "I have now received four of these notices. I find it most discourteous.",
        "I had that carpet thing done in 2010. You people don't keep records?",
        "quit asking for my VIN I already sent it twice",
        "Basta with the letters, ya entendí! Just tell me when I can bring it in",
        "I'm done waiting on the Frisco dealer, they never call back. find me a different one near Plano",
        "The dealer cancelled on me last time, can you book me somewhere else",
        "Is there any other dealer near 60614 besides the one that jerked me around?",
        "Not next week. Not the week after. I need it this week or don't bother.",
        "Stuck on hold with Lexus corporate for 40 min. Can you just book me somewhere",
        "I'm done with the letters, I just want it fixed. Book me.",
        "the dealer lost my appointment, please re-book me for Friday",
        "we've been stuck on a waitlist at our dealer for 3 weeks, can you find a faster one?",
        "ya no aguanto más cartas, ¿cuándo me pueden dar cita?",
        "the lady at the dealer said my appt was canceled but i NEVER canceled it!! \U0001f621 so when is it now??",
    ],
)
def test_frustration_in_other_words_gets_its_apology(text):
    assert is_frustrated(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to go again. Saturday?",
        "why the letters say BLC?",
        "i got 3 texts from my wife about it",
        "is this free or they gonna hit me with some fee cause if it's free book me Saturday",
    ],
)
def test_the_same_words_without_frustration_get_none(text):
    assert not is_frustrated(text)


def test_sold_gone_and_wrong_number_are_told_apart():
    assert not_owner("I sold that car in 2015") == "sold" == not_owner("it was totaled last year")
    assert not_owner("wrong number, I drive a honda") == "not_mine"
    assert not_owner("la vendí hace años") == "sold"
    assert not_owner("I still own it, book me") is None
    assert not_owner("sold it private party 2 yrs ago") == "sold" == not_owner("it went to auction after she passed")
    assert not_owner("gave the RX to my granddaughter, her name is on the title now") == "sold"
    assert (
        not_owner("Never owned a Lexus in my life") == "not_mine" == not_owner("the lexus is my girlfriends not mine")
    )
    assert not_owner("wrong address on the letter") is None  # the details, not the owner (wrong_details)
    assert not_owner("this aint my number anymore bro") == "not_mine"
    assert not_owner("uhh this isnt my moms number anymore she changed it") == "not_mine"
    assert not_owner("is this number still on file? I changed phones") is None
    assert not_owner("I sell the car to my nephew in 2018. No more message please.") == "sold"
    assert not_owner("how did you get this number, i only gave it to my pharmacy and my doctor") is None
    assert not_owner("wrong numbr") == "not_mine"
    assert not_owner("I gave up on the dealer in town, is there another one?") is None
    assert not_owner("My husband's name is on the letter. He passed away in 2021.") == "not_mine"
    assert not_owner("Third time Ive told yall this aint my car. Update it") == "not_mine"
    assert not_owner("cancel my appointment Friday car got repo'd") == "sold"
    assert not_owner("Cancel appt. Vehicle going to the scrapyard, transmission is shot.") == "sold"
    assert not_owner("Y'all keep sending stuff for a car that was in a wreck and totaled in 2017") == "sold"
    assert not_owner("This is my ex-husband's car, not my problem") == "not_mine" == not_owner("y yo ni tengo Lexus")
    # where a car is bought, not that this one is gone
    assert not_owner("Can I take it to any Lexus dealer in Oklahoma or it has to be where it was sold") is None


def test_a_question_for_a_dealer_is_told_from_one_that_only_names_one():
    assert not asks_for_a_dealer("Could you explain in plain terms what the dealer will be doing?")
    assert not asks_for_a_dealer("took the mat out already, do i still need the dealer?")
    assert asks_for_a_dealer("hes fine, he just wants to know where to take it. 48201")
    for text in (
        "Which dealership does these? I'm in Tulsa.",
        "closest one to DIA? i fly out a lot",
        "dealer list?",
        "can she take it to a dealer there?",
        "does it have to be a lexus dealer or can my guy do it",
        "¿dónde está el concesionario más cercano?",
    ):
        assert asks_for_a_dealer(text), text
    assert not asks_for_a_dealer("the dealer said it was fine")
    assert not asks_for_a_dealer("is it free?")


def test_already_done_is_not_read_into_never_done():
    assert says_already_done("its been done, sat there 4 hours") and says_already_done("fixed already")
    assert says_already_done("didn't I already do this?")
    assert says_already_done("the problem's been fixed, no need to keep messaging me")
    assert says_already_done("Already fixed at the Bellevue dealer. Stop sending these.")
    assert says_already_done("ya no me escriban ok? ya lo arregle en el dealer")
    assert not says_already_done("Nope, never had this done. Is it free?")
    assert not says_already_done("haven't got it fixed yet")
    # a repair to come
    assert not says_already_done("Is it dangerous to keep driving to church until the repair is done?")
    assert not says_already_done("will the notices end once the work is done?")
    assert not says_already_done("before it's fixed can i drive it")
    assert says_already_done("it was fixed in 2012. will the letters stop once the work is done?")


async def test_a_dealer_question_without_a_place_asks_for_the_area(demo):
    said, slots = await run(actions.ActionInContext, tracker("which dealer does the recall?", "nlu_fallback"))
    assert said == ["Which area suits you? Send a ZIP code or city and I'll find the nearest Lexus dealer."]
    assert slots["awaiting"] == "location"


async def test_are_you_a_bot_says_how_to_check_it_is_lexus(demo):
    said, _ = await run(actions.ActionSmallTalk, tracker("is this a bot", "bot_challenge"))
    assert said[0].startswith("Yes, I'm an automated assistant") and "1-800-255-3987" in said[0] and "STOP" in said[0]


async def test_not_the_owner_and_who_is_this_are_both_answered(demo):
    said, _ = await run(
        actions.ActionAnswerQuestion, tracker("Never owned a Lexus in my life. Who is this?", "ask_who_is_this")
    )
    text = " ".join(said)
    assert text.startswith("Thanks for telling us.") and "To check that this is really Lexus" in text


async def test_a_cost_question_also_gets_how_long_and_what_to_bring(demo):
    said, _ = await run(
        actions.ActionAnswerQuestion, tracker("is it free and how long does it take, do i bring the letter", "ask_cost")
    )
    assert said[0].startswith("It's free.")
    assert "How long" in said[1] and "What to bring" in said[1]


async def test_a_vin_with_a_booking_wish_goes_straight_to_the_times(demo):
    vin = vins_with_status("open", "TX501")[0]
    said, slots = await run(actions.ActionCheckVin, tracker(f"{vin} book me saturday morning", "provide_vin"))
    assert "has Safety Recall BLC open" in said[0]
    assert "1) Sat" in said[-1] and slots["awaiting"] == "slot"


async def test_a_booking_request_with_the_vin_in_it_checks_the_vin_first(demo):
    vin = vins_with_status("open", "TX501")[1]
    said, slots = await run(actions.ActionBook, tracker(f"book me the soonest time, vin {vin}", "book_appointment"))
    assert "has Safety Recall BLC open" in said[0] and slots["vin"] == vin and slots["awaiting"] == "slot"


async def test_a_frustrated_owner_gets_an_apology_and_the_answer(demo):
    said, _ = await run(actions.ActionAnswerQuestion, tracker("THIRD LETTER. how much does this cost", "ask_cost"))
    assert said[0].startswith("I'm sorry for the trouble. It's free.")


async def test_a_recall_question_the_classifier_misses_is_answered_not_a_fallback(demo):
    said, slots = await run(
        actions.ActionInContext,
        tracker("can I take the carpet cover off myself or does the dealer do it", "nlu_fallback"),
    )
    assert "retention clip" in said[0] and "The fix:" in said[0]
    assert "17-character VIN" in said[-1] and slots["awaiting"] == "vin" and not slots.get("misses")


async def test_floor_mats_are_told_apart_from_this_recall(demo):
    said, _ = await run(
        actions.ActionAnswerQuestion, tracker("what's wrong with my car, is it the floor mats?", "ask_what_wrong")
    )
    assert any("is not the floor-mat recall" in s for s in said)


async def test_a_what_if_read_as_a_report_gets_the_safety_answer_not_an_urgent_hand_off(demo):
    from bot.recall import escalations

    before = len(escalations.list_escalations())
    said, _ = await run(
        actions.ActionWarningSign, tracker("what am I supposed to do if the pedal ever sticks?", "report_warning_sign")
    )
    assert "Watch for the warning sign" in said[0] and "911" not in said[0]
    assert len(escalations.list_escalations()) == before


async def test_a_report_the_emergency_check_finds_no_danger_in_is_answered_not_escalated(demo):
    """The classifier read "report_warning_sign"; the check says it is a past event: the safety answer."""
    before = len(escalations.list_escalations())
    said, _ = await run(
        actions.ActionWarningSign,
        tracker("it stuck on me once back in 2009, how dangerous is this really?", "report_warning_sign", sender="w1"),
    )
    assert said[0].startswith("Watch for the warning sign") and not any("urgent" in s for s in said)
    assert len(escalations.list_escalations()) == before
    assert not [e for e in escalations.list_escalations() if e.conversation_id == "w1"]


async def test_an_emergency_with_a_vin_also_says_what_the_record_shows(demo):
    vin = vins_with_status("open")[7]
    said, slots = await run(
        actions.ActionWarningSign,
        tracker(f"pedal is stuck right now im on the shoulder, is this the recall? {vin}", "report_warning_sign"),
    )
    assert "call 911" in said[0] and "has Safety Recall BLC open" in said[1] and slots["vin"] == vin
    assert "urgent" in said[-1]


async def test_already_done_in_any_intent_is_checked_against_the_record(demo):
    vin = vins_with_status("remedied")[3]
    said, _ = await run(actions.ActionAnswerQuestion, tracker(f"i already had it fixed last year {vin}", "ask_remedy"))
    assert said[-1].startswith("Our records agree") and vin[-6:] in said[-1]


async def test_another_repair_the_classifier_misses_goes_to_the_dealers_service_team(demo):
    said, _ = await run(
        actions.ActionInContext,
        tracker("my RX makes a whining noise when I stop, can they look at that too", "nlu_fallback", sender="n1"),
    )
    assert "dealer's service team" in said[0]


async def test_other_work_asked_beside_a_booking_is_left_to_the_dealer(demo):
    said, _ = await run(
        actions.ActionBook, tracker("book me saturday, and is my check engine light covered too", "book_appointment")
    )
    assert any("Other work" in s and "your dealer's service team" in s for s in said)


async def test_a_booking_wish_the_classifier_misses_starts_the_booking(demo):
    said, slots = await run(actions.ActionInContext, tracker("opt for the saturday slot pls", "nlu_fallback"))
    assert "17-character VIN" in said[-1] and slots["awaiting"] == "vin" and slots["pending"] == "book"


async def test_an_annoyed_question_is_answered_with_an_apology_not_handed_off(demo):
    """The classifier read a complaint; what it asks the campaign facts answer."""
    said, _ = await run(
        actions.ActionComplaint, tracker("third time asking. how long does this take. nobody answers", "complain")
    )
    assert said[0].startswith("I'm sorry for the trouble.") and "How long" in said[0]


async def test_the_nearest_dealer_to_a_place_is_named_whatever_the_classifier_read(demo):
    said, slots = await run(
        actions.ActionOtherQuestion,
        tracker("ok ok I'll stop procrastinating. nearest dealer to Dallas TX?", "ask_other_service"),
    )
    assert said[0].startswith("The nearest Lexus dealer is") and slots["dealer_code"]
    assert "17-character VIN" in said[-1]


async def test_thanks_and_goodbye_the_classifier_misses_get_their_answer(demo):
    said, _ = await run(actions.ActionInContext, tracker("OK thanks bye", "nlu_fallback"))
    assert said == ["You're welcome, and thanks for taking care of your recall. Goodbye!"]
    said, _ = await run(actions.ActionInContext, tracker("ok perfect, see u then! 👍", "nlu_fallback", sender="m2"))
    assert "Goodbye" in said[0]


async def test_a_vin_and_a_booking_wish_read_as_a_question_get_the_times_and_the_answer(demo):
    vin = vins_with_status("open", "TX501")[2]
    said, slots = await run(
        actions.ActionAnswerQuestion,
        tracker(f"Book Saturday 10am please. {vin}. What documents I should bring?", "ask_what_to_bring"),
    )
    assert "has Safety Recall BLC open" in said[0] and "What to bring" in " ".join(said)
    assert "Sat" in said[-1] and slots["awaiting"] == "slot"
    # naming an appointment is not asking for one
    said, slots = await run(
        actions.ActionAnswerQuestion, tracker(f"{vin} what do I bring to the appointment?", "ask_what_to_bring")
    )
    assert "What to bring" in " ".join(said) and slots.get("awaiting") != "slot"
    # a time wish alone, beside a VIN, asks for the times
    said, slots = await run(
        actions.ActionAnswerQuestion,
        tracker(f"How much cost? Also take how long? Tuesday or wednesday I am free. {vin}", "ask_cost", sender="m3"),
    )
    assert "free of charge" in " ".join(said) and "Tue" in said[-1] and slots["awaiting"] == "slot"


async def test_a_vin_read_as_small_talk_is_checked_and_a_time_wish_beside_it_gets_the_times(demo):
    vin = vins_with_status("open", "TX501")[0]
    said, slots = await run(
        actions.ActionSmallTalk,
        tracker(f"{vin} can she do tomorrow at lunch? she works right by there", "out_of_scope"),
    )
    assert "has Safety Recall BLC open" in said[0] and slots["vin"] == vin
    assert slots["awaiting"] in ("slot", "dealer_choice", "location")  # the times, or where to book them


async def test_a_plain_booking_request_beside_other_words_books_rather_than_answering_them(demo):
    said, slots = await run(
        actions.ActionOtherQuestion,
        tracker(
            "Not interested in the extended warranty pitch they always do, I only want the free recall. Book me.",
            "ask_other_service",
        ),
    )
    assert "17-character VIN" in " ".join(said) and slots["pending"] == "book"
    said, slots = await run(
        actions.ActionInContext,
        tracker(
            "I unsubscribed from the newsletter ages ago but I still want this recall done. Book me", "nlu_fallback"
        ),
    )
    assert "17-character VIN" in " ".join(said) and slots["pending"] == "book"


async def test_a_dealers_phone_in_a_named_town_names_the_dealer_not_a_person(demo):
    before = len(escalations.list_escalations())
    said, slots = await run(actions.ActionHandoff, tracker("whats the dealer phone # in dallas", "human_handoff"))
    assert said[0].startswith("The nearest Lexus dealer is") and slots["dealer_code"]
    assert len(escalations.list_escalations()) == before


async def _unplaced(text: str, ranking: list[tuple[str, float]], sender: str) -> tuple[list[str], dict]:
    """A message the classifier fell back on, with its other readings."""
    return await run(
        actions.ActionInContext, tracker(text, "nlu_fallback", confidence=0.35, ranking=ranking, sender=sender)
    )


async def test_an_unsure_reading_with_a_harmless_answer_is_answered_others_are_not_guessed(demo):
    text = "my wife she worry, she think the car go alone"
    said, slots = await _unplaced(text, [("ask_safe_to_drive", 0.41), ("book_appointment", 0.33)], "m1")
    assert "Watch for the warning sign" in said[0] and not slots.get("misses")
    # a reading that would record something ("sold it") is not guessed
    said, slots = await _unplaced(text, [("sold_car", 0.41), ("ask_safe_to_drive", 0.33)], "m2")
    assert said[0].startswith("Sorry, I didn't catch that") and slots["misses"] == 1
    # nor one far from sure
    said, slots = await _unplaced(text, [("ask_safe_to_drive", 0.2), ("sold_car", 0.19)], "m3")
    assert said[0].startswith("Sorry, I didn't catch that")


async def test_other_recalls_asked_with_a_vin_are_said_to_be_the_dealers(demo):
    vin = vins_with_status("open")[-1]
    said, _ = await run(
        actions.ActionOtherQuestion, tracker(f"any other open recalls on {vin}?", "ask_other_service", confidence=0.62)
    )
    assert "has Safety Recall BLC open" in said[0] and "dealer's service team" in " ".join(said)


async def test_other_work_the_classifier_is_sure_of_goes_to_the_dealer_unsure_is_unclear(demo):
    before = len(escalations.list_escalations())
    said, _ = await run(actions.ActionOtherQuestion, tracker("can they change oil too and rotate", "ask_other_service"))
    assert "dealer's service team" in said[0] and len(escalations.list_escalations()) == before + 1
    said, _ = await run(
        actions.ActionOtherQuestion,
        tracker("the thing with the stuff", "ask_other_service", confidence=0.4, sender="m2"),
    )
    assert len(escalations.list_escalations()) == before + 1


async def test_cancel_because_sold_is_noted_and_the_appointment_looked_for(demo):
    said, _ = await run(
        actions.ActionCancelAppointment, tracker("CANCEL APPT. SOLD THE CAR LAST WEEK", "cancel_appointment")
    )
    # noted, and the appointment looked for (the VIN finds it) to cancel as asked
    assert "Thanks for telling us." in said[0] and "17-character VIN" in said[-1]


def test_a_wish_to_come_in_is_read_as_booking_and_a_question_where_is_not():
    from actions.booking import WANTS_BOOKING

    assert WANTS_BOOKING.search("my car, in the list? and when I can go?")
    assert WANTS_BOOKING.search("is it free, and can I come this weekend?")
    assert not WANTS_BOOKING.search("can I go to any Lexus dealer?")


def test_a_question_about_what_the_defect_does_is_about_the_recall():
    from bot.understand.questions import about_the_recall

    assert about_the_recall("someone on facebook said their RX sped up on its own. is this that?")
    assert about_the_recall("una señora dijo que su RX se aceleró sola. es lo mismo que esto?")
    assert not about_the_recall("what time is it in Denver")


@pytest.mark.parametrize(
    "text",
    [
        "dont have it no more. sold",
        "Car was stolen in 2020 and never recovered",
        "its not even my car, its my ex's. pls update",
        "The vehicle now belongs to my son, who has moved off to Ohio",
        "Mi difunto esposo era el dueño del vehículo, que vendimos en 2016",
        "me robaron la camioneta en 2020 y nunca apareció",
    ],
)
def test_more_ways_to_say_the_car_is_not_the_writers(text):
    assert not_owner(text) is not None


def test_other_work_and_unrelated_asks_in_more_words():
    assert asked("just need a dealer that does oil changes near aurora") == ("ask_other_service",)
    assert asked("se me prendió la luz del motor, es parte de esto?") == ("ask_other_service",)
    assert asked("Can you tell me where is DMV office near me?") == ("out_of_scope",)
    assert not_owner("I dont have any more questions") is None


async def test_a_vin_in_a_first_message_the_classifier_cannot_place_is_checked(demo):
    vin = vins_with_status("open", "TX501")[0]
    said, slots = await run(
        actions.ActionInContext,
        tracker(
            f"fender bender in 2019, body shop never touched the carpet. am i still on the list? -{vin}-",
            "nlu_fallback",
        ),
    )
    assert "has Safety Recall BLC open" in said[0] and slots["vin"] == vin


async def test_who_is_this_with_a_wish_to_book_says_who_then_asks_for_the_vehicle(demo):
    said, slots = await run(
        actions.ActionAnswerQuestion,
        tracker(
            "Hello, is this the real Lexus company? I want to make appointment but I want to be sure first.",
            "ask_who_is_this",
        ),
    )
    assert "1-800-255-3987" in said[0] and "17-character VIN" in said[-1]
    assert slots["awaiting"] == "vin" and slots["pending"] == "book"


async def test_a_loaner_question_for_the_dealer_also_says_the_remedy_is_free(demo):
    said, _ = await run(
        actions.ActionOtherQuestion,
        tracker(
            "do they give a loaner or rental cause I need to keep driving for lyft", "ask_other_service", sender="l1"
        ),
    )
    assert said[0].startswith("The remedy itself is free of charge. A loaner car or a ride: your dealer will confirm")
    assert [e for e in escalations.list_escalations() if e.conversation_id == "l1"]


async def test_what_the_flow_said_is_not_said_again_beside_it(demo):
    said, _ = await run(actions.ActionInContext, tracker("reschedule to sat am & do i get a loaner", "nlu_fallback"))
    assert " ".join(said).count("A loaner car or a ride") == 1


async def test_anger_beside_a_request_gets_the_request_after_an_apology_and_legal_words_a_person(demo):
    text = "3rd time i tried to book this thing and nobody ever called back. ridiculous. just put me in"
    said, slots = await run(actions.ActionComplaint, tracker(text, "complain", sender="a1"))
    assert said[0].startswith("I'm sorry for the trouble.") and "17-character VIN" in said[0]
    assert slots["pending"] == "book"
    said, _ = await run(actions.ActionComplaint, tracker("wtf is this number", "complain", sender="a2"))
    assert "1-800-255-3987" in " ".join(said) and said[0].startswith("I'm sorry")
    assert not [e for e in escalations.list_escalations() if e.conversation_id in ("a1", "a2")]
    # nothing else asked, or legal words: a person
    await run(actions.ActionComplaint, tracker("this is ridiculous", "complain", sender="a3"))
    await run(
        actions.ActionComplaint, tracker("ridiculous. my lawyer will hear about this. book me", "complain", sender="a4")
    )
    handed = {e.conversation_id for e in escalations.list_escalations()}
    assert {"a3", "a4"} <= handed
