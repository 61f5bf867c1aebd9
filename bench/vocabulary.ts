// The word stock of the synthetic corpus: publications, actors, sources, issues, places, policy
// actions and sentence templates. Everything here is fixed (independent of the seed), so an actor
// or a source means the same thing in every generated article and the registry checks of the
// ingest module (same name, type and description for a reused id) always hold.
import { slugify } from '../src/ingest/rules.js';

export type ActorType = 'state' | 'armed-group' | 'organization' | 'institution' | 'person' | 'group';

export interface PoolActor {
  id: string;
  name: string;
  type: ActorType;
  description: string;
  aliases: string[];
  /** How the body refers to it (with "the" where English wants it; lower case for common nouns). */
  ref: string;
}

export interface PoolSource {
  id: string;
  name: string;
  type: 'organization' | 'person' | 'document' | 'group';
  description: string;
  /** The actor this source is, when it is one of the pool's actors. */
  actor?: string;
  ref: string;
}

export const PUBLICATIONS = [
  { id: 'dawn', name: 'Dawn', url: 'https://www.dawn.com' },
  { id: 'the-express-tribune', name: 'The Express Tribune', url: 'https://tribune.com.pk' },
  { id: 'the-news', name: 'The News', url: 'https://www.thenews.com.pk' },
  { id: 'business-recorder', name: 'Business Recorder', url: 'https://www.brecorder.com' },
  { id: 'the-friday-times', name: 'The Friday Times', url: 'https://thefridaytimes.com' },
  { id: 'daily-times', name: 'Daily Times', url: 'https://dailytimes.com.pk' },
  { id: 'the-nation', name: 'The Nation', url: 'https://www.nation.com.pk' },
  { id: 'pakistan-today', name: 'Pakistan Today', url: 'https://www.pakistantoday.com.pk' },
  { id: 'the-hindu', name: 'The Hindu', url: 'https://www.thehindu.com' },
  { id: 'gulf-news', name: 'Gulf News', url: 'https://gulfnews.com' },
] as const;

const slug = slugify;

// States, most discussed first (the order sets how often each is drawn).
const STATES: Array<[string, string[], boolean?]> = [
  ['Pakistan', ['Islamabad']],
  ['Afghanistan', ['Kabul']],
  ['India', ['New Delhi']],
  ['China', ['Beijing']],
  ['United States', ['Washington'], true],
  ['Iran', ['Tehran']],
  ['Saudi Arabia', ['Riyadh']],
  ['United Arab Emirates', ['Abu Dhabi'], true],
  ['Russia', ['Moscow']],
  ['Bangladesh', ['Dhaka']],
  ['Turkey', ['Ankara']],
  ['Qatar', ['Doha']],
  ['United Kingdom', ['London'], true],
  ['Tajikistan', ['Dushanbe']],
  ['Uzbekistan', ['Tashkent']],
  ['Sri Lanka', ['Colombo']],
  ['Nepal', ['Kathmandu']],
  ['Turkmenistan', ['Ashgabat']],
  ['Kazakhstan', ['Astana']],
  ['Kyrgyzstan', ['Bishkek']],
  ['Japan', ['Tokyo']],
  ['Germany', ['Berlin']],
  ['France', ['Paris']],
  ['Egypt', ['Cairo']],
  ['Israel', []],
  ['Iraq', ['Baghdad']],
  ['Syria', ['Damascus']],
  ['Yemen', ['Sanaa']],
  ['Oman', ['Muscat']],
  ['Kuwait', []],
  ['Bahrain', []],
  ['Jordan', ['Amman']],
  ['Lebanon', ['Beirut']],
  ['Malaysia', ['Kuala Lumpur']],
  ['Indonesia', ['Jakarta']],
  ['Myanmar', []],
  ['Maldives', ['Male'], true],
  ['Bhutan', ['Thimphu']],
  ['South Korea', ['Seoul']],
  ['Australia', ['Canberra']],
  ['Canada', ['Ottawa']],
  ['Italy', ['Rome']],
  ['Norway', ['Oslo']],
  ['Sweden', ['Stockholm']],
  ['Netherlands', ['The Hague'], true],
  ['Switzerland', ['Geneva']],
  ['Ukraine', ['Kyiv']],
  ['Poland', ['Warsaw']],
  ['Azerbaijan', ['Baku']],
  ['Mongolia', ['Ulaanbaatar']],
  ['Vietnam', ['Hanoi']],
  ['Thailand', ['Bangkok']],
  ['Philippines', ['Manila'], true],
  ['South Africa', ['Pretoria']],
  ['Nigeria', ['Abuja']],
  ['Kenya', ['Nairobi']],
  ['Ethiopia', ['Addis Ababa']],
  ['Sudan', ['Khartoum']],
  ['Somalia', ['Mogadishu']],
  ['Brazil', ['Brasilia']],
];

const ARMED_GROUPS: Array<[string, string, string[]]> = [
  ['Afghan Taliban', 'The Islamist movement that has governed Afghanistan since August 2021.', ['Taliban']],
  ['Tehreek-e-Taliban Pakistan', 'The banned Pakistani Taliban militant alliance.', ['TTP', 'Pakistani Taliban']],
  ['Islamic State Khorasan', 'The regional branch of the Islamic State group.', ['IS-K', 'ISKP']],
  ['Baloch Liberation Army', 'A banned separatist militant group in Balochistan.', ['BLA']],
  ['Al Qaeda', 'The transnational jihadist network.', []],
  ['Lashkar-e-Jhangvi', 'A banned sectarian militant group.', ['LeJ']],
  ['Houthis', 'The Ansar Allah movement that controls much of northern Yemen.', ['Ansar Allah']],
  ['Hafiz Gul Bahadur group', 'A militant faction active in North Waziristan.', []],
  ['Jamaatul Ahrar', 'A militant faction that split from the TTP.', []],
  ['Balochistan Liberation Front', 'A banned separatist militant group.', ['BLF']],
];
const INVENTED_ARMED = [
  'Northern Ridge Front', 'Valley Defence Militia', 'Coastal Liberation Brigade', 'Mountain Lions Movement',
  'Eastern Frontier Army', 'Desert Hawks Brigade', 'River Guard Militia', 'Highland Resistance Council',
  'Free Borderlands Front', 'Southern Mujahideen Alliance', 'Black Flag Battalion', 'Crescent Shield Group',
  'Pass Defenders Union', 'Steppe Liberation Front', 'Western Marches Militia', 'Salt Range Fighters',
  'Delta Defence Committee', 'Iron Gate Brigade', 'Ridge Volunteers Corps', 'Upper Valley Lashkar',
];

const ORGANISATIONS: Array<[string, string, string[]]> = [
  ['International Monetary Fund', 'The international lender of last resort.', ['IMF', 'the Fund']],
  ['United Nations', 'The United Nations and its secretariat.', ['UN']],
  ['World Bank', 'The multilateral development lender.', []],
  ['International Crisis Group', 'Independent organisation that researches and works to prevent deadly conflict.', ['Crisis Group', 'ICG']],
  ['Asian Development Bank', 'The regional development lender for Asia and the Pacific.', ['ADB']],
  ['Financial Action Task Force', 'The global watchdog on money laundering and terrorist financing.', ['FATF']],
  ['European Union', 'The union of European states and its institutions.', ['EU', 'Brussels']],
  ['Human Rights Commission of Pakistan', 'The independent human rights watchdog.', ['HRCP']],
  ['Amnesty International', 'The international human rights organisation.', ['Amnesty']],
  ['Human Rights Watch', 'The international human rights organisation.', ['HRW']],
  ['World Health Organization', 'The United Nations agency for health.', ['WHO']],
  ['UNHCR', 'The UN Refugee Agency.', ['UN Refugee Agency']],
  ['Unicef', 'The United Nations Children’s Fund.', []],
  ['Shanghai Cooperation Organisation', 'The Eurasian security and political grouping.', ['SCO']],
  ['Organisation of Islamic Cooperation', 'The grouping of Muslim-majority states.', ['OIC']],
  ['Gulf Cooperation Council', 'The political and economic union of six Gulf states.', ['GCC']],
  ['Saarc', 'The South Asian Association for Regional Cooperation.', []],
  ['World Food Programme', 'The UN food assistance agency.', ['WFP']],
  ['Transparency International', 'The anti-corruption organisation.', []],
  ['Reporters Without Borders', 'The press freedom organisation.', ['RSF']],
  ['International Labour Organization', 'The UN agency for work and workers.', ['ILO']],
  ['Islamic Development Bank', 'The multilateral development bank of OIC states.', ['IsDB']],
  ['Moody’s', 'The credit rating agency.', []],
  ['Fitch Ratings', 'The credit rating agency.', ['Fitch']],
  ['International Committee of the Red Cross', 'The humanitarian organisation.', ['ICRC']],
  ['Global Partnership for Education', 'The fund for education in lower-income countries.', []],
  ['Gavi', 'The vaccine alliance.', []],
  ['Oxfam', 'The confederation of charities against poverty.', []],
  ['Edhi Foundation', 'The welfare organisation founded by Abdul Sattar Edhi.', []],
  ['Pakistan Business Council', 'The business policy advocacy forum.', []],
];
const THINK_TANK_HEADS = ['Institute for', 'Centre for', 'Forum for', 'Council on', 'Foundation for', 'Initiative on'];
const THINK_TANK_TOPICS = [
  'Policy Reform', 'Regional Studies', 'Water Policy', 'Peace Studies', 'Energy Transition', 'Fiscal Studies',
  'Security Research', 'Urban Futures', 'Climate Resilience', 'Democratic Governance', 'Labour Rights',
  'Trade Research', 'Public Health Policy', 'Education Reform', 'Strategic Studies',
];

const INSTITUTIONS: Array<[string, string, string[]]> = [
  ['Pakistan Armed Forces', 'Pakistan’s military.', ['the military']],
  ['Pakistani police', 'Pakistan’s provincial and federal police forces.', ['police']],
  ['Supreme Court of Pakistan', 'The apex court of Pakistan.', ['Supreme Court', 'apex court']],
  ['Election Commission of Pakistan', 'The constitutional body that runs elections.', ['ECP', 'Election Commission']],
  ['National Assembly', 'The lower house of Pakistan’s parliament.', []],
  ['Senate of Pakistan', 'The upper house of Pakistan’s parliament.', ['Senate']],
  ['State Bank of Pakistan', 'Pakistan’s central bank.', ['SBP', 'central bank']],
  ['Federal Board of Revenue', 'Pakistan’s tax collection agency.', ['FBR']],
  ['National Accountability Bureau', 'Pakistan’s anti-corruption agency.', ['NAB']],
  ['Planning Commission', 'The federal body for development planning.', []],
  ['Ministry of Finance', 'The federal finance ministry.', ['finance ministry']],
  ['Foreign Office', 'Pakistan’s Ministry of Foreign Affairs.', ['FO']],
  ['Ministry of Interior', 'The federal interior ministry.', ['interior ministry']],
  ['Ministry of Climate Change', 'The federal climate ministry.', ['climate ministry']],
  ['National Disaster Management Authority', 'The federal disaster management agency.', ['NDMA']],
  ['Sindh government', 'The provincial government of Sindh.', []],
  ['Punjab government', 'The provincial government of Punjab.', []],
  ['Khyber Pakhtunkhwa government', 'The provincial government of Khyber Pakhtunkhwa.', ['KP government']],
  ['Balochistan government', 'The provincial government of Balochistan.', []],
  ['Karachi Metropolitan Corporation', 'The municipal government of Karachi.', ['KMC']],
  ['Indus River System Authority', 'The regulator of water shares between provinces.', ['Irsa']],
  ['Wapda', 'The Water and Power Development Authority.', []],
  ['Nepra', 'The National Electric Power Regulatory Authority.', []],
  ['Pakistan Telecommunication Authority', 'The telecoms regulator.', ['PTA']],
  ['Council of Common Interests', 'The constitutional forum of the federation and the provinces.', ['CCI']],
  ['Islamabad High Court', 'The high court of the federal capital.', ['IHC']],
  ['Federal Investigation Agency', 'The federal investigation and border control agency.', ['FIA']],
  ['Frontier Corps', 'The paramilitary force on the western border.', []],
  ['Pakistan Bureau of Statistics', 'The national statistics office.', ['PBS']],
  ['Higher Education Commission', 'The regulator and funder of universities.', ['HEC']],
  ['Indian Army', 'India’s land forces.', []],
  ['Reserve Bank of India', 'India’s central bank.', ['RBI']],
  ['Afghan interim government', 'The Taliban administration in Kabul.', ['interim government']],
  ['Iranian Revolutionary Guards', 'Iran’s Islamic Revolutionary Guard Corps.', ['IRGC']],
  ['Chinese embassy', 'The embassy of China in Islamabad.', []],
];

const FIRST_NAMES = [
  'Sadia', 'Imran', 'Ayesha', 'Bilal', 'Farah', 'Hamid', 'Nadia', 'Kamran', 'Zainab', 'Tariq', 'Saima', 'Usman',
  'Hina', 'Faisal', 'Rabia', 'Junaid', 'Mehreen', 'Asad', 'Sana', 'Waqar', 'Nida', 'Shahid', 'Maria', 'Omar',
];
const LAST_NAMES = [
  'Rahman', 'Qureshi', 'Siddiqui', 'Malik', 'Chaudhry', 'Baloch', 'Khattak', 'Mirza', 'Hashmi', 'Abbasi', 'Durrani',
  'Jamali', 'Bhutto', 'Afridi', 'Memon', 'Rizvi', 'Yousafzai', 'Lodhi', 'Shah', 'Kazmi',
];
const PERSON_ROLES = [
  'the finance minister', 'the foreign minister', 'the interior minister', 'a provincial chief minister',
  'the governor of the central bank', 'an opposition leader', 'a senator', 'the chief justice', 'a former ambassador',
  'the planning minister', 'a member of the National Assembly', 'the climate minister', 'a provincial governor',
  'the prime minister’s adviser on security', 'a former army chief', 'the commerce minister',
];

const GROUPS: Array<[string, string, string[], string?]> = [
  ['Civilians', 'Non-combatants exposed to the harm of armed confrontation.', ['civilian'], 'civilians'],
  ['Farmers', 'Growers and agricultural workers.', ['growers'], 'farmers'],
  ['Traders', 'Shopkeepers and wholesale merchants.', ['traders’ associations'], 'traders'],
  ['Students', 'School and university students.', [], 'students'],
  ['Gulf states', 'The Arab states of the Persian Gulf.', [], 'the Gulf states'],
  ['Central Asian states', 'Afghanistan’s Central Asian neighbours.', ['Central Asian neighbours'], 'the Central Asian states'],
  ['Opposition parties', 'The parties outside the governing coalition.', ['the opposition'], 'opposition parties'],
  ['Religious parties', 'Political parties with a religious platform.', [], 'religious parties'],
  ['Political parties', 'Pakistan’s political parties at large.', [], 'political parties'],
  ['Business community', 'Industrialists, exporters and chambers of commerce.', ['chambers of commerce'], 'the business community'],
  ['Labour unions', 'Trade unions and workers’ federations.', ['trade unions'], 'labour unions'],
  ['Journalists', 'Reporters, editors and media workers.', [], 'journalists'],
  ['Teachers', 'Schoolteachers and lecturers.', [], 'teachers'],
  ['Doctors', 'Physicians and health workers.', ['health workers'], 'doctors'],
  ['Lawyers', 'Members of the bar.', ['bar councils'], 'lawyers'],
  ['Afghan refugees', 'Afghans who have fled to Pakistan and Iran.', ['refugees'], 'Afghan refugees'],
  ['Transporters', 'Truckers and transport operators.', [], 'transporters'],
  ['Textile exporters', 'The export-oriented textile industry.', ['textile industry'], 'textile exporters'],
  ['Small businesses', 'Small and medium enterprises.', ['SMEs'], 'small businesses'],
  ['Foreign investors', 'Investors from abroad.', [], 'foreign investors'],
  ['Landowners', 'Large agricultural landholders.', [], 'landowners'],
  ['Young people', 'The country’s large youth population.', ['the youth'], 'young people'],
  ['Fishermen', 'Coastal fishing communities.', ['fishing communities'], 'fishermen'],
  ['Factory workers', 'Industrial workers.', [], 'factory workers'],
  ['Consumers', 'Households as buyers of goods and utilities.', ['households'], 'consumers'],
  ['Taxpayers', 'Those who file and pay taxes.', [], 'taxpayers'],
  ['Religious minorities', 'Non-Muslim citizens and minority sects.', ['minorities'], 'religious minorities'],
  ['Women workers', 'Women in paid and unpaid work.', [], 'women workers'],
  ['Internally displaced persons', 'People displaced within the country by conflict or disaster.', ['IDPs'], 'internally displaced persons'],
  ['Tribal elders', 'Elders of tribal communities in the border districts.', ['jirga'], 'tribal elders'],
  ['Stakeholders in Pakistan', 'The parties, institutions and communities whose input a strategy should factor in.', ['all stakeholders'], 'all stakeholders'],
  ['Civil society', 'Non-governmental organisations and citizens’ groups.', ['NGOs'], 'civil society'],
];

function buildActors(): PoolActor[] {
  const out: PoolActor[] = [];
  const add = (a: Omit<PoolActor, 'id'> & { id?: string }) => {
    const id = a.id ?? slug(a.name);
    if (out.some((o) => o.id === id || o.name === a.name)) return;
    out.push({ ...a, id });
  };
  // Interleaved by type so the most discussed actors of every kind come early in the pool.
  const states = STATES.map(([name, aliases, the]) => ({
    name,
    type: 'state' as const,
    description: `${name}, its government and state institutions.`,
    aliases,
    ref: the ? `the ${name}` : name,
  }));
  const armed = [
    ...ARMED_GROUPS.map(([name, description, aliases]) => ({ name, description, aliases })),
    ...INVENTED_ARMED.map((name) => ({ name, description: `An armed group active in the border regions.`, aliases: [] })),
  ].map((a) => ({ ...a, type: 'armed-group' as const, ref: /^(Houthis|Al Qaeda|Jamaatul)/.test(a.name) ? a.name : `the ${a.name}` }));
  const orgs = [
    ...ORGANISATIONS.map(([name, description, aliases]) => ({ name, description, aliases })),
    ...THINK_TANK_TOPICS.flatMap((topic, t) =>
      THINK_TANK_HEADS.filter((_, h) => (h + t) % 3 === 0).map((head) => ({
        name: `${head} ${topic}`,
        description: 'An independent policy research organisation.',
        aliases: [],
      })),
    ),
  ].map((a) => ({
    ...a,
    type: 'organization' as const,
    ref: /^(Unicef|Saarc|Gavi|Oxfam|UNHCR|Moody’s|Fitch|Amnesty|Transparency|Reporters|Human Rights Watch)/.test(a.name) ? a.name : `the ${a.name}`,
  }));
  const insts = INSTITUTIONS.map(([name, description, aliases]) => ({
    name,
    description,
    aliases,
    type: 'institution' as const,
    ref: name === 'Pakistani police' ? 'the police' : /^(Wapda|Nepra)$/.test(name) ? name : `the ${name}`,
  }));
  const people: Array<Omit<PoolActor, 'id'>> = [];
  for (let k = 0; people.length < 110 && k < 10_000; k++) {
    const first = FIRST_NAMES[(k * 7) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(k * 3 + Math.floor(k / LAST_NAMES.length)) % LAST_NAMES.length]!;
    const name = `${first} ${last}`;
    if (people.some((p) => p.name === name)) continue;
    people.push({ name, type: 'person', description: `A public figure: ${PERSON_ROLES[k % PERSON_ROLES.length]}.`, aliases: [], ref: name });
  }
  const groups = GROUPS.map(([name, description, aliases, ref]) => ({ name, description, aliases, type: 'group' as const, ref: ref ?? name }));

  const lists = [states, insts, orgs, armed, groups, people] as Array<Array<Omit<PoolActor, 'id'>>>;
  for (let round = 0; lists.some((l) => round < l.length); round++) {
    for (const list of lists) if (round < list.length) add(list[round]!);
  }
  return out;
}

/** A few hundred actors; earlier ones are drawn more often (Zipf-like). */
export const ACTORS: PoolActor[] = buildActors();

const DOCUMENT_SOURCES: Array<[string, string]> = [
  ['Economic Survey', 'The government’s annual review of the economy.'],
  ['State of the Economy report', 'The central bank’s periodic report.'],
  ['Labour Force Survey', 'The national survey of employment.'],
  ['National Security Policy', 'The government’s published security policy.'],
  ['Annual Budget Statement', 'The federal budget documents.'],
  ['Global Terrorism Index', 'An annual index of terrorism’s impact.'],
  ['Human Development Report', 'The UNDP’s annual report.'],
  ['Census report', 'The results of the national census.'],
];
const GROUP_SOURCES: Array<[string, string]> = [
  ['Different quarters within Pakistan', 'Unnamed voices in Pakistan’s political and public debate.'],
  ['Independent economists', 'Economists outside government.'],
  ['Local officials', 'Officials of district and provincial administrations, unnamed.'],
  ['Diplomatic sources', 'Unnamed diplomats.'],
  ['Residents', 'People living in the affected area, unnamed.'],
  ['Security officials', 'Unnamed officials of the security services.'],
  ['Industry representatives', 'Unnamed representatives of trade bodies.'],
  ['Health experts', 'Public health specialists, unnamed.'],
];

function buildSources(): PoolSource[] {
  const fromActors = ACTORS.filter((a) => a.type === 'organization' || a.type === 'person')
    .slice(0, 40)
    .map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type === 'person' ? ('person' as const) : ('organization' as const),
      description: a.description,
      actor: a.id,
      ref: a.ref,
    }));
  const documents = DOCUMENT_SOURCES.map(([name, description]) => ({
    id: slug(name),
    name,
    type: 'document' as const,
    description,
    ref: `the ${name}`,
  }));
  const groups = GROUP_SOURCES.map(([name, description]) => ({
    id: slug(name),
    name,
    type: 'group' as const,
    description,
    ref: name.charAt(0).toLowerCase() + name.slice(1),
  }));
  return [...fromActors, ...documents, ...groups];
}

export const SOURCES: PoolSource[] = buildSources();

export const AUTHORS = (() => {
  const out: string[] = [];
  const firsts = ['Zahid', 'Khurram', 'Maleeha', 'Arifa', 'Moeed', 'Huma', 'Ejaz', 'Rafia', 'Nusrat', 'Abbas', 'Fahd', 'Amina', 'Pervez', 'Shandana', 'Irfan', 'Madiha'];
  const lasts = ['Hussain', 'Naqvi', 'Lodhi', 'Zakaria', 'Yusuf', 'Jalil', 'Haider', 'Ahmed', 'Gill', 'Hoodbhoy', 'Khan', 'Ghumman', 'Zaidi', 'Niazi'];
  for (const f of firsts) for (const l of lasts) out.push(`${f} ${l}`);
  return out;
})();

// Issues: what an article is about, with the topics they file under.
export const ISSUES: Array<{ text: string; topics: string[]; domains: string[] }> = [
  { text: 'cross-border militancy', topics: ['counter-terrorism', 'border-security'], domains: ['internal-security', 'border-security', 'diplomacy'] },
  { text: 'terrorism', topics: ['counter-terrorism', 'internal-security'], domains: ['internal-security', 'security-strategy'] },
  { text: 'the fiscal deficit', topics: ['economy', 'public-finance'], domains: ['fiscal-policy', 'economy'] },
  { text: 'inflation', topics: ['economy', 'inflation'], domains: ['economy', 'fiscal-policy'] },
  { text: 'circular debt', topics: ['energy', 'public-finance'], domains: ['energy', 'fiscal-policy'] },
  { text: 'the cost of energy', topics: ['energy', 'economy'], domains: ['energy', 'economy'] },
  { text: 'water scarcity', topics: ['water', 'climate-change'], domains: ['water', 'agriculture'] },
  { text: 'urban flooding', topics: ['climate-change', 'urban-affairs'], domains: ['climate', 'urban-policy'] },
  { text: 'climate adaptation', topics: ['climate-change'], domains: ['climate', 'water'] },
  { text: 'smog', topics: ['environment', 'public-health'], domains: ['health', 'climate'] },
  { text: 'polio eradication', topics: ['public-health'], domains: ['health'] },
  { text: 'the learning crisis', topics: ['education'], domains: ['education'] },
  { text: 'the out-of-school crisis', topics: ['education', 'human-rights'], domains: ['education', 'human-rights'] },
  { text: 'tax reform', topics: ['taxation', 'economy'], domains: ['fiscal-policy', 'governance'] },
  { text: 'the trade deficit', topics: ['trade', 'economy'], domains: ['trade', 'economy'] },
  { text: 'regional trade', topics: ['trade', 'foreign-policy'], domains: ['trade', 'diplomacy'] },
  { text: 'press freedom', topics: ['media', 'human-rights'], domains: ['media-freedom', 'human-rights'] },
  { text: 'internet censorship', topics: ['digital-rights', 'media'], domains: ['media-freedom', 'governance'] },
  { text: 'electoral reform', topics: ['elections', 'democracy'], domains: ['domestic-politics', 'governance'] },
  { text: 'the backlog of court cases', topics: ['judiciary', 'governance'], domains: ['justice', 'governance'] },
  { text: 'police reform', topics: ['internal-security', 'governance'], domains: ['internal-security', 'justice'] },
  { text: 'the practice of enforced disappearance', topics: ['human-rights'], domains: ['human-rights', 'justice'] },
  { text: 'the treatment of minorities', topics: ['human-rights'], domains: ['human-rights', 'justice'] },
  { text: 'the return of refugees', topics: ['refugees', 'pakistan-afghanistan-relations'], domains: ['human-rights', 'diplomacy'] },
  { text: 'food security', topics: ['agriculture', 'economy'], domains: ['agriculture', 'economy'] },
  { text: 'the housing shortage', topics: ['urban-affairs'], domains: ['urban-policy', 'economy'] },
  { text: 'debt servicing', topics: ['public-finance', 'economy'], domains: ['fiscal-policy'] },
  { text: 'privatisation', topics: ['economy', 'governance'], domains: ['economy', 'governance'] },
  { text: 'local government', topics: ['governance', 'democracy'], domains: ['governance', 'domestic-politics'] },
  { text: 'provincial autonomy', topics: ['governance', 'federalism'], domains: ['governance', 'domestic-politics'] },
  { text: 'groundwater depletion', topics: ['water', 'agriculture'], domains: ['water', 'agriculture'] },
  { text: 'extreme heat', topics: ['climate-change', 'public-health'], domains: ['climate', 'health'] },
  { text: 'glacial flooding', topics: ['climate-change'], domains: ['climate', 'water'] },
  { text: 'the closure of the border', topics: ['pakistan-afghanistan-relations', 'trade'], domains: ['border-security', 'trade'] },
  { text: 'sectarian violence', topics: ['internal-security', 'human-rights'], domains: ['internal-security', 'human-rights'] },
  { text: 'political polarisation', topics: ['democracy', 'elections'], domains: ['domestic-politics'] },
  { text: 'the exodus of skilled workers', topics: ['economy', 'labour'], domains: ['economy', 'education'] },
  { text: 'child labour', topics: ['labour', 'human-rights'], domains: ['human-rights', 'economy'] },
  { text: 'the power sector', topics: ['energy'], domains: ['energy', 'governance'] },
  { text: 'the depletion of reserves', topics: ['economy', 'public-finance'], domains: ['economy', 'fiscal-policy'] },
];

export const TOPICS_EXTRA = ['editorial-board', 'south-asia', 'foreign-policy', 'security', 'development', 'accountability'];

/** Common places: each appears in many articles. */
export const PLACES = [
  'Karachi', 'Lahore', 'Quetta', 'Peshawar', 'Gwadar', 'Sindh', 'Punjab', 'Balochistan', 'Khyber Pakhtunkhwa',
  'Gilgit-Baltistan', 'the Indus delta', 'Thar', 'Swat', 'Multan', 'Faisalabad', 'Hyderabad', 'Sukkur', 'Kurram',
  'North Waziristan', 'South Waziristan', 'Chitral', 'Torkham', 'Chaman', 'Bajaur', 'Dera Ismail Khan', 'Bannu',
  'Rawalpindi', 'Sialkot', 'Larkana', 'Turbat', 'Khuzdar', 'Mardan', 'Abbottabad', 'Muzaffarabad', 'Kohat',
];

/**
 * A few hundred rare place names (made-up villages and tehsils), each drawn by few articles: the
 * rare terms for full-text search. Fixed, so the benchmark can name them.
 */
export const RARE_PLACES: string[] = (() => {
  const heads = ['Bar', 'Khan', 'Zar', 'Mir', 'Tal', 'Shah', 'Gul', 'Dar', 'Kot', 'Pir', 'Nau', 'Sar', 'Bal', 'Kal', 'Mor', 'Nar', 'Qas', 'Rah', 'Sul', 'Tor', 'Wan', 'Yar', 'Zan', 'Chak', 'Dhok'];
  const middles = ['', 'i', 'a', 'u'];
  const tails = ['abad', 'pur', 'kot', 'khel', 'garh', 'wala', 'zai', 'dara', 'nagar', 'ganj', 'kalay', 'bagh', 'dhero', 'shahr', 'tangi', 'wari'];
  const out: string[] = [];
  let k = 0;
  while (out.length < 500) {
    // A fixed walk through the combinations (coprime strides), so names are spread over heads.
    const h = heads[(k * 7) % heads.length]!;
    const m = middles[(k * 3 + Math.floor(k / 11)) % middles.length]!;
    const t = tails[(k * 5 + Math.floor(k / 25)) % tails.length]!;
    const name = h + m + t;
    if (!out.includes(name)) out.push(name);
    k++;
  }
  return out;
})();

/** Search terms that occur in most articles. */
export const COMMON_TERMS = ['government', 'security', 'reform', 'policy', 'economy'];

export interface PolicyAction {
  domain: string;
  /** After the modal: "invest in ..." (may hold {place} and {instr}). */
  verb: string;
  instruments: string[];
  against: string[];
}

export const ACTIONS: PolicyAction[] = [
  { domain: 'border-security', verb: 'improve border controls through {instr}', instruments: ['technology', 'intelligence-sharing', 'regulated crossings', 'biometric checks'], against: ['ad hoc closures that damage livelihoods', 'blanket closures'] },
  { domain: 'border-security', verb: 'reopen the crossing at {place} under a clear set of rules', instruments: ['regulated crossings', 'joint border committees'], against: ['arbitrary closures'] },
  { domain: 'internal-security', verb: 'treat police reform in {place} as core to national security', instruments: ['better policing', 'effective prosecutions', 'forensic capacity'], against: ['reliance on force alone'] },
  { domain: 'internal-security', verb: 'strengthen counter-terrorism departments with {instr}', instruments: ['training', 'funding', 'intelligence coordination'], against: ['indiscriminate crackdowns'] },
  { domain: 'security-strategy', verb: 'work towards a clearly defined security strategy that factors in input from all stakeholders', instruments: ['political strategy', 'stakeholder consultation'], against: ['a costly stalemate'] },
  { domain: 'diplomacy', verb: 'pair pressure with incentives, using {instr} as bargaining tools', instruments: ['trade access', 'transit facilities', 'humanitarian coordination'], against: ['pressure alone'] },
  { domain: 'diplomacy', verb: 'keep channels of dialogue open through {instr}', instruments: ['back-channel talks', 'special envoys', 'regional forums'], against: ['rhetorical escalation'] },
  { domain: 'diplomacy', verb: 'ground its expectations in reality when it deals with its neighbours', instruments: [], against: ['unrealistic expectations'] },
  { domain: 'fiscal-policy', verb: 'broaden the tax base by bringing {instr} into the net', instruments: ['retailers', 'agricultural income', 'property'], against: ['new taxes on those who already pay'] },
  { domain: 'fiscal-policy', verb: 'cut untargeted subsidies and protect spending on the poor', instruments: ['targeted cash transfers', 'subsidy reform'], against: ['across-the-board subsidies'] },
  { domain: 'fiscal-policy', verb: 'publish a credible medium-term plan to reduce debt servicing costs', instruments: ['debt reprofiling', 'a medium-term fiscal framework'], against: ['short-term borrowing'] },
  { domain: 'economy', verb: 'stabilise the economy before chasing growth', instruments: ['monetary discipline', 'structural reform'], against: ['stop-go growth'] },
  { domain: 'economy', verb: 'make it easier for small firms in {place} to borrow and export', instruments: ['credit guarantees', 'export refinancing'], against: ['red tape'] },
  { domain: 'energy', verb: 'tackle circular debt at its source through {instr}', instruments: ['recovery drives', 'tariff rationalisation', 'distribution reform'], against: ['repeated bailouts'] },
  { domain: 'energy', verb: 'accelerate the shift to solar power in {place}', instruments: ['net metering', 'solar parks'], against: ['new imported-fuel plants'] },
  { domain: 'water', verb: 'invest in canal lining and metering in {place}', instruments: ['canal lining', 'water metering', 'groundwater regulation'], against: ['wasteful flood irrigation'] },
  { domain: 'water', verb: 'honour the water accord and share data with the provinces', instruments: ['telemetry', 'data sharing'], against: ['unilateral withdrawals'] },
  { domain: 'climate', verb: 'build flood defences and early-warning systems in {place}', instruments: ['early-warning systems', 'flood defences', 'climate finance'], against: ['post-disaster improvisation'] },
  { domain: 'climate', verb: 'spend climate finance where the risk is greatest, starting with {place}', instruments: ['climate finance', 'risk mapping'], against: ['prestige projects'] },
  { domain: 'health', verb: 'vaccinate every child in {place} and protect the vaccinators', instruments: ['vaccination drives', 'security for health workers'], against: ['misinformation'] },
  { domain: 'health', verb: 'enforce emission standards for brick kilns and vehicles', instruments: ['emission standards', 'kiln conversion'], against: ['seasonal school closures as the only response'] },
  { domain: 'education', verb: 'get out-of-school children in {place} back into classrooms', instruments: ['school meals', 'conditional cash transfers', 'teacher recruitment'], against: ['budget cuts to schools'] },
  { domain: 'education', verb: 'raise education spending to at least four per cent of output', instruments: ['budget allocation'], against: ['spending cuts'] },
  { domain: 'governance', verb: 'hold local government elections in {place} without further delay', instruments: ['local elections', 'devolved funds'], against: ['rule by administrators'] },
  { domain: 'governance', verb: 'make public procurement transparent through {instr}', instruments: ['e-procurement', 'open contracting', 'audits'], against: ['discretionary awards'] },
  { domain: 'domestic-politics', verb: 'build a national consensus before taking decisions of this magnitude', instruments: ['parliamentary debate', 'all-parties conference'], against: ['political divisiveness'] },
  { domain: 'domestic-politics', verb: 'take parliament into confidence on the matter', instruments: ['parliamentary debate', 'in-camera briefings'], against: ['decisions behind closed doors'] },
  { domain: 'justice', verb: 'clear the backlog of cases through {instr}', instruments: ['more judges', 'case management', 'alternative dispute resolution'], against: ['endless adjournments'] },
  { domain: 'justice', verb: 'ensure that those responsible for the violence in {place} are prosecuted', instruments: ['effective prosecutions', 'witness protection'], against: ['impunity'] },
  { domain: 'human-rights', verb: 'end enforced disappearances and produce the missing before the courts', instruments: ['judicial oversight', 'legislation'], against: ['extra-legal detention'] },
  { domain: 'human-rights', verb: 'protect religious minorities in {place} from mob violence', instruments: ['police protection', 'prosecution of instigators'], against: ['misuse of blasphemy laws'] },
  { domain: 'human-rights', verb: 'halt the deportations until a humane process is in place', instruments: ['registration', 'due process'], against: ['mass deportations'] },
  { domain: 'media-freedom', verb: 'stop harassing journalists and repeal the new speech rules', instruments: ['legislative review'], against: ['internet shutdowns', 'arbitrary arrests of journalists'] },
  { domain: 'trade', verb: 'reopen trade routes and simplify customs procedures at {place}', instruments: ['customs automation', 'transit agreements'], against: ['arbitrary bans'] },
  { domain: 'trade', verb: 'diversify exports beyond textiles through {instr}', instruments: ['export incentives', 'trade agreements', 'skills training'], against: ['reliance on a single sector'] },
  { domain: 'agriculture', verb: 'support farmers in {place} with {instr}', instruments: ['crop insurance', 'certified seed', 'fair procurement prices'], against: ['hoarding and price manipulation'] },
  { domain: 'urban-policy', verb: 'clear the storm drains of {place} before the monsoon arrives', instruments: ['drain clearance', 'anti-encroachment drives'], against: ['last-minute cleaning'] },
  { domain: 'urban-policy', verb: 'build affordable housing on state land in {place}', instruments: ['public housing', 'land reform'], against: ['luxury schemes on public land'] },
];

export const MODALS: Record<'must' | 'should' | 'could', string[]> = {
  must: ['must', 'must urgently', 'must now', 'must also'],
  should: ['should', 'should instead', 'should at least', 'would do well to'],
  could: ['could', 'could usefully', 'might', 'could then'],
};

export const HEADLINES = [
  'The cost of {issue}', 'Time to act on {issue}', 'Rethinking {issue}', 'Hard choices on {issue}', 'No shortcuts on {issue}',
  'Beyond {issue}', 'Getting {issue} right', 'The {issue} trap', 'Lessons from {place}', '{place} deserves better',
  'A test for {actor}', 'What {actor} owes {place}', 'A missed opportunity on {issue}', 'After {place}', 'The politics of {issue}',
  'Counting the cost in {place}', 'Living with {issue}', 'A warning from {place}', 'Waiting for reform', 'The long road on {issue}',
];

export const OPENERS = [
  'Few issues have tested {A} as sharply as {issue}.',
  'The debate over {issue} is hardly new, but it has acquired fresh urgency in {place}.',
  'Events in {place} this week have once again exposed how badly {issue} has been handled.',
  'It has become a familiar pattern: a crisis over {issue}, a flurry of statements, and then silence.',
  'For the people of {place}, {issue} is not a talking point but a daily ordeal.',
];

export const FILLERS = [
  'Officials in {place} insist that the situation is under control; residents tell a different story.',
  '{A} promised last year to address {issue}, yet little has changed on the ground.',
  'It is not enough to announce committees and task forces; {issue} demands sustained attention.',
  'Past governments treated {issue} as a problem for another day.',
  'The figures are sobering: {issue} has worsened in {place} for {n} consecutive years.',
  'Critics argue that {A} could have recognised the scale of {issue} far sooner.',
  'There is a real danger that {issue} will deepen the mistrust between {A} and {B}.',
  'Those who pay the price are ordinary citizens in {place}, who have little say in the decisions that shape their lives.',
  'The response so far has been piecemeal, reactive and poorly coordinated.',
  'What is missing is a coherent plan, backed by money and political will.',
  '{A} and {B} have traded accusations while the problem has grown.',
  'In {place}, {issue} is no longer an abstraction but a daily reality.',
  'Independent analysts have long warned that {issue} cannot be solved by decree.',
  'The latest data from {place} should worry anyone who cares about {issue}.',
  'It would be a mistake to read the recent calm in {place} as a sign that the crisis has passed.',
  'Much will depend on whether {A} can find the political will to tackle {issue}.',
  'The costs of inaction are mounting, and they will fall hardest on the poor.',
  'None of this is to suggest that the task is easy.',
  '{A} cannot afford another round of half-measures on {issue}.',
  'For years, {issue} was treated as a technical matter best left to bureaucrats.',
  'The experience of {A} offers a useful lesson in how not to handle {issue}.',
  'There are no quick fixes, but there are sensible first steps.',
  'Public patience is wearing thin, and with good reason.',
  'A parliamentary debate on {issue} would be a welcome start.',
  'The absence of reliable data has made it easier to ignore {issue}.',
  'Meanwhile, the situation in {place} continues to deteriorate.',
  'Such rhetoric plays well at home but does little to resolve {issue}.',
  'Budgetary allocations for {issue} have shrunk in real terms since {year}.',
  'The government’s own economic managers concede that {issue} has become a drag on growth.',
  'Security is only one part of the picture; the economy and governance matter just as much.',
  'Reform has been promised so often that the word has almost lost its meaning.',
  'Policy has swung from one extreme to another, leaving investors and citizens alike uncertain.',
  'The state’s writ in {place} has weakened, and others have been quick to fill the vacuum.',
  'Relations between {A} and {B} have rarely been this strained.',
  'A decade ago, {place} was held up as a model; today it is a cautionary tale.',
  'The government has to choose between short-term comfort and long-term security.',
  'Unfortunately, the official response has been defensive rather than decisive.',
  'The episode also raises uncomfortable questions about accountability.',
];

export const ACTOR_LINES = [
  'Much now rests on {A}.',
  'The role of {A} deserves closer scrutiny.',
  'It is also worth recalling the position taken by {A} on {issue}.',
  'Nor should {A} be left out of the conversation.',
  '{A} will have a part to play in any lasting settlement.',
  'The concerns raised by {A} cannot simply be brushed aside.',
  '{A} would lose the most if the drift continues.',
];

export const RARE_LINES = [
  'In the remote district of {rare}, residents say {issue} has already emptied entire villages.',
  'The episode in {rare} last month showed how quickly a local dispute can escalate.',
  'Reports from {rare} describe schools closed and clinics without staff.',
  'The tragedy at {rare} should have been a turning point; it was not.',
];

export const CLOSERS = [
  'The choice is not between action and restraint, but between a clear strategy and a costly drift.',
  'The country cannot afford to wait for the next crisis to act.',
  'Time is running out, and the public is watching.',
  'The longer the delay, the higher the price.',
  'What is needed now is not another promise but a plan.',
];

export interface ClaimTemplate {
  /** As the text words it (after "that"). */
  text: string;
  /** Normalised, as the claim field holds it. */
  claim: string;
}

export const CLAIMS: ClaimTemplate[] = [
  { text: '{issue} has cost the economy more than {n} per cent of output', claim: 'The economic cost of {issue} exceeds {n} per cent of output.' },
  { text: 'nearly {n} million people in {place} are affected by {issue}', claim: 'Nearly {n} million people in {place} are affected by {issue}.' },
  { text: 'the number of incidents in {place} rose by {n} per cent last year', claim: 'Incidents in {place} rose by {n} per cent last year.' },
  { text: 'without reform, {issue} will worsen within {n} years', claim: 'Without reform, {issue} will worsen within {n} years.' },
  { text: 'the government has spent less than half of its allocation for {issue}', claim: 'Less than half the allocation for {issue} has been spent.' },
  { text: 'the country was among those most affected by {issue} in the region', claim: 'The country is among the most affected by {issue} in the region.' },
  { text: 'better governance in {place} could do more than force to contain {issue}', claim: 'Better governance in {place} would do more than force against {issue}.' },
  { text: 'the burden of {issue} falls disproportionately on women and children', claim: 'Women and children bear a disproportionate share of {issue}.' },
];

export const DIRECT_QUOTES = [
  'We cannot keep treating {issue} as someone else’s problem',
  'The window for action on {issue} is closing fast',
  'There is no military solution to {issue}',
  'Every year of delay in {place} costs lives',
  'What we need is consistency, not another announcement',
];

/** For plural sources ("local officials"), only verbs that agree with them. */
export const PLURAL_VERBS: Array<{ verb: string; text: string }> = [
  { verb: 'pointed out', text: 'have pointed out that' },
  { verb: 'warned', text: 'warned that' },
  { verb: 'observed', text: 'observed that' },
  { verb: 'reported', text: 'reported that' },
  { verb: 'say', text: 'say that' },
];

export const INDIRECT_VERBS: Array<{ verb: string; text: string }> = [
  { verb: 'notes', text: 'notes that' },
  { verb: 'pointed out', text: 'has pointed out that' },
  { verb: 'warned', text: 'warned that' },
  { verb: 'argues', text: 'argues that' },
  { verb: 'observed', text: 'observed that' },
  { verb: 'estimates', text: 'estimates that' },
  { verb: 'reported', text: 'reported that' },
];
