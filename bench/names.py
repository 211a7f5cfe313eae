"""Name lists for the synthetic people generator, grouped by where the names are common.

Every list here was written for this generator: common given names and surnames, nicknames and spelling variants
as agencies in the UK meet them. Entries are ordered roughly from more to less common; the generator weights
them so that the first names of a list occur more often. A surname written "Kowalski|Kowalska" has a male and a
female form. Greek, Russian and Ukrainian names are kept in their own script and written out in Latin letters
by the generator's transliteration tables.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NameGroup:
    key: str
    # Share of the population with names from this group.
    weight: float
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    # Nicknames and diminutives: formal given name -> the short forms people also go by.
    nicknames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Other spellings of the same name in Latin letters (given names and surnames alike).
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Name of the transliteration tables for names kept in another script; empty for Latin-script names.
    script: str = ""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


def _table(text: str) -> dict[str, tuple[str, ...]]:
    """'William: Bill Will Billy' lines -> {'William': ('Bill', 'Will', 'Billy')}."""
    table = {}
    for line in _lines(text):
        name, variants = line.split(":")
        table[name.strip()] = tuple(variants.split())
    return table


ENGLISH = NameGroup(
    key="english",
    weight=40,
    female=_words(
        "Sarah Emma Laura Rebecca Katherine Elizabeth Victoria Samantha Jennifer Rachel Nicola Michelle Joanne "
        "Claire Lisa Donna Kelly Gemma Stacey Danielle Amy Zoe Megan Holly Jade Leanne Margaret Susan Patricia "
        "Deborah Karen Tracey Julie Helen Alison Olivia Amelia Emily Jessica Sophie Charlotte Hannah Lucy Grace "
        "Chloe Abigail Eleanor Natalie Kirsty Melissa Catherine Jacqueline Christine Wendy Paula Beverley"
    ),
    male=_words(
        "David Michael James John Robert Paul Mark Andrew Richard Stephen Christopher Daniel Matthew Thomas "
        "William Anthony Peter Jonathan Benjamin Samuel Alexander Edward Nicholas Lee Craig Dean Wayne Darren "
        "Gary Kevin Jason Ryan Liam Connor Callum Jordan Jack Harry George Oliver Joshua Joseph Luke Adam "
        "Simon Neil Graham Keith Stuart Martin Philip Ian Barry Carl Shane Ashley Jamie"
    ),
    surnames=_words(
        "Smith Jones Taylor Brown Wilson Johnson Wright Walker Robinson Thompson White Hughes Edwards Green Hall "
        "Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson "
        "Baker Harrison Morgan Young Allen Mitchell James Anderson Phillips Lee Bell Parker Davis Shaw Marshall "
        "Cook Bennett Fletcher Holmes Barker Ellis Chapman Webb Hunt Pearson Ashworth Whitfield Pickering "
        "Entwistle Cartwright Heywood Oldroyd Sutcliffe Greenhalgh Rowbotham Blackburn Fairclough Hargreaves "
        "Butterworth Lockwood Ramsbottom Haworth Dobson Atkinson Kershaw Ackroyd Brierley Crowther Gledhill "
        "Hepworth Illingworth Mortimer Nuttall Pilkington Sowerby Thackeray Wadsworth Whittaker Holroyd"
    ),
    nicknames=_table(
        """
        William: Bill Will Billy
        Robert: Bob Rob Bobby Robbie
        Elizabeth: Liz Beth Lizzie Betty Libby
        Katherine: Kate Katie Kathy Kath
        Catherine: Cathy Cath Kate
        Margaret: Maggie Peggy Meg Margo
        James: Jim Jimmy Jamie
        Michael: Mike Mick Mickey
        Thomas: Tom Tommy
        Richard: Rick Dick Richie Rich
        Edward: Ed Ted Eddie Ned
        Anthony: Tony Ant
        Christopher: Chris Kit
        Daniel: Dan Danny
        Jennifer: Jen Jenny
        Rebecca: Becky Becca Bex
        Victoria: Vicky Tori Vikki
        Samantha: Sam Sammy
        Alexander: Alex Sandy Xander
        Susan: Sue Suzy Susie
        Patricia: Pat Trish Patsy
        Deborah: Debbie Deb Debs
        Joseph: Joe Joey
        Nicholas: Nick Nicky
        Stephen: Steve Stevie
        Matthew: Matt Matty
        Jonathan: Jon Jonny
        Benjamin: Ben Benny
        Samuel: Sam Sammy
        Charlotte: Charlie Lottie
        Eleanor: Ellie Nell Nora
        Jacqueline: Jackie Jacqui
        Christine: Chris Chrissie Tina
        Abigail: Abbie Gail
        Natalie: Nat Tally
        Andrew: Andy Drew
        David: Dave Davy
        Peter: Pete
        Philip: Phil Pip
        Joshua: Josh
        Jessica: Jess Jessie
        Olivia: Liv Livvy
        Emily: Em Emmy
        Helen: Nell
        Beverley: Bev
        Graham: Gray
        Stuart: Stu
        Gary: Gaz
        Barry: Baz
        Wayne: Waz
        """
    ),
    spellings=_table(
        """
        Clarke: Clark
        Davis: Davies
        Jacqueline: Jaqueline Jacquelyn
        Stephen: Steven
        Philip: Phillip
        Zoe: Zoey
        Leanne: Lianne Leann
        Kirsty: Kirstie Kirsti
        Stacey: Stacy Stacie
        Tracey: Tracy Tracie
        Beverley: Beverly
        Geoffrey: Jeffrey
        Ashworth: Ashwood
        Whitfield: Whitefield
        """
    ),
)

WELSH = NameGroup(
    key="welsh",
    weight=5,
    female=_words(
        "Siân Cerys Carys Ffion Rhiannon Bethan Catrin Eleri Gwen Nia Lowri Megan Angharad Llinos Manon Seren "
        "Elin Mari Heledd Non Gwenllian Sioned Eirlys Delyth Mererid"
    ),
    male=_words(
        "Dafydd Rhys Gethin Iwan Owain Huw Ieuan Tomos Gareth Emyr Aled Dylan Ioan Llŷr Cai Geraint Bryn Gwilym "
        "Hywel Trefor Rhodri Steffan Osian Elis Meirion"
    ),
    surnames=_words(
        "Jones Williams Davies Evans Thomas Roberts Hughes Lewis Morgan Griffiths Price Pritchard Powell Llewellyn "
        "Pugh Vaughan Rees Jenkins Parry Bowen Lloyd Howells Probert Bevan Meredith Prosser Gwynne Rowlands Owen "
        "Humphreys Ellis Edwards Morris Phillips James Watkins Gruffydd Cadwaladr Wynne"
    ),
    nicknames=_table(
        """
        Dafydd: Dai Dewi Dave
        Gwenllian: Gwen
        Gwilym: Gwil Wil
        Gareth: Gaz Gazza
        Rhodri: Rhod
        Angharad: Angie
        Trefor: Tref
        """
    ),
    spellings=_table(
        """
        Rhys: Rees Reece Rhyss
        Siân: Shan Sian
        Iwan: Ifan Evan
        Owain: Owen
        Huw: Hugh
        Ieuan: Ioan Iefan
        Tomos: Thomas
        Dafydd: David Dafyd
        Gruffydd: Griffith Gruffudd
        Llewellyn: Llywelyn Lewellyn
        Hywel: Howell Hywell
        Cadwaladr: Cadwallader
        Lowri: Lowrie
        Cerys: Ceris
        """
    ),
)

IRISH = NameGroup(
    key="irish",
    weight=7,
    female=_words(
        "Siobhán Aoife Niamh Ciara Sinéad Orla Róisín Caoimhe Saoirse Aisling Clodagh Gráinne Máire Bríd Deirdre "
        "Eimear Fionnuala Méabh Sorcha Nuala Mary Bridget Kathleen Maeve Áine Úna"
    ),
    male=_words(
        "Seán Pádraig Ciarán Cian Oisín Darragh Eoin Conor Colm Declan Dónal Fergal Liam Niall Rónán Tadhg "
        "Diarmuid Éamon Séamus Cathal Brendan Kieran Aidan Patrick Ruairí Fiachra"
    ),
    surnames=_lines(
        """
        Murphy
        Kelly
        O'Sullivan
        Walsh
        O'Brien
        Byrne
        Ryan
        O'Connor
        O'Neill
        O'Reilly
        Doyle
        McCarthy
        Gallagher
        O'Doherty
        Kennedy
        Lynch
        Murray
        Quinn
        McLoughlin
        O'Carroll
        Connolly
        Daly
        O'Connell
        Dunne
        Brennan
        Burke
        Collins
        Fitzgerald
        MacNamara
        Ó Briain
        Ó Súilleabháin
        Mac Giolla Phádraig
        Ní Bhriain
        McGuinness
        Ó Floinn
        Nic Aodha
        Delaney
        Keane
        Flanagan
        """
    ),
    nicknames=_table(
        """
        Pádraig: Paddy Pat Podge
        Patrick: Paddy Pat
        Séamus: Shay
        Bridget: Biddy Bridie
        Kathleen: Kath Kathy
        Fionnuala: Nuala Finola
        Diarmuid: Dermot
        Mary: Molly Mamie
        """
    ),
    spellings=_table(
        """
        Seán: Shaun Shawn Sean
        Siobhán: Shivaun Chevonne Shevaun
        Niamh: Neve Neeve
        Caoimhe: Keeva Kweeva
        Róisín: Rosheen
        Sinéad: Shinead Shinade
        Máire: Maura Moira
        Bríd: Breda Brede
        Tadhg: Teague Teige
        Dónal: Donal Donall
        Rónán: Ronan
        Ciarán: Kieran Ciaran
        Eoin: Owen Eoghan
        Éamon: Eamonn Eamon
        Méabh: Maeve Meave
        Aoife: Eefa
        Gráinne: Grania
        Oisín: Osheen Oshin
        Ruairí: Rory Ruari
        O'Sullivan: Sullivan
        O'Brien: Brien OBryan
        McCarthy: MacCarthy
        McLoughlin: MacLoughlin McLaughlin
        MacNamara: McNamara
        Ó Briain: O'Brien
        Ó Súilleabháin: O'Sullivan
        Ó Floinn: Flynn
        McGuinness: Magennis Guinness
        """
    ),
)

POLISH = NameGroup(
    key="polish",
    weight=8,
    female=_words(
        "Anna Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Magdalena Elżbieta Joanna Aleksandra Monika "
        "Zofia Natalia Justyna Dorota Beata Marta Paulina Weronika Karolina Żaneta Jadwiga Grażyna Urszula"
    ),
    male=_words(
        "Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Jakub Łukasz Grzegorz Wojciech Mateusz Adam Marek "
        "Kamil Szymon Dawid Bartosz Jarosław Przemysław Sebastian Rafał Zbigniew Stanisław Jerzy"
    ),
    surnames=_words(
        "Nowak Kowalski|Kowalska Wiśniewski|Wiśniewska Wójcik Kowalczyk Kamiński|Kamińska "
        "Lewandowski|Lewandowska Zieliński|Zielińska Szymański|Szymańska Woźniak Dąbrowski|Dąbrowska "
        "Kozłowski|Kozłowska Jankowski|Jankowska Mazur Kwiatkowski|Kwiatkowska Krawczyk Piotrowski|Piotrowska "
        "Grabowski|Grabowska Nowakowski|Nowakowska Pawłowski|Pawłowska Michalski|Michalska Wróbel "
        "Jabłoński|Jabłońska Król Majewski|Majewska Zając Górski|Górska Sikora Walczak Baran "
        "Rutkowski|Rutkowska Szczepański|Szczepańska Przybylski|Przybylska Chmielewski|Chmielewska "
        "Brzeziński|Brzezińska Grzybowski|Grzybowska Szczęsny|Szczęsna Łuczak Kaczmarek Pietrzak"
    ),
    nicknames=_table(
        """
        Katarzyna: Kasia Kaśka Kate
        Małgorzata: Gosia Małgosia Margaret
        Agnieszka: Aga Agnes
        Joanna: Asia Joasia
        Magdalena: Magda
        Aleksandra: Ola Ala
        Elżbieta: Ela Elizabeth
        Zofia: Zosia Sophie
        Barbara: Basia
        Krystyna: Krysia
        Jadwiga: Jadzia
        Urszula: Ula
        Piotr: Piotrek Peter
        Krzysztof: Krzysiek Chris
        Tomasz: Tomek Tom
        Paweł: Paul
        Michał: Michael
        Jakub: Kuba Jacob
        Grzegorz: Grzesiek Greg
        Wojciech: Wojtek
        Mateusz: Matthew Mati
        Łukasz: Luke
        Stanisław: Staszek Stan
        Zbigniew: Zbyszek
        Przemysław: Przemek
        Jarosław: Jarek
        Andrzej: Andrew Jędrek
        Bartosz: Bartek
        Jerzy: Jurek George
        """
    ),
)

ROMANIAN = NameGroup(
    key="romanian",
    weight=6,
    female=_words(
        "Maria Elena Ioana Andreea Alexandra Mihaela Ana Cristina Gabriela Daniela Alina Raluca Roxana Simona "
        "Georgiana Florentina Luminița Mădălina Oana Irina Bianca Denisa Larisa Anca"
    ),
    male=_words(
        "Ion Gheorghe Alexandru Andrei Mihai Constantin Vasile Ionuț Florin Adrian Cristian Marian Nicolae Ștefan "
        "Bogdan Răzvan Cătălin Dumitru Daniel Sorin Lucian Ovidiu Petru Viorel Costin"
    ),
    surnames=_words(
        "Popescu Ionescu Popa Pop Radu Dumitrescu Stoica Stan Gheorghe Munteanu Constantin Matei Dinu Rusu Lungu "
        "Mocanu Tudor Marin Barbu Ene Zamfir Florea Nistor Cojocaru Ciobanu Moldovan Oprea Dobre Vasilescu "
        "Anghel Țurcanu Voicu Căpraru Șerban Bălan Nedelcu Păun Georgescu"
    ),
    nicknames=_table(
        """
        Ion: Ionel Nelu
        Gheorghe: Gică George
        Alexandru: Alex Sandu
        Constantin: Costel Costi Costică
        Vasile: Vasilică
        Nicolae: Nicu Nicușor
        Mihai: Mihăiță
        Ștefan: Fănel
        Dumitru: Mitică
        Elena: Ela Lenuța
        Gabriela: Gabi
        Daniela: Dana
        Alexandra: Alexa
        Georgiana: Georgi
        """
    ),
)

LITHUANIAN = NameGroup(
    key="lithuanian",
    weight=3,
    female=_words(
        "Ona Rūta Jurgita Asta Vilma Indrė Eglė Giedrė Laura Aušra Kristina Rasa Gintarė Ieva Simona Dalia "
        "Jolanta Vaida Austėja Gabija"
    ),
    male=_words(
        "Jonas Tomas Mantas Darius Andrius Paulius Marius Tadas Vytautas Mindaugas Algirdas Rimantas Giedrius "
        "Lukas Žygimantas Aurimas Kęstutis Arūnas Saulius Dovydas"
    ),
    surnames=_words(
        "Kazlauskas|Kazlauskienė Jankauskas|Jankauskienė Petrauskas|Petrauskienė Stankevičius|Stankevičienė "
        "Vasiliauskas|Vasiliauskienė Žukauskas|Žukauskienė Butkus|Butkienė Paulauskas|Paulauskienė "
        "Urbonas|Urbonienė Kavaliauskas|Kavaliauskienė Navickas|Navickienė Ramanauskas|Ramanauskienė "
        "Savickas|Savickienė Rimkus|Rimkienė Baranauskas|Baranauskienė Šimkus|Šimkienė "
        "Lukoševičius|Lukoševičienė Žilinskas|Žilinskienė Mockus|Mockienė Adomaitis|Adomaitienė"
    ),
    nicknames=_table(
        """
        Vytautas: Vytas
        Kęstutis: Kęstas
        Žygimantas: Žygis
        Algirdas: Algis
        Rimantas: Rimas
        Aurimas: Auris
        Kristina: Kristė
        """
    ),
)

PORTUGUESE = NameGroup(
    key="portuguese",
    weight=4,
    female=_words(
        "Maria Ana Mariana Beatriz Inês Joana Catarina Sofia Rita Marta Carolina Francisca Leonor Filipa Sara "
        "Cláudia Patrícia Sónia Fernanda Conceição Graça Lurdes"
    ),
    male=_words(
        "João José António Francisco Manuel Pedro Rui Tiago Miguel Nuno Paulo Luís Ricardo Diogo Gonçalo Rodrigo "
        "Duarte Afonso Vasco Bruno Hélio Sérgio"
    ),
    surnames=_lines(
        """
        Silva
        Santos
        Ferreira
        Pereira
        Oliveira
        Costa
        Rodrigues
        Martins
        Jesus
        Sousa
        Fernandes
        Gonçalves
        Gomes
        Lopes
        Marques
        Alves
        Almeida
        Ribeiro
        Pinto
        Carvalho
        Teixeira
        Moreira
        Correia
        Mendes
        Nunes
        Soares
        Vieira
        Monteiro
        Cardoso
        Rocha
        Raposo
        Neves
        Coelho
        Cruz
        Cunha
        Pires
        Simões
        Magalhães
        Guimarães
        da Silva
        dos Santos
        de Sousa
        """
    ),
    nicknames=_table(
        """
        José: Zé
        António: Tó Toni
        Francisco: Chico
        Manuel: Manel Nel
        Fernanda: Nanda
        Conceição: São
        Francisca: Xica
        Gonçalo: Gonça
        """
    ),
    spellings=_table(
        """
        Luís: Luiz
        Sousa: Souza
        da Silva: Silva
        dos Santos: Santos
        de Sousa: Sousa
        Teixeira: Texeira
        """
    ),
)

SPANISH = NameGroup(
    key="spanish",
    weight=3,
    female=_words(
        "María Carmen Lucía Laura Marta Paula Ana Cristina Isabel Elena Pilar Dolores Rocío Nuria Raquel Silvia "
        "Inmaculada Montserrat Begoña Ainhoa Guadalupe Concepción Mercedes Rosario"
    ),
    male=_words(
        "José Antonio Manuel Francisco David Javier Daniel Carlos Jesús Alejandro Miguel Rafael Pablo Sergio "
        "Fernando Jorge Alberto Álvaro Ignacio Enrique Iñaki Joaquín Íñigo Santiago"
    ),
    surnames=_words(
        "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
        "Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez "
        "Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias "
        "Medina Garrido"
    ),
    nicknames=_table(
        """
        José: Pepe
        Francisco: Paco Curro
        Dolores: Lola
        Guadalupe: Lupe
        Ignacio: Nacho
        Manuel: Manolo
        Concepción: Concha Conchita
        Enrique: Quique
        Jesús: Chuy
        Antonio: Toño
        Rosario: Charo
        Mercedes: Merche
        Montserrat: Montse
        Inmaculada: Inma
        Alejandro: Álex
        Fernando: Nando
        Santiago: Santi
        Javier: Javi
        Isabel: Isa Chabela
        Pilar: Pili
        Cristina: Cris
        """
    ),
    spellings=_table(
        """
        Javier: Xavier
        Álvarez: Alvares
        Vázquez: Vasquez
        Jiménez: Gimenez Ximenez
        """
    ),
)

ITALIAN = NameGroup(
    key="italian",
    weight=4,
    female=_words(
        "Giulia Francesca Chiara Sara Martina Valentina Alessandra Federica Silvia Elisa Elisabetta Giovanna Rosa "
        "Angela Paola Antonella Lucia Roberta Simona Daniela Ilaria Beatrice Concetta Carmela"
    ),
    male=_words(
        "Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico "
        "Bruno Paolo Michele Giorgio Alessandro Marco Luca Andrea Stefano Matteo Lorenzo Niccolò"
    ),
    surnames=_lines(
        """
        Rossi
        Russo
        Ferrari
        Esposito
        Bianchi
        Romano
        Colombo
        Ricci
        Marino
        Greco
        Bruno
        Gallo
        Conti
        De Luca
        Mancini
        Costa
        Giordano
        Rizzo
        Lombardi
        Moretti
        Barbieri
        Fontana
        Santoro
        Mariani
        Rinaldi
        Caruso
        Ferrara
        Galli
        Martini
        Leone
        Longo
        Gentile
        Martinelli
        Vitale
        Lombardo
        Serra
        Coppola
        De Santis
        D'Angelo
        Marchetti
        Parisi
        Villa
        Conte
        Ferraro
        Fabbri
        D'Amico
        """
    ),
    nicknames=_table(
        """
        Giuseppe: Peppe Beppe Pino
        Giovanni: Gianni Vanni
        Francesco: Franco Cecco
        Alessandro: Sandro Alex
        Antonio: Tonino Totò
        Salvatore: Turi Totò
        Vincenzo: Enzo
        Domenico: Mimmo
        Luigi: Gino
        Elisabetta: Betta Elisa
        Giovanna: Gianna
        Francesca: Franca Cesca
        Concetta: Tina
        Carmela: Melina
        Valentina: Vale
        Federica: Fede
        Alessandra: Sandra
        """
    ),
    spellings=_table(
        """
        D'Angelo: DAngelo Dangelo
        D'Amico: DAmico Damico
        De Luca: DeLuca
        De Santis: DeSantis
        Niccolò: Nicolo
        """
    ),
)

TURKISH = NameGroup(
    key="turkish",
    weight=4,
    female=_words(
        "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem Esra Büşra Gülsüm "
        "Derya Yasemin Dilek Ebru"
    ),
    male=_words(
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman "
        "Abdullah Mahmut Recep Emre Burak Oğuz Serkan"
    ),
    surnames=_words(
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara "
        "Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş Güler Yalçın Güneş "
        "Bozkurt Bulut"
    ),
    spellings=_table(
        """
        Mehmet: Mehmed Memet
        Hüseyin: Huseyn Hussein
        Mustafa: Mustapha
        Ömer: Omar
        Süleyman: Suleiman Sulayman
        Ayşe: Aysha Aise
        Fatma: Fatima
        Zeynep: Zeinab
        Meryem: Maryam Meriem
        Abdullah: Abdallah
        Mahmut: Mahmud
        Ahmet: Ahmed
        """
    ),
)

SOMALI_ARABIC = NameGroup(
    key="somali_arabic",
    weight=5,
    female=_words(
        "Fatima Khadija Amina Aisha Halima Hodan Asha Faduma Sahra Hibo Ayan Safiya Maryan Nasra Ubah Ifrah Hawa "
        "Sagal Zainab Layla Ilhan Muna"
    ),
    male=_words(
        "Mohamed Ahmed Abdirahman Abdullahi Hassan Hussein Ali Omar Yusuf Ibrahim Ismail Abdi Mahad Farah "
        "Abdiaziz Mustafa Khalid Bashir Yasin Abdikarim Said Osman"
    ),
    surnames=_lines(
        """
        Mohamed
        Ahmed
        Ali
        Hassan
        Hussein
        Abdi
        Omar
        Farah
        Jama
        Warsame
        Osman
        Yusuf
        Nur
        Egal
        Dahir
        Hirsi
        Aden
        Guled
        Mohamud
        Ibrahim
        Ismail
        Abdullahi
        Elmi
        Duale
        Samatar
        Gedi
        Abdulle
        Barre
        Haji
        Shire
        Al-Hassan
        Al-Amin
        Haddad
        Khalil
        Mansour
        Nasser
        Saleh
        """
    ),
    spellings=_table(
        """
        Mohamed: Mohammed Muhammad Mohamad Maxamed Mohammad
        Ahmed: Ahmad Axmed
        Abdirahman: Abdurahman Abdulrahman Cabdiraxmaan
        Abdullahi: Abdillahi Abdallah Cabdullaahi
        Hassan: Hasan Xasan
        Hussein: Husein Hussain Xuseen
        Ali: Aly Cali
        Omar: Umar Cumar
        Yusuf: Yousef Yusef Yuusuf
        Ibrahim: Ebrahim Ibraahim
        Ismail: Ismaaciil Esmail
        Abdi: Cabdi
        Farah: Faarax
        Fatima: Fatuma Faadumo Fadumo
        Faduma: Fadumo Faadumo
        Khadija: Khadiija Hadija Kadija
        Amina: Aamina
        Aisha: Ayesha Caasha
        Halima: Xaliimo Halimo
        Osman: Othman Usman Cusmaan
        Mohamud: Mahmoud Mahmud Maxamuud
        Said: Saeed Saciid
        Khalid: Khaled
        Yasin: Yassin Yaasiin
        Zainab: Zeinab Zaynab
        Layla: Leila Laila
        Jama: Jaamac
        Nur: Noor
        Aden: Adan Aadan
        Hirsi: Xirsi
        Dahir: Daahir Tahir
        Mustafa: Mustapha
        Bashir: Bashiir
        Sahra: Sahro Zahra
        Abdulle: Cabdulle
        Abdikarim: Abdulkarim Cabdikariim
        Abdiaziz: Abdulaziz Cabdicasiis
        Al-Hassan: Alhassan Hassan
        Al-Amin: Alamin Amin
        Mansour: Mansur
        Nasser: Nasir Naser
        """
    ),
)

GREEK = NameGroup(
    key="greek",
    weight=2,
    female=_words(
        "Μαρία Ελένη Αικατερίνη Βασιλική Σοφία Αγγελική Γεωργία Δήμητρα Κωνσταντίνα Παρασκευή Ιωάννα Χριστίνα "
        "Αναστασία Ευαγγελία Φωτεινή Δέσποινα Ειρήνη Θεοδώρα Χρυσούλα Ευτυχία"
    ),
    male=_words(
        "Γεώργιος Ιωάννης Κωνσταντίνος Δημήτριος Νικόλαος Παναγιώτης Βασίλειος Χρήστος Αθανάσιος Μιχαήλ "
        "Ευάγγελος Σπυρίδων Αντώνιος Αναστάσιος Θεόδωρος Ανδρέας Χαράλαμπος Στυλιανός Ελευθέριος Εμμανουήλ"
    ),
    surnames=_words(
        "Παπαδόπουλος|Παπαδοπούλου Παπαγεωργίου Οικονόμου Παπαδάκης|Παπαδάκη Βασιλείου Γεωργίου Νικολάου "
        "Παπανικολάου Αντωνίου Δημητρίου Ιωάννου Μακρής|Μακρή Αθανασίου Κωνσταντίνου Παπαδημητρίου "
        "Χριστοδούλου Γεωργιάδης|Γεωργιάδου Αλεξίου Καραγιάννης|Καραγιάννη Παππάς|Παππά Μαυρίδης|Μαυρίδου "
        "Οικονομίδης|Οικονομίδου Σταματόπουλος|Σταματοπούλου Κυριακίδης|Κυριακίδου Λαμπράκης|Λαμπράκη "
        "Τσακίρης|Τσακίρη Ζαχαρίου Μιχαηλίδης|Μιχαηλίδου Πετρόπουλος|Πετροπούλου Χατζηδάκης|Χατζηδάκη"
    ),
    nicknames=_table(
        """
        Γεώργιος: Γιώργος
        Ιωάννης: Γιάννης
        Κωνσταντίνος: Κώστας Ντίνος
        Δημήτριος: Δημήτρης Μήτσος
        Νικόλαος: Νίκος
        Παναγιώτης: Πάνος Τάκης
        Βασίλειος: Βασίλης
        Αθανάσιος: Θανάσης Σάκης
        Ευάγγελος: Βαγγέλης
        Σπυρίδων: Σπύρος
        Αντώνιος: Αντώνης
        Αναστάσιος: Τάσος
        Θεόδωρος: Θοδωρής
        Ελευθέριος: Λευτέρης
        Εμμανουήλ: Μανώλης
        Χαράλαμπος: Χάρης Μπάμπης
        Στυλιανός: Στέλιος
        Μιχαήλ: Μιχάλης
        Αικατερίνη: Κατερίνα
        Βασιλική: Βάσω
        Αγγελική: Κική
        Παρασκευή: Βούλα Εύη
        Ευαγγελία: Λίτσα Εύα
        Γεωργία: Γωγώ
        Κωνσταντίνα: Ντίνα
        Χρυσούλα: Χρύσα
        """
    ),
    script="greek",
)

UKRAINIAN = NameGroup(
    key="ukrainian",
    weight=3,
    female=_words(
        "Олена Ольга Наталія Тетяна Ірина Оксана Юлія Світлана Катерина Марія Анна Людмила Вікторія Галина Надія "
        "Валентина Анастасія Софія Дарина Ганна"
    ),
    male=_words(
        "Олександр Сергій Андрій Володимир Віктор Дмитро Юрій Олег Іван Микола Василь Михайло Петро Богдан Тарас "
        "Максим Артем Євген Ярослав Віталій"
    ),
    surnames=_words(
        "Мельник Шевченко Бойко Коваленко Бондаренко Ткаченко Ковальчук Кравченко Олійник Шевчук Коваль Поліщук "
        "Бондар Ткачук Марченко Руденко Савченко Мороз Лисенко Петренко Клименко Павленко Кравчук Гончаренко "
        "Кузьменко Литвиненко Романенко Карпенко Левченко Мартинюк Ковальський|Ковальська Савицький|Савицька"
    ),
    nicknames=_table(
        """
        Олександр: Саша Сашко
        Олена: Оленка Лена
        Наталія: Наталка Наташа
        Тетяна: Таня
        Катерина: Катя
        Юлія: Юля
        Анастасія: Настя
        Володимир: Володя Вова
        Дмитро: Діма
        Михайло: Міша
        Іван: Ваня Івась
        Микола: Коля
        Василь: Вася
        Євген: Женя
        Ярослав: Ярик Слава
        Віталій: Віталік
        Сергій: Сергійко
        Андрій: Андрійко
        Світлана: Світла
        Галина: Галя
        Людмила: Люда
        """
    ),
    script="ukrainian",
)

RUSSIAN = NameGroup(
    key="russian",
    weight=2,
    female=_words(
        "Елена Ольга Наталья Татьяна Ирина Светлана Екатерина Мария Анна Юлия Анастасия Людмила Галина Марина "
        "Ксения Дарья Евгения Алёна Вера Надежда"
    ),
    male=_words(
        "Александр Сергей Дмитрий Андрей Алексей Владимир Михаил Иван Николай Евгений Максим Павел Игорь "
        "Константин Юрий Олег Виктор Артём Роман Денис"
    ),
    surnames=_words(
        "Иванов|Иванова Смирнов|Смирнова Кузнецов|Кузнецова Попов|Попова Васильев|Васильева Петров|Петрова "
        "Соколов|Соколова Михайлов|Михайлова Новиков|Новикова Фёдоров|Фёдорова Морозов|Морозова "
        "Волков|Волкова Алексеев|Алексеева Лебедев|Лебедева Семёнов|Семёнова Егоров|Егорова Павлов|Павлова "
        "Козлов|Козлова Степанов|Степанова Николаев|Николаева Орлов|Орлова Андреев|Андреева Макаров|Макарова "
        "Никитин|Никитина Захаров|Захарова Зайцев|Зайцева Соловьёв|Соловьёва Борисов|Борисова "
        "Яковлев|Яковлева Григорьев|Григорьева"
    ),
    nicknames=_table(
        """
        Александр: Саша Шура
        Алексей: Алёша Лёша
        Дмитрий: Дима Митя
        Екатерина: Катя
        Наталья: Наташа
        Мария: Маша
        Елена: Лена
        Ольга: Оля
        Анастасия: Настя
        Владимир: Володя Вова
        Михаил: Миша
        Сергей: Серёжа
        Юлия: Юля
        Татьяна: Таня
        Иван: Ваня
        Николай: Коля
        Евгений: Женя
        Павел: Паша
        Константин: Костя
        Светлана: Света
        Ирина: Ира
        Ксения: Ксюша
        Дарья: Даша
        Евгения: Женя
        Надежда: Надя
        Людмила: Люда
        Галина: Галя
        Юрий: Юра
        Виктор: Витя
        Роман: Рома
        Артём: Тёма
        Максим: Макс
        """
    ),
    script="russian",
)

GROUPS: tuple[NameGroup, ...] = (
    ENGLISH,
    WELSH,
    IRISH,
    POLISH,
    ROMANIAN,
    LITHUANIAN,
    PORTUGUESE,
    SPANISH,
    ITALIAN,
    TURKISH,
    SOMALI_ARABIC,
    GREEK,
    UKRAINIAN,
    RUSSIAN,
)

STREETS = _words(
    "Mill Church Station Victoria Albert Park Queen King High Chapel Bridge School Green North South West "
    "East Manor Grange Meadow Orchard Willow Oak Elm Ash Beech Birch Cedar Chestnut Hazel Holly Rowan Sycamore "
    "Laurel Poplar Maple Hawthorn Heather Primrose Bluebell Foxglove Clover Thistle Fern Ivy Moss Brook River "
    "Canal Wharf Quarry Forge Tannery Weavers Spinners Dyers Coopers Masons Millers Bakers Farriers Carters "
    "Drovers Shepherds Ploughmans Harvest Windmill Watermill Castle Abbey Priory Minster Rectory Vicarage "
    "Hall Lodge Court Tower Gate Market Cross Fountain Spring Well Pond Lake Marsh Moor Heath Common Field "
    "Hill Ridge Vale Dale Glen Hollow Wood Copse Spinney Coppice Fold Croft Garth Ings Carr Lea Nook Crag"
)
STREET_KINDS = _words(
    "Road Street Lane Close Avenue Drive Way Crescent Terrace Gardens Place Grove Row Walk Rise View Mews Court"
)
TOWNS = _words(
    "Riverside Hillcrest Ashford Millbrook Oakfield Stonebridge Kingsmead Fairhaven Westbury Northam "
    "Eastwood Southgate Redmoor Greenhow Blackwater Whitecliffe Thornbury Elmstead Harwood Longridge "
    "Marsden Brackley Cawthorne Denholme Emley Farnley Garforth Holmfirth Ilkley Keighley Lindley Meltham "
    "Netherton Ossett Pudsey Queensbury Rastrick Shelley Thornhill Upton Wyke Yeadon"
)
# First letters of postcode areas for the synthetic towns; the format is the UK one (AA9 9AA) but these are
# not meant to locate anywhere.
POSTCODE_AREAS = _words("RV HC AF MB OK SB KM FH WB NM EW SG RM GH BW WC TB ES HW LR")


def _combine(roots: str, endings: str) -> tuple[str, ...]:
    return tuple(root + ending for root in roots.split() for ending in endings.split())


# Less common surnames, built from parts the way many surnames were formed (a place, a trade or a father's
# name and an ending). Each group draws about half its surnames from here, evenly, so that a large extract
# has the long tail of rare surnames real ones have.
SURNAME_TAILS: dict[str, tuple[str, ...]] = {
    "english": _combine(
        "Ash Black Brad Brom Bur Cal Chad Chis Cold Crom Dal Dun Eg Fair Farn Fen Gar Green Hal Hart Hay Hol Horn "
        "Ing Kings Lang Lit Mar Mid Mor New Nor Old Pen Rad Red Ros Shel Stan Stock Sut Thorn Tod Wad Wal Wat "
        "Wen West Whit Win Wy Bar Bel Bright Brook Chap Clif Cran Dart Elm Ever Fox Hather Lock Long Mill Pres",
        "ton ley by ham field wood worth croft shaw well combe ford bridge burn hurst cliffe stone thorpe wick "
        "den more land ridge dale",
    ),
    "welsh": (),
    "irish": _combine(
        "O' Mc Mac",
        "Donnell Carthy Grath Mahon Keefe Dowd Shea Leary Hanlon Rourke Dwyer Flaherty Gorman Hare Hagan Kane "
        "Loughlin Guire Kenna Ginley Cabe Govern Closkey Fadden Nally Sweeney Hara Driscoll Callaghan Mara "
        "Toole Riordan Halloran Brennan Gowan Kiernan",
    ),
    "polish": tuple(
        f"{root}ski|{root}ska"
        for root in _words(
            "Biał Brzeziń Chmielew Dąbrow Gór Grabow Jankow Kamiń Kozłow Kwiatkow Lewandow Majew Michal "
            "Nowakow Olszew Ostrow Pawłow Piotrow Przybyl Rutkow Sadow Sobolew Szczepań Szymań Wiśniew Wróblew "
            "Zawadz Zieliń Żuraw Kalin Malinow Markow Borkow Lipiń Tomaszew Wasilew Jasiń Stawiń Ruciń Sokołow "
            "Wilczyń Wojciechow Zalew Baranow Dudziń Karpiń Krajew Kuliń Lesiń Łapiń Orłow Radom Sikor "
            "Urbań Zbor"
        )
    )
    + _combine("Kowal Wój Szewc Kuchar Piekar Stol Młynar Bednar Kubi Maci Walcz Jóźwi Wawrzy", "czyk ak ek"),
    "romanian": _combine(
        "Pop Ion Dumitr Georg Vasil Petr Stan Nicol Constantin Marin Radul Mihal Iord Teodor Grigor Manol Dobr "
        "Tudor Anghel Bogd Cristea Diacon Fil Lazăr Mateesc Negr Oprisc Pavel Roman Sandu Tănas Vlăd",
        "escu eanu",
    ),
    "lithuanian": tuple(
        f"{root}{male}|{root}{female}"
        for root in _words(
            "Kazl Jank Petr Vasili Žuk Paul Kavali Raman Baran Stan Šimk Grig Lauc Min Sabal Tam Urb Valanč "
            "Zabiel Bagd Dov Gud Jon Krikšt Mack Norv Pakal"
        )
        for male, female in (("auskas", "auskienė"), ("aitis", "aitienė"), ("ėnas", "ėnienė"))
    ),
    "portuguese": _words(
        "Amaral Antunes Barbosa Batista Brandão Campos Castro Dias Duarte Esteves Faria Fonseca Freitas Garcia "
        "Henriques Leal Lima Lobo Macedo Machado Matos Medeiros Melo Miranda Morais Nogueira Oliveira Paiva "
        "Pacheco Pinheiro Quintas Reis Sá Sampaio Santana Seixas Serrano Tavares Torres Vaz Valente Xavier"
    ),
    "spanish": _words(
        "Aguilar Arias Benítez Bravo Caballero Calvo Campos Cano Carmona Carrasco Castillo Cortés Crespo Cruz "
        "Diez Durán Escobar Esteban Fuentes Gallego Gallardo Herrera Ibáñez León Lorenzo Lozano Márquez Mora "
        "Montero Nieto Pascual Peña Prieto Reyes Rojas Román Sáez Santana Santos Soler Vega Vicente Vidal "
        "Villar Zamora Aranda Barrios Bermúdez Cabrera Cuesta Domingo Espinosa Ferrer Guerrero Hidalgo"
    ),
    "italian": _words(
        "Amato Bellini Benedetti Bernardi Bianco Caputo Carbone Cattaneo Cirillo Colonna Costantini D'Agostino "
        "De Angelis De Rosa Esposito Farina Ferri Fiore Gatti Grasso Guerra Lanza Longhi Marchi Messina Monti "
        "Morelli Negri Orlando Pagano Palumbo Pellegrini Piras Rizzi Romeo Ruggiero Sala Sanna Silvestri "
        "Testa Valentini Vitali Zanetti Basile Bruni Cocco Donati Fabbri Gallo Giuliani Marini Neri Parisi"
    ),
    "turkish": _combine(
        "Ak Kara Öz Yıl Er Gök Ay Demir Taş Tek Al Uz Bay Tun Şen Kır Sarı Toprak",
        "taş kaya demir han türk soy doğan er can oğlu",
    ),
    "somali_arabic": _words(
        "Abdirahman Abdikadir Adam Aw-Ali Bile Daud Dirie Fiqi Gurey Hashi Hersi Isse Jibril Kahin Liban "
        "Mahdi Matan Mire Muse Nageye Olad Qasim Roble Sheikh Siad Sugule Tarabi Ugas Wehliye Yare Abukar "
        "Bihi Caydiid Dualeh Essa Farole Geelle Hamud Ilmi"
    ),
    "greek": tuple(
        f"{root}{male}|{root}{female}"
        for root in _words(
            "Αγγελ Αλεξανδρ Αναστασ Ανδρε Βλαχ Γιαννακ Δημ Ευαγγελ Ζαφειρ Θεοδωρ Καλογερ Καρ Κοτσ Λαζαρ Μανωλ "
            "Μαργαρ Μηλι Νικολ Παναγ Πετρ Ραπτ Σαρ Σπυρ Σταυρ Τζαν Τριαντ Φωτ Χαραλαμπ Χρυσ Ψαρ"
        )
        for male, female in (("όπουλος", "οπούλου"), ("ίδης", "ίδου"), ("άκης", "άκη"))
    ),
    "ukrainian": _combine(
        "Петр Остап Тимош Симон Мирон Назар Ярош Кирил Сидор Макар Прокоп Степан Карп Клим Лук Фед Лесь "
        "Дорош Гнат Гаврил Давид Мартин Юрч Данил Яковл Харит Антон Ігнат Панас Тарас",
        "енко ук",
    ),
    "russian": tuple(
        f"{name}|{name}а"
        for name in _words(
            "Абрамов Баранов Белов Беляев Богданов Бондарев Быков Виноградов Воробьёв Гаврилов Голубев Гончаров "
            "Горбунов Гусев Давыдов Данилов Дмитриев Ермаков Жуков Журавлёв Зуев Ильин Калинин Карпов Киселёв "
            "Ковалёв Комаров Коновалов Крылов Кудрявцев Куликов Лазарев Максимов Матвеев Медведев Мельников "
            "Миронов Муравьёв Назаров Никифоров Осипов Панов Поляков Прохоров Романов Савельев Сафонов Сергеев "
            "Сидоров Соболев Сорокин Суханов Тарасов Тимофеев Титов Тихонов Третьяков Фадеев Филиппов Фомин "
            "Фролов Фокин Хохлов Цветков Чернов Шаров Шестаков Щербаков Юдин Яшин"
        )
    ),
}
