"""Hand-written transcripts of callers reading out VINs of the affected RX, as a speech
recognizer might write them down, with the VIN the caller meant.

The VINs are synthetic (valid check digits, affected-RX layout); the transcripts are
written by hand in the styles callers use, not generated from the parser's tables.
"""

SPOKEN_CASES: list[tuple[str, str]] = [
    (
        "um it's jay tee jay aitch ay three one you seven four zero zero one two three four five",
        "JTJHA31U740012345",
    ),
    (
        "juliet tango juliet golf alpha three one uniform nine five zero zero three four seven eight one",
        "JTJGA31U950034781",
    ),
    (
        "two tee two H as in Henry A as in apple thirty one U one five C as in Charlie oh oh two nine one seven",
        "2T2HA31U15C002917",
    ),
    ("okay so the VIN is 2 T 2 G A 3 1 U 7 6 C 0 4 1 2 2 0", "2T2GA31U76C041220"),
    (
        "jay tee jay aitch double you thirty one you eight six oh one oh seven three double five",
        "JTJHW31U860107355",
    ),
    ("jtj gw 31u seventy seven two oh one double eight four six", "JTJGW31U772018846"),
    ("my vin is J-T-J-H-K-3-1-U-5-7-2-0-4-5-5-3-0", "JTJHK31U572045530"),
    (
        "two tea two gee kay thirty one you for seven see triple zero one to three",
        "2T2GK31U47C000123",
    ),
    (
        "it's two tango two hotel kilo three one uniform six seven charlie seven seven one two zero four",
        "2T2HK31U67C771204",
    ),
    (
        "J as in John, T as in Tom, J as in John, H as in Harry, A as in apple, 3, 1, U as in "
        "umbrella, 7, 4, 0, 0, 8, 7, 6, 1, 3",
        "JTJHA31U740087613",
    ),
    (
        "uh jay tee jay gee ay thirty one you nine forty two oh oh ninety nine fifty",
        "JTJGA31U942009950",
    ),
    ("2T2HA31U 5 4 C 0 1 8 4 7 2", "2T2HA31U54C018472"),
    ("jay tee jay aitch W three one you six fifty oh six two two one nine", "JTJHW31U650062219"),
    (
        "juliett tango juliett hotel alfa three one uniform zero six zero zero five one eight seven seven",
        "JTJHA31U060051877",
    ),
    ("two tee two gee ay three one you ex five see oh six six three oh five", "2T2GA31UX5C066305"),
    (
        "J T J G K thirty one U eight seventy one double oh double three double nine",
        "JTJGK31U871003399",
    ),
    ("um two T two H K 31 U 3 7 C 0 4 0 0 6 6", "2T2HK31U37C040066"),
    (
        "jay tee jay aitch ay three one you nine five two oh seven seven oh oh eight",
        "JTJHA31U952077008",
    ),
    ("J, T, J, H, W, 3, 1, U, 4, 6, 2, 1, 1, 9, 0, 4, 0.", "JTJHW31U462119040"),
    (
        "the VIN number is juliet tango juliet golf alpha thirty one uniform forty six, oh oh, two oh, seven eleven",
        "JTJGA31U460020711",
    ),
    (
        "two tee two aitch ay thirty one you forty six see oh thirteen fifty nine oh",
        "2T2HA31U46C013590",
    ),
    (
        "jay tee jay H A three one U seven four two oh double one double one eight",
        "JTJHA31U742011118",
    ),
    ("J T J G double-u 3 1 U 5 6 2 1 0 0 4 7 5", "JTJGW31U562100475"),
    ("two T two G A 3 1 U double four C double oh double five four six", "2T2GA31U44C005546"),
    (
        "jay tee jay aitch kay three one you six seven to zero zero nine won ate three",
        "JTJHK31U672009183",
    ),
    (
        "it's J as in juliet T as in tango J as in juliet H as in hotel A as in alpha thirty one "
        "U seven fifty oh forty six oh twenty seven",
        "JTJHA31U750046027",
    ),
    ("2 t 2 h a 3 1 u 3 5 c 0 9 0 0 1 4", "2T2HA31U35C090014"),
    (
        "jay tee jay gee ay three one you two four oh oh five eight seven six oh",
        "JTJGA31U240058760",
    ),
    (
        "juliet tango juliet hotel whiskey three one uniform eight seven two oh triple six two one",
        "JTJHW31U872066621",
    ),
    (
        "two tee two gee kay thirty one you double seven see oh one oh seven five seven",
        "2T2GK31U77C010757",
    ),
    (
        "uh yeah it's jay tee jay aitch ay thirty one you sixty six oh oh ninety nine four oh two",
        "JTJHA31U660099402",
    ),
    ("J T J G A three one U two five two oh triple three double seven", "JTJGA31U252033377"),
    (
        "two T two, H as in Henry, A, thirty one, U, fourteen, C, oh twenty seven, seventy eight, three",
        "2T2HA31U14C027783",
    ),
    (
        "jay tee jay aitch double you three one you four six oh one four oh oh two eight",
        "JTJHW31U460140028",
    ),
    ("jtjha31u 6 4 0 0 7 1 9 3 6", "JTJHA31U640071936"),
    (
        "two tango two golf alpha three one uniform eight six charlie zero eight seven zero one one",
        "2T2GA31U86C087011",
    ),
    (
        "jay tee jay gee kay thirty one you forty seven, two oh oh four, forty eight oh",
        "JTJGK31U472004480",
    ),
    (
        "okay um jay tee jay aitch ay three one you six five two oh six double five double four",
        "JTJHA31U652065544",
    ),
    (
        "two tee two aitch kay three one you three seven see oh oh five two one nine",
        "2T2HK31U37C005219",
    ),
    ("J T J G W 31 U 0 7 2 0 1 1 0 6 0", "JTJGW31U072011060"),
    (
        "jay tee jay aitch ay thirty one you six four double oh double oh eight seventeen",
        "JTJHA31U640000817",
    ),
    (
        "two tee two aitch ay thirty one you fifteen see oh forty three three sixty eight",
        "2T2HA31U15C043368",
    ),
    ("jay tee jay gee ay thirty one you two six oh oh one seven two nine oh", "JTJGA31U260017290"),
    (
        "J as in jack, T as in tom, J as in jack, H as in hotel, W as in william, three one, U as "
        "in uniform, four five two oh four double eight double one",
        "JTJHW31U452048811",
    ),
    ("two tee two G A three one you ate five sea oh seven oh oh nine three", "2T2GA31U85C070093"),
    (
        "jay tee jay aitch kay three one you eight seven one oh one two oh seven four",
        "JTJHK31U871012074",
    ),
    ("JTJ HA31U 662 026 650", "JTJHA31U662026650"),
    (
        "two tee two aitch ay thirty one you oh six see oh double five four oh two",
        "2T2HA31U06C055402",
    ),
    ("jay tee jay gee ay three one you three four two oh six oh nine oh nine", "JTJGA31U342060909"),
    ("J T J H W three one U eight six two oh oh seven seven one four", "JTJHW31U862007714"),
    (
        "two tee two gee kay three one you zero seven cee zero two two three three one",
        "2T2GK31U07C022331",
    ),
    ("jay tee jay aitch ay thirty one you six fifty oh fifteen five hundred", "JTJHA31U650015500"),
    (
        "two tee two aitch ay three one you ex as in x-ray four see oh three nine one eight six",
        "2T2HA31UX4C039186",
    ),
    (
        "juliet tango juliet golf alpha three one uniform three five two zero eight zero zero four five",
        "JTJGA31U352080045",
    ),
    (
        "jay tee jay aitch double you thirty one you forty seven and twenty ninety one thirty three and seven",
        "JTJHW31U472091337",
    ),
    ("jay tee jay H A 3 1 U eight four oh oh thirty three oh twelve", "JTJHA31U840033012"),
    (
        "two tee two gee ay three one you six four see oh one nineteen seventy seven",
        "2T2GA31U64C011977",
    ),
    (
        "jay tee jay gee kay three one you three seven two oh three six six five eight",
        "JTJGK31U372036658",
    ),
    ("two tee two H K thirty one U sixty seven C oh eighteen eighty four oh", "2T2HK31U67C018840"),
    ("my VIN is, uh, J T J, H A, 3 1 U, 9 6, sorry, 0 0 7, 4 1 2 3", "JTJHA31U960074123"),
    (
        "jay tee jay gee double you three one you nine six two oh double eight two six five",
        "JTJGW31U962088265",
    ),
    (
        "two tee two aitch ay thirty one you four five see oh six triple one nine",
        "2T2HA31U45C061119",
    ),
    (
        "jay tee jay aitch ay three one you nine five two oh oh four three nine six",
        "JTJHA31U952004396",
    ),
    ("J T J golf alpha 3 1 U seven four oh oh nine double seven oh two", "JTJGA31U740097702"),
    (
        "two tee two gee ay three one you eight six see oh two nine oh five eight",
        "2T2GA31U86C029058",
    ),
    (
        "jay tee jay aitch double u thirty one you double five oh oh one double nine double four",
        "JTJHW31U550019944",
    ),
    ("jay tee jay H K thirty one U five seven two oh five oh five seventeen", "JTJHK31U572050517"),
    ("two T two aitch A thirty one U ninety six C oh seven two two eight oh", "2T2HA31U96C072280"),
    ("J. T. J. G. A. 3. 1. U. 9. 6. 0. 0. 3. 6. 1. 6. 1.", "JTJGA31U960036161"),
    ("jay tee jay aitch ay three one you ex four two oh four two two two oh", "JTJHA31UX42042220"),
    (
        "two tee two gee kay three one you three seven see oh three three six one five",
        "2T2GK31U37C033615",
    ),
    (
        "juliet tango juliet hotel alpha three one uniform x-ray four zero zero six six four five zero",
        "JTJHA31UX40066450",
    ),
    (
        "jay tee jay gee W three one you six five two oh double seven oh eight nine",
        "JTJGW31U652077089",
    ),
    (
        "two tee two aitch ay three one you forty four see oh five oh seven oh three",
        "2T2HA31U44C050703",
    ),
    (
        "jay tee jay aitch ay three one you four six oh oh one three eight four four",
        "JTJHA31U460013844",
    ),
    ("J T J G A 3 1 U X 5 0 0 2 2 5 5 7", "JTJGA31UX50022557"),
    (
        "two tee two gee ay three one you seventy five see oh nineteen ninety three oh",
        "2T2GA31U75C019930",
    ),
    (
        "jay tee jay aitch double you three one you two six two oh three oh four oh six",
        "JTJHW31U262030406",
    ),
    (
        "jay tee jay aitch kay three one you five seven one oh double six seven seven two",
        "JTJHK31U571066772",
    ),
    (
        "two tee two aitch ay three one you eighty five see oh eighty four four eighteen",
        "2T2HA31U85C084418",
    ),
    ("jay tee jay H A 31 U three for two oh nine oh oh six one", "JTJHA31U342090061"),
    (
        "jay tee jay gee ay three one you four six two oh four double seven three five",
        "JTJGA31U462047735",
    ),
    (
        "two tee two aitch kay three one you eight seven see oh six one oh double eight",
        "2T2HK31U87C061088",
    ),
    (
        "jay tee jay aitch double you thirty one you ex four triple oh triple oh oh",
        "JTJHW31UX40000000",
    ),
    # Callers talking around the VIN, correcting themselves and spelling with "for".
    (
        "let me see, it's jay tee jay aitch ay three one you seven four oh oh one two three four five, thank you",
        "JTJHA31U740012345",
    ),
    ("okay I have it here, J T J H K 3 1 U 5 7 2 0 4 5 5 3 0", "JTJHK31U572045530"),
    (
        "it's a jay tee jay gee ay three one you nine five oh oh three four seven eight one",
        "JTJGA31U950034781",
    ),
    (
        "jay tee kay, sorry, jay, aitch ay thirty one you nine five two oh seven seven oh oh eight",
        "JTJHA31U952077008",
    ),
    (
        "J for John T for Tom J for John H for Harry A for apple 3 1 U 6 6 2 0 2 6 6 5 0",
        "JTJHA31U662026650",
    ),
    (
        "hang on, the VIN is J T J H A 3 1 U, 7 4, 0 0 8, 7 6 1 3, did you get that",
        "JTJHA31U740087613",
    ),
]
