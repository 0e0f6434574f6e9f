"""The demo site and its articles, as a publisher's CMS would render them."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_SITE = "demo"


@dataclass(frozen=True)
class Article:
    slug: str
    section: str
    headline: str
    standfirst: str
    byline: str
    published: str
    published_label: str
    paragraphs: tuple[str, ...]


ARTICLES = (
    Article(
        slug="harbour-bridge",
        section="City",
        headline="Council approves £48m plan to reopen the old harbour bridge to cyclists",
        standfirst=(
            "The 1911 swing bridge, closed to all traffic since 2019, will carry bikes and "
            "pedestrians from next spring after a narrow vote that split the chamber."
        ),
        byline="Maya Okonkwo, Transport correspondent",
        published="2026-11-27T08:30:00Z",
        published_label="27 November 2026",
        paragraphs=(
            "Councillors voted 27 to 24 on Thursday night to fund the restoration of the "
            "harbour swing bridge, ending five years of argument over whether the listed "
            "structure should be repaired, replaced or left to the gulls.",
            "The plan restores the bridge's original turning mechanism, widens the deck with "
            "a lightweight timber surface and adds lighting along both approaches. Motor "
            "traffic will not return: engineers advised that the piers cannot carry modern "
            "vehicle loads without work that would change the bridge's character.",
            "Supporters said the crossing would cut twenty minutes from journeys between the "
            "east quay and the rail station. \u201cThis is the missing link in our network,\u201d "
            "said the council's cabinet member for transport. \u201cPeople have been carrying "
            "their bikes down to the ferry for five years.\u201d",
            "Opponents questioned the cost, which has risen by £11m since the first estimate, "
            "and asked why the money was not being spent on bus services. A petition against "
            "the scheme gathered 3,400 signatures.",
            "Work is due to begin in January. The council says the bridge will swing open for "
            "boats twice a day, as it did for most of the last century.",
        ),
    ),
    Article(
        slug="library-hours",
        section="Culture",
        headline="Central library to open until 10pm on weeknights in year-long trial",
        standfirst=(
            "Longer hours follow a survey in which students and shift workers said the "
            "building closed just as they were free to use it."
        ),
        byline="Tomás Herrera, Arts reporter",
        published="2026-11-26T17:05:00Z",
        published_label="26 November 2026",
        paragraphs=(
            "The central library will stay open until 10pm from Monday to Thursday from "
            "January, in a trial the city says will cost £310,000 a year.",
            "Almost 6,000 people answered the library service's survey this autumn. Two in "
            "five said they could not visit before the current 7pm closing time.",
            "The evening hours will be staffed, and the study floors, the local history room "
            "and the children's library will all stay open. The café will close at 8pm.",
            "The trial will be reviewed after twelve months against visitor numbers and a "
            "second survey.",
        ),
    ),
)
