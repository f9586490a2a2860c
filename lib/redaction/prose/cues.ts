/**
 * Word tables of the accuracy rules (lower case unless said): street types, unit words, the words
 * that introduce a person or a place, name morphology. Rules as data: adding a street type, a
 * speech verb or a surname ending is one entry here. Sources: the USPS street suffix list
 * (Publication 28, appendix C1) for English street types; general grammar for the rest.
 */
const words = (s: string): string[] => s.trim().split(/\s+/);

/** English street types that make `<number> <Name> <type>` an address on their own (USPS C1 names and abbreviations). */
export const EN_STREET_TYPES = words(`
street streets st avenue ave av road roads rd boulevard blvd lane ln drive drives dr court courts ct place pl way ways
terrace ter square squares sq highway hwy parkway parkways pkwy circle circles cir crescent cres close grove groves
gardens row walk walks trail trl alley aly plaza mews loop path pike ridge ridges heights expressway expy freeway fwy
broadway turnpike tpke annex arcade bayou bend bluff bluffs bypass byp causeway cswy cove coves creek crk crossing xing
crossroad crossroads curv curve estates extension extensions ext flats ford fords forge forges fork forks gateway
glen glens harbor harbors harbour hollow inlet isle junction jct junctions knoll knolls landing manor manors meadows
orchard oval overpass parks pass passage pines plains prairie radial ramp ranch rapids shoals skyway spur spurs
stravenue throughway trace track trafficway tunnel underpass unions viaduct vista str
`);

/** Street types that are also everyday nouns (`3 Key Points`): the street needs a unit, a place line or an address cue. */
export const EN_WEAK_STREET_TYPES = words(`
bridge brook brooks burg canyon cape center centers cliff cliffs club common commons corner corners course crest dale dam
divide estate falls ferry field fields flat forest fort garden green greens haven hill hills island islands key keys lake
lakes land light lights lock locks lodge mall meadow mill mills mission motorway mount mountain mountains neck park
plain point points port ports river run shoal shore shores spring springs station stream summit union valley valleys view
views village villages ville well wells
`);

/** Unit and apartment words (case as written). */
export const UNIT_WORDS = words(`
Apt Apartment Suite Ste Unit Flat Floor Fl Room Rm Bldg Building Piso Puerta Wohnung Whg Stock Etage Top App Appartement
Bâtiment Bât Esc Escalera Interno Int Scala apt suite unit flat
`);

/** Ship prefixes of military mail addresses (`USNS Bergman\nFPO AP 93757`). */
export const SHIP_PREFIXES = words('USNS USNV USS USCGC');

/** Words right before an address (regex alternatives, matched case-insensitively at the end of the text before it). */
export const ADDRESS_CUE = String.raw`\baddress(?:es)?(?:\s+is)?|\blives?\s+(?:at|on|in)|\bliving\s+(?:at|on|in)|\blocated\s+(?:at|on|in)|\boffices?\s+(?:is|are)\s+(?:at|on|in)|\bsen[dt]\s+(?:it\s+)?to|\bship(?:ped)?\s+to|\bdeliver(?:ed|y)?\s+to|\bmoved\s+to|\breturn\s+to|\bmeet\s+(?:me|you|us)\s+at|\bAdresse|\bAnschrift|\bdirección|\bindirizzo|\badres|\bosoite|\badress`;

/** Speech and reporting verbs: a capitalised word right after (`says Bergqvist`) or before (`Novak said`) is a name. */
export const SPEECH_AFTER = new Set(words(`says said told asks asked shouted shouts replied replies wrote writes explained explains added adds
noted notes according thanked thanks emailed called`));
export const SPEECH_BEFORE = new Set(words(`says said told asks asked shouted shouts replied replies wrote writes explained explains added adds
began begins joined joins smiled smiles laughed laughs nodded nods`));

/** Words after which the next capitalised word names a person: `my kid Florence`, `named him Frank`, `ask for Priya`. */
export const PERSON_NOUN_BEFORE = new Set(words(`kid kids son daughter wife husband brother sister mother father mom mum dad uncle aunt cousin
grandson granddaughter grandmother grandfather nephew niece boyfriend girlfriend fiancé fiancée partner colleague coworker
co-worker boss manager friend neighbour neighbor landlord tenant client customer patient doctor nurse lawyer attorney
counsel employee assistant intern student teacher producer director author singer actor actress player coach
spokesperson spokesman spokeswoman founder ceo cto cfo chairman chairwoman chair president secretary minister senator
governor mayor judge officer agent sergeant detective`));

/** Nouns that end an organisation's name (`Russell Investments`, `Loveland Technologies`): such a run is no person. */
export const ORG_HEADS = new Set(words(`
investments investment technologies technology tech partners partnership group holdings holding capital solutions systems
services consulting consultants associates industries enterprises ventures labs laboratories software networks media
communications pharmaceuticals pharma bank banks insurance financial finance foods airlines airways motors energy
logistics studios records productions entertainment publishing press university college school institute foundation
hospital clinic church council committee agency orchestra band club society association union trust fund realty
properties management marketing design digital data analytics hotels hotel resort restaurant cafe bar brewery
`));

/**
 * Surname endings of several cultures (Slavic, Nordic, Finnish, Baltic, Georgian, Armenian, Greek, Romanian, Spanish,
 * Portuguese, Italian, Turkish, Japanese, German): an unknown capitalised word with one of them looks like a surname.
 */
export const SURNAME_ENDING = /(?:ov|ova|ev|eva|ovich|evich|ovna|evna|ović|ević|ovic|evic|ić|ski|ska|sky|skaya|skiy|cki|cka|czyk|wicz|enko|chuk|czuk|ová|ný|ná|sson|ssen|sen|dóttir|dottir|dotter|ström|strom|qvist|kvist|nen|inen|lä|salo|aho|shvili|dze|idze|yan|ian|yants|opoulos|poulos|akis|idis|iadis|escu|eanu|ez|es|eira|eiro|elli|etti|ini|ucci|acci|otti|oğlu|oglu|moto|mura|yama|shita|kawa|hara|saki|zaki|uchi|naka|mann|meier|mayer|berger|bauer|schmidt|baum|stein|feld|hoff|hof)$/;

/** Words that follow a sentence's subject: a given name at a sentence start before one of them is a name (`Kenji wants`, `David is`). */
export const SUBJECT_VERBS = new Set(words(`is was has had will would can could should may might must does did isn't wasn't hasn't doesn't didn't won't can't
wants wanted needs needed says said told asked wrote writes called calls lives lived works worked went goes came comes began begins
joined joins left leaves sent sends thinks thought knows knew likes liked loves loved got gets made makes took takes gave gives
shouted replied explained added agreed confirmed signed approved reported requested mentioned noted`));

/** Chat and form roles before a colon (`Bot:`, `User:`): no speaker name. */
export const ROLES = new Set(words('bot user agent assistant system customer operator admin moderator support host guest me you q a'));

/**
 * Words before a place whatever its name (`flew to LEPPEN`, `grew up in Remniku`, `originally from Križe`, `University
 * of Nicosia`, `Where: Beerze`): the key is the word right before the place, the value the words allowed before that.
 */
export const PLACE_CUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
	['to', new Set(words('flew fly flying flies moved move moving moves returned return returning travelled traveled travel travelling traveling relocated relocating emigrated immigrated drove'))],
	['in', new Set(words('up based located headquartered lives living live lived born raised am i\'m im settled situated resides reside residing stationed'))],
	['from', new Set(words('originally here moved came come comes hails hail relocated emigrated'))],
	['of', new Set(words('city town village university municipality province county suburb outskirts'))],
	['at', new Set(words('arrived arrives arriving landed'))],
	['city', new Set(words('home'))],
	['town', new Set(words('home'))],
	['hometown', new Set(words('my his her their our'))],
]);

/** Header keys whose value is a place: `Where: Beerze`, `City: Oulu`. */
export const PLACE_HEADERS = new Set(words('where location city town place village ort stadt lieu ville ciudad città stad kaupunki'));
