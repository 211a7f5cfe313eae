"""Name keys used by record linkage on top of `marac.people.normalise.normalise_name`.

Two keys, both computed on normalised names (lower-case Latin letters and spaces):

- `spelling_key` folds the differences between transliteration systems and spelling habits (kh/h, zh/z,
  y/i/j, w/v, x/ks, doubled letters…), so that 'Yuliya', 'Iuliia' and 'Julia' share a key, as do
  'Oleksandr' and 'Olexandr', 'Mohamed' and 'Mohammed'.
- `given_name_groups` says which given names a name can stand for: a nickname or diminutive (Bill, Kasia,
  Sasha, Giorgos) or another spelling (Shivaun, Mohammed) shares a group with the formal name. A nickname
  can belong to more than one name (Chris: Christopher, Christine, Christian), so a name has a set of groups.
"""

import re
from functools import lru_cache

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
alexei aleksei aleksey oleksiy oleksii alyosha alesha lyosha
anastasia anastasiia anastasiya nastya nastia tasoula
andrew andy drew andrzej jedrek andriy andrii andrei andrey andreas andriyko
angelos angelo
angharad angie
anthony tony ant antonio tonino toto antonis antonios toni tonio tono antonio antoni to
aoife eefa eva
bartholomew bartosz bartek bart
bashir bashiir
benjamin ben benny benji
bridget bridie biddy brid breda brede
caoimhe keeva kweeva
catherine cathy cath kate katie kathy kath katherine kathryn katharine katarzyna kasia kaska katerina kateryna \
ekaterina yekaterina katya katia aikaterini ecaterina caterina
charles charlie chuck chas
charlotte charlie lottie
christian chris christiaan cristian
christine chris chrissie tina christina kristina krystyna krysia cristina
christopher chris kit krzysztof krzysiek christos
ciaran kieran
constantine konstantinos kostas konstantin kostya kostia constantin costel costi costica dinos
dafydd dai dewi
daniel dan danny daniele
david dave davy dai dewi dafydd dafyd davide
deborah debbie deb debs
demetrius dimitrios dimitris mitsos dmitri dmitry dmitriy dmytro dima mitya dumitru mitica
diarmuid dermot
domenico mimmo dominic dom
edmund eamon eamonn ned ted
edward ed ted eddie ned
eleanor ellie nell nora elinor
elena olena helen helena lena olenka lenuta ela eleni
elizabeth liz beth lizzie betty libby elzbieta ela elisabetta betta elisa elise elisabeth isabel isa chabela
emmanuel manolis emmanouil manuel manolo manel nel
eugene yevgeniy yevhen evgeny evgenii zhenya zhenia yevgen
eugenia yevgenia evgeniia zhenya zhenia
evangelia litsa eva evi
evangelos vangelis
fatima fatma fatuma faadumo fadumo faduma
fernanda nanda
fionnuala nuala finola
frances fran francesca franca cesca francisca xica
francis frank francisco paco curro chico francesco franco cecco frankie
gareth gaz gazza
george georgios giorgos yiorgos gheorghe gica jerzy jurek georgi georgiy yuri yurii yuriy yura jorge giorgio
georgia gogo georgiana georgi
giovanna gianna ioana joanna asia joasia ivanna hanna
giovanni gianni vanni ivan ioan ion ionel nelu ionut ioannis yiannis giannis jonas jan john johnny jack ian  iwan \
ifan ieuan evan sean shaun shawn shane eoin vanya ivas joao
grainne grania
gregory greg grzegorz grzesiek
guadalupe lupe
gwenllian gwen
gwilym gwil wil
halima halimo xaliimo
halyna galina halia galya
hassan hasan xasan
helen nell nellie
hussein husein hussain huseyin huseyn xuseen
huw hugh
hywel howell
ibrahim ebrahim ibraahim
ignacio nacho
inmaculada inma
isabella bella izzy isabelle
ismail ismaaciil esmail
jacob jakub kuba jake iacob yakub
jacqueline jackie jacqui jaqueline jacquelyn
james jim jimmy jamie seamus shay hamish jaime giacomo
jennifer jen jenny
jessica jess jessie
jesus chuy
jonathan jon jonny
joseph joe joey jose pepe ze giuseppe peppe beppe pino josef jozef yusuf yousef yusef yuusuf osip iosif
joshua josh
julia yulia yuliya iuliia julie juliia yulya yulia giulia julija iulia
khadija khadiija hadija kadija
khalid khaled
laurence lawrence larry laurie lorenzo enzo
layla leila laila
luigi gino
luke lukasz luka luca lukas
maeve meabh meave
magdalena magda madeleine madeline maddie
mahmoud mahmud mohamud maxamuud mahmut
margaret maggie peggy meg margo malgorzata gosia malgosia margarita marguerite
maria mary marie mari marija molly mamie masha maire maura moira mariya
maryam meryem meriem maryan mariam
matthew matt matty mateusz mati matteo mathew
mercedes merche
michael mike mick mickey michal mihai mihaita mikhail mykhailo mykhaylo misha michalis michail michele miguel
mohamed mohammed muhammad mohamad maxamed mohammad muhammed mehmet mehmed memet
montserrat montse
mustafa mustapha
natalia natalya natalie nataliia nataliya natasha natalka nat tally
niamh neve neeve
nicholas nick nicky nicolae nicu nicusor nikolaos nikos nikolai nikolay mykola kolya nicola niccolo nicolo
nikolas
oisin osheen oshin
olga olha olya olia
omar umar cumar omer
osman othman usman cusmaan
owain owen eoin
panagiotis panos takis
paraskevi voula evi
patricia pat trish patsy
patrick paddy pat padraig podge
paul pawel paolo paulo pavel pasha pavlo
peter pete piotr piotrek petro petr pedro pietro petru
philip phil pip phillip filip
przemyslaw przemek
rebecca becky becca bex
rhys rees reece rhyss
richard rick dick richie rich
robert bob rob bobby robbie roberto
roisin rosheen
rosario charo
ruairi rory ruari
sahra sahro zahra
said saeed saciid
samantha sam sammy
samuel sam sammy
santiago santi
sergei sergey sergiy serhii serhiy seryozha serezha sergiyko sergio sergiu
sian shan
sinead shinead shinade
siobhan shivaun chevonne shevaun
sophia sophie sofia zofia zosia sofiya sofiia
spyridon spyros
stanislaw staszek stan stanislav
stephen steve stevie steven stefan stefano stephan esteban steffan stelios
stylianos stelios
susan sue suzy susie
svetlana sveta svitlana svitla
tadhg teague teige
tatiana tatyana tetiana tetyana tanya tania
theodore theo thodoris theodoros fedor fyodor fedir
thomas tom tommy tomasz tomek tomos tomas tommaso
valentina vale
vasile vasilica vasilis vasileios vasyl vasiliy vasily vasya basil
victoria vicky tori vikki viktoriia viktoriya vika
vincenzo enzo vincent vince
vladimir volodymyr volodya vova
william bill will billy willy liam gwilym guillermo guglielmo wilhelm
wojciech wojtek
yaroslav yarik slava jaroslaw jarek
yasin yassin yaasiin
zainab zeinab zaynab zeynep
zbigniew zbyszek
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


@lru_cache(maxsize=500_000)
def given_name_groups(normalised: str) -> tuple[str, ...]:
    """The formal names a given name may stand for, as spelling keys ('bill' -> ('vilaim',)); a name not in the
    table stands for itself. Sorted, so the first group is a stable blocking key."""
    key = spelling_key(normalised)
    if not key:
        return ()
    return tuple(sorted(_GROUPS_BY_KEY.get(key, (key,))))
