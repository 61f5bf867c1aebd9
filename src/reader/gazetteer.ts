// Names the reader knows without reading: countries (countries-list, MIT) with our own tables of
// demonyms, extra names and capitals used as metonyms, international bodies, armed groups, and the
// common nouns that name a state's institutions or an unnamed collective.
import { countries } from 'countries-list';
import type { ActorType } from './types.js';

export interface GazetteerEntry {
  id: string;
  name: string;
  type: ActorType;
  /** Other names that stand for the same actor in a text. */
  aliases: string[];
  /** Adjectives and plurals ("Kenyan", "Kenyans") that stand for the state before a noun. */
  demonyms: string[];
  /** Country code, for states. */
  code?: string;
}

/** Demonyms by ISO code; plurals are derived unless the form does not take an -s. */
const DEMONYMS: Record<string, string> = {
  AF: 'Afghan', AL: 'Albanian', DZ: 'Algerian', AO: 'Angolan', AR: 'Argentine|Argentinian', AM: 'Armenian',
  AU: 'Australian', AT: 'Austrian', AZ: 'Azerbaijani', BH: 'Bahraini', BD: 'Bangladeshi', BY: 'Belarusian',
  BE: 'Belgian', BJ: 'Beninese', BT: 'Bhutanese', BO: 'Bolivian', BA: 'Bosnian', BW: 'Botswanan', BR: 'Brazilian',
  BG: 'Bulgarian', BF: 'Burkinabe', BI: 'Burundian', KH: 'Cambodian', CM: 'Cameroonian', CA: 'Canadian',
  CF: 'Central African', TD: 'Chadian', CL: 'Chilean', CN: 'Chinese', CO: 'Colombian', CD: 'Congolese',
  CG: 'Congolese', CR: 'Costa Rican', HR: 'Croatian', CU: 'Cuban', CY: 'Cypriot', CZ: 'Czech', DK: 'Danish',
  DJ: 'Djiboutian', DO: 'Dominican', EC: 'Ecuadorian', EG: 'Egyptian', SV: 'Salvadoran', ER: 'Eritrean',
  EE: 'Estonian', ET: 'Ethiopian', FI: 'Finnish', FR: 'French', GA: 'Gabonese', GM: 'Gambian', GE: 'Georgian',
  DE: 'German', GH: 'Ghanaian', GR: 'Greek', GT: 'Guatemalan', GN: 'Guinean', HT: 'Haitian', HN: 'Honduran',
  HU: 'Hungarian', IS: 'Icelandic', IN: 'Indian', ID: 'Indonesian', IR: 'Iranian', IQ: 'Iraqi', IE: 'Irish',
  IL: 'Israeli', IT: 'Italian', CI: 'Ivorian', JM: 'Jamaican', JP: 'Japanese', JO: 'Jordanian', KZ: 'Kazakh',
  KE: 'Kenyan', KW: 'Kuwaiti', KG: 'Kyrgyz', LA: 'Lao|Laotian', LV: 'Latvian', LB: 'Lebanese', LS: 'Basotho',
  LR: 'Liberian', LY: 'Libyan', LT: 'Lithuanian', MG: 'Malagasy', MW: 'Malawian', MY: 'Malaysian',
  MV: 'Maldivian', ML: 'Malian', MR: 'Mauritanian', MU: 'Mauritian', MX: 'Mexican', MD: 'Moldovan',
  MN: 'Mongolian', ME: 'Montenegrin', MA: 'Moroccan', MZ: 'Mozambican', MM: 'Myanmar|Burmese', NA: 'Namibian',
  NP: 'Nepali|Nepalese', NL: 'Dutch', NZ: 'New Zealand', NI: 'Nicaraguan', NE: 'Nigerien', NG: 'Nigerian',
  KP: 'North Korean', NO: 'Norwegian', OM: 'Omani', PK: 'Pakistani', PS: 'Palestinian', PA: 'Panamanian',
  PG: 'Papua New Guinean', PY: 'Paraguayan', PE: 'Peruvian', PH: 'Philippine|Filipino', PL: 'Polish',
  PT: 'Portuguese', QA: 'Qatari', RO: 'Romanian', RU: 'Russian', RW: 'Rwandan', SA: 'Saudi', SN: 'Senegalese',
  RS: 'Serbian', SL: 'Sierra Leonean', SG: 'Singaporean', SK: 'Slovak', SI: 'Slovenian', SO: 'Somali',
  ZA: 'South African', KR: 'South Korean', SS: 'South Sudanese', ES: 'Spanish', LK: 'Sri Lankan',
  SD: 'Sudanese', SE: 'Swedish', CH: 'Swiss', SY: 'Syrian', TW: 'Taiwanese', TJ: 'Tajik', TZ: 'Tanzanian',
  TH: 'Thai', TG: 'Togolese', TN: 'Tunisian', TR: 'Turkish', TM: 'Turkmen', UG: 'Ugandan', UA: 'Ukrainian',
  AE: 'Emirati', GB: 'British', US: 'American', UY: 'Uruguayan', UZ: 'Uzbek', VE: 'Venezuelan',
  VN: 'Vietnamese', YE: 'Yemeni', ZM: 'Zambian', ZW: 'Zimbabwean',
};

/** Names a text uses that countries-list does not give (and short official names it lacks). */
const EXTRA_NAMES: Record<string, string> = {
  US: 'United States|United States of America|US|U.S.|USA|America|Washington',
  // Seats of government used for the government itself, like capitals.
  GB: 'United Kingdom|UK|Britain|Great Britain|London|Whitehall',
  AE: 'United Arab Emirates|UAE',
  CD: 'Democratic Republic of the Congo|DRC|DR Congo',
  CG: 'Republic of the Congo',
  KP: 'North Korea|Pyongyang',
  KR: 'South Korea|Korea|Seoul',
  RU: 'Russia|Moscow|Kremlin',
  CN: 'China|Beijing',
  IR: 'Iran|Tehran',
  SY: 'Syria|Damascus',
  CI: "Ivory Coast|Côte d'Ivoire",
  MM: 'Myanmar|Burma|Naypyidaw',
  CZ: 'Czech Republic|Czechia',
  TR: 'Turkey|Türkiye|Ankara',
  VA: 'Vatican|Holy See',
  PS: 'Palestine|Palestinian territories',
  TZ: 'Tanzania|Dodoma',
  MD: 'Moldova',
  VE: 'Venezuela|Caracas',
  BO: 'Bolivia',
  LA: 'Laos',
  VN: 'Vietnam|Hanoi',
  SA: 'Saudi Arabia|Riyadh',
  IN: 'India|New Delhi|Raisina Hill',
  NG: 'Nigeria|Abuja|Aso Rock',
  ZA: 'South Africa|Pretoria|Union Buildings',
  IL: 'Israel|Tel Aviv|Jerusalem',
  KE: 'Kenya|Nairobi',
  PH: 'Philippines|Manila|Malacañang|Malacanang',
};

/** Bodies that are not states: [name, type, aliases]. */
const BODIES: Array<[string, ActorType, string]> = [
  ['United Nations', 'organization', 'UN|U.N.'],
  ['UN Security Council', 'organization', 'Security Council|UNSC'],
  ['UN General Assembly', 'organization', 'General Assembly'],
  ['World Bank', 'organization', ''],
  ['International Monetary Fund', 'organization', 'IMF'],
  ['World Health Organization', 'organization', 'WHO|World Health Organisation'],
  ['World Trade Organization', 'organization', 'WTO|World Trade Organisation'],
  ['European Union', 'organization', 'EU|Brussels'],
  ['European Commission', 'organization', ''],
  ['Nato', 'organization', 'NATO|North Atlantic Treaty Organization'],
  ['African Union', 'organization', 'AU'],
  ['Asean', 'organization', 'ASEAN|Association of Southeast Asian Nations'],
  ['Opec', 'organization', 'OPEC'],
  ['G7', 'group', 'Group of Seven'],
  ['G20', 'group', 'Group of 20'],
  ['Brics', 'group', 'BRICS'],
  ['International Criminal Court', 'organization', 'ICC'],
  ['International Court of Justice', 'organization', 'ICJ'],
  ['Unicef', 'organization', 'UNICEF'],
  ['UNHCR', 'organization', 'UN refugee agency'],
  ['UNDP', 'organization', 'UN Development Programme'],
  ['Unesco', 'organization', 'UNESCO'],
  ['World Food Programme', 'organization', 'WFP'],
  ['Food and Agriculture Organization', 'organization', 'FAO'],
  ['International Atomic Energy Agency', 'organization', 'IAEA'],
  ['Amnesty International', 'organization', 'Amnesty'],
  ['Human Rights Watch', 'organization', 'HRW'],
  ['International Crisis Group', 'organization', 'Crisis Group|ICG'],
  ['International Committee of the Red Cross', 'organization', 'ICRC|Red Cross'],
  ['Financial Action Task Force', 'organization', 'FATF'],
  ['Shanghai Cooperation Organisation', 'organization', 'SCO'],
  ['Gulf Cooperation Council', 'organization', 'GCC'],
  ['Arab League', 'organization', ''],
  ['Organisation of Islamic Cooperation', 'organization', 'OIC'],
  ['Asian Development Bank', 'organization', 'ADB'],
  ['African Development Bank', 'organization', 'AfDB'],
  ['OECD', 'organization', 'Organisation for Economic Co-operation and Development'],
  ['Saarc', 'organization', 'SAARC'],
  ['Interpol', 'organization', ''],
  ['Transparency International', 'organization', ''],
  ['Médecins Sans Frontières', 'organization', 'MSF|Doctors Without Borders'],
  ['Comptroller and Auditor General', 'institution', 'CAG'],
  ['White House', 'institution', ''],
  ['Pentagon', 'institution', ''],
  ['State Department', 'institution', ''],
  ['US Congress', 'institution', 'Congress'],
  ['Downing Street', 'institution', 'No 10'],
  ['Élysée', 'institution', 'Elysée|Élysée Palace'],
  ['Taliban', 'armed-group', ''],
  ['Tehreek-e-Taliban Pakistan', 'armed-group', 'TTP|Pakistani Taliban'],
  ['Islamic State', 'armed-group', 'IS|ISIS|ISIL|Daesh'],
  ['Al-Qaeda', 'armed-group', 'al-Qaeda|Al Qaeda|al Qaeda'],
  ['Al-Shabaab', 'armed-group', 'al-Shabaab|Al Shabaab|al Shabaab'],
  ['Boko Haram', 'armed-group', ''],
  ['Hamas', 'armed-group', ''],
  ['Hezbollah', 'armed-group', ''],
  ['Houthis', 'armed-group', 'Houthi|Ansar Allah'],
  ['Rapid Support Forces', 'armed-group', 'RSF'],
  ['M23', 'armed-group', ''],
  ['Baloch Liberation Army', 'armed-group', 'BLA'],
];

let entries: GazetteerEntry[] | undefined;

/** Every entry, built once. */
export function gazetteer(): GazetteerEntry[] {
  if (entries) return entries;
  const states: GazetteerEntry[] = Object.entries(countries).map(([code, c]) => {
    const extra = (EXTRA_NAMES[code] ?? '').split('|').filter(Boolean);
    const name = extra[0] ?? c.name;
    const aliases = unique([c.name, ...extra.slice(1), ...(c.capital ? [c.capital] : [])].filter((a) => a && a !== name));
    const demonyms = (DEMONYMS[code] ?? '').split('|').filter(Boolean);
    return { id: slug(name), name, type: 'state', aliases, demonyms, code };
  });
  const bodies: GazetteerEntry[] = BODIES.map(([name, type, aliases]) => ({
    id: slug(name),
    name,
    type,
    aliases: aliases.split('|').filter(Boolean),
    demonyms: [],
  }));
  // Bodies first: where a name is both ("Brussels"), an editorial means the body.
  entries = [...bodies, ...states];
  return entries;
}

/** Plural of a demonym ("Kenyans"), or undefined for forms that take none ("Chinese", "French"). */
export function demonymPlural(demonym: string): string | undefined {
  if (/(ese|ish|ch|ss|i|Thai)$/.test(demonym)) return demonym.endsWith('i') && !demonym.endsWith('Thai') ? `${demonym}s` : undefined;
  return `${demonym}s`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export { slug };

/**
 * Nouns that, after a state's name or demonym ("Kenya's government", "the Pakistani state") or
 * alone with "the" when the paper's home state is known ("the government"), stand for the state.
 */
export const STATE_NOUNS = ['state', 'government', 'authorities', 'administration', 'leadership', 'rulers', 'regime', 'establishment', 'policymakers', 'officials', 'country', 'nation'];

/** Institution heads: "the X Commission", "Ministry of X", and the bare institutional nouns. */
export const INSTITUTION_HEADS = [
  'Ministry', 'Department', 'Commission', 'Authority', 'Council', 'Court', 'Bank', 'Agency', 'Assembly', 'Parliament',
  'Senate', 'Congress', 'Board', 'Bureau', 'Office', 'Committee', 'Tribunal', 'Service', 'Police', 'Army', 'Navy',
  'Forces', 'Force', 'Constabulary', 'Division', 'Unit', 'Inspectorate', 'Regulator', 'Community', 'Corporation', 'Secretariat', 'Directorate', 'Cabinet', 'Judiciary', 'Treasury', 'Fund', 'Institute',
  'Foundation', 'Union', 'Party', 'Front', 'Movement', 'Alliance', 'League', 'Coalition', 'Organisation', 'Organization',
  'Association', 'Federation', 'Society', 'Network', 'Group', 'Centre', 'Center', 'University', 'Company', 'Court',
];

/** Last words of capitalised names that name a document, event or scheme, not an actor. */
export const NOT_ACTOR_HEADS = new Set([
  'Act', 'Bill', 'Law', 'Constitution', 'Agreement', 'Treaty', 'Plan', 'Programme', 'Program', 'Policy', 'Strategy', 'Report',
  'Day', 'Cup', 'Games', 'Prize', 'Award', 'Index', 'Budget', 'Code', 'Order', 'Accord', 'Convention', 'Charter', 'Declaration',
  'Initiative', 'Project', 'Scheme', 'Summit', 'Conference', 'Forum', 'Election', 'Elections', 'War', 'Crisis', 'Street', 'Road',
  'Airport', 'Station', 'River', 'Lake', 'Sea', 'Ocean', 'Mountains', 'Valley', 'Province', 'County', 'District', 'Region',
  'Village', 'Island', 'Islands', 'Plain', 'Desert', 'Highway', 'Square', 'Bridge', 'Dam', 'Park',
]);

/** Role nouns that, before a comma and a name, give the person another name ("The cabinet secretary, Mr Daniel Kiprop"). */
export const ROLE_HEADS = /(?:secretary|chairman|chairwoman|chairperson|minister|commissioner|executive|director|president|chief|head|spokesman|spokeswoman|spokesperson|governor|leader|adviser|advisor|ambassador|envoy|person for [\p{L} ]+|[A-Z][\p{L}]+ for [\p{L} ]+)$/u;

/** Heads that make a named body part of the state (an institution) rather than an organization. */
export const STATE_BODY_HEADS = new Set([
  'Ministry', 'Department', 'Commission', 'Authority', 'Court', 'Assembly', 'Parliament', 'Senate', 'Congress',
  'Bureau', 'Tribunal', 'Police', 'Army', 'Navy', 'Forces', 'Force', 'Constabulary', 'Division', 'Unit', 'Inspectorate', 'Regulator', 'Secretariat', 'Directorate', 'Cabinet', 'Judiciary',
  'Treasury', 'Office', 'Service', 'Council', 'Board', 'Agency', 'Committee',
]);


/** Titles before a person's name. */
export const TITLES = [
  'President', 'Prime Minister', 'Vice President', 'Deputy Prime Minister', 'Minister', 'Chief Minister', 'Governor',
  'Senator', 'Secretary', 'Secretary General', 'Secretary-General', 'Chancellor', 'King', 'Queen', 'Prince', 'Princess',
  'Sheikh', 'Emir', 'General', 'Gen', 'Gen.', 'Gov.', 'Sen.', 'Rep.', 'Lt. Gov.', 'Cllr', 'Hon.', 'Supt.', 'Insp.', 'Prof.', 'Capt.', 'Col.', 'Maj.', 'Lt.', 'Field Marshal', 'Chief Justice', 'Justice', 'Judge', 'Speaker', 'Mayor',
  'Ambassador', 'Commissioner', 'Director', 'Chairman', 'Chairperson', 'Chair', 'Professor', 'Prof', 'Prof.', 'Dr', 'Dr.',
  'Mr', 'Mr.', 'Mrs', 'Mrs.', 'Ms', 'Ms.', 'Dame', 'Sir', 'Lord', 'Lady', 'Baroness', 'Baron', 'Pope', 'Cardinal', 'Archbishop', 'Bishop', 'Imam', 'Maulana', 'Senator',
  'Representative', 'Rep.', 'Lt', 'Col', 'Colonel', 'Major', 'Captain', 'Admiral', 'Marshal', 'Inspector General',
  'Attorney General', 'Auditor General', 'Finance Minister', 'Foreign Minister', 'Interior Minister', 'Defence Minister',
  'Defense Minister', 'Health Minister', 'Opposition leader', 'leader', 'spokesman', 'spokeswoman', 'spokesperson', 'chief',
];

/** Plural heads that name people or bodies who can act ("Lawmakers", "Metros", "Customers"). */
export const AGENTIVE =
  /^(?:[\p{L}-]+(?:ers|ors|ists|ysts|ians|eurs)|[\p{L}-]+men)$|^(?:partners|donors|governments|administrations|authorities|councils|lawmakers|legislators|mps|ministers|parties|companies|firms|businesses|banks|metros|municipalities|cities|counties|provinces|states|citizens|customers|parents|residents|students|patients|migrants|immigrants|tenants|peasants|clerics|politicians|leaders|officials|agencies|institutions|universities|schools|hospitals|employers|unions|groups|lobbies|communities|families|households|people|youth|everyone|voters|scholars|elites|utilities|operators|platforms|airlines|carriers|regulators|insurers|lenders|investors|taxpayers|consumers|detectives|police|judges|courts|prosecutors|societies|organisations|organizations|charities|ngos|nations|countries|cooperatives|watches|forums|pilots|magistrates|bandits|gangs|gunmen|militants|pupils|schoolchildren|children|guards|intermediaries|committees|nurses|teachers|doctors|vaccinators|objectors|landowners|shareholders|exporters|importers|farmers|villagers|contractors|vendors|godfathers|clerics|scholars|editors|judges|critics|experts|opponents|academics|diplomats|allies|rivals|sources|mps|chiefs|elders|youths|survivors|victims|pensioners|smallholders|growers|forces|troops|soldiers|gangs|commanders|prosecutors|ministries|departments|associations|women|men|boards|railways|parastatals|consortia|consortiums|trustees|mosques|churches|temples|federations|chambers|coalitions|alliances|networks|campaigns|movements)$/iu;

export const NOT_AGENTIVE = /^(?:borders|orders|numbers|centres|centers|waters|papers|matters|letters|quarters|members|figures|powers|controls|meters|metres|chapters|markers|layers|barriers|disasters|filters|monsters|rivers|computers|numbers|registers|headquarters|corridors|factors|sectors|errors|colours|colors|honours|rumours|favours|labours|vectors|monitors|indicators|motors|others|answers|fears|years|hours|prayers|towers|offers|corners|chambers|numbers|speakers|stickers|shelters|clusters|containers|quarters|tenders|ledgers|trousers|headquarters|orders)$/i;

/**
 * Unnamed collectives a text refers to ("different quarters", "civilians"): the head noun, the
 * type, and the name to give the actor when the text does not qualify it.
 */
export const COLLECTIVES: Array<[RegExp, ActorType]> = [
  [/\b(?:different|various|some|many|certain) quarters(?: (?:within|in) [A-Z][\w-]+)?/g, 'group'],
  [/\b(?:all |the |other )?stakeholders(?: in the country)?/gi, 'group'],
  [/\bcivilians?\b/gi, 'group'],
  [/\b(?:the )?international community\b/g, 'group'],
  [/\b(?:the )?(?:opposition parties|political parties)\b/g, 'group'],
  [/\b(?:women and girls|young people|civil society(?: groups)?|rights groups|the youth)\b/gi, 'group'],
  // Bodies named by lower-case words and their noun: "the transport committee", "the national cabinet", "the disaster management authority".
  [/\b(?:(?!(?:the|a|an|and|or|but|nor|of|to|in|on|at|by|for|with|from|as|is|are|was|were|be|been|has|have|had|its|their|his|her|our|this|that|these|those|new|same|one|own|every|each|which|what|any|no|whole|entire|such|other|another|special|first|last|next|joint|ad|hoc|so-called|staff|appointed|named|set|created|called|whose|than|then|also|only|even)\s)[a-z][a-z-]+\s){1,2}(?:committee|cabinet|authority|tribunal|inspectorate|ombudsman)(?![\p{L}-])/gu, 'institution'],
];
