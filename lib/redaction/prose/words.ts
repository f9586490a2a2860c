/**
 * Hand-written word tables of the prose recognizers (lower case). Rules as data: a recognizer reads
 * these; adding a title, a street type or a sign-off is one entry here.
 */
const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Titles and honorifics before a name (an optional '.' may follow). */
export const TITLES = words(`
mr mrs ms miss mx dr prof professor sir dame lord lady madam mister doctor rev fr
herr frau fräulein hr fr dipl ing mag dott dottssa dott.ssa sig sig.ra sig.na signor signora signorina avv arch
mme mlle m monsieur madame mademoiselle me sr sra srta señor señora señorita doña dña
dhr mevr mevrouw meneer pan pani gospodin gospođa
capt captain col lt sgt gen cpt insp det officer judge justice sen rep gov pres
colonel general lieutenant sergeant major brigadier admiral commander corporal marshal commodore
sheriff mayor governor senator president chancellor councillor councilor alderman coroner ambassador
bishop archbishop cardinal rabbi imam pastor reverend deacon
`);

/** Salutations whose next words are a name: `Dear Maria`, `Hi Peter`. */
export const SALUTATIONS = words(`
dear dearest hi hello hey hiya howdy greetings thanks thank thx morning evening afternoon
hallo liebe lieber servus moin bonjour bonsoir salut cher chère hola querido querida estimado estimada ciao gentile caro cara
hej hei hoi beste goedemorgen
`);

/** Sign-offs: a name on the line after `Regards,`. */
export const SIGN_OFFS = words(`
regards best thanks cheers sincerely yours faithfully cordially respectfully warmly love
thank rgds br kind grüße gruß grüssen grüßen cordialement saludos atentamente saluti cordiali distinti groeten hälsningar terveisin mvh
`);

/** Header keys whose value is a person: `From: Maria Gonzalez`. */
export const PERSON_HEADERS = words(`
from to cc bcc name fullname full contact customer client attn attention signed signature user patient employee
author assignee reporter owner requester requestor recipient sender applicant tenant landlord guest passenger
member holder cardholder account agent caller manager nom name: nombre nome naam namn navn nimi vorname nachname
surname lastname firstname given family by directed written
`);

/** Words after which a name is introduced: `my name is`, `this is`, `I am`. */
export const INTRO_BEFORE = words(`is am i'm im called named me him her llamo chiamo heiße heisse bin suis appelle signed`);

/** Capitalised words that never start or continue a name. */
export const NOT_NAME = words(`
january february march april may june july august september october november december
feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
today tomorrow yesterday tonight christmas easter
i i'm i've i'd i'll we you he she they it the a an this that these those my our your his her their its
mr mrs ms dr prof
hi hello hey dear thanks thank regards best cheers sincerely please ok okay yes no not and or but if so
team all everyone everybody folks guys there sir madam ladies gentlemen customer customers support sales
street st avenue ave road rd lane ln drive boulevard blvd court ct place pl way square terrace highway
inc ltd llc gmbh corp co company group bank university hospital school college
north south east west central new old upper lower great little saint st.
order invoice ticket account refund payment subject re fwd fw
fax email e-mail phone tel mobile office ip id api url pdf ceo cto cfo hr vp faq
to of in on for with at by from me is be and or as per via vs
english german french spanish italian dutch greek swedish danish norwegian finnish polish portuguese russian chinese
japanese korean indian american british canadian australian european african asian turkish arabic irish scottish
`);

/** Name particles inside a name, lower case: `van der Berg`, `de la Cruz`. */
export const PARTICLES = words(`van der den de del della la le di da das dos du von zu ten ter bin binti ibn al el y st`);

/** Words before a place: `in Berlin`, `from Reading`. */
export const PLACE_BEFORE = words(`
in from at to near via visiting around outside toward towards between across throughout
nach aus bei im à au en desde hacia cerca verso naar uit bij från till
`);

/** Words (one or two before) that introduce a place: `based in`, `moved to`, `born in`. */
export const PLACE_INTRO = words(`based located living live lives lived moved move moving born raised travelling traveling travel flew fly flying office offices headquartered city town`);

/** Legal forms after an organisation name (compared without dots, lower case). */
export const ORG_SUFFIXES = words(`
inc incorporated ltd limited llc llp plc corp corporation co company gmbh ag kg kgaa ohg ug se sa sas sarl sl slu spa srl
bv nv ab oy oyj as asa aps a/s kft zrt sro as pty pte bhd sdn holdings group
`);
