"""Word lists the demo locality is built from. Every person is invented by combining common names at random.

Texts use placeholders filled per case: {v} victim's given name, {p} perpetrator's given name, and pronouns
{vs}/{vo}/{vp} (she/her/her) for the victim and {ps}/{po}/{pp}/{pself} for the perpetrator.
"""

from dataclasses import dataclass

from marac.agencies.models import AgencyType, Role, Sector
from marac.people.models import Ethnicity

LOCALITY_NAME = "Riverside"
MECHANISM_NAME = "MARAC"
AREA = "Riverside, Eastbrook and Millford (a fictional area)"
DEMO_PASSWORD = "riverside-demo-2026"
SEED = 20_26

# (key, name, type, sector)
AGENCIES = [
    ("police", "Riverside Police", AgencyType.POLICE, Sector.PUBLIC),
    ("idva", "Riverside Domestic Abuse Service", AgencyType.IDVA_SERVICE, Sector.THIRD),
    ("harbour", "Harbour Women's Aid", AgencyType.IDVA_SERVICE, Sector.THIRD),
    ("housing", "Riverside Council Housing", AgencyType.HOUSING, Sector.PUBLIC),
    ("childrens", "Riverside Children's Services", AgencyType.CHILDRENS_SOCIAL_CARE, Sector.PUBLIC),
    ("adults", "Riverside Adult Social Care", AgencyType.ADULT_SOCIAL_CARE, Sector.PUBLIC),
    ("health", "Riverside General Hospital", AgencyType.HEALTH, Sector.PUBLIC),
    ("mental_health", "Riverside Community Mental Health Team", AgencyType.MENTAL_HEALTH, Sector.PUBLIC),
    ("education", "Riverside Schools Safeguarding Team", AgencyType.EDUCATION, Sector.PUBLIC),
    ("probation", "Riverside Probation Service", AgencyType.PROBATION, Sector.PUBLIC),
    ("programme", "Riverside Respectful Relationships Programme", AgencyType.PERPETRATOR_PROGRAMME, Sector.THIRD),
    ("recovery", "Riverside Drug and Alcohol Recovery Service", AgencyType.SUBSTANCE_MISUSE, Sector.PUBLIC),
    ("partnership", "Riverside Community Safety Partnership", AgencyType.OTHER, Sector.PUBLIC),
]

# (username, given name, family name, [(agency key, role), ...]).
USERS = [
    ("coordinator", "Joanne", "Feld", [("partnership", Role.COORDINATOR)]),
    ("chair", "Femi", "Adebayo", [("police", Role.CHAIR), ("police", Role.REFERRER)]),
    ("idva", "Priya", "Raman", [("idva", Role.IDVA)]),
    ("idva2", "Sam", "Okoro", [("idva", Role.IDVA)]),
    ("harbour.idva", "Grace", "Whitfield", [("harbour", Role.IDVA)]),
    ("police.referrer", "Daniel", "Hughes", [("police", Role.REFERRER)]),
    ("health.referrer", "Aisling", "Byrne", [("health", Role.REFERRER)]),
    ("police.rep", "Karen", "Ellison", [("police", Role.AGENCY_REP)]),
    ("housing.rep", "Tom", "Birch", [("housing", Role.AGENCY_REP)]),
    ("childrens.rep", "Nadia", "Qureshi", [("childrens", Role.AGENCY_REP)]),
    ("adults.rep", "Owen", "Price", [("adults", Role.AGENCY_REP)]),
    ("health.rep", "Ruth", "Okoye", [("health", Role.AGENCY_REP)]),
    ("mentalhealth.rep", "Lewis", "Grant", [("mental_health", Role.AGENCY_REP)]),
    ("education.rep", "Sarah", "Whitlock", [("education", Role.AGENCY_REP)]),
    ("probation.rep", "Marek", "Nowicki", [("probation", Role.AGENCY_REP)]),
    ("programme.rep", "Jade", "Simmons", [("programme", Role.AGENCY_REP)]),
    ("recovery.rep", "Ben", "Ashworth", [("recovery", Role.AGENCY_REP)]),
    ("analyst", "Li", "Chen", [("partnership", Role.ANALYST)]),
    ("locality.admin", "Gareth", "Morgan", [("partnership", Role.LOCALITY_ADMIN)]),
    ("auditor", "Fiona", "Blake", [("partnership", Role.AUDITOR)]),
]
SUPERUSER = "admin"

# Who speaks for each agency: posts its research, attends, owns its actions' updates.
AGENCY_VOICE = {
    "police": "police.rep",
    "idva": "idva",
    "harbour": "harbour.idva",
    "housing": "housing.rep",
    "childrens": "childrens.rep",
    "adults": "adults.rep",
    "health": "health.rep",
    "mental_health": "mentalhealth.rep",
    "education": "education.rep",
    "probation": "probation.rep",
    "programme": "programme.rep",
    "recovery": "recovery.rep",
    "partnership": "coordinator",
}

# Referring agencies of all referrals, in proportion: about a third from agencies other than the police.
REFERRAL_SOURCES = ["police"] * 18 + ["health", "health", "idva", "idva"] + ["housing", "childrens", "mental_health"]
REFERRAL_SOURCES += ["probation", "education", "adults"]
REFERRER_FOR = {"police": "police.referrer", "health": "health.referrer"}


def _names(*texts: str) -> list[str]:
    return [name.strip() for text in texts for name in text.split(",")]


def _variants(*texts: str) -> dict[str, list[str]]:
    """ "Name: variant, variant; Name: variant" as a mapping from each name to its variants."""
    pairs = [entry.split(":") for text in texts for entry in text.split(";")]
    return {name.strip(): _names(variants) for name, variants in pairs}


@dataclass(frozen=True)
class Background:
    """A naming background. Family names are given as "male form/female form" where they differ."""

    key: str
    ethnicity: str
    female: list[str]
    male: list[str]
    family_names: list[str]
    languages: tuple[str, ...] = ()
    religions: tuple[str, ...] = ()
    migration_statuses: tuple[str, ...] = ()

    @property
    def family(self) -> list[tuple[str, str]]:
        return [tuple(name.split("/")) if "/" in name else (name, name) for name in self.family_names]


BACKGROUNDS = [
    Background(
        "white_british",
        Ethnicity.WHITE_BRITISH,
        _names(
            "Emma, Sophie, Charlotte, Jessica, Lauren, Hannah, Rebecca, Kirsty, Gemma, Danielle, Amy, Chloe",
            "Leanne, Stacey, Natalie, Michelle, Kelly, Jade, Zoe, Paige",
        ),
        _names(
            "James, Daniel, Craig, Lee, Ryan, Jamie, Liam, Mark, Dean, Scott, Wayne, Kyle, Darren, Jordan",
            "Nathan, Gary",
        ),
        _names(
            "Smith, Taylor, Walker, Wright, Thompson, Harris, Robinson, Marsh, Turner, Barker, Holloway",
            "Pritchard, Fletcher, Bennett, Lowe, Shaw, Dixon, Hargreaves, Cartwright",
        ),
        religions=("", "", "Christian", "No religion"),
    ),
    Background(
        "south_asian",
        Ethnicity.ASIAN,
        _names(
            "Aisha, Fatima, Priya, Sana, Nadia, Ruksana, Harpreet, Simran, Anjali, Shabana, Rabia, Nasreen",
            "Sunita, Farzana",
        ),
        _names("Imran, Tariq, Arjun, Sanjay, Kamran, Bilal, Gurpreet, Rajesh, Asif, Harjit, Zahid"),
        _names(
            "Khan, Hussain, Patel, Ahmed, Akhtar, Mahmood, Sandhu, Gill, Sharma, Chowdhury, Rahman, Iqbal",
            "Bains, Mistry",
        ),
        languages=("Urdu", "Punjabi", "Bengali", "Gujarati"),
        religions=("Muslim", "Sikh", "Hindu", "Muslim"),
        migration_statuses=("British citizen", "British citizen", "Spouse visa – no recourse to public funds"),
    ),
    Background(
        "black_african",
        Ethnicity.BLACK,
        _names("Amara, Chidinma, Abena, Precious, Blessing, Adaeze, Folake, Grace, Ngozi, Efua"),
        _names("Kwame, Chinedu, Tunde, Kofi, Emeka, Olu, Yaw, Segun"),
        _names("Okafor, Mensah, Adeyemi, Boateng, Nwosu, Asante, Okonkwo, Owusu, Balogun, Eze"),
        languages=("Yoruba", "Twi", "Igbo"),
        religions=("Christian", "Christian", "Muslim"),
        migration_statuses=("British citizen", "Indefinite leave to remain", "Refugee status"),
    ),
    Background(
        "black_caribbean",
        Ethnicity.BLACK,
        _names("Shanice, Tanisha, Keisha, Nia, Monique, Simone, Chantelle, Aaliyah"),
        _names("Jermaine, Marcus, Delroy, Tyrone, Andre, Leon, Dwayne"),
        _names("Campbell, Francis, Williams, Grant, Clarke, Brown, Thomas, Samuels, Forbes"),
        religions=("", "Christian"),
    ),
    Background(
        "somali",
        Ethnicity.BLACK,
        _names("Hodan, Faduma, Ayaan, Hibo, Sahra, Ikran"),
        _names("Abdi, Mahad, Liban, Yusuf, Ahmed"),
        _names("Ali, Warsame, Abdi, Farah, Mohamed, Osman, Jama"),
        languages=("Somali",),
        religions=("Muslim",),
        migration_statuses=("British citizen", "Refugee status"),
    ),
    Background(
        "polish",
        Ethnicity.WHITE_OTHER,
        _names("Agnieszka, Katarzyna, Magdalena, Joanna, Monika, Natalia, Zuzanna, Aleksandra"),
        _names("Piotr, Tomasz, Krzysztof, Marcin, Paweł, Łukasz, Jakub"),
        _names(
            "Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Kamiński/Kamińska",
            "Lewandowski/Lewandowska, Zieliński/Zielińska, Szymański/Szymańska",
        ),
        languages=("Polish",),
        religions=("Catholic", ""),
        migration_statuses=("Settled status (EU Settlement Scheme)", "Pre-settled status (EU Settlement Scheme)"),
    ),
    Background(
        "romanian",
        Ethnicity.WHITE_OTHER,
        _names("Ioana, Elena, Andreea, Mihaela, Alina, Roxana, Georgiana"),
        _names("Andrei, Mihai, Ionuț, Florin, Adrian, Cătălin, Bogdan"),
        _names("Popescu, Ionescu, Popa, Dumitru, Stan, Munteanu, Constantin, Lazăr"),
        languages=("Romanian",),
        religions=("Orthodox Christian", ""),
        migration_statuses=("Pre-settled status (EU Settlement Scheme)", "Settled status (EU Settlement Scheme)"),
    ),
    Background(
        "arabic",
        Ethnicity.ARAB,
        _names("Layla, Mariam, Noor, Yasmin, Huda, Rania, Samira, Amira"),
        _names("Omar, Khalid, Youssef, Ahmad, Hassan, Karim, Samir"),
        _names("Al-Sayed, Haddad, Mansour, Nasser, Saleh, Abdullah, Hamdan, Darwish"),
        languages=("Arabic",),
        religions=("Muslim", "Christian"),
        migration_statuses=("Refugee status", "Spouse visa – no recourse to public funds", "British citizen"),
    ),
    Background(
        "chinese",
        Ethnicity.ASIAN,
        _names("Mei, Xiu Ying, Li Na, Jing, Hui, Yan, Wen"),
        _names("Wei, Jun, Hao, Ming, Lei, Jian"),
        _names("Chen, Wang, Zhang, Liu, Huang, Wong, Lam, Cheung"),
        languages=("Cantonese", "Mandarin"),
        religions=("", "No religion", "Buddhist"),
        migration_statuses=("British citizen", "Indefinite leave to remain", "Student visa"),
    ),
    Background(
        "irish_traveller",
        Ethnicity.GYPSY_TRAVELLER,
        _names("Bridget, Margaret, Kathleen, Mary, Nora, Winnie, Josie, Ellen"),
        _names("Patrick, Michael, John, Martin, Christy, Tommy"),
        _names("McDonagh, Ward, Connors, Joyce, Maughan, Doherty, McGinley, Sweeney"),
        religions=("Catholic",),
    ),
    Background(
        "irish",
        Ethnicity.WHITE_OTHER,
        _names("Siobhán, Niamh, Aoife, Ciara, Róisín, Orla"),
        _names("Cian, Declan, Eoin, Conor, Ronan"),
        _names("O'Brien, Murphy, Kelly, O'Neill, Byrne, Fitzgerald, Quinn"),
        religions=("Catholic", ""),
        migration_statuses=("Irish citizen",),
    ),
    Background(
        "turkish_kurdish",
        Ethnicity.OTHER,
        _names("Zeynep, Elif, Ayşe, Rojda, Dilan"),
        _names("Mehmet, Emre, Serkan, Baran"),
        _names("Yılmaz, Demir, Kaya, Aydın, Doğan"),
        languages=("Turkish", "Kurdish"),
        religions=("Muslim", ""),
        migration_statuses=("British citizen", "Indefinite leave to remain"),
    ),
]

# Share of victims from each background, in the order above.
BACKGROUND_WEIGHTS = [44, 12, 7, 5, 3, 6, 5, 4, 3, 4, 3, 2]

# Other spellings and names people are known by; matching must find them all. (Spellings that differ only
# by accents are left out: matching ignores accents already.)
GIVEN_NAME_VARIANTS = _variants(
    "Aisha: Ayesha; Fatima: Fatimah; Katarzyna: Kasia; Agnieszka: Aga; Siobhán: Shevaun; Niamh: Neve",
    "Bridget: Bridie; Margaret: Maggie; Kathleen: Katie; Mariam: Maryam; Ioana: Ioanna; Stacey: Stacy",
    "Leanne: Lianne; Rebecca: Becky; Jessica: Jess; Michelle: Shelley; Chidinma: Chi; Adaeze: Ada",
    "Ngozi: Ngozie; Hodan: Hoodan; Faduma: Fadumo; Shanice: Shaniece; Ruksana: Roksana; Nasreen: Nasrin",
    "Zuzanna: Zuza; Magdalena: Magda; Aleksandra: Ola; Daniel: Danny; Michael: Mick; Patrick: Paddy",
    "Paweł: Pawel; Łukasz: Lukasz; Youssef: Yusuf, Joseph; Kwame: Kwami; Jermaine: Germaine",
    "Christy: Christopher; Tommy: Thomas; Mehmet: Memet",
)
FAMILY_NAME_VARIANTS = _variants(
    "Al-Sayed: Alsayed, El-Sayed; Chowdhury: Choudhury; Mohamed: Mohammed; McDonagh: McDonough",
    "Yılmaz: Yilmaz; Aydın: Aydin; Hussain: Hussein, Husain; Mahmood: Mahmud; Okonkwo: Okonkow",
    "Boateng: Boatang; Maughan: Mongan",
)

STREETS = _names(
    "Alder Road, Brook Street, Canal Side, Dunmore Avenue, Elm Close, Ferry Lane, Garrison Walk, Hollins Way",
    "Ivy Terrace, Jubilee Court, Kingfisher Drive, Larch Grove, Mill Lane, Navigation Row, Orchard Rise",
    "Paradise Street, Quayside, Rope Walk, Sandpiper Close, Tannery Yard, Upper Wharf Street",
    "Victoria Buildings, Weir View, Yew Tree Lane, Lock Keepers Way",
)
TOWNS = ["Riverside", "Riverside", "Eastbrook", "Millford", "Low Ferry"]
SAFE_ADDRESSES = [
    "Room 4, Heron House (refuge), Riverside",
    "Flat 2, 17 Quayside Mews, Eastbrook (emergency housing)",
    "Room 9, Willow Lodge (refuge), Millford",
    "Flat 11, Kestrel Court, Low Ferry (temporary accommodation)",
]
SCHOOLS = {
    "nursery": ["Little Otters Nursery", "Canal Side Children's Centre Nursery", "Millford Day Nursery"],
    "primary": [
        "Riverside Primary School",
        "St Brendan's Catholic Primary School",
        "Millford Community Primary",
        "Low Ferry Infant and Junior School",
        "Eastbrook Church of England Primary",
    ],
    "secondary": ["Riverside High School", "Eastbrook Academy", "Millford School", "Our Lady of the Weir College"],
}
CONTACT_TIMES = [
    ("Weekdays 10:00–14:00 only", True),
    ("Any time; text first", True),
    ("Mornings after the school run", True),
    ("Only after 19:00; text before calling", True),
    ("Not safe to call: the phone is checked. Contact through the health visitor", False),
    ("Not safe to call: leave no messages. Contact at the children's centre on Tuesdays", False),
    ("", None),
]

# (text, checklist items the text shows, facts the case needs for the text to fit it). Facts: children, baby,
# school_age, young (16–17), disabled, older, male_victim, female_perp, childbearing, honour, migrant,
# insecure_status.
INCIDENTS = [
    (
        "Police were called by a neighbour who heard screaming. {p} had pinned {v} against the kitchen wall and held "
        "{pp} hands round {vp} throat until {vs} nearly passed out.",
        ("strangulation", "injury", "frightened"),
        (),
    ),
    (
        "{v} attended the emergency department with a fractured wrist. {vs_cap} first said {vs} had fallen, then told "
        "the nurse that {p} twisted {vp} arm when {vs} tried to leave the flat.",
        ("injury", "separation"),
        (),
    ),
    (
        "{p} smashed {v}'s phone and locked {vo} in the bedroom overnight after seeing a message from a colleague.",
        ("controlling", "isolated", "frightened"),
        (),
    ),
    (
        "Since {v} ended the relationship, {p} has sent hundreds of messages a day, turned up at {vp} workplace and "
        "been seen sitting in a car outside {vp} home at night.",
        ("stalking", "separation", "frightened"),
        (),
    ),
    (
        "{p} threatened {v} with a kitchen knife in front of the children and said {ps} would kill {vo} if {vs} ever "
        "called the police.",
        ("weapons", "threats_to_kill", "fears", "child_contact"),
        ("children",),
    ),
    (
        "During an argument about money {p} punched {v} in the face while {vs} was holding the baby.",
        ("injury", "pregnancy", "financial"),
        ("baby",),
    ),
    (
        "{p} broke the conditions of {pp} bail by coming to the house at two in the morning and kicking the door until "
        "the frame split.",
        ("breaches", "more_often", "frightened"),
        (),
    ),
    (
        "{v} told {vp} midwife that {p} forces {vo} to have sex and checks {vp} phone every evening.",
        ("sexual_abuse", "controlling", "pregnancy"),
        ("childbearing",),
    ),
    (
        "{p}'s family have threatened {v} since {vs} refused to return to the marital home; {vs} has been told "
        "{vs} has brought shame on them.",
        ("third_party_threat", "threats_to_kill", "fears", "isolated"),
        ("honour",),
    ),
    (
        "{p} held a pillow over {v}'s face during an argument and later said {ps} would do it properly next time.",
        ("strangulation", "threats_to_kill", "frightened"),
        (),
    ),
    (
        "{p} kicked the family dog across the room and told {v} that {vs} would be next.",
        ("animals", "fears", "frightened"),
        (),
    ),
    (
        "{p} takes {v}'s wages, gives {vo} a small allowance for food and will not let {vo} see {vp} family.",
        ("financial", "isolated", "controlling"),
        (),
    ),
    (
        "{p} was arrested after dragging {v} along the hallway by {vp} hair; {vs} has bruising to {vp} arms and scalp.",
        ("injury", "getting_worse"),
        (),
    ),
    (
        "{p} has threatened to kill {pself} if {v} leaves, and took an overdose the last time {vs} tried.",
        ("abuser_suicide", "separation", "depressed"),
        (),
    ),
    (
        "{p} followed {v} to {vp} sister's house, tracked {vp} location through an app on {vp} phone and posted "
        "intimate images of {vo} online.",
        ("stalking", "sexual_abuse", "controlling"),
        (),
    ),
    (
        "Police found {v} in the street at night with a head wound after {p} threw a glass ashtray at {vo}.",
        ("weapons", "injury"),
        (),
    ),
    (
        "{p} rang {v} forty times from prison and had a friend deliver a note saying {ps} knows where {vs} lives now.",
        ("stalking", "third_party_threat", "criminal_history", "fears"),
        (),
    ),
    (
        "{p} has been drinking heavily since losing {pp} job, and the violence has moved from shoving to punching in "
        "the last two months.",
        ("substances_mental_health", "getting_worse", "more_often"),
        (),
    ),
    (
        "After {v} asked {p} to leave, {ps} poured petrol on the doormat and said {ps} would burn the house down with "
        "{vo} inside.",
        ("threats_to_kill", "weapons", "separation"),
        (),
    ),
    (
        "{v} told the school's safeguarding lead that {p} decides who {vs} may talk to, hit {vo} at a party and shared "
        "images of {vo} without {vp} consent.",
        ("controlling", "injury", "sexual_abuse"),
        ("young",),
    ),
    (
        "{v} told {vp} social worker that {p} pushed {vo} from {vp} wheelchair and withholds {vp} medication when "
        "{vs} disagrees with {po}.",
        ("injury", "isolated", "controlling"),
        ("disabled",),
    ),
    (
        "{v} came to the emergency department with a burn to {vp} forearm. {vs_cap} said {p} held {vp} arm against the "
        "cooker and mocks {vo} as weak when {vs} asks for help.",
        ("injury", "controlling", "frightened"),
        ("male_victim",),
    ),
    (
        "{p} scratched and bit {v} when {vs} tried to end the relationship, then messaged {vp} employer with lies "
        "about {vo}.",
        ("injury", "separation", "stalking"),
        ("female_perp",),
    ),
]
CONTEXTS = [
    ("There have been {incidents} incidents reported to the police in the last year.", ("more_often",), ()),
    ("{p} has previous convictions for violence against a former partner.", ("criminal_history", "hurt_others"), ()),
    ("{v} recently separated from {p} and is staying with a friend.", ("separation",), ()),
    ("{vp_cap} family live abroad and {vs} has nobody locally {vs} trusts.", ("isolated",), ("migrant",)),
    ("{p} is on a community order supervised by probation.", ("criminal_history",), ()),
    ("{v} says {vs} has thought about ending {vp} life.", ("depressed",), ()),
    (
        "{p} uses arrangements for contact with the children to see and control {vo}.",
        ("child_contact", "controlling"),
        ("children",),
    ),
    (
        "{v} fears {p} will have {vo} removed from the country if {vs} leaves.",
        ("financial", "isolated", "fears"),
        ("insecure_status",),
    ),
    (
        "{p} misuses cocaine and alcohol and has talked about {pp} anger getting out of hand.",
        ("substances_mental_health",),
        (),
    ),
    ("{v} is twenty weeks pregnant.", ("pregnancy",), ("childbearing",)),
]
REPEAT_INCIDENTS = [
    (
        "{p} breached the non-molestation order by waiting outside {vp} home and following {vo} to the shop.",
        ("breaches", "stalking", "frightened"),
        (),
    ),
    (
        "Since the last meeting {p} has moved back into the area and sends {v} messages through {vp} sister.",
        ("stalking", "third_party_threat"),
        (),
    ),
    (
        "{v} called the police after {p} forced the door while drunk; the children were in the house.",
        ("substances_mental_health", "frightened", "more_often"),
        ("children",),
    ),
    (
        "{p} turned up at the children's school at pick-up time, against the contact arrangement.",
        ("child_contact", "breaches"),
        ("school_age",),
    ),
    (
        "{v} told {vp} GP that the abuse has started again since {p} was released from prison.",
        ("more_often", "criminal_history", "getting_worse"),
        (),
    ),
]
WORRIES = [
    "{vs_cap} believes {p} will kill {vo}.",
    "The referrer is worried because the abuse is escalating quickly and {p} knows where {vs} is staying.",
    "{v} is frightened but does not want to support a prosecution.",
    "The risk is high because the abuse is getting worse and {vs} has recently tried to leave.",
    "{vs_cap} wants the abuse to stop but is not ready to leave.",
    "{p} is due to be released from custody soon, and {v} has had no notice of the date.",
    "{v} played down what happened, but the injuries seen do not fit {vp} account.",
    "{vs_cap} has asked for help for the first time and wants to know what agencies can do.",
]
# Professional judgement: (the concern, checklist items it rests on).
JUDGEMENT_REASONS = [
    ("Non-fatal strangulation: a strong marker of homicide risk whatever the checklist score.", ("strangulation",)),
    ("Threats to kill made with a weapon.", ("threats_to_kill", "weapons")),
    ("Stalking after separation; {p} has found {vp} new address twice.", ("stalking", "separation")),
    (
        "Honour-based abuse: several family members are involved and {v} is under pressure to return.",
        ("third_party_threat",),
    ),
    (
        "{v} played down the abuse on the checklist; the referrer saw injuries that do not fit {vp} account.",
        ("injury",),
    ),
    ("Rapid escalation over six weeks, and {v} says {vs} fears for {vp} life.", ()),
    ("Coercive control with complete financial dependence; {v} has no way out without help.", ("financial",)),
]
CONSENT_REASONS = [
    (
        "Sharing without consent: a risk of serious harm, and asking her could raise it because he checks her phone.",
        "DS Karen Ellison, safeguarding lead",
    ),
    (
        "She declined, but there are children in the household and a risk of serious harm to all of them.",
        "Nadia Qureshi, team manager",
    ),
    (
        "Sharing without consent to prevent a serious crime; she was not safe to speak to at the time.",
        "Inspector Femi Adebayo",
    ),
]

RESEARCH_KNOWN = {
    "police": [
        "{n} domestic abuse call-outs to the address in the last 12 months. {p} was arrested after the latest "
        "incident and released on bail with conditions not to contact {v}.",
        "{p} is known for violence against two former partners; one conviction for assault occasioning actual "
        "bodily harm. A protection notice was issued last year.",
        "{n} incidents recorded; {v} withdrew support for the last prosecution. Intelligence that {p} carries a knife.",
    ],
    "idva": [
        "{v} has been supported by the service since the referral. {vs_cap} engages by phone, in the mornings "
        "only. Safety plan in place; {vs} wants the locks changed.",
        "Known to the service from an earlier referral. {v} is engaging again and has asked for help with housing "
        "and with the family court.",
    ],
    "harbour": [
        "{v} has been in contact with our outreach worker. {vs_cap} asked for a worker who speaks {vp} language.",
    ],
    "housing": [
        "{v} is a council tenant; rent arrears since {p} moved in. Repairs requested to the back door have not "
        "been done.",
        "{p} has an open housing application and gave the same address as {v}.",
        "{v} is on the housing register in band B; a management transfer was discussed last year.",
    ],
    "childrens": [
        "The children are known: a child in need plan closed six months ago. Concerns then about exposure to "
        "domestic abuse.",
        "An assessment is open after a referral from the school. The children have spoken about shouting at night.",
    ],
    "adults": ["{v} receives a care package for mobility needs; {p} is named as {vp} informal carer."],
    "health": [
        "Two attendances at the emergency department in the last year with injuries; one explained as a fall.",
        "{v} is registered with a local practice; the GP has recorded anxiety and low mood. The health visitor is "
        "involved with the youngest child.",
    ],
    "mental_health": [
        "{p} was under the team last year after a crisis; discharged after non-attendance.",
        "{v} is on the team's caseload for depression; the care co-ordinator was not aware of the abuse.",
    ],
    "education": [
        "The children's attendance has dropped to 78% this term; the school has noticed the eldest is "
        "withdrawn and often late."
    ],
    "probation": [
        "{p} is supervised on a community order for an assault on a former partner; reporting well "
        "but has not started the behaviour programme."
    ],
    "programme": ["{p} was referred to the programme last year and left after two sessions."],
    "recovery": ["{p} attends the service for alcohol use; missed the last three appointments."],
}
RESEARCH_NO_TRACE = "No trace of {v}, {p} or the children in our records."

DISCUSSION_WITH_VIEWS = [
    "The IDVA shared {v}'s views: “{views}”",
    "The IDVA said {v} is engaging and told the meeting in {vp} words: “{views}”",
]
DISCUSSION_WITHOUT_VIEWS = (
    "{v} could not be reached before the meeting; the IDVA shared what {vs} had told the referrer."
)
# What the meeting heard from an agency whose research found the people known to it.
DISCUSSION_BY_AGENCY = {
    "police": "The police summarised the incidents and {p}'s history.",
    "housing": "Housing confirmed the repairs have not been done and agreed to prioritise them.",
    "childrens": "Children's services will consider whether the children need a strategy discussion.",
    "health": "Health said {v} has been seen at the emergency department twice this year.",
    "probation": "Probation will raise the incident with {p}'s supervising officer.",
    "education": "The school has seen a change in the eldest child and will keep a close eye.",
    "mental_health": "The mental health team will share the risk with the care co-ordinator.",
    "adults": "Adult social care will review who provides {v}'s care.",
    "recovery": "The recovery service will tell probation about missed appointments.",
    "programme": "The programme will offer {p} another assessment.",
}
RISK_SUMMARIES = [
    (
        "Risk remains high: strangulation, recent separation and escalating threats. The main risk is to {v} from {p}, "
        "and to the children when contact is handed over.",
        ("children",),
    ),
    (
        "High risk of serious harm to {v} from {p}. Risk is heightened by stalking and {pp} knowledge of {vp} new "
        "address. Protective factors: {v} is engaging with the IDVA and has family support.",
        (),
    ),
    (
        "Risk is high but reducing: {p} is on bail with conditions and has kept away. Risk will rise if bail ends or "
        "the court case collapses.",
        (),
    ),
    (
        "The chair summarised the risk as high because of threats to kill and the use of a weapon. {v} is isolated "
        "and financially dependent on {p}.",
        (),
    ),
    (
        "Serious risk from {p} and from members of {pp} family. Honour-based abuse; any contact with the family "
        "must be assessed first.",
        ("honour",),
    ),
    (
        "Risk to {v} is high; risk to the children is significant because they see and hear the abuse. {v} wants to "
        "stay in {vp} home with better security.",
        ("children",),
    ),
    (
        "High risk. {v} depends on {p} for care, which gives {po} control over {vp} daily life; any plan must include "
        "other care.",
        ("disabled",),
    ),
]

VICTIM_VIEWS = [
    ("I just want it to stop. I don't want {po} in prison, I want {po} to get help.", ()),
    ("I'm scared {ps} will find out I've spoken to you. Please don't ring after six.", ()),
    ("The kids are my priority. I'm worried that if social services get involved they'll take them.", ("children",)),
    ("I want to move away from here but I can't afford to on my own.", ()),
    ("I don't feel safe at night. {ps_cap} knows I'm on my own now.", ()),
    ("I want the marker on the house and a proper lock on the back door.", ()),
    ("I've told my mum now. She says I can stay with her for a bit.", ()),
    ("I don't want to go to a refuge. I want to stay in my own home and for {po} to stay away.", ()),
    ("{ps_cap} keeps saying {ps}'s changed. Part of me believes it.", ()),
    ("I'm ready to give a statement now.", ()),
    ("I'm frightened about my visa if I leave. Who will help me with money?", ("insecure_status",)),
    ("I didn't think anyone would believe me. People laugh when a man says this.", ("male_victim",)),
    ("I want the school to know so {ps} can't just turn up and take them.", ("school_age",)),
]
CONTACT_NOTES = [
    "Safety plan reviewed; {vs} has the helpline number saved under a friend's name.",
    "Spoke while {vs} was at work; agreed to call again on Friday.",
    "Met at the community centre with {vp} support worker.",
    "Helped {vo} apply for a non-molestation order; the hearing is listed.",
    "{vs_cap} was with {vp} sister and spoke freely.",
]
FAILED_CONTACT_NOTES = [
    "No answer; did not leave a message as agreed.",
    "Phone switched off. Texted the agreed code word.",
    "Number unobtainable; asked the referrer for a new number.",
    "{vs_cap} answered but said {vs} could not talk; {p} was in the room.",
]
REPORT_BACK_NOTES = [
    "Told {vo} about the police marker and the other agencies' actions. {vs_cap} was relieved about the marker.",
    "Went through the actions by phone. {vs_cap} asked that no letters are sent to the house.",
    "Met {vo} at the community centre and went through the safety plan again with the agreed actions.",
    "Explained what each agency will do. {vs_cap} wants to be told when the bail conditions change.",
    "Told {vo} by text in our agreed format, then by phone the next day when it was safe to talk.",
]

# Actions each kind of agency commonly agrees, used when the action catalogue is empty.
ACTIONS_BY_AGENCY = {
    "police": [
        "Put a marker on the victim's address so that any call from it is treated as urgent",
        "Consider applying for a protection notice or order against the perpetrator",
        "Provide the victim with a personal alarm",
        "Carry out a home safety visit with the victim",
    ],
    "housing": [
        "Carry out security repairs to the victim's home as a priority",
        "Note on the perpetrator's housing applications that he must not be housed near the victim",
        "Treat the rent arrears as caused by the abuse so the victim is not penalised",
    ],
    "childrens": [
        "Hold an initial strategy discussion on child protection",
        "Map the perpetrator's pattern of behaviour to support the non-offending parent and assess harm to the "
        "children",
    ],
    "idva": [
        "Continue support and safety planning with the victim",
        "Follow up the other agencies' actions and chase any that are late",
    ],
    "harbour": ["Continue support and safety planning with the victim"],
    "health": [
        "Flag the victim's and the children's health records so staff ask about abuse safely",
        "Tell the victim's GP and health visitor about the safety plan",
    ],
    "mental_health": ["Review the victim's mental health care plan in the light of the risk"],
    "education": ["Tell the designated safeguarding lead at the children's school"],
    "probation": ["Check the perpetrator's order conditions and act on any breach"],
    "programme": ["Engage the perpetrator through a treatment assessment"],
    "adults": ["Consider an adult safeguarding enquiry for the victim"],
    "recovery": ["Offer the perpetrator a recovery assessment and share non-attendance with probation"],
}
ACTION_PROGRESS_NOTES = [
    "Request made; waiting for confirmation.",
    "Appointment booked for next week.",
    "Spoke to the victim through the IDVA; she agreed to this.",
    "Started; first visit done, second one booked.",
]
ACTION_DONE_NOTES = [
    "Done and confirmed with the IDVA.",
    "Completed; the victim was told through the IDVA.",
    "Marker placed and flagged to response teams.",
    "Locks changed and window alarms fitted.",
    "Safeguarding lead told; collection list updated.",
]
ACTION_NOT_POSSIBLE = [
    "The victim declined a home visit; she does not want agencies at the house.",
    "The perpetrator has moved out of the area and has no housing application here.",
    "The perpetrator refused the assessment and there is no order that requires him to attend.",
]
MOVED_AWAY = "The victim moved out of the area; the case was sent to her new area's MARAC."
REVIEW_NOTES = {
    "still_in_progress": "Work is under way and within time.",
    "agency_did_not_act": "Not started; the agency was asked to explain to the chair within a week.",
    "circumstances_changed": "Overtaken by events: the victim has moved in with her mother.",
    "completed_late": "Done, two weeks after the date agreed.",
}
TRIAGE_MORE_INFORMATION = (
    "Please add the perpetrator's date of birth and whether the children were in the house, and complete the "
    "checklist: nine questions were answered 'don't know'."
)
TRIAGE_DECLINED = (
    "Declined: no criterion is met on the information given and the concerns describe no specific risk. The IDVA "
    "service will offer support; please refer again if anything changes."
)
ASSESSMENT_NOTES = [
    "Disclosed to the attending officer.",
    "Seen by the officer.",
    "Her words.",
    "From police records.",
    "Told to the nurse at triage.",
    "Reported by the health visitor.",
]

# The year of past meetings (builder/history.py). Its victims' backgrounds, in the order of BACKGROUNDS: closer to a
# mid-sized English area than the current cases, which show the widest range.
HISTORY_BACKGROUND_WEIGHTS = [68, 7, 2, 2, 1, 6, 4, 1, 1, 2, 4, 2]
# Referring agencies of the past referrals heard at meetings, in proportion: 65% from the police.
HISTORY_REFERRAL_SOURCES = ["police"] * 26 + ["health"] * 4 + ["idva", "idva", "harbour", "childrens", "childrens"]
HISTORY_REFERRAL_SOURCES += ["housing", "housing", "mental_health", "probation", "education"]
# Why an agency could not do what a past meeting agreed.
ACTION_NOT_POSSIBLE_BY_AGENCY = {
    "police": "{v} declined a home safety visit; {vs} does not want officers at the house.",
    "idva": "{v} declined further support after the meeting; the door was left open.",
    "harbour": "{v} declined further support after the meeting; the door was left open.",
    "housing": "{p} has moved out of the area and has no housing application here.",
    "childrens": "The family moved out of the area before the strategy discussion; the new area's team was told.",
    "adults": "{v} has capacity and declined a safeguarding enquiry.",
    "health": "{v} is not registered with a local practice; the hospital record was flagged instead.",
    "mental_health": "{v} declined a referral to the team.",
    "education": "The children changed school before the action was due; the new school was told.",
    "probation": "{p}'s order ended before the action was due; there is no supervision to act through.",
    "programme": "{p} refused the assessment and no order requires {po} to attend.",
}
