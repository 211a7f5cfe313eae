"""Words for the national-scale data set: what referrers, agencies and meetings write, in short synthetic sentences.

Written for this generator. Nothing here describes a real person or case; the texts are there so that pages render
rows of a realistic length.
"""

RISK_SUMMARIES = (
    "Assault after separation; threats to kill made in front of the children.",
    "Strangled to the point of losing consciousness last week; perpetrator released on bail.",
    "Escalating control of money and phone; she is not allowed to see family.",
    "Repeated breaches of a non-molestation order; he waits outside her workplace.",
    "Injuries on arrival at the emergency department; she said she fell, then disclosed.",
    "Perpetrator has access to a shotgun licence through work; threats to kill after she left.",
    "Stalking since the relationship ended: messages, visits and a tracker found on her car.",
    "Sexual assault disclosed to the midwife at the booking appointment.",
    "Third police call-out this quarter; children present each time.",
    "Victim pregnant; perpetrator pushed her down the stairs and took her keys.",
    "Threatened to set fire to the house with her inside; history of arson.",
    "Coercive control over years: isolation, monitoring, threats to report her immigration status.",
)
JUDGEMENT_REASONS = (
    "Fewer ticks than the threshold, but strangulation and a recent separation together put her at high risk.",
    "She minimised on the checklist; officers' observations and the history show a pattern of escalation.",
    "The perpetrator's release from prison next week brings the risk to a head.",
)
CONSENT_REASONS = (
    "Risk of serious harm outweighs her wish not to share; she was told her information is being shared.",
    "She could not be asked safely: the perpetrator was present at every contact.",
)
DISCUSSIONS = (
    "Agencies agreed the risk remains high. Police to prioritise calls; housing to fit security measures.",
    "The perpetrator's bail ends this month. Probation and police to share release dates with the IDVA.",
    "Children's services have an open assessment. School to be told who may collect the children.",
    "She has moved to a refuge in another area; a transfer to that area's meeting is being considered.",
    "Health visitor and GP to be told of the safety plan; appointments without the partner present.",
)
RESEARCH_KNOWN = (
    "Known since 2021: three call-outs, one arrest, no charge.",
    "Open to the service; last contact two weeks ago; missed the last two appointments.",
    "Tenancy in joint names; anti-social behaviour complaint from a neighbour about shouting.",
    "Children on a child-in-need plan; strategy discussion held last month.",
    "Attended the emergency department twice this year with injuries explained as falls.",
    "On licence until next year; conditions include no contact with the victim.",
)
ACTION_TEXTS = (
    "Share the bail conditions with the IDVA and the school",
    "Review the safety plan with the victim within a week",
    "Check whether a non-molestation order is in place and tell the meeting",
    "Arrange a joint home visit with the police",
    "Refer the children to the specialist children's service",
    "Update the housing register to give the victim priority",
)
NOT_POSSIBLE_REASONS = (
    "The victim moved out of the area before the visit.",
    "The victim declined the service after two offers.",
    "The perpetrator left the country; the order could not be served.",
)
RELATIONSHIPS = ("Husband", "Partner", "Ex-partner", "Boyfriend", "Ex-husband", "Wife", "Girlfriend")
SCHOOLS = ("St Mary's Primary", "Oakfield Academy", "Riverside Nursery", "Hillcrest High School", "")
FIRST_LANGUAGES = ("English",) * 14 + ("Polish", "Urdu", "Punjabi", "Romanian", "Arabic", "Somali", "Portuguese")
