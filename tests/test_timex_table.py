"""A golden table for the temporal tagger: (text, document date, expected timex), run on spaCy's tokens.

Each row names the words of one expected timex and what an analyst writes down
for it. The document date is a Saturday, 2024-09-07, unless the row says otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from spacy.language import Language

from docket.extract.common.state import set_published, state
from docket.pipeline import blank_with_stages
from docket.record import Timex

DCT = "2024-09-07"


class Row(NamedTuple):
    text: str
    words: str
    type: str
    value: str
    mod: str | None = None
    earliest: str | None = None
    latest: str | None = None
    dct: str = DCT


R = Row
ROWS: list[Row] = [
    # absolute dates, every common format
    R("The accord was signed on March 26, 1996 in Paris.", "March 26, 1996", "DATE", "1996-03-26"),
    R("It was signed on Oct. 15, 1999.", "Oct. 15, 1999", "DATE", "1999-10-15"),
    R("It was signed on Sept. 30, 2025.", "Sept. 30, 2025", "DATE", "2025-09-30"),
    R("It was signed on 26 March 1996.", "26 March 1996", "DATE", "1996-03-26"),
    R("It was signed on 2024-09-06 in Doha.", "2024-09-06", "DATE", "2024-09-06"),
    R("It was signed on 9/6/2024 in Doha.", "9/6/2024", "DATE", "2024-09-06"),
    R("It was signed on 25/12/2023 in Doha.", "25/12/2023", "DATE", "2023-12-25"),
    R("Talks resume on Friday, Sept. 13, 2024.", "Friday, Sept. 13, 2024", "DATE", "2024-09-13"),
    R("The plan was drafted in January 1998.", "January 1998", "DATE", "1998-01"),
    R("The plan was drafted in March of 2020.", "March of 2020", "DATE", "2020-03"),
    R(
        "The base was handed over in September 2025.",
        "September 2025",
        "DATE",
        "2025-09",
        None,
        "2025-09-01",
        "2025-09-30",
    ),
    R("He was born on the 4th of July, 1990.", "the 4th of July, 1990", "DATE", "1990-07-04"),
    R(
        "The troops left on Aug. 31, 2021.",
        "Aug. 31, 2021",
        "DATE",
        "2021-08-31",
        None,
        "2021-08-31",
        "2021-08-31",
    ),
    R("Leap day: Feb. 29, 2024 was busy.", "Feb. 29, 2024", "DATE", "2024-02-29"),
    R(
        "Elections were held in February 2023.",
        "February 2023",
        "DATE",
        "2023-02",
        None,
        "2023-02-01",
        "2023-02-28",
    ),
    R(
        "Elections were held in February 2024.",
        "February 2024",
        "DATE",
        "2024-02",
        None,
        "2024-02-01",
        "2024-02-29",
    ),
    R(
        "Elections were held in December 2024.",
        "December 2024",
        "DATE",
        "2024-12",
        None,
        "2024-12-01",
        "2024-12-31",
    ),
    # years, decades, centuries
    R("The US invaded Iraq in 2003.", "2003", "DATE", "2003", None, "2003-01-01", "2003-12-31"),
    R("It withdrew in 2011, the Pentagon said.", "2011", "DATE", "2011"),
    R("The coalition formed in 2014 to fight ISIS.", "2014", "DATE", "2014"),
    R("Since 1990 the figure has doubled.", "1990", "DATE", "1990"),
    R("The budget for fiscal 2025 was approved.", "fiscal 2025", "DATE", "2025"),
    R("Prices soared in the 1970s.", "the 1970s", "DATE", "197", None, "1970-01-01", "1979-12-31"),
    R("Prices soared in the 1990s.", "the 1990s", "DATE", "199"),
    R("Prices soared in the '90s.", "the '90s", "DATE", "199"),
    R("Prices soared in the nineties.", "the nineties", "DATE", "199"),
    R("Prices soared in the late 1970s.", "the late 1970s", "DATE", "197", "END"),
    R("Prices soared in the early 1990s.", "the early 1990s", "DATE", "199", "START"),
    R(
        "It was built in the 20th century.",
        "the 20th century",
        "DATE",
        "19",
        None,
        "1900-01-01",
        "1999-12-31",
    ),
    R("It was built in the eleventh century.", "the eleventh century", "DATE", "10"),
    R("The 21st century brought change.", "The 21st century", "DATE", "20"),
    # months and days without a year
    R("The deal was finalised in January.", "January", "DATE", "2024-01"),
    R("The talks were held on Oct. 23.", "Oct. 23", "DATE", "2023-10-23"),
    R("Troops will leave in January.", "January", "DATE", "2025-01"),
    R("The vote will be held on Oct. 23.", "Oct. 23", "DATE", "2024-10-23"),
    R("The summit is on Sept. 20.", "Sept. 20", "DATE", "2024-09-20"),
    R("Parliament met on Sept. 2.", "Sept. 2", "DATE", "2024-09-02"),
    R("A deadline of June 30 was agreed.", "June 30", "DATE", "2024-06-30"),
    R("In May, the mission was extended.", "May", "DATE", "2024-05"),
    R("The mission may be extended.", "", "", ""),
    R("Protesters march on the capital.", "", "", ""),
    R("The vote will take place on 12 November.", "12 November", "DATE", "2024-11-12"),
    # seasons, quarters, halves
    R("The offensive began in the summer of 2023.", "the summer of 2023", "DATE", "2023-SU"),
    R(
        "The offensive began in spring 2022.",
        "spring 2022",
        "DATE",
        "2022-SP",
        None,
        "2022-03-01",
        "2022-05-31",
    ),
    R(
        "The offensive began in winter 2022.",
        "winter 2022",
        "DATE",
        "2022-WI",
        None,
        "2022-12-01",
        "2023-02-28",
    ),
    R("The offensive began last fall.", "last fall", "DATE", "2023-FA"),
    R("Talks resume this summer.", "this summer", "DATE", "2024-SU"),
    R("Talks resume next spring.", "next spring", "DATE", "2025-SP"),
    R("Talks resume next winter.", "next winter", "DATE", "2024-WI"),
    R(
        "Profit rose in the third quarter.",
        "the third quarter",
        "DATE",
        "2024-Q3",
        None,
        "2024-07-01",
        "2024-09-30",
    ),
    R("Third-quarter profit rose.", "Third-quarter", "DATE", "2024-Q3"),
    R(
        "Sales fell in the fourth quarter of 2023.",
        "the fourth quarter of 2023",
        "DATE",
        "2023-Q4",
        None,
        "2023-10-01",
        "2023-12-31",
    ),
    R(
        "Sales fell in the first half of 2024.",
        "the first half of 2024",
        "DATE",
        "2024-H1",
        None,
        "2024-01-01",
        "2024-06-30",
    ),
    R("Sales fell in the second half of 2023.", "the second half of 2023", "DATE", "2023-H2"),
    R("Sales fell in Q2 2024.", "Q2 2024", "DATE", "2024-Q2"),
    R("Sales rose in the fiscal third quarter.", "the fiscal third quarter", "DATE", "2024-Q3"),
    # modifiers on dates
    R(
        "All troops will leave by the end of 2026.",
        "the end of 2026",
        "DATE",
        "2026",
        "END",
        None,
        "2026-12-31",
    ),
    R("All troops will leave by end of 2026.", "end of 2026", "DATE", "2026", "END", None, "2026-12-31"),
    R("They leave at the beginning of 2025.", "the beginning of 2025", "DATE", "2025", "START", "2025-01-01"),
    R(
        "They leave at the start of next year.",
        "the start of next year",
        "DATE",
        "2025",
        "START",
        "2025-01-01",
    ),
    R("They leave in the middle of 2025.", "the middle of 2025", "DATE", "2025", "MID"),
    R("They leave by mid-2025.", "mid-2025", "DATE", "2025", "MID"),
    R("They leave by mid-November.", "mid-November", "DATE", "2024-11", "MID"),
    R("They arrived in late November.", "late November", "DATE", "2023-11", "END", None, "2023-11-30"),
    R("They will arrive in late November.", "late November", "DATE", "2024-11", "END", None, "2024-11-30"),
    R("They arrived in early March.", "early March", "DATE", "2024-03", "START", "2024-03-01"),
    R("They leave early next year.", "early next year", "DATE", "2025", "START", "2025-01-01"),
    R("They leave later this month.", "later this month", "DATE", "2024-09", "END", None, "2024-09-30"),
    R("They arrived earlier this year.", "earlier this year", "DATE", "2024", "START"),
    R(
        "They leave by the end of September 2025.",
        "the end of September 2025",
        "DATE",
        "2025-09",
        "END",
        None,
        "2025-09-30",
    ),
    R("They leave by the end of the year.", "the end of the year", "DATE", "2024", "END", None, "2024-12-31"),
    R(
        "They leave by the end of this month.",
        "the end of this month",
        "DATE",
        "2024-09",
        "END",
        None,
        "2024-09-30",
    ),
    R(
        "They leave by the end of February 2024.",
        "the end of February 2024",
        "DATE",
        "2024-02",
        "END",
        None,
        "2024-02-29",
    ),
    # relative to the document date
    R(
        "Troops will withdraw by September next year.",
        "September next year",
        "DATE",
        "2025-09",
        None,
        "2025-09-01",
        "2025-09-30",
    ),
    R("The plan was agreed in January this year.", "January this year", "DATE", "2024-01"),
    R("The plan was agreed in June last year.", "June last year", "DATE", "2023-06"),
    R("Last year, the prime minister began talks.", "Last year", "DATE", "2023"),
    R(
        "The agreement could be announced this month.",
        "this month",
        "DATE",
        "2024-09",
        None,
        "2024-09-01",
        "2024-09-30",
    ),
    R("The agreement will be announced next month.", "next month", "DATE", "2024-10"),
    R("The agreement was announced last month.", "last month", "DATE", "2024-08"),
    R(
        "The agreement will be signed next year.",
        "next year",
        "DATE",
        "2025",
        None,
        "2025-01-01",
        "2025-12-31",
    ),
    R("The agreement was signed this year.", "this year", "DATE", "2024"),
    R(
        "The agreement was signed last week.",
        "last week",
        "DATE",
        "2024-W35",
        None,
        "2024-08-26",
        "2024-09-01",
    ),
    R(
        "The agreement will be signed next week.",
        "next week",
        "DATE",
        "2024-W37",
        None,
        "2024-09-09",
        "2024-09-15",
    ),
    R("The agreement was signed this week.", "this week", "DATE", "2024-W36"),
    R("Results are due next quarter.", "next quarter", "DATE", "2024-Q4"),
    R("Results fell last quarter.", "last quarter", "DATE", "2024-Q2"),
    R("Reforms are planned for the next decade.", "the next decade", "DATE", "203"),
    R("The minister spoke yesterday.", "yesterday", "DATE", "2024-09-06", None, "2024-09-06", "2024-09-06"),
    R("The minister speaks today.", "today", "DATE", "2024-09-07"),
    R("The minister speaks tomorrow.", "tomorrow", "DATE", "2024-09-08"),
    R("The minister spoke yesterday.", "yesterday", "DATE", "2024-03-01", None, None, None, "2024-03-02"),
    R("The minister speaks tomorrow.", "tomorrow", "DATE", "2024-02-29", None, None, None, "2024-02-28"),
    R("The minister speaks tomorrow.", "tomorrow", "DATE", "2025-01-01", None, None, None, "2024-12-31"),
    R("The minister spoke yesterday.", "yesterday", "DATE", "2023-12-31", None, None, None, "2024-01-01"),
    R("The minister spoke yesterday afternoon.", "yesterday afternoon", "TIME", "2024-09-06TAF"),
    R("The minister spoke this morning.", "this morning", "TIME", "2024-09-07TMO"),
    R("Shelling resumed last night.", "last night", "TIME", "2024-09-06TNI"),
    R("The vote is tonight.", "tonight", "TIME", "2024-09-07TNI"),
    R(
        "The US currently has 2,500 troops in Iraq.",
        "currently",
        "DATE",
        "PRESENT_REF",
        None,
        "2024-09-07",
        "2024-09-07",
    ),
    R("It is now a question of when.", "now", "DATE", "PRESENT_REF"),
    R("Relations have recently improved.", "recently", "DATE", "PAST_REF", None, None, "2024-09-07"),
    R("Such attacks were common in the past.", "the past", "DATE", "PAST_REF"),
    R("Such attacks may resume in the future.", "the future", "DATE", "FUTURE_REF", None, "2024-09-07"),
    R("The current government fell.", "current", "DATE", "PRESENT_REF"),
    R("Nowadays the border is quiet.", "Nowadays", "DATE", "PRESENT_REF"),
    # weekdays
    R("Reuters reported on Friday.", "Friday", "DATE", "2024-09-06"),
    R("The vote was held on Monday.", "Monday", "DATE", "2024-09-02"),
    R("The vote was held on Saturday.", "Saturday", "DATE", "2024-09-07"),
    R("The vote will be held on Monday.", "Monday", "DATE", "2024-09-09"),
    R("The troops will leave by Sunday.", "Sunday", "DATE", "2024-09-08"),
    R("The troops must leave by Sunday.", "Sunday", "DATE", "2024-09-15", None, None, None, "2024-09-09"),
    R(
        "The INS ordered the boy returned by Jan. 14.",
        "Jan. 14",
        "DATE",
        "2000-01-14",
        None,
        None,
        None,
        "2000-01-15",
    ),
    R(
        "Inspections had been blocked since Jan. 13.",
        "Jan. 13",
        "DATE",
        "1998-01-13",
        None,
        None,
        None,
        "1998-03-06",
    ),
    R("The vote will be held on Friday.", "Friday", "DATE", "2024-09-13"),
    R("The vote will be held next Friday.", "next Friday", "DATE", "2024-09-13"),
    R(
        "The vote will be held next Friday.",
        "next Friday",
        "DATE",
        "2024-09-13",
        None,
        None,
        None,
        "2024-09-06",
    ),
    R("The vote was held last Friday.", "last Friday", "DATE", "2024-08-30", None, None, None, "2024-09-06"),
    R("The vote was held last Friday.", "last Friday", "DATE", "2024-09-06"),
    R("The vote is this Friday.", "this Friday", "DATE", "2024-09-13", None, None, None, "2024-09-09"),
    R("They met on Tuesday.", "Tuesday", "DATE", "2024-12-31", None, None, None, "2025-01-02"),
    R("They will meet on Thursday.", "Thursday", "DATE", "2025-01-02", None, None, None, "2024-12-30"),
    R("They met on Thursday.", "Thursday", "DATE", "2024-02-29", None, None, None, "2024-03-01"),
    R("They met on Friday morning.", "Friday morning", "TIME", "2024-09-06TMO"),
    R("They met on Sunday night.", "Sunday night", "TIME", "2024-09-01TNI"),
    R(
        "Strikes continued over the weekend.",
        "the weekend",
        "DATE",
        "2024-W35-WE",
        None,
        None,
        None,
        "2024-09-04",
    ),
    R(
        "Strikes continued last weekend.",
        "last weekend",
        "DATE",
        "2024-W35-WE",
        None,
        "2024-08-31",
        "2024-09-01",
    ),
    R(
        "Strikes will continue this weekend.",
        "this weekend",
        "DATE",
        "2024-W36-WE",
        None,
        None,
        None,
        "2024-09-04",
    ),
    R("It closes on Mondays.", "Mondays", "SET", "XXXX-WXX-1"),
    R("It closes every Friday.", "every Friday", "SET", "XXXX-WXX-5"),
    R("It closes each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
    # times of day
    R("The convoy left at 10:30 a.m.", "10:30 a.m.", "TIME", "2024-09-07T10:30"),
    R("The convoy left at 10 p.m.", "10 p.m.", "TIME", "2024-09-07T22:00"),
    R("The convoy left at 12 a.m.", "12 a.m.", "TIME", "2024-09-07T00:00"),
    R("The convoy left at 12 p.m.", "12 p.m.", "TIME", "2024-09-07T12:00"),
    R("The convoy left at 22:15 GMT.", "22:15 GMT", "TIME", "2024-09-07T22:15"),
    R("The convoy left at noon.", "noon", "TIME", "2024-09-07T12:00"),
    R("The curfew starts at midnight.", "midnight", "TIME", "2024-09-07T24:00"),
    R("The convoy left at 9 a.m. Wednesday.", "9 a.m. Wednesday", "TIME", "2024-09-04T09:00"),
    R("The convoy left at 6 a.m. yesterday.", "6 a.m. yesterday", "TIME", "2024-09-06T06:00"),
    # durations
    R("Talks lasted more than six months.", "more than six months", "DURATION", "P6M", "MORE_THAN"),
    R("Troops must leave within 135 days.", "135 days", "DURATION", "P135D"),
    R("Troops must leave within 60 days.", "60 days", "DURATION", "P60D"),
    R("The ceasefire lasted three weeks.", "three weeks", "DURATION", "P3W"),
    R("The ceasefire lasted two years.", "two years", "DURATION", "P2Y"),
    R("The ceasefire lasted 24 hours.", "24 hours", "DURATION", "PT24H"),
    R("The ceasefire lasted 90 minutes.", "90 minutes", "DURATION", "PT90M"),
    R("The ceasefire lasted 30 seconds.", "30 seconds", "DURATION", "PT30S"),
    R("The ceasefire lasted a decade.", "a decade", "DURATION", "P10Y"),
    R("The ceasefire lasted two decades.", "two decades", "DURATION", "P20Y"),
    R("The ceasefire lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    R("The ceasefire lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
    R("The ceasefire lasted a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
    R("The ceasefire lasted 1.5 days.", "", "", ""),
    R("The ceasefire lasted a year and a half.", "a year and a half", "DURATION", "P1Y6M"),
    R("The ceasefire lasted several years.", "several years", "DURATION", "PXY"),
    R("The ceasefire lasted a few days.", "a few days", "DURATION", "PXD"),
    R("The ceasefire lasted a couple of weeks.", "a couple of weeks", "DURATION", "P2W"),
    R("The ceasefire lasted for years.", "years", "DURATION", "PXY"),
    R("It was a two-year mission.", "two-year", "DURATION", "P2Y"),
    R("It was a 10-year plan.", "10-year", "DURATION", "P10Y"),
    R("It was a 16-hour flight.", "16-hour", "DURATION", "PT16H"),
    R("A 6-year-old boy was hurt.", "", "", ""),
    R("The talks lasted about two weeks.", "about two weeks", "DURATION", "P2W", "APPROX"),
    R("The talks lasted nearly forty years.", "nearly forty years", "DURATION", "P40Y", "LESS_THAN"),
    R("The talks lasted at least 20 years.", "at least 20 years", "DURATION", "P20Y", "EQUAL_OR_MORE"),
    R("The truce lasts up to 180 days.", "up to 180 days", "DURATION", "P180D", "EQUAL_OR_LESS"),
    R("The truce lasts less than a week.", "less than a week", "DURATION", "P1W", "LESS_THAN"),
    R("The truce lasted for some 20 years.", "some 20 years", "DURATION", "P20Y", "APPROX"),
    R("Troops leave in the first year.", "the first year", "DURATION", "P1Y"),
    R("Sales rose in the first nine months.", "the first nine months", "DURATION", "P9M"),
    R("Sales rose in the nine months.", "the nine months", "DURATION", "P9M"),
    R(
        "Aid will flow over the next twelve months.",
        "the next twelve months",
        "DURATION",
        "P12M",
        None,
        "2024-09-07",
        "2025-09-07",
    ),
    R(
        "Prices rose over the past two months.",
        "the past two months",
        "DURATION",
        "P2M",
        None,
        "2024-07-07",
        "2024-09-07",
    ),
    R("Prices rose over the last 20 years.", "the last 20 years", "DURATION", "P20Y"),
    R("Prices rose over the past year.", "the past year", "DATE", "2023"),
    R("Aid must arrive within the next year.", "the next year", "DURATION", "P1Y"),
    R("He has been in Bethesda for the last week.", "the last week", "DATE", "2024-W35"),
    R("Prices fell in the past month.", "the past month", "DATE", "2024-08"),
    R("Prices fell in the past month.", "the past month", "DATE", "2023-12", dct="2024-01-03"),
    R("Prices rose in recent years.", "recent years", "DURATION", "PXY"),
    R("Aid will flow in the coming weeks.", "the coming weeks", "DURATION", "PXW"),
    R("Aid will flow over the next few days.", "the next few days", "DURATION", "PXD"),
    R("It took a fortnight.", "a fortnight", "DURATION", "P2W"),
    # shifted by "ago", "later", "earlier"
    R(
        "The plan was drafted a few weeks ago.",
        "a few weeks ago",
        "DATE",
        "PAST_REF",
        None,
        None,
        "2024-09-07",
    ),
    R(
        "The plan was drafted two years ago.",
        "two years ago",
        "DATE",
        "2022",
        None,
        "2022-01-01",
        "2022-12-31",
    ),
    R("The plan was drafted three months ago.", "three months ago", "DATE", "2024-06"),
    R("The plan was drafted ten days ago.", "ten days ago", "DATE", "2024-08-28"),
    R("The plan was drafted two weeks ago.", "two weeks ago", "DATE", "2024-W34"),
    R("The plan was drafted a decade ago.", "a decade ago", "DATE", "201"),
    R("The plan takes effect two weeks from now.", "two weeks from now", "DATE", "2024-W38"),
    R("It withdrew in 2011. Troops returned three years later.", "three years later", "DATE", "2014"),
    R("It withdrew in March 2011. Troops returned two months later.", "two months later", "DATE", "2011-05"),
    R("It began on May 3, 2020. It ended ten days later.", "ten days later", "DATE", "2020-05-13"),
    R("It ended in 2015. Talks had begun two years earlier.", "two years earlier", "DATE", "2013"),
    R("The blast came in 2019. The following year, troops left.", "The following year", "DATE", "2020"),
    R("Profit rose in the third quarter from $5 a year earlier.", "a year earlier", "DATE", "2023-Q3"),
    R("Profit rose in the third quarter from a year ago.", "a year ago", "DATE", "2023-Q3"),
    R(
        "Third-quarter profit rose from the year-earlier quarter.",
        "the year-earlier quarter",
        "DATE",
        "2023-Q3",
    ),
    R("The tunnel was dug a year ago.", "a year ago", "DATE", "2023"),
    # sets
    R("Flights run daily.", "daily", "SET", "P1D"),
    R("The committee meets weekly.", "weekly", "SET", "P1W"),
    R("The committee meets every day.", "every day", "SET", "P1D"),
    R("The committee meets every two years.", "every two years", "SET", "P2Y"),
    R("The committee meets each month.", "each month", "SET", "P1M"),
    R("The patrol goes out every morning.", "every morning", "SET", "XXXX-XX-XXTMO"),
    R("Rich nations pledged $300 billion a year.", "a year", "SET", "P1Y"),
    R("The committee meets twice a week.", "a week", "SET", "P1W"),
    R("Output rose 5% a year.", "a year", "SET", "P1Y"),
    # holidays
    R("The truce held over Christmas.", "Christmas", "DATE", "2023-12-25"),
    R("The truce will hold over Christmas.", "Christmas", "DATE", "2024-12-25"),
    R("They met on Christmas Day 2019.", "Christmas Day 2019", "DATE", "2019-12-25"),
    R("They will meet on New Year's Day.", "New Year's Day", "DATE", "2025-01-01"),
    R("They met on Thanksgiving 2023.", "Thanksgiving 2023", "DATE", "2023-11-23"),
    R("They will meet on Thanksgiving 2024.", "Thanksgiving 2024", "DATE", "2024-11-28"),
    R("They met on Labor Day 2024.", "Labor Day 2024", "DATE", "2024-09-02"),
    R("They met on Memorial Day 2024.", "Memorial Day 2024", "DATE", "2024-05-27"),
    # phrases, targets and clock times that take a later date
    R("Troops stay for the time being.", "for the time being", "DATE", "PRESENT_REF"),
    R("The border stays shut until further notice.", "until further notice", "DATE", "FUTURE_REF"),
    R("The accord was revoked with immediate effect.", "with immediate effect", "DATE", "PRESENT_REF"),
    R("The window was extended by three more weeks.", "three more weeks", "DURATION", "P3W"),
    R("The mandate runs for another year.", "another year", "DURATION", "P1Y"),
    R("Kabul fell in a matter of days.", "a matter of days", "DURATION", "PXD"),
    R(
        "The last flight left at 23:00 local time on July 7.",
        "23:00",
        "TIME",
        "2024-07-07T23:00",
        None,
        None,
        None,
        "2024-07-09",
    ),
    R(
        "The pullout ended at 5 a.m. Moscow time on Friday.",
        "5 a.m.",
        "TIME",
        "2022-11-11T05:00",
        None,
        None,
        None,
        "2022-11-12",
    ),
    R(
        "In April, Biden extended that to Sept. 11.",
        "Sept. 11",
        "DATE",
        "2021-09-11",
        None,
        None,
        None,
        "2021-07-09",
    ),
    R(
        "The deadline was extended last month to February 18.",
        "February 18",
        "DATE",
        "2025-02-18",
        None,
        None,
        None,
        "2025-02-19",
    ),
    R(
        "The statement was issued last September.",
        "last September",
        "DATE",
        "2024-09",
        None,
        None,
        None,
        "2025-10-01",
    ),
    R(
        "The statement was issued last February.",
        "last February",
        "DATE",
        "2024-02",
        None,
        None,
        None,
        "2024-09-07",
    ),
    R("Talks resume next March.", "next March", "DATE", "2025-03"),
    R("Profit rose in this year's third quarter.", "this year's third quarter", "DATE", "2024-Q3"),
    R("Growth slows in next year's first half.", "next year's first half", "DATE", "2025-H1"),
    R(
        "The base closes at the end-of-September 2025 deadline.",
        "the end-of-September 2025",
        "DATE",
        "2025-09",
        "END",
        None,
        "2025-09-30",
    ),
    R("It arrived in 1998. Later that year, it left.", "Later that year", "DATE", "1998", "END"),
    R("The rally drew 1998 people.", "", "", ""),
    R("The mandate expires on Dec. 31, 2024 at midnight.", "Dec. 31, 2024", "DATE", "2024-12-31"),
    # numbers that are not times
    R("The US has 2,500 troops in Iraq.", "", "", ""),
    R("It has 2,500 troops in Iraq and 900 in Syria.", "", "", ""),
    R("Under Resolution 1701, forces must withdraw.", "", "", ""),
    R("The F-16 jets landed.", "", "", ""),
    R("They drove down Route 66.", "", "", ""),
    R("Flight 1549 landed on the river.", "", "", ""),
    R("The army sent 1500 soldiers.", "", "", ""),
    R("It cost $2000 to repair.", "", "", ""),
    R("Revenue was 1,234,567 dollars.", "", "", ""),
    R("He won 60% of the vote.", "", "", ""),
    R("This is to be carried out in several stages.", "", "", ""),
    R("A second chance was offered.", "", "", ""),
    R("Prices may fall further.", "", "", ""),
    R("They may agree soon, said the envoy.", "", "", ""),
    # value conventions of TimeML, measured on TempEval-3 (issue 3 follow-up)
    # "a couple of" is two
    R("Prices could stay low for a couple of years.", "a couple of years", "DURATION", "P2Y"),
    R("They met a couple of days ago.", "a couple of days ago", "DATE", "2024-09-05"),
    # "the year ended March 31" is an accounting period's length, not the current year
    R("Net income for the year ended March 31 rose.", "the year", "DURATION", "P1Y"),
    R("Net income for the year was flat.", "the year", "DATE", "2024"),
    # a day right after a clock time belongs to the expression and gives it its day
    R(
        "The offer was extended until 5 p.m. EST, Nov. 6.",
        "5 p.m. EST, Nov. 6",
        "TIME",
        "1989-11-06T17:00",
        dct="1989-10-30",
    ),
    R("They extended it to 5 p.m. Nov. 9.", "5 p.m. Nov. 9", "TIME", "1989-11-09T17:00", dct="1989-10-30"),
    R("The vote ended at 11:30 p.m. on Oct. 3.", "11:30 p.m.", "TIME", "2024-10-03T23:30"),
    # a month and day just ahead stay in the document's year even after a past verb
    R("It declared a dividend payable Dec. 1.", "Dec. 1", "DATE", "1989-12-01", dct="1989-10-27"),
    R("The board set Nov. 10 as the deadline.", "Nov. 10", "DATE", "1989-11-10", dct="1989-11-02"),
    R("The plant was closed on Dec. 20.", "Dec. 20", "DATE", "2023-12-20"),
    R("The plant was closed on Sept. 2.", "Sept. 2", "DATE", "2024-09-02"),
    R("The deal was signed on Feb. 29.", "Feb. 29", "DATE", "2024-02-29", dct="2024-02-10"),
    # years said in words, as transcripts write them
    R(
        "A bomb went off in January nineteen ninety-seven.",
        "January nineteen ninety-seven",
        "DATE",
        "1997-01",
    ),
    R(
        "Oil fell in the winter of nineteen ninety-four.",
        "the winter of nineteen ninety-four",
        "DATE",
        "1994-WI",
    ),
    R("The shah fell in nineteen seventy-nine.", "nineteen seventy-nine", "DATE", "1979"),
    R("The bridge opened in nineteen ten.", "nineteen ten", "DATE", "1910"),
    R("Nineteen people died in the fire.", "", "", ""),
    R("The goal is to halve it by the year two thousand.", "the year two thousand", "DATE", "2000"),
    R("By the year 2000 it was gone.", "the year 2000", "DATE", "2000"),
    R("Two thousand people marched.", "", "", ""),
    # "the latest period" is the quarter the report is about, or the last quarter ended
    R(
        "Net rose in the third quarter. Sales in the latest period were flat.",
        "the latest period",
        "DATE",
        "1989-Q3",
        dct="1989-11-02",
    ),
    R("Sales in the latest period were flat.", "the latest period", "DATE", "1989-Q3", dct="1989-11-02"),
    # "last Oct. 23": the latest such day before the document; "next Jan. 5" the first after it
    R("He was shot last Oct. 23 at home.", "last Oct. 23", "DATE", "1998-10-23", dct="1999-04-19"),
    R("Talks resume next Jan. 5 in Doha.", "next Jan. 5", "DATE", "2025-01-05", dct="2024-12-20"),
    R("It opened last Sept. 7.", "last Sept. 7", "DATE", "2023-09-07"),
    R("It opened this Sept. 2.", "this Sept. 2", "DATE", "2024-09-02"),
    R("The vote is set for next Feb. 29.", "next Feb. 29", "DATE", "2028-02-29", dct="2024-03-01"),
    R("The vote was held last Feb. 29.", "last Feb. 29", "DATE", "2024-02-29", dct="2026-03-01"),
    # decades and centuries move by whole decades and centuries
    R("Spending will double next decade.", "next decade", "DATE", "203"),
    R("Wages fell in the last decade.", "the last decade", "DATE", "198", dct="1998-02-06"),
    R("It was the worst war of the last century.", "the last century", "DATE", "19"),
    # "year-end" is the end of the document's year (the year before in a past clause)
    R(
        "Sales should recover by year-end.",
        "year-end",
        "DATE",
        "1989",
        "END",
        "1989-09-01",
        "1989-12-31",
        "1989-10-27",
    ),
    R("It expects to finish by the year's end.", "the year's end", "DATE", "2024", "END", None, "2024-12-31"),
    R("Debt was high at year-end.", "year-end", "DATE", "2023", "END", "2023-09-01", "2023-12-31"),
    # "fall" after "to" or a modal, with a word after it, is the verb
    R("Oil prices are expected to fall further.", "", "", ""),
    R("The group began to fall apart in mid-1996.", "mid-1996", "DATE", "1996", "MID"),
    R("Profit could fall below estimates.", "", "", ""),
    R("Prices rose from spring to fall.", "fall", "DATE", "2024-FA"),
    # a deadline word before a possessive date governs the noun after it: no deadline
    R("Its stake before Friday's purchases is small.", "Friday", "DATE", "1989-10-27", dct="1989-10-30"),
    R("Its stake must be sold before Friday.", "Friday", "DATE", "1989-11-03", dct="1989-10-30"),
    # recurring months and seasons
    R("The marchers parade each July through the town.", "each July", "SET", "XXXX-07"),
    R("The river floods every spring.", "every spring", "SET", "XXXX-SP"),
    # "the full year" is the current year
    R("Sales for the full year will fall.", "the full year", "DATE", "2024"),
    R("Earnings for the whole year fell.", "the whole year", "DATE", "2023", dct="2023-12-30"),
    # "the 1988 quarter" is the quarter the report is about, a year back; without one, the year
    R(
        "Profit in the third quarter rose from $3 million in the 1988 quarter.",
        "the 1988 quarter",
        "DATE",
        "1988-Q3",
        dct="1989-10-27",
    ),
    R("It earned $5 million in the 1988 period.", "the 1988 period", "DATE", "1988", dct="1989-10-27"),
    R("Revenue for the quarter ended Sept. 30 rose.", "the quarter", "DATE", "1989-Q3", dct="1989-10-27"),
    # "the quarter ended July 31" is the calendar quarter most of its three months fall in
    R("Sales in the quarter ended July 31 fell.", "the quarter", "DATE", "2024-Q2"),
    R("Sales in the quarter ending Jan. 31 fell.", "the quarter", "DATE", "2023-Q4", dct="2024-03-02"),
    R("Sales in the quarter ended Dec. 31 rose.", "the quarter", "DATE", "2023-Q4", dct="2024-02-10"),
    # "a year-earlier loss": the period a year before, not a year's length
    R("Profit rose, compared with a year-earlier loss.", "year-earlier", "DATE", "2023"),
    R("Net fell in the second quarter, against a year-earlier gain.", "year-earlier", "DATE", "2023-Q2"),
    # "the quarter a year ago" is the year-ago quarter
    R(
        "Profit rose in the third quarter. In the quarter a year ago it fell.",
        "the quarter a year ago",
        "DATE",
        "1988-Q3",
        dct="1989-10-26",
    ),
    # a date after "effective" in a past clause is a start set then: the nearest such day
    R("The board named a new chief, effective Jan. 1.", "Jan. 1", "DATE", "2025-01-01"),
    R("The board named a new chief, effective Aug. 1.", "Aug. 1", "DATE", "2024-08-01"),
    # a weekday set as a target in a past clause is the nearest one ("extended it until Tuesday") ...
    R("The court extended the deadline until Tuesday.", "Tuesday", "DATE", "2024-09-10"),
    R("The council gave them until Monday to leave.", "Monday", "DATE", "2024-09-09"),
    R("The court extended the deadline until Thursday.", "Thursday", "DATE", "2024-09-05"),
    R("They were given until 9 a.m. Tuesday to leave.", "9 a.m. Tuesday", "TIME", "2024-09-10T09:00"),
    # ... but "to" may close a range, which lies before a past verb
    R("Shares were bought from Sept. 2 to Tuesday.", "Tuesday", "DATE", "2024-09-03"),
    R("Shares were bought from Monday through Thursday.", "Thursday", "DATE", "2024-09-05"),
    # a part of the day before "yesterday" or "today"
    R("Shares fell in mid-afternoon yesterday.", "afternoon yesterday", "TIME", "2024-09-06TAF"),
    R("The talks resume morning tomorrow.", "morning tomorrow", "TIME", "2024-09-08TMO"),
    # a clock time takes its day from a weekday after the same time in another zone
    R("The blast came at 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", "TIME", "2024-09-06T10:35"),
    R("It landed at 6 p.m. (1800 GMT) on Sept. 2.", "6 p.m.", "TIME", "2024-09-02T18:00"),
    # "Jan" is a first name before a surname
    R("The treaty was signed by Jan Kavan of Prague.", "", "", ""),
    R("The accord was signed by Martonyi and Jan Kavan.", "", "", ""),
    R("It was signed in Jan 2020.", "Jan 2020", "DATE", "2020-01"),
    R("The talks ended in Jan. Officials left.", "Jan.", "DATE", "2024-01"),
    # a decade after a possessive is an age
    R("She moved there in her 30s.", "", "", ""),
    R("They married in their early twenties.", "", "", ""),
    R("Prices peaked in the early 1980s.", "the early 1980s", "DATE", "198", "START"),
    # a quoted title with a capital unit word is no time
    R('He told "This Week" that talks would go on.', "", "", ""),
    R("She told ''60 Minutes'' she would stay.", "", "", ""),
    R('He said "this week" twice.', "this week", "DATE", "2024-W36"),
    R("Troops To Leave Next Week", "Next Week", "DATE", "2024-W37"),
    # the fiscal year: the document's year, or one year's length before "ended"
    R("He expects lower earnings for the fiscal year.", "the fiscal year", "DATE", "2024"),
    R("Earnings will rise in the current fiscal year.", "current fiscal year", "DATE", "2024"),
    R("Sales fell in the fiscal year ended June 30.", "the fiscal year", "DURATION", "P1Y"),
    R("Profit will rise next fiscal year.", "next fiscal year", "DATE", "2025"),
    R("Sales rose in fiscal year 1990.", "fiscal year 1990", "DATE", "1990"),
    R("Profit fell in the 1990 fiscal year.", "the 1990 fiscal year", "DATE", "1990"),
    R("The company changed from a fiscal year to a calendar year.", "", "", ""),
    # "the previous Friday", "the following Thursday": a step from the day last mentioned, else the document's
    R(
        "Markets closed on Friday, down 2% from the previous Friday.",
        "the previous Friday",
        "DATE",
        "2024-08-30",
    ),
    R(
        "The deal was signed on Sept. 2 and approved the following Thursday.",
        "the following Thursday",
        "DATE",
        "2024-09-05",
    ),
    R("Stocks fell 3% from the previous Friday.", "the previous Friday", "DATE", "2024-09-06"),
    R("They will meet again the next Saturday.", "the next Saturday", "DATE", "2024-09-14"),
    # "the last half of 1989", "the final quarter of 2023"
    R("Earnings fell in the last half of 1989.", "the last half of 1989", "DATE", "1989-H2"),
    R("Sales rose in the final quarter of 2023.", "the final quarter of 2023", "DATE", "2023-Q4"),
    R("Sales grew in the last half of the '80s.", "the '80s", "DATE", "198"),
    # "the week of March 6": the ISO week that holds the day
    R(
        "A hearing is set for the week of March 6.",
        "the week of March 6",
        "DATE",
        "2000-W10",
        dct="2000-02-24",
    ),
    R("It closed the week of Jan. 3, 2022.", "the week of Jan. 3, 2022", "DATE", "2022-W01"),
    R("It closed the week of Jan. 1, 2021.", "the week of Jan. 1, 2021", "DATE", "2020-W53"),
    R("It reopens the week of Dec. 30.", "the week of Dec. 30", "DATE", "2025-W01", dct="2024-12-20"),
    # a list of years, each after a comma and a space, is no figure written with commas
    R("It crossed the border in 1994, 1995 and 1997.", "1994", "DATE", "1994"),
    R("It crossed the border in 1994, 1995 and 1997.", "1995", "DATE", "1995"),
    R("It cost 1,994,000 dollars.", "", "", ""),
    R("Some 2,015 troops left.", "", "", ""),
    # "high noon" is an idiom (a showdown, or the film), not twelve o'clock
    R("For Poland, high noon comes today.", "today", "DATE", "2024-09-07"),
    R("He showed a still from the film High Noon.", "", "", ""),
    R("The vote will be held at noon Friday.", "noon Friday", "TIME", "2024-09-13T12:00"),
    # a count of quarters before "of" and a determiner is a share, not a length of time
    R("The fund holds more than a quarter of the entire market.", "", "", ""),
    R("Three quarters of the vote went to him.", "", "", ""),
    R("It lost a quarter of its sales.", "", "", ""),
    R("It recovered after several quarters of losses.", "several quarters", "DURATION", "PXQ"),
    R("Profit rose for three quarters in a row.", "three quarters", "DURATION", "P3Q"),
    R("The search took a quarter of an hour.", "a quarter of an hour", "DURATION", "PT15M"),
    R("It took three quarters of an hour.", "three quarters of an hour", "DURATION", "PT45M"),
    R("He ruled for a quarter of a century.", "a quarter of a century", "DURATION", "P25Y"),
    R("The truce lasted a quarter century.", "a quarter century", "DURATION", "P25Y"),
    # "the weeks ahead": an unknown number of units from now on; "ahead of" means before
    R("Funds may sell in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
    R("The months ahead will be hard.", "The months ahead", "DURATION", "PXM"),
    R("The days ahead of the vote were tense.", "", "", ""),
    # "over the years": an unknown number of units after a duration word, not when an event or a year follows
    R("Over the years many more patients survived.", "the years", "DURATION", "PXY"),
    R("In the years that followed, the rebels grew.", "the years", "DURATION", "PXY"),
    R("The car was seen in the days before the shooting.", "", "", ""),
    R("Life was hard in the days of the empire.", "", "", ""),
    R("The years passed slowly.", "", "", ""),
    R("He ruled in the years 1990 to 1995.", "1990", "DATE", "1990"),
    # an hour said with a part of the day, after "at", "by" ...; its day from a restatement in brackets
    R("The ship sails at 4 in the morning.", "4 in the morning", "TIME", "2024-09-07T04:00"),
    R("The vote closed by 5 in the afternoon.", "5 in the afternoon", "TIME", "2024-09-07T17:00"),
    R(
        "He will leave at 4 in the morning (4 a.m. EDT Tuesday).",
        "4 in the morning",
        "TIME",
        "2024-09-10T04:00",
    ),
    R("Shares rose 3 in the morning session.", "", "", ""),
    # "a while": an unknown length; "a while ago" a time before the document's
    R("They will live without it for a while.", "a while", "DURATION", "PXX"),
    R("He left a while ago.", "a while ago", "DATE", "PAST_REF"),
    # days a market or an office is open count as days
    R("Eight trading days after Oct. 12, the index fell.", "Eight trading days", "DURATION", "P8D"),
    R("Payment is due within five business days.", "five business days", "DURATION", "P5D"),
    # a vague count joined to a unit: "a several-year tenure"
    R("It followed a several-year tenure as editor.", "several-year", "DURATION", "PXY"),
    # "a day-long meeting": one unit's length; "a" before a plural unit belongs to the noun
    R("They emerged from their third day-long meeting.", "day-long", "DURATION", "P1D"),
    R("It ended a decades-long battle.", "", "", ""),
    R("The talks went on for a couple of years.", "a couple of years", "DURATION", "P2Y"),
]

# expressions that need the document date to be missing
NO_DCT: list[tuple[str, str, str, str]] = [
    ("The talks were held in September.", "September", "DATE", "XXXX-09"),
    ("The talks were held on Friday.", "Friday", "DATE", "XXXX-WXX-5"),
    ("The talks were held last year.", "last year", "DATE", "PAST_REF"),
    ("The talks were held in 2014.", "2014", "DATE", "2014"),
    ("The talks are held now.", "now", "DATE", "PRESENT_REF"),
]


@pytest.fixture(scope="module")
def tokens_only() -> Language:
    return blank_with_stages(["docket_timex"])


def tag(nlp: Language, text: str, dct: str | None) -> list[Timex]:
    day = dt.date.fromisoformat(dct) if dct else None
    doc = nlp(set_published(nlp.make_doc(text), day))
    return list(state(doc).timexes)


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) + len(NO_DCT) >= 200


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.text[:40]}|{r.dct}" for r in ROWS])
def test_golden_row(tokens_only: Language, row: Row) -> None:
    found = tag(tokens_only, row.text, row.dct)
    for timex in found:
        assert row.text[timex.start : timex.end] == timex.text
    if not row.words:
        assert found == [], f"tagged {[t.text for t in found]}"
        return
    hits = [t for t in found if t.text == row.words]
    assert hits, f"{row.words!r} not found; got {[(t.text, t.value) for t in found]}"
    timex = hits[0]
    assert (timex.type, timex.value, timex.mod) == (row.type, row.value, row.mod)
    if row.earliest is not None:
        assert timex.earliest == dt.date.fromisoformat(row.earliest)
    if row.latest is not None:
        assert timex.latest == dt.date.fromisoformat(row.latest)


@pytest.mark.parametrize(("text", "words", "type_", "value"), NO_DCT)
def test_without_document_date(tokens_only: Language, text: str, words: str, type_: str, value: str) -> None:
    found = [t for t in tag(tokens_only, text, None) if t.text == words]
    assert found and (found[0].type, found[0].value) == (type_, value)
