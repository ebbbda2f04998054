/**
 * A general Danish word list (base forms) used to split compounds into known words.
 * Everyday language plus public-sector, business, health, education and technology vocabulary.
 * Deliberately without suffix-like words (skab, hed, dom, else, fuld, mæssig, vis) that would
 * split derived words (`partnerskab`, `sikkerhed`) into nonsense.
 */
const WORDS = `
borger bruger kunde patient pårørende beboer menneske person individ familie forælder forældre barn børn unge ung
ældre voksen senior pensionist elev studerende lærer pædagog underviser træner sygeplejerske plejerske læge tandlæge
terapeut fysioterapeut ergoterapeut psykolog jordemoder hjælper hjemmehjælper assistent konsulent rådgiver ekspert
specialist ingeniør arkitekt designer udvikler programmør forsker professor iværksætter investor ejer partner
aktør leverandør producent fabrikant køber sælger indkøber jurist advokat revisor borgmester politiker embedsmand
medarbejder ansat kollega leder chef direktør formand sekretær koordinator projektleder frivillig gæst besøgende
deltager kursist vejleder mentor ambassadør repræsentant medlem

virksomhed firma selskab koncern organisation forening institution myndighed kommune region stat ministerium
styrelse forvaltning afdeling enhed center centre sekretariat udvalg bestyrelse direktion ledelse team gruppe
netværk klynge universitet højskole gymnasium skole folkeskole uddannelse fakultet institut laboratorium
fond fundament agentur bureau kontor butik forretning fabrik værksted lager marked branche sektor industri erhverv
landbrug fiskeri byggeri handel turisme transport logistik forsyning

hjem hus bolig lejlighed bygning ejendom grund hjemme plejehjem sygehus sundhedsvæsen væsen hospital klinik apotek børnehave vuggestue
dagpleje fritidshjem klub bibliotek museum teater biograf kirke hal svømmehal stadion idræt sport park skov strand
have gade vej sti plads torv havn station lufthavn kvarter område sted land landsdel by kommuneplan kyst sø hav
rum lokale køkken toilet bad badeværelse soveværelse stue kælder gang trappe elevator dør vindue væg gulv loft
tagrende facade

innovation udvikling forskning samarbejde partnerskab indkøb udbud kontrakt aftale tilbud licitation konkurrence
dialog forhandling proces projekt program pilot afprøvning test prototype demonstration løsning produkt ydelse
service teknologi velfærd sundhed omsorg pleje rehabilitering genoptræning behandling forebyggelse træning
hjælpemiddel middel robot sensor data digitalisering software hardware system platform app applikation skærm
video telemedicin medicin energi klima miljø affald genbrug vand varme køling ventilation luft transport trafik
mobilitet belysning lys renovering drift vedligehold vedligeholdelse rengøring mad måltid kost ernæring
sikkerhed kvalitet effekt gevinst værdi økonomi budget pris omkostning udgift besparelse investering
finansiering tilskud støtte bevilling penge kroner midler ressource kapacitet

tid år måned uge dag time minut sekund døgn weekend sommer vinter forår efterår morgen aften nat periode fase
trin skridt mål formål behov krav udfordring problem mulighed idé ide koncept model metode værktøj redskab guide
vejledning anbefaling erfaring viden kompetence færdighed læring evaluering måling analyse undersøgelse rapport
resultat evidens dokumentation notat referat oversigt tjekliste skabelon dokument formular ansøgning frist dato
tidspunkt varighed omfang størrelse antal procent andel helhed sammenhæng forhold form type art slags eksempel
case historie fortælling succes fiasko barriere faldgrube potentiale gevinstrealisering

jura lov regel ret rettighed ophavsret patent licens ejerskab risiko ansvar opgave rolle beslutning strategi plan
politik vision ambition handling indsats initiativ aktivitet arbejde job stilling tilfredshed trivsel motivation
kultur organisering forandring implementering skalering spredning udbredelse forankring kommercialisering eksport
vækst salg køb branche erhvervsliv iværksætteri opstart afslutning begyndelse slutning start

event konference seminar workshop møde arrangement messe kursus forløb webinar temadag invitation tilmelding
deltagelse oplæg foredrag præsentation spørgsmål svar henvendelse kontakt telefon mail email adresse hjemmeside
side link information nyhed artikel bog tekst brev pjece folder annonce kampagne

sag sagsbehandling afgørelse klage ydelse pension dagpenge kontanthjælp beskæftigelse jobcenter ledighed
integration handicap psykiatri misbrug socialområde ældrepleje hjemmepleje sygepleje børnepasning dagtilbud
specialskole forvaltningsret offentlighed borgerservice

krop hjerte lunge hjerne ryg ben arm hånd fod øje øre mund tand hud sår smerte sygdom diagnose kræft demens
diabetes astma allergi infektion fald skade ulykke dosis vaccine blod søvn bevægelse motion

bil bus tog cykel båd skib fly stol bord seng lampe hylde computer tablet kamera maskine apparat udstyr møbel
inventar tøj sko papir kort nøgle lås alarm signal lyd billede farve jord sten træ metal plast glas drikke kaffe
frugt grønt brød kød fisk mælk vare emballage beholder container spand pose kasse

liv død plads retning niveau grad grænse frihed tillid tryghed værdighed selvstændighed hjælp respekt
kommunikation samtale relation forbindelse fællesskab samfund verden natur sprog navn ord tal sum regning
faktura betaling løn skat moms afgift gebyr rabat gæld lån kontant konto bank

offentlig privat kommunal regional statslig national international europæisk dansk nordisk lokal digital teknisk
teknologisk social faglig økonomisk juridisk politisk grøn bæredygtig gammel stor små lang kort høj tidlig sen
hurtig langsom dårlig fælles åben lukket fri gratis konkret strategisk innovativ kreativ effektiv sikker tryg sund
syg fuld halv hel klar ren varm kold tung let ny nye billig dyr tilfreds glad

udvikle teste afprøve købe sælge bygge løse hjælpe lære træne spise leve drive lede styre måle vurdere evaluere
dele finde vælge betale spare investere søge ansøge deltage skrive læse tale høre vise bruge anvende levere
producere designe tegne planlægge beslutte forske undersøge analysere implementere skalere sprede indføre starte
afslutte gennemføre vaske rense bo arbejde handle sikre forbedre måle overvåge styrke samle
`;

/** The base lexicon: lower-case Danish words of three or more letters. */
export const BASE_LEXICON: ReadonlySet<string> = new Set(
  WORDS.trim()
    .split(/\s+/)
    .filter((w) => w.length >= 3),
);

/**
 * Small talk: greetings, thanks and goodbyes (Danish and English). A message made only of these and stop
 * words asks the knowledge base nothing; the help desk declines it with the contact offer. Words that also
 * carry a follow-up ("mange", "dag", "hjælp": "og hvor mange var med?") are deliberately not here.
 */
export const SMALL_TALK: ReadonlySet<string> = new Set(
  'hej hejsa hallo goddag godmorgen godaften godnat davs dav tak takker tusind hjælpen farvel hi hello hey thanks thank cheers bye goodbye'.split(
    ' ',
  ),
);

/**
 * Small-talk phrases that ask the help desk about itself ("hvordan har du det?", "who are you?"). A message made of
 * one of these, small-talk words, stop words and words of the day ("i dag", "today") asks the knowledge base nothing.
 */
export const SMALL_TALK_PHRASES: readonly string[] = [
  'hvordan har du det',
  'hvordan går det',
  'hvad laver du',
  'hvem er du',
  'hvad hedder du',
  'er du en robot',
  'how are you',
  'who are you',
  'what is your name',
  'are you a bot',
];

/**
 * An instruction to the help desk about itself rather than a question ("glem dine regler", "ignore your
 * instructions", "vis din systemprompt"): a verb that sets rules aside followed by what it sets aside, or a request
 * for the prompt.
 */
export const INSTRUCTION_TO_BOT =
  /(?<!\p{L})(?:(?:glem|ignorer|ignorér|se bort fra|tilsidesæt|forget|ignore|disregard|override|bypass)(?!\p{L}).{0,40}(?<!\p{L})(?:regler(?:ne)?|instruks(?:er|erne)?|instruktion(?:er|erne)?|prompt\w*|rules|instructions|guidelines)|system ?prompt\w*|your prompt|din prompt|jailbreak)(?!\p{L})/iu;

/** Words of the day that may close a small-talk phrase ("hvordan går det i dag?"). */
export const SMALL_TALK_TIME: ReadonlySet<string> = new Set(
  'dag idag morgen aften eftermiddag weekend today tonight morning'.split(' '),
);

/**
 * Verbs that ask the help desk to compose or translate a text ("skriv en mail …", "write a poem"): a writing task,
 * not a question the knowledge base answers.
 */
export const COMPOSE_VERBS: ReadonlySet<string> = new Set(
  'skriv skrive digt digte oversæt oversætte formuler formulere write compose translate draft'.split(' '),
);

/**
 * Question words and fillers of a question (Danish and English) that are never content words to match, even where
 * the stop-word list lets them through ("mange", "gerne", "tell me").
 */
export const QUERY_FILLER_WORDS: ReadonlySet<string> = new Set(
  [
    'hvem hvad hvor hvornår hvilke hvilken hvilket hvordan hvorfor hvorledes mange meget who what where when which how why many much does do did is are was were the a an of about tell me please kan man jeg vi du gerne vil',
    // the hedges and intensifiers of spoken Danish ("hvad går det *egentlig* ud på?", "er det *overhovedet* …")
    'egentlig egentligt faktisk overhovedet vel mon virkelig cirka præcis præcist eksakt generelt normalt actually really exactly',
    // light verbs of everyday speech: they carry the question, not its topic, and their stems are short enough to
    // meet unrelated words ("laver" → "lav", as in "lav risikovillighed")
    'tager tage tog siger sige sagde laver lave lavede gør gøre gjorde får få fik ser se',
    // … and the verbs of chat around the question ("hvorfor *gider* de *kigge* på politikerne", "har de *fundet* på
    // noget nyt", "*snakke* om målet"): real words the corpus need not use, so never a topic it lacks
    'gider gide gad gidet kigger kigge kiggede snakker snakke snakkede hopper hoppe hoppede fandt fundet',
    // placeholder nouns of speech ("folk", "ting"): people and things in general, not a topic
    'folk folkene ting tingene',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The verbs of a question that asks what something is ("hvad *betyder* OPI?", "hvad *går* OPI *ud på*?", "what does
 * OPI *mean*?"): the frame of the question, not a word to find in the corpus. Each verb form with the particles it
 * needs after it (empty: none); `definitionFrame` in retrieval/query.ts reads it. The verb must follow the question word.
 */
export const DEFINITION_FRAME_VERBS: Readonly<Record<string, readonly string[]>> = {
  betyder: [],
  betød: [],
  indebærer: [],
  indebar: [],
  menes: [],
  forstås: [],
  mean: [],
  means: [],
  går: ['ud', 'på'],
  gik: ['ud', 'på'],
  handler: ['om'],
  handlede: ['om'],
  dækker: ['over'],
  dækkede: ['over'],
  står: ['for'],
  stod: ['for'],
};

/**
 * The verbs of a question that asks whom to turn to ("hvem skal jeg *ringe* til", "hvor kan man *henvende* sig",
 * "who should I *contact*"): the frame of a contact question, not a word to find in the corpus ("skrive" is not what
 * the passage with the phone number says). `definitionFrame` in retrieval/query.ts takes one when a question word
 * ("hvem", "hvor", "who", "how") stands at most three words before it.
 */
export const CONTACT_FRAME_VERBS: ReadonlySet<string> = new Set(
  'kontakte ringe skrive maile henvende contact call email phone write reach'.split(' '),
);

/**
 * Verbs that, before "mere" / "more", say the asker wants to learn more ("hvis jeg vil *høre* mere om værkstederne",
 * "to *know* more about"): the frame of the question, not a word to find.
 */
export const MORE_FRAME_VERBS: ReadonlySet<string> = new Set('vide høre læse blive know hear learn read'.split(' '));

/** The words that ask for a share ("hvor *stor* en *andel*", "how *much* in *percent*"): no qualifier of what it is a share of. */
export const SHARE_WORDS: ReadonlySet<string> = new Set(
  'stor store andel andelen del delen procent procenten procentdel procentdelen procentandel share percentage proportion percent'.split(
    ' ',
  ),
);

/**
 * A question asking whom a text is for ("hvem er bogen *skrevet til*", "hvem henvender rådene sig til", "who is the
 * handbook for"): not its author. `AUDIENCE_VERBS` are its frame, and `AUDIENCE_WORDS` what a passage says instead
 * ("Målgruppen er …", "Den henvender sig til …"); retrieval/query.ts reads them.
 */
export const AUDIENCE =
  /\bhvem\s+(?:er|var|blev)\s+.{1,60}?\b(?:skrevet|lavet|tænkt|beregnet|rettet|udgivet)\s+(?:til|for|mod)\b|\bhvem\s+henvender\s+.{1,60}?\bsig\s+til\b|\bhvem\s+er\s+.{1,60}?\b(?:til|for)\s*\??\s*$|\bwho\s+(?:is|are|was)\s+.{1,60}?\b(?:for|aimed at|written for|meant for)\s*\??\s*$/iu;
export const AUDIENCE_VERBS: ReadonlySet<string> = new Set(
  'skrevet lavet tænkt beregnet rettet udgivet henvender written meant aimed'.split(' '),
);
export const AUDIENCE_WORDS: readonly string[] = ['målgruppe', 'henvender'];

/**
 * Phrases of the other desks' topics whose words each are everyday words ("arbejde hjemme", "tage fri"): like
 * `OTHER_DESKS_WORDS`, a question holding one that no top passage holds is another desk's.
 */
export const OTHER_DESKS_PHRASES: readonly string[] = [
  'arbejde hjemme',
  'arbejder hjemme',
  'arbejde hjemmefra',
  'arbejder hjemmefra',
  'holde fri',
  'holder fri',
  'tage fri',
  'tager fri',
  'melde mig syg',
  'melde sig syg',
  'melder mig syg',
  'work from home',
  'working from home',
  'day off',
  'business class',
  // a question about the asker's private life: the knowledge base is about work
  'mit eget liv',
  'mit privatliv',
  'mit private liv',
  'min datter',
  'min søn',
  'mine børn',
  'min kone',
  'min mand',
  'min kæreste',
  'min familie',
  'min udlejer',
  'min egen virksomhed',
  'ved siden af jobbet',
  'my partner and i',
  'business partner and i',
  'mine mails',
  'min mail',
  'mine e-mails',
  'privat økonomi',
  'min økonomi',
  'my landlord',
  'my wife',
  'my husband',
  'my kids',
  'my children',
  'my daughter',
  'my son',
  'my family',
  'my personal life',
  'my own business',
  'side business',
  // the asker's own errands: a passport, a train or a bus to catch
  'mit pas',
  'nyt pas',
  'toget fra',
  'toget til',
  'bussen fra',
  'bussen til',
  'flyet fra',
  'flyet til',
  'my passport',
  'the train to',
  'the train from',
];

/** Particles of Danish particle verbs, as they stand first in the verb written as one word. */
export const PARTICLES: Readonly<Record<string, string>> = {
  til: 'til',
  op: 'op',
  ud: 'ud',
  ind: 'ind',
  af: 'af',
  med: 'med',
  over: 'over',
  om: 'om',
  fra: 'fra',
  frem: 'frem',
  ned: 'ned',
  igennem: 'gennem',
  sammen: 'sam',
};
/** Pronouns that may stand between a verb and its particle ("melder *man sig* til", "arbejder *vi* sammen"). */
export const PARTICLE_VERB_GAP: ReadonlySet<string> = new Set([
  'sig',
  'mig',
  'dig',
  'os',
  'jer',
  'dem',
  'man',
  'jeg',
  'du',
  'vi',
  'de',
  'han',
  'hun',
]);

/** Nouns that classify the noun after them ("hvor mange *slags* aktører"). */
export const FOCUS_CLASSIFIERS: ReadonlySet<string> = new Set(
  'slags typer type former form arter kinds kind types sorts sort'.split(' '),
);
/** Words skipped before a question's head noun (articles, numerals, "nogle"). */
export const FOCUS_SKIP: ReadonlySet<string> = new Set(
  'de den det dem en et the a an to tre fire fem seks syv otte ni ti two three four five of for af i på nogle some'.split(
    ' ',
  ),
);
/**
 * Pronouns and placeholder nouns: after the interrogative they name nothing a sentence must hold ("hvor mange af
 * *os*", "hvor mange af de nye *ting*").
 */
export const FOCUS_PLACEHOLDERS: ReadonlySet<string> = new Set(
  [
    'os jer dem mig dig sig vi man jeg du han hun ting tingene noget nogen nogle us them you we me things thing stuff',
    // nouns of discourse that point at what the question already said ("hvad er *hovedpointen*?", "the main point")
    'pointe pointen pointerne hovedpointe hovedpointen budskab budskabet essensen konklusionen meningen',
  ]
    .join(' ')
    .split(' '),
);
/** Words that end a question's head-noun phrase (prepositions, relatives, verbs). */
export const FOCUS_STOP_AT: ReadonlySet<string> = new Set(
  'i på af for til med om fra ved hos blandt mellem omkring som der at og eller har har havde var er blev bliver in on at from with by among about between who that which and or has have had was were is are did do does'.split(
    ' ',
  ),
);

/**
 * Words of the workplace's other help desks — HR (also dismissals, unions, the staff party), IT (also phones,
 * programs, mail), facilities, travel, the weather, the legal department (state aid, copyright, GDPR: the knowledge
 * base gives no legal advice), the citizen service (also waste, insurance, day care) — and of small talk (football,
 * recipes), in Danish and English. Words an OPI question may be about are left out ("app", "netværk", "nøglen til").
 * A question built on one of them that the corpus never uses is about another desk's topic, not OPI, and is
 * declined with the contact offer (a corpus that does cover the topic knows the word, and the rule steps aside).
 * Words of five letters or more also match inflected ("ferien", "printerne") and as the last part of a compound
 * ("kørsels|godtgørelse", "sommer|ferie"); shorter ones only as listed.
 */
export const OTHER_DESKS_WORDS: ReadonlySet<string> = new Set(
  `løn lønnen lønseddel lønsedlen lønforhandling ferie ferien feriedage feriepenge fridag fridage afspadsering
  barsel barslen orlov sygdom sygemelding sygemeldt sygedag omsorgsdag overarbejde flekstid timeseddel
  pension pensionen personalegoder medarbejdersamtale mus kørselsgodtgørelse godtgørelse rejseafregning
  befordring diæter udlæg refusion hjemmearbejde hjemmearbejdsdag fjernarbejde
  flyve flyver flyrejse flybillet flybilletter hotel hotellet hotelværelse overnatning tjenesterejse
  rejseforsikring rejsebureau
  printer printeren printe scanner password kodeord adgangskode login wifi vpn outlook
  computer computeren bærbar tastatur mobilabonnement headset servicedesk it-support crash crasher crashede crashet
  nedbrud
  booke booker booket booking lokalebooking mødelokale mødelokalet mødelokaler kantine kantinen frokost frokostordning parkering parkere
  parkeringsplads nøglekort adgangskort elevator toiletpapir kaffemaskine rengøring
  vejret vejrudsigt temperatur
  kondolence kondolencekort cvr cvr-nummer lejebolig lejeboliger udlejer togbillet togbilletter køreplan
  boligstøtte kontanthjælp dagpenge folkepension byggetilladelse skoleindskrivning kørekort sygesikring
  statsstøtte statsstøtten statsstøtteregler statsstøttereglerne ulovlig ulovligt ulovlige lovlig lovligt lovlige
  ophavsret ophavsretten klausul klausuler klausulen gdpr persondata persondataforordningen databeskyttelse
  erstatningsansvar udbudsloven udbudslov copyright liability clause clauses
  borgerservice flytning flytningen flyttedag adresseændring folkeregisteret årsopgørelse selvangivelse forskudsopgørelse
  storskrald affaldsordning skraldespand aktier aktie aktiekurs obligationer kryptovaluta bitcoin
  privatøkonomi husholdningsbudget husholdning kreditkort forbrugslån
  salary payslip vacation holiday holidays parental pension overtime expenses reimbursement mileage
  flight flights fly flying hotel airfare landlord cohabitation micromanages micromanaging passport self-help
  printer password wifi laptop canteen lunch parking weather forecast crashes crashed crashing
  telefon telefonen telefoner mobil mobilen mobiltelefon arbejdstelefon arbejdsmobil smartphone iphone android
  installere installerer installeret opdatering opdateringen skærm skærmen tablet
  ipad internet internettet mailboks indbakke e-mail email brugernavn mitid nemid tofaktor
  sharepoint onedrive excel powerpoint browser oplader batteri bluetooth virus phishing spam hacket hackere
  opsigelse opsagt fyret fyring afskedigelse jobsamtale jobansøgning stillingsopslag overenskomst fagforening
  tillidsrepræsentant arbejdsmiljø mobning chikane lønforhøjelse lønstigning sygefravær julefrokost personalefest
  sommerfest fødselsdag jubilæum
  kopimaskine garderobe aircondition ventilation skrivebord kontorstol reception kaffeordning kaffe
  regn regnvejr sne blæst solskin
  vittighed joke jokes opskrift opskriften fodbold håndbold landsholdet spotify netflix restaurant pizza horoskop lotto
  skat skatten fradrag boliglån realkredit renten forsikring forsikringen bilforsikring indboforsikring
  affald affaldet affaldssortering genbrugsplads skrald skraldet renovation sundhedskort tandlæge vaccination
  vuggestue børnehave
  phone mobile install screen inbox username
  dismissal fired layoff harassment bullying birthday rain snow recipe football tax taxes mortgage
  insurance garbage recycling dentist vaccine kindergarten`.split(/\s+/),
);

/** A sentence that opens with a connective going on from the one before ("Derfor valgte COI …", "Samtidig …"). */
export const GOES_ON =
  /^(?:derfor|dermed|desuden|derudover|herudover|endvidere|samtidig|således|alligevel|til gengæld|men|også|therefore|however|thus|also)\b/iu;

/**
 * A sentence with a pronoun among its first words that points back to the sentence before ("Hun var …"; not "det
 * er …", nor the "den" of a date: "udgivet den 20. januar"), or that opens with "De" before a verb ("De foretrækker
 * …", "De udviklede …"; not the article of "De fleste", "De fem råd", "De offentlige aktører").
 */
export const REFERS_BACK =
  /^(?:(?:\S+\s+){0,5}(?:(?:han|hun)\b|(?:den|det|dette|denne|disse|tallet)\b(?!\s+(?:(?:er|var|kan|skal|vil|gælder|handler)\b|\d)))|de\s+(?:\p{Ll}+(?:r|ede)|kan|skal|vil|må|bør|fik|så|tog|gik|kom|gjorde)(?!\p{L}))/iu;

/**
 * Numbers written as digits, Danish words or English words, each with the others: "5 gode råd", "de fem råd",
 * "the five pieces of advice" ask the same. From three up: "en"/"to" are also an article and a preposition
 * ("to" in English), and "one"/"two" rarely name a count the corpus writes out.
 */
export const NUMBER_EQUIVALENTS: ReadonlyMap<string, readonly string[]> = (() => {
  const rows = [
    ['3', 'tre', 'three'],
    ['4', 'fire', 'four'],
    ['5', 'fem', 'five'],
    ['6', 'seks', 'six'],
    ['7', 'syv', 'seven'],
    ['8', 'otte', 'eight'],
    ['9', 'ni', 'nine'],
    ['10', 'ti', 'ten'],
    ['11', 'elleve', 'eleven'],
    ['12', 'tolv', 'twelve'],
  ];
  const map = new Map<string, string[]>();
  for (const [digits, danish, english] of rows) {
    map.set(digits!, [danish!]);
    map.set(danish!, [digits!]);
    map.set(english!, [danish!, digits!]);
  }
  return map;
})();

/**
 * Irregular Danish verb forms (past tense, participle, present) → the infinitive, so that a listed expression
 * ("gå i vasken", "tage tyren ved hornene") is found in any tense ("gik i vasken", "tog tyren ved hornene").
 */
export const IRREGULAR_VERB_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    gå: 'gik går gået',
    tage: 'tog tager taget',
    give: 'gav giver givet',
    komme: 'kom kommer kommet',
    stå: 'stod står stået',
    slå: 'slog slår slået',
    se: 'så ser set',
    sætte: 'satte sætter sat',
    lægge: 'lagde lægger lagt',
    sige: 'sagde siger sagt',
    få: 'fik får fået',
    ligge: 'lå ligger ligget',
    løbe: 'løb løber løbet',
    falde: 'faldt falder faldet',
    bære: 'bar bærer båret',
    skyde: 'skød skyder skudt',
    trække: 'trak trækker trukket',
    være: 'var er været',
    have: 'havde har haft',
    gøre: 'gjorde gør gjort',
    drage: 'drog drager draget',
    bryde: 'brød bryder brudt',
    bede: 'bad beder bedt',
    finde: 'fandt finder fundet',
    binde: 'bandt binder bundet',
    springe: 'sprang springer sprunget',
    skære: 'skar skærer skåret',
    gribe: 'greb griber grebet',
    stige: 'steg stiger steget',
    bide: 'bed bider bidt',
    drikke: 'drak drikker drukket',
    flyve: 'fløj flyver fløjet',
    skrive: 'skrev skriver skrevet',
    vinde: 'vandt vinder vundet',
    vide: 'vidste ved vidst',
    bringe: 'bragte bringer bragt',
    følge: 'fulgte følger fulgt',
    spørge: 'spurgte spørger spurgt',
    vælge: 'valgte vælger valgt',
    sælge: 'solgte sælger solgt',
    lade: 'lod lader ladet',
    hjælpe: 'hjalp hjælper hjulpet',
    træde: 'trådte træder trådt',
    smide: 'smed smider smidt',
    holde: 'holdt holder',
    sidde: 'sad sidder siddet',
    synke: 'sank synker sunket',
    stikke: 'stak stikker stukket',
    hænge: 'hang hænger hængt',
    ryge: 'røg ryger røget',
    glide: 'gled glider gledet',
    knække: 'knak knækker knækket',
  }).flatMap(([verb, forms]) => forms.split(' ').map((form) => [form, verb] as [string, string])),
);
