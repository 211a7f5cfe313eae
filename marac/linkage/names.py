"""Name keys used by record linkage on top of `marac.people.normalise.normalise_name`.

Two keys, both computed on normalised names (lower-case Latin letters and spaces):

- `spelling_key` folds the differences between transliteration systems and spelling habits (kh/h, zh/z,
  y/i/j, w/v, x/ks, doubled letters…), so that 'Yuliya', 'Iuliia' and 'Julia' share a key, as do
  'Oleksandr' and 'Olexandr', 'Mohamed' and 'Mohammed'.
- `given_name_groups` says which given names a name can stand for: a nickname or diminutive (Bill, Kasia,
  Sasha, Giorgos) or another spelling (Shivaun, Mohammed) shares a group with the formal name. A nickname
  can belong to more than one name (Chris: Christopher, Christine, Christian), so a name has a set of groups.
- `near_given_name_groups` does the same for a name the table does not know that is one typing mistake from
  one it does ('Bexky': Rebecca, through Becky). `marac.linkage.features` asks only for names rare in the file:
  a name many records carry is a name, not a mistake.

`romanise_greek` writes names kept in Greek script the way Greek passports do, before normalisation.

The variant table covers the nicknames and spellings agencies in the UK meet most, English and those of the
largest communities; the synthetic benchmark's generator draws from lists that overlap it (bench/README.md).
"""

import re
import unicodedata
from functools import lru_cache

# Modern Greek as Greek passports write it in Latin letters (close to ELOT 743), for names an agency kept in Greek
# script. A general transliteration reads Greek as the ancient language (Βασιλική -> 'basilike', Χρυσούλα ->
# 'khrusoula'), a spelling no agency would write. Pairs first: they are read before single letters.
_GREEK_PAIRS = {
    "ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "αυ": "av", "ευ": "ev", "ηυ": "iv", "μπ": "mp", "ντ": "nt",
    "γγ": "ng", "γκ": "gk", "γχ": "nch", "γξ": "nx",
}  # fmt: skip
_GREEK_WORD_START = {"μπ": "b", "γκ": "g"}
_GREEK_LETTERS = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")


def romanise_greek(text: str) -> str:
    """'Βασιλική Παπαδοπούλου' -> 'vasiliki papadopoulou'; text without Greek letters is returned unchanged."""
    if not _GREEK.search(text):
        return text
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(ch))
    out: list[str] = []
    position = 0
    while position < len(plain):
        pair = plain[position : position + 2]
        at_word_start = position == 0 or not plain[position - 1].isalpha()
        if at_word_start and pair in _GREEK_WORD_START:
            out.append(_GREEK_WORD_START[pair])
            position += 2
        elif pair in _GREEK_PAIRS:
            out.append(_GREEK_PAIRS[pair])
            position += 2
        else:
            out.append(_GREEK_LETTERS.get(plain[position], plain[position]))
            position += 1
    return "".join(out)


# Applied in order; longer spellings first so that 'shch' is not read as 'sh' + 'ch'.
_FOLDS = (
    ("shch", "s"),
    ("tsch", "c"),
    ("sch", "s"),
    ("kh", "h"),
    ("zh", "z"),
    ("sh", "s"),
    ("sz", "s"),
    ("ch", "c"),
    ("cz", "c"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
)
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=500_000)
def spelling_key(normalised: str) -> str:
    """'yuliya' -> 'iulia', 'iuliia' -> 'iulia', 'olexandr' -> 'oleksandr'; '' stays ''."""
    key = normalised.replace(" ", "")
    for spelt, folded in _FOLDS:
        key = key.replace(spelt, folded)
    return _REPEATS.sub(r"\1", key)


# One line per name: the formal name first, then the nicknames, diminutives and other spellings it is known by,
# all normalised (no accents, lower case). Written for this project; extend it freely.
_GIVEN_NAME_VARIANTS = """
abdiaziz abdulaziz cabdicasiis
abdikarim abdulkarim cabdikariim
abdirahman abdurahman abdulrahman cabdiraxmaan
abdullah abdallah abdullahi abdillahi cabdullaahi
abigail abbie abby gail
agnieszka aga agnes
ahmed ahmad ahmet axmed
aine anya
aisha ayesha aise ayse caasha
aleksandra ola ala olenka
alexander alex alexandr aleksandr oleksandr olexandr sasha sashko shura sandy xander alexandru sandu alessandro \
sandro alejandro aleksander olek
alexandra alex alexa sandra alessandra
alexei aleksei aleksey oleksiy oleksii alyosha alesha lyosha lesha
algirdas algis
anastasia anastasiia anastasiya nastya nastia tasoula
anastasios tasos
andrew andy drew andrzej jedrek andriy andrii andrei andrey andreas andriyko
angeliki kiki
angelos angelo
angharad angie
anthony tony ant antonio tonino toto antonis antonios adonios adonis toni tonio tono antoni to
aoife eefa eva
artyom artem tyoma tema
athanasios thanasis sakis nasos
aurimas auris
barbara basia barb babs
barry baz
bartholomew bartosz bartek bart
bashir bashiir
benjamin ben benny benji
beverley bev
bridget bridie biddy brid breda brede
caoimhe keeva kweeva
carmela melina carmen
catherine cathy cath kate katie kathy kath katherine kathryn katharine katarzyna kasia kaska katerina kateryna \
ekaterina yekaterina katya katia aikaterini ekaterini ecaterina caterina
charalampos charalambos haralambos haralabos charis haris babis bampis
charles charlie chuck chas
charlotte charlie lottie
christian chris christiaan cristian
christine chris chrissie tina christina kristina kriste krystyna krysia cristina
christopher chris kit krzysztof krzysiek christos
chrysoula chrysa hrisoula hrisa
ciaran kieran
concepcion conceicao concetta concha conchita sao tina
constantine konstantinos konstadinos kostas konstantin kostya kostia constantin costel costi costica dinos ntinos
dafydd dai dewi
daniel dan danny daniele
daniela dana
daria darya dariya dasha
david dave davy dai dewi dafydd dafyd davide
deborah debbie deb debs
demetrius dimitrios dimitris mitsos dmitri dmitry dmitriy dmytro dima mitya dumitru mitica
diarmuid dermot
dolores lola
domenico mimmo dominic dom
edmund eamon eamonn ned ted
edward ed ted eddie ned
eleanor ellie nell nora elinor
eleftherios lefteris elevtherios levteris
elena yelena olena helen helena lena olenka lenuta ela eleni
elizabeth liz beth lizzie betty libby elzbieta ela elisabetta betta elisa elise elisabeth isabel isa chabela
emily em emmy emmie
emmanuel manolis emmanouil manuel manolo manel nel
enrique quique
eugene yevgeniy yevhen evgeny evgenii zhenya zhenia yevgen
eugenia yevgenia evgeniia zhenya zhenia
evangelia efangelia evaggelia litsa eva evi efa
evangelos efangelos evaggelos vangelis
fatima fatma fatuma faadumo fadumo faduma
federica fede
federico fede
fernanda nanda
fernando nando
fionnuala nuala finola
frances fran francesca franca cesca francisca xica
francis frank francisco paco curro chico francesco franco cecco frankie
frederick fred freddie
gabriela gabriella gabi gaby
gareth gaz gazza
gary gaz
george georgios georyios giorgos yiorgos gheorghe gica jerzy jurek georgi georgiy yuri yurii yuriy yura jorge giorgio
georgia georyia gogo georgiana georgi
giovanna gianna ioana joanna asia joasia ivanna hanna
giovanni gianni vanni ivan ioan ion ionel nelu ionut ioannis yiannis giannis jonas jan john johnny jack ian  iwan \
ifan ieuan evan sean shaun shawn shane eoin vanya ivas joao
goncalo gonca
graham gray
grainne grania
gregory greg grzegorz grzesiek
guadalupe lupe
gwenllian gwen
gwilym gwil wil
halima halimo xaliimo
halyna galina halia galya
hassan hasan xasan
helen nell nellie
henry harry hal
hussein husein hussain huseyin huseyn xuseen
huw hugh
hywel howell
ibrahim ebrahim ibraahim
ignacio nacho
inmaculada inma
irina iryna ira
isabella bella izzy isabelle
ismail ismaaciil esmail
jacob jakub kuba jake iacob yakub
jacqueline jackie jacqui jaqueline jacquelyn
jadwiga jadzia
james jim jimmy jamie seamus shay hamish jaime giacomo
javier javi
jennifer jen jenny
jessica jess jessie
jesus chuy
jonathan jon jonny
joseph joe joey jose pepe ze giuseppe peppe beppe pino josef jozef yusuf yousef yusef yuusuf osip iosif
joshua josh
julia yulia yuliya iuliia julie juliia yulya giulia julija iulia
kathleen kath kathy
kenneth ken kenny
kestutis kestas
khadija khadiija hadija kadija
khalid khaled
konstantina konstadina ntina dina
kseniya kseniia ksenia ksyusha ksiusha
laurence lawrence larry laurie lorenzo enzo
layla leila laila
liudmyla lyudmila liudmila lyudmyla liuda lyuda mila
luigi gino
luke lukasz luka luca lukas
maeve meabh meave
magdalena magda madeleine madeline maddie
mahmoud mahmud mohamud maxamuud mahmut
maksim maxim maks max
margaret maggie peggy meg margo malgorzata gosia malgosia margarita marguerite
maria mary marie mari marija molly mamie masha maire maura moira mariya
maryam meryem meriem maryan mariam
matthew matt matty mateusz mati matteo mathew
mercedes merche
michael mike mick mickey michal mihai mihaita mikhail mykhailo mykhaylo misha michalis mihalis michail mihail \
michele miguel
mohamed mohammed muhammad mohamad maxamed mohammad muhammed mehmet mehmed memet
montserrat montse
mustafa mustapha
nadezhda nadiya nadya nadia
natalia natalya natalie nataliia nataliya natasha natalka nat tally
niamh neve neeve
nicholas nick nicky nicolae nicu nicusor nikolaos nikos nikolai nikolay mykola kolya nicola niccolo nicolo
nikolas
oisin osheen oshin
olga olha olya olia
olivia liv livvy
omar umar cumar omer
osman othman usman cusmaan
owain owen eoin
panagiotis panayiotis panos takis
paraskevi paraskefi voula evi efi
patricia pat trish patsy
patrick paddy pat padraig podge
paul pawel paolo paulo pavel pasha pavlo
peter pete piotr piotrek petro petr pedro pietro petru
philip phil pip phillip filip
pilar pili
przemyslaw przemek
rebecca becky becca bex
rhodri rhod
rhys rees reece rhyss
richard rick dick richie rich
rimantas rimas
robert bob rob bobby robbie roberto
roisin rosheen
roman roma
ronald ron ronnie
rosario charo
ruairi rory ruari
sahra sahro zahra
said saeed saciid
salvatore turi toto
samantha sam sammy
samuel sam sammy
santiago santi
sergei sergey sergiy serhii serhiy seryozha serezha sergiyko serhiiko sergio sergiu
sian shan
sinead shinead shinade
siobhan shivaun chevonne shevaun
sophia sophie sofia zofia zosia sofiya sofiia
spyridon spyros
stanislaw staszek stan stanislav
stephen steve stevie steven stefan fanel stefano stephan esteban steffan stelios
stuart stu
stylianos stelios
susan sue suzy susie
svetlana sveta svitlana svitla
tadhg teague teige
tatiana tatyana tetiana tetyana tanya tania
theodore theo thodoris theodoros fedor fyodor fedir
thomas tom tommy tomasz tomek tomos tomas tommaso
timothy tim timmy
trefor tref trevor
urszula ursula ula
valentina vale
vasile vasilica vasilis vasileios vasilios vasyl vasiliy vasily vasya basil
vasiliki vaso vasso
victoria vicky tori vikki viktoriia viktoriya vika
viktor victor vitya vitia
vincenzo enzo vincent vince
vitalii vitaliy vitaly vitalik
vladimir volodymyr volodya vova
vytautas vytas
wayne waz
william bill will billy willy liam gwilym guillermo guglielmo wilhelm
wojciech wojtek
yaroslav yarik slava jaroslaw jarek
yasin yassin yaasiin
zainab zeinab zaynab zeynep
zbigniew zbyszek
zygimantas zygis
"""


def _variant_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for line in _GIVEN_NAME_VARIANTS.replace("\\\n", " ").strip().splitlines():
        names = line.split()
        formal = spelling_key(names[0])
        for name in names:
            groups.setdefault(spelling_key(name), set()).add(formal)
    return {key: frozenset(formal) for key, formal in groups.items()}


_GROUPS_BY_KEY = _variant_groups()
# A name shorter than this is too close to too many others for one typing mistake to say which it was.
NEAR_NAME_MIN_LENGTH = 4


def _one_letter_dropped(word: str) -> set[str]:
    return {word[:position] + word[position + 1 :] for position in range(len(word))}


def _known_spellings() -> dict[str, frozenset[str]]:
    """The table's names as written and as spelling keys, with their groups: a typing mistake can fall on a
    letter the spelling key folds ('atnhony' is one swap from 'anthony', not from its key 'antoni')."""
    known = dict(_GROUPS_BY_KEY)
    for name in _GIVEN_NAME_VARIANTS.replace("\\\n", " ").split():
        known.setdefault(name, _GROUPS_BY_KEY[spelling_key(name)])
    return known


_KNOWN_SPELLINGS = _known_spellings()


def _drop_index() -> dict[str, set[str]]:
    """Known spellings by each way of dropping one of their letters."""
    index: dict[str, set[str]] = {}
    for known in _KNOWN_SPELLINGS:
        for dropped in _one_letter_dropped(known):
            index.setdefault(dropped, set()).add(known)
    return index


_KNOWN_BY_DROPPED_LETTER = _drop_index()


def _one_mistake_apart(a: str, b: str) -> bool:
    """One letter added, dropped or replaced, or two neighbouring letters swapped (Damerau-Levenshtein 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        shorter, longer = sorted((a, b), key=len)
        return shorter in _one_letter_dropped(longer)
    differ = [position for position in range(len(a)) if a[position] != b[position]]
    if len(differ) == 1:
        return True
    first, second = differ if len(differ) == 2 else (0, 0)
    return second == first + 1 and a[first] == b[second] and a[second] == b[first]


@lru_cache(maxsize=500_000)
def given_name_groups(normalised: str) -> tuple[str, ...]:
    """The formal names a given name may stand for, as spelling keys ('bill' -> ('vilaim',)); a name not in the
    table stands for itself. Sorted, so the first group is a stable blocking key."""
    key = spelling_key(normalised)
    if not key:
        return ()
    return tuple(sorted(_GROUPS_BY_KEY.get(key, (key,))))


@lru_cache(maxsize=500_000)
def near_given_name_groups(normalised: str) -> tuple[str, ...]:
    """For a given name the variant table does not know, the formal names of the known names one typing mistake
    away ('bexky' -> ('rebeca',), through 'becky'); () for a known name or a short one. Sorted."""
    key = spelling_key(normalised)
    if key in _GROUPS_BY_KEY or len(key) < NEAR_NAME_MIN_LENGTH:
        return ()
    formal: set[str] = set()
    for written in {normalised.replace(" ", ""), key}:
        candidates = set(_KNOWN_BY_DROPPED_LETTER.get(written, ()))
        for dropped in _one_letter_dropped(written):
            if dropped in _KNOWN_SPELLINGS:
                candidates.add(dropped)
            candidates |= _KNOWN_BY_DROPPED_LETTER.get(dropped, set())
        for known in candidates:
            if _one_mistake_apart(written, known):
                formal |= _KNOWN_SPELLINGS[known]
    return tuple(sorted(formal))
