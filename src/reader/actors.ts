// Finding actors: the gazetteer first (states by name, capital or "demonym + state noun"; known
// bodies and armed groups), then rules for what no list can hold (titled people, "the X
// Commission", "Ministry of X", acronyms, capitalised names, "Gulf states", unnamed collectives).
// Every actor then gets all its mentions, which the addressee and source rules work from.
import {
  AGENTIVE,
  NOT_AGENTIVE,
  COLLECTIVES,
  INSTITUTION_HEADS,
  NOT_ACTOR_HEADS,
  ROLE_HEADS,
  STATE_BODY_HEADS,
  STATE_NOUNS,
  TITLES,
  demonymPlural,
  gazetteer,
  slug,
  type GazetteerEntry,
} from './gazetteer.js';
import { checkDeadline } from './errors.js';
import type { Sentence } from './nlp.js';
import type { ActorType } from './types.js';

export interface Mention {
  /** UTF-16 offsets in the body. */
  start: number;
  end: number;
  text: string;
}

export interface ActorRecord {
  id: string;
  name: string;
  type: ActorType;
  aliases: string[];
  confidence: number;
  rule: string;
  /** Referred to as "they" rather than "it". */
  plural: boolean;
  mentions: Mention[];
  /** Implied by the input (the home state) rather than found in the text. */
  implied?: boolean;
}

const L = String.raw`[\p{L}\p{N}]`;
const before = String.raw`(?<![\p{L}\p{N}])`;
const after = String.raw`(?![\p{L}\p{N}])`;

/** A capitalised word: "Kenya", "Tehreek-e-Taliban", "O'Brien", "G20". */
const CAP_WORD = String.raw`(?:[A-Z]${L}*(?:[-’'.]${L}+)*)`;
const CAP_RUN = new RegExp(
  String.raw`${before}${CAP_WORD}(?:(?:\s(?:of|for|on|de|al|ng|of the|for the|on the))?\s${CAP_WORD})*${after}`,
  'gu',
);
/** "Gulf states", "Central Asian neighbours", "Western powers". */
const REGIONAL_GROUP = /(?<![\p{L}\p{N}])(?:[A-Z][\p{L}-]+ )+(?:states|countries|nations|neighbours|neighbors|powers|allies|governments|leaders|partners|monarchies|capitals|donors)(?![\p{L}\p{N}])/gu;

/** Capitalised words that name no actor (sentence starters, months, days, common nouns in headlines). */
const NOT_NAMES = new Set(
  (
    'the a an this that these those but and or if when while as in on at by for with from to of it its our their his her ' +
    'we they he she there here what which who whose how why where no not yet so also even still such most many much more ' +
    'some any each every all both one two three first second third last next after before since until unless although though ' +
    'however moreover meanwhile indeed instead therefore thus hence unfortunately fortunately clearly sadly surely perhaps ' +
    'rather then now today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday january february ' +
    'march april may june july august september october november december let do does did is are was were be has have had ' +
    'i you my your us them mr mrs ms dr yes worse better only just given despite amid against without beyond above below ' +
    'under over between among through during across about around like unlike whatever whoever whether either neither nor ' +
    'should must could would will shall can might need needs time it’s that’s there’s what’s several few another every each'
  ).split(' '),
);

/** Words of direction and region before a place ("Northern Nigeria", "Central Kenya"): still a place. */
const DIRECTIONS = /^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower|Greater|Rural|Urban|Coastal|Inner|Outer|Mid|Old|New|Modern)$/;

/** All-caps words that are not actors. */
const NOT_ACRONYMS = new Set(
  'I A AM PM OK TV GDP GNP CEO AI IT COVID HIV AIDS VAT ID LNG CPI IPO SME SMES NGO NGOS FDI US$ USD EUR MW GW KM KG UK$ CCTV SMS IDP IDPS FIR STEM PPE ICT ATM OTP MP MPS'.split(' '),
);

interface Found {
  name: string;
  type: ActorType;
  aliases: string[];
  confidence: number;
  rule: string;
  entry?: GazetteerEntry;
  plural?: boolean;
  /** Where it was found (UTF-16), for the first mention when the name itself does not recur. */
  at: Mention;
}

export class ActorIndex {
  readonly actors: ActorRecord[];
  private readonly byId = new Map<string, ActorRecord>();
  /** Every mention of every actor, in text order. */
  readonly mentions: Array<Mention & { actor: ActorRecord }>;

  constructor(actors: ActorRecord[]) {
    this.actors = actors;
    for (const a of actors) this.byId.set(a.id, a);
    this.mentions = actors.flatMap((a) => a.mentions.map((m) => ({ ...m, actor: a }))).sort((x, y) => x.start - y.start);
  }

  get(id: string): ActorRecord | undefined {
    return this.byId.get(id);
  }

  /** Mentions that lie within [start, end). */
  within(start: number, end: number): Array<Mention & { actor: ActorRecord }> {
    const out: Array<Mention & { actor: ActorRecord }> = [];
    for (let i = this.firstAtOrAfter(start); i < this.mentions.length && this.mentions[i]!.start < end; i++) {
      if (this.mentions[i]!.end <= end) out.push(this.mentions[i]!);
    }
    return out;
  }

  /** Index of the first mention starting at or after `position` (binary search: long texts have many). */
  firstAtOrAfter(position: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid]!.start < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Folds one actor into another: its names become aliases and its mentions the other's. */
  fold(from: ActorRecord, into: ActorRecord) {
    for (const n of [from.name, ...from.aliases]) addAlias(into, n);
    into.mentions.push(...from.mentions);
    into.mentions.sort((a, b) => a.start - b.start);
    for (const m of this.mentions) if (m.actor === from) m.actor = into;
    from.mentions = [];
    from.confidence = 0;
    this.byId.set(from.id, into);
  }

  /** Adds an actor (an implied home state, a generic institution named as a subject). */
  add(actor: ActorRecord): ActorRecord {
    const existing = this.byId.get(actor.id);
    if (existing) return existing;
    this.actors.push(actor);
    this.byId.set(actor.id, actor);
    for (const m of actor.mentions) this.mentions.splice(this.firstAtOrAfter(m.start), 0, { ...m, actor });
    return actor;
  }
}

/** Every actor the body names, with all their mentions. */
export function findActors(body: string, sentences: Sentence[], deadline?: number): ActorIndex {
  const found: Found[] = [];
  const gazetteerSpans = findInGazetteer(body, found);
  checkDeadline(deadline);
  findCapitalised(body, gazetteerSpans, found);
  checkDeadline(deadline);
  findRegionalGroups(body, found);
  findCollectives(body, found);
  findDemonymGroups(body, found);
  findAgentGroups(body, sentences, found);
  findStateBodies(body, found);
  checkDeadline(deadline);
  const records = merge(found);
  checkDeadline(deadline);
  return new ActorIndex(withMentions(body, records));
}

// --- the gazetteer ----------------------------------------------------------------------------

interface Surface {
  text: string;
  entry: GazetteerEntry;
  /** A demonym that stands for the state only before one of STATE_NOUNS. */
  demonym?: boolean;
}

let surfaceIndex: { bySurface: Map<string, Surface>; maxWords: number } | undefined;

/** Every gazetteer name by its lower-cased words, built once. */
function surfaces() {
  if (surfaceIndex) return surfaceIndex;
  const bySurface = new Map<string, Surface>();
  const put = (text: string, surface: Surface) => {
    const key = lookupKey(text);
    if (!bySurface.has(key)) bySurface.set(key, surface);
  };
  for (const entry of gazetteer()) {
    for (const text of [entry.name, ...entry.aliases]) put(text, { text, entry });
    for (const d of entry.demonyms) for (const noun of STATE_NOUNS) put(`${d} ${noun}`, { text: `${d} ${noun}`, entry, demonym: true });
  }
  const maxWords = Math.max(...[...bySurface.keys()].map((k) => k.split(' ').length));
  surfaceIndex = { bySurface, maxWords };
  return surfaceIndex;
}

/** Lower case, single spaces, no trailing full stop ("U.S." and "U.S" are one key). */
function lookupKey(text: string): string {
  const key = /\s\s|[\t\n]/.test(text) ? text.toLowerCase().replace(/\s+/g, ' ') : text.toLowerCase();
  return key.endsWith('.') ? key.slice(0, -1) : key;
}

const WORD = /[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)*/gu;

/**
 * Gazetteer names in the body, longest first at each capitalised word. Looking word n-grams up
 * in a map is far cheaper than one alternation of thousands of names.
 */
function findInGazetteer(body: string, found: Found[]): Mention[] {
  const { bySurface, maxWords } = surfaces();
  const words: Array<{ start: number; end: number }> = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(body); m; m = WORD.exec(body)) words.push({ start: m.index, end: m.index + m[0].length });
  const spans: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    const c = body.charCodeAt(words[i]!.start);
    if (c >= 97 && c <= 122) continue; // a lower-case word starts no name
    if (!/^\p{Lu}/u.test(body[words[i]!.start]!)) continue;
    let hit: { end: number; surface: Surface; j: number } | undefined;
    for (let j = Math.min(words.length - 1, i + maxWords - 1); j >= i && !hit; j--) {
      // Only words separated by plain spaces make one name.
      if (j > i && /[^ \t]/.test(body.slice(words[j - 1]!.end, words[j]!.start))) continue;
      let end = words[j]!.end;
      let text = body.slice(words[i]!.start, end);
      let surface = bySurface.get(lookupKey(text));
      if (!surface && /['’]s$/i.test(text)) {
        end -= 2;
        text = text.slice(0, -2);
        surface = bySurface.get(lookupKey(text));
      }
      if (surface && caseFits(text, surface.text)) hit = { end, surface, j };
    }
    if (!hit) continue;
    const at = { start: words[i]!.start, end: hit.end, text: body.slice(words[i]!.start, hit.end) };
    spans.push(at);
    const { entry } = hit.surface;
    found.push({
      name: entry.name,
      type: entry.type,
      aliases: at.text === entry.name ? [] : [hit.surface.demonym ? at.text : hit.surface.text],
      confidence: 0.95,
      rule: hit.surface.demonym ? 'gazetteer-demonym-state' : 'gazetteer',
      entry,
      plural: entry.type === 'armed-group' || entry.type === 'group',
      at,
    });
    i = hit.j;
  }
  return spans;
}

/** Acronyms must match in capitals; names must start with a capital (or be all capitals). */
function caseFits(matched: string, surface: string): boolean {
  if (/^[A-Z0-9.]{2,5}$/.test(surface)) return matched === surface;
  return /^\p{Lu}/u.test(matched);
}

// --- rules ---------------------------------------------------------------------------------

const TITLE_RE = new RegExp(
  String.raw`${before}(?:${[...TITLES].sort((a, b) => b.length - a.length).map(escape).join('|')})\s+((?:${CAP_WORD}\s){0,3}${CAP_WORD})${after}`,
  'gu',
);

function findCapitalised(body: string, gazetteerSpans: Mention[], found: Found[]) {
  // Titled people: "President William Ruto", "opposition leader Raila Odinga".
  const personSpans: Mention[] = [];
  TITLE_RE.lastIndex = 0;
  for (let m = TITLE_RE.exec(body); m; m = TITLE_RE.exec(body)) {
    const name = stripPossessive(m[1]!);
    const title = m[0].slice(0, m[0].length - m[1]!.length).trim();
    if (NOT_NAMES.has(name.toLowerCase()) || overlaps(gazetteerSpans, m.index, m.index + m[0].length)) continue;
    const words = name.split(/\s+/);
    const surname = words[words.length - 1]!;
    const titled = /^[A-Z]/.test(title) ? `${title} ${surname}` : undefined;
    const role = appositiveRole(body, m.index);
    found.push({
      name,
      type: 'person',
      aliases: [...(titled ? [titled, `${title} ${name}`] : []), ...(words.length > 1 ? [surname] : []), ...(role ? [role] : [])],
      confidence: 0.9,
      rule: 'title-name',
      at: { start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, text: name },
    });
    personSpans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }

  CAP_RUN.lastIndex = 0;
  for (let m = CAP_RUN.exec(body); m; m = CAP_RUN.exec(body)) {
    let start = m.index;
    let text = m[0];
    // Drop capitalised function words and sentence openers at the front ("The", "But", "Most"),
    // though a capitalised "An" inside a sentence is a name ("An Bord Pleanála").
    for (;;) {
      const first = /^(\S+)\s+/.exec(text);
      if (!first || !NOT_NAMES.has(first[1]!.toLowerCase())) break;
      if (first[1] === 'An' && !isSentenceStart(body, start)) break;
      start += first[0].length;
      text = text.slice(first[0].length);
    }
    // Drop a trailing "on Friday", "in March".
    text = text.replace(/\s(?:of|for|on|de|al|of the|for the|on the)\s(\S+)$/, (all, w: string) => (NOT_NAMES.has(w.toLowerCase()) ? '' : all));
    text = stripPossessive(text);
    // "Economic and Financial Crimes Commission", "Department of Foreign Affairs and Trade": an
    // institution's name may hold an "and".
    if (INSTITUTION_HEADS.some((h) => text.split(/\s+/).includes(h))) {
      const back = /([A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)*)\sand\s$/u.exec(body.slice(Math.max(0, start - 40), start));
      const words = back ? back[0].split(' ') : [];
      while (words.length > 2 && NOT_NAMES.has(words[0]!.toLowerCase())) words.shift();
      if (back && words.length > 2) {
        const length = words.join(' ').length;
        start -= length;
        text = body.slice(start, start + length + text.length);
      }
      // "Ministry of Business, Innovation and Employment": a list after "of" belongs to the name.
      const list = / of [A-Z][\p{L}]+$/u.test(text) ? /^(?:,\s[A-Z][\p{L}]+)+,?\sand\s[A-Z][\p{L}]+(?![\p{L}])/u.exec(body.slice(start + text.length, start + text.length + 80)) : null;
      if (list && !list[0].split(/[\s,]+/).some((w) => /^[A-Z]/.test(w) && NOT_NAMES.has(w.toLowerCase()))) {
        text += list[0];
        CAP_RUN.lastIndex = Math.max(CAP_RUN.lastIndex, start + text.length);
      }
      const fwd = list ? null : /^\sand\s([A-Z][\p{L}]+)(?![\p{L}])/u.exec(body.slice(start + text.length, start + text.length + 30));
      if (fwd && !NOT_NAMES.has(fwd[1]!.toLowerCase())) {
        text += fwd[0];
        CAP_RUN.lastIndex = Math.max(CAP_RUN.lastIndex, start + text.length);
      }
    }
    const end = start + text.length;
    if (!text || NOT_NAMES.has(text.toLowerCase())) continue;
    if (overlaps(personSpans, start, end)) {
      // "Justice Marie-Claude Bélanger of the Ontario Court of Justice": the body after the titled person.
      const person = personSpans.find((p) => p.start < end && p.end > start)!;
      const rest = /^\s(?:of|at|from)\s(?:the\s)?/.exec(body.slice(person.end, end));
      if (!rest || person.end < start) continue;
      const s2 = person.end + rest[0].length;
      const t2 = body.slice(s2, end);
      if (!t2 || overlaps(personSpans, s2, end) || spansIn(gazetteerSpans, s2, end).some((g) => g.start < s2 || g.end > end)) continue;
      const covered2 = spansIn(gazetteerSpans, s2, end).filter((g) => g.start >= s2 && g.end <= end);
      if (covered2.some((g) => g.start === s2 && g.end === end)) continue;
      classifyRun(body, t2, { start: s2, end, text: t2 }, covered2, found);
      continue;
    }
    // Part of a longer gazetteer name ("Côte" in "Côte d'Ivoire").
    if (spansIn(gazetteerSpans, start, end).some((g) => g.start < start || g.end > end)) continue;
    const covered = spansIn(gazetteerSpans, start, end).filter((g) => g.start >= start && g.end <= end);
    if (covered.some((g) => g.start === start && g.end === end)) continue;
    classifyRun(body, text, { start, end, text }, covered, found);
  }
}

function classifyRun(body: string, text: string, at: Mention, covered: Mention[], found: Found[]) {
  const words = text.split(/\s+/);
  const head = words[words.length - 1]!;
  const sentenceStart = isSentenceStart(body, at.start);

  // "Tehreek-e-Taliban Pakistan (TTP)", "the Ghana Cocoa Board, known as Cocobod": another name given in passing.
  const defined = new RegExp(`^\\s*\\((${CAP_WORD})\\)`, 'u').exec(body.slice(at.end, at.end + 20));
  const known = new RegExp(`^,?\\s+(?:known as|also known as|also called|better known as)\\s+(${CAP_WORD})`, 'u').exec(body.slice(at.end, at.end + 60));
  const acronym = [...(defined && /^[A-Z][A-Za-z0-9]{1,9}$/.test(defined[1]!) ? [defined[1]!] : []), ...(known ? [known[1]!] : [])];

  if (/^[A-Z0-9]{2,8}s?$/.test(text)) {
    // An acronym alone: an organisation, unless it is an everyday abbreviation or a shouted word.
    if (NOT_ACRONYMS.has(text.toUpperCase()) || (text.length > 5 && sentenceStart)) return;
    found.push({ name: text, type: 'organization', aliases: [], confidence: 0.7, rule: 'acronym', at });
    return;
  }
  // "Afghan Taliban": demonyms before a known name make another name for it.
  const { demonyms } = tables();
  const last = covered[covered.length - 1];
  if (last && last.end === at.end && words.slice(0, -last.text.split(/\s+/).length).every((w) => demonyms.has(w))) {
    const entry = surfaces().bySurface.get(lookupKey(last.text))?.entry;
    if (entry && entry.type !== 'state') {
      found.push({ name: entry.name, type: entry.type, aliases: [text], confidence: 0.9, rule: 'demonym-name', entry, at });
      return;
    }
  }
  // "Controller of Budget", "Auditor General", "City of Cape Town": offices and municipalities.
  if (/^(?:[A-Z][a-z]+\s)?(?:[A-Z][a-z]+(?:er|or|ar)|Ombudsman|General|City|County|Municipality) of /.test(text)) {
    found.push({ name: text, type: 'institution', aliases: acronym, confidence: 0.8, rule: 'office-of', at });
    return;
  }
  // "Sokoto State", "Lagos State": a federated state's government.
  if (head === 'State' && words.length > 1 && !sentenceStart) {
    found.push({ name: text, type: 'institution', aliases: [words.slice(0, -1).join(' ')], confidence: 0.75, rule: 'federated-state', at });
    return;
  }
  // "International Council for the Exploration of the Sea", "Bank of England": the head comes before "of/for".
  const firstSegment = text.split(/\s(?:of|for|on|de|al|ng)\s/)[0]!.split(/\s+/);
  const segmentHead = firstSegment[firstSegment.length - 1]!;
  if (firstSegment.length < words.length && INSTITUTION_HEADS.includes(segmentHead)) {
    found.push({ name: text, type: STATE_BODY_HEADS.has(segmentHead) ? 'institution' : 'organization', aliases: acronym, confidence: 0.85, rule: 'institution-head', at });
    return;
  }
  if (NOT_ACTOR_HEADS.has(head)) return;
  // "Minister for Public Expenditure", "the Environment Secretary": an office, named as a person.
  if (TITLE_WORDS.has(firstWordOf(text)) || TITLE_WORDS.has(head)) {
    const named = new RegExp(`^,\\s+(?:(?:${TITLE_WORDS_RE})\\.?\\s+)?(${CAP_WORD}(?:\\s${CAP_WORD}){1,2})`, 'u').exec(body.slice(at.end, at.end + 80));
    if (named) {
      // "The Minister for Housing, Ciarán Doyle": the office is another name of the person.
      const s = at.end + named[0].length - named[1]!.length;
      found.push({ name: named[1]!, type: 'person', aliases: [text], confidence: 0.9, rule: 'office-appositive', at: { start: s, end: s + named[1]!.length, text: named[1]! } });
    } else {
      found.push({ name: text, type: 'person', aliases: [], confidence: 0.75, rule: 'office', at });
    }
    return;
  }
  // "The Delhi government", "Khyber Pakhtunkhwa health department": a body named by place and noun.
  const body_ = /^(?:\s(?!(?:and|or|in|on|of|to|at|the|a|an|for|with|by|from|into|inside|over|under|that|which|who|is|are|was|were|has|have|had|its|their)\b)[a-z]+){0,2}?\s(?:government|department|ministry|police|council|board|authority|commission|assembly|administration|agency|committee|court|service|division|directorate)\b/.exec(body.slice(at.end, at.end + 60));
  if (body_ && !(words.length === 1 && sentenceStart && !covered.length) && !(covered.length && covered[0]!.start === at.start && STATE_NOUNS.some((n) => body_[0].trim() === n))) {
    const full = body.slice(at.start, at.end + body_[0].length);
    found.push({ name: full, type: 'institution', aliases: [], confidence: 0.8, rule: 'place-body', at: { start: at.start, end: at.start + full.length, text: full } });
    return;
  }
  const headIndex = words.findIndex((w) => INSTITUTION_HEADS.includes(w));
  if (headIndex !== -1) {
    const headWord = words[headIndex]!;
    const type: ActorType = STATE_BODY_HEADS.has(headWord) ? 'institution' : 'organization';
    found.push({ name: text, type, aliases: acronym, confidence: 0.85, rule: 'institution-head', at });
    return;
  }
  // "the Auditor-General", "the Attorney-General": an office held by a body of the state.
  // ("Its Director-General, Anjali Rathore": the person in apposition, below.)
  if (/^[A-Z][a-z]+-General$/.test(text) && !/^,\s+\p{Lu}/u.test(body.slice(at.end, at.end + 4))) {
    found.push({ name: text, type: 'institution', aliases: acronym, confidence: 0.8, rule: 'office-general', at });
    return;
  }
  if (words.length === 1) {
    // One capitalised word: a name only mid-sentence, and only if it is not an adjective of place;
    // surer when the text uses it again.
    if (sentenceStart || demonyms.has(text) || covered.length) return;
    const again = countWord(body, text) >= 2;
    found.push({ name: text, type: 'organization', aliases: acronym, confidence: again ? 0.55 : 0.45, rule: 'capitalised-word', at });
    return;
  }
  if (words.every((w) => demonyms.has(w))) return;
  if (covered.length) {
    // "Statistics Botswana", "Ghana Water Limited": a body named after its state.
    const rest = words.filter((w) => !covered.some((c) => c.text.split(/\s+/).includes(w)));
    if (words.length > 4 || !rest.length || rest.some((w) => demonyms.has(w) || DIRECTIONS.test(w) || NOT_NAMES.has(w.toLowerCase())) || (sentenceStart && rest.length === words.length - 1 && rest[0] === words[0])) return;
    found.push({ name: text, type: 'organization', aliases: acronym, confidence: 0.55, rule: 'state-named-body', at });
    return;
  }
  // Two to four capitalised words with no institutional head: most often a person.
  const personLike = words.length <= 3 && words.every((w) => /^(?:Mc|Mac|O[’']|D[’'])?[A-Z][a-z’'-]+$/.test(w)) && !sentenceStart && !NOT_SURNAMES.test(head);
  const role = personLike ? appositiveRole(body, at.start) : undefined;
  found.push({
    name: text,
    type: personLike ? 'person' : 'organization',
    // "Irrigation Prakash Adhikari" (the end of a long title): the last two words are the name.
    aliases: [...acronym, ...(personLike ? [head] : []), ...(personLike && words.length === 3 ? [words.slice(1).join(' ')] : []), ...(role ? [role] : [])],
    confidence: personLike ? 0.6 : 0.55,
    rule: personLike ? 'capitalised-name' : 'capitalised-run',
    at,
  });
}

/** Last words that end a body's name, never a person's ("Rand Water", "Transport Scotland", "Scottish Government"). */
const NOT_SURNAMES = /^(?:Government|Water|Power|Energy|Electricity|Gas|Oil|Assets|Holdings|Ferries|Airways|Airlines|Railways?|Rail|Transport|Telecom|Group|Trust|Fund|Bank|Scotland|Wales|England|Ireland|Africa|Asia|Europe|America|Limited|Ltd|Inc|Corporation|Company|Partners|Alliance|Network|Services|Systems|Health|Education|Police)$/;

function findRegionalGroups(body: string, found: Found[]) {
  REGIONAL_GROUP.lastIndex = 0;
  for (let m = REGIONAL_GROUP.exec(body); m; m = REGIONAL_GROUP.exec(body)) {
    let text = m[0];
    let start = m.index;
    const first = /^(\S+)\s+/.exec(text);
    if (first && NOT_NAMES.has(first[1]!.toLowerCase())) {
      start += first[0].length;
      text = text.slice(first[0].length);
    }
    if (!/\s/.test(text)) continue;
    found.push({ name: text, type: 'group', aliases: [], confidence: 0.7, rule: 'regional-group', plural: true, at: { start, end: start + text.length, text } });
  }
}

function findCollectives(body: string, found: Found[]) {
  for (const [pattern, type] of COLLECTIVES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
      const surface = m[0];
      const bare = surface.replace(/^(?:the|all|other) /i, '');
      const name = capitalise(/s$/.test(bare) || /\s/.test(bare) ? bare : `${bare}s`);
      const aliases = [...new Set([surface, bare].filter((a) => a.toLowerCase() !== name.toLowerCase()))];
      found.push({ name, type, aliases, confidence: 0.6, rule: 'collective', plural: true, at: { start: m.index, end: m.index + surface.length, text: surface } });
    }
  }
}

/**
 * Plural nouns for people or bodies that can act ("vendors", "large landowners", "civil society
 * groups"), with up to two modifiers before them; the bare noun is kept as an alias, since the
 * text may name the group either way.
 */
function findAgentGroups(body: string, sentences: Sentence[], found: Found[]) {
  for (const s of sentences) {
    s.tokens.forEach((t, i) => {
      if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return;
      if (!AGENTIVE.test(t.lower) || NOT_AGENTIVE.test(t.lower) || !/^[a-z]/i.test(t.text)) return;
      if (/^[A-Z]/.test(t.text) && i > 0 && /^[A-Z]/.test(s.tokens[i - 1]!.text)) return; // part of a capitalised name
      const next = s.tokens[i + 1];
      if (next && next.pos === 'NOUN' && !AGENTIVE.test(next.lower)) return; // "banks loans": a modifier, not the group
      let first = i;
      while (first > i - 2 && first > 0) {
        const p = s.tokens[first - 1]!;
        const opensSentence = p === s.tokens[0] && /^[A-Z][a-z-]*$/.test(p.text);
        if (!(p.pos === 'ADJ' || p.pos === 'NOUN' || opensSentence) || !(/^[a-z][a-z-]*$/.test(p.text) || opensSentence)) break;
        if (p.pos === 'DET' || p.pos === 'PRON' || (p.pos === 'NOUN' && /[^s]s$/.test(p.lower)) || /^(?:many|most|other|such|more|few|several|same|own|new|these|those|some|all|the|its|their|our)$/.test(p.lower)) break;
        first--;
      }
      const start = s.tokens[first]!.start;
      const name = body.slice(start, t.end);
      found.push({
        name: name.charAt(0).toUpperCase() + name.slice(1),
        type: 'group',
        aliases: first < i ? [t.text] : [],
        confidence: 0.55,
        rule: 'agent-group',
        plural: true,
        at: { start, end: t.end, text: name },
      });
    });
  }
}

/** "the police", "the army", "parliament", "the opposition": a body named by its common noun. */
function findStateBodies(body: string, found: Found[]) {
  const re = /(?<![\p{L}])(?:the )?(police|army|military|judiciary|legislature|treasury|cabinet|parliament|opposition|ruling party|governing party|ruling coalition|governing coalition)(?![\p{L}])(?!\s(?:officers?|station|chief|force|commander|budget))/giu;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const noun = m[1]!;
    if (/^(?:military|opposition)$/i.test(noun) && !/^the /i.test(m[0])) continue; // "military action", "opposition figures"
    found.push({ name: noun, type: /^opposition$/i.test(noun) ? 'group' : /party|coalition/i.test(noun) ? 'organization' : 'institution', aliases: [], confidence: 0.55, rule: 'state-body-noun', at: { start: m.index + m[0].length - noun.length, end: m.index + m[0].length, text: noun } });
  }
}

const PEOPLE_NOUNS =
  'soldiers|troops|police|policemen|officers|farmers|traders|workers|citizens|people|voters|students|refugees|migrants|nationals|families|civilians|businesses|officials|lawmakers|politicians|leaders|forces|security forces|militants|fighters|companies|banks|doctors|teachers|women|youth|children|taxpayers|consumers|exporters|investors|households';

let cachedTables: { demonyms: Set<string>; groupRe: RegExp; pluralRe: RegExp } | undefined;

/** Demonyms and the expressions built from them, once. */
function tables() {
  if (cachedTables) return cachedTables;
  const demonyms = new Set(gazetteer().flatMap((e) => e.demonyms));
  const alternation = [...demonyms].sort((a, b) => b.length - a.length).map(escape).join('|');
  const plurals = [...new Set([...demonyms].map(demonymPlural).filter((p): p is string => !!p))].map(escape);
  cachedTables = {
    demonyms,
    groupRe: new RegExp(`${before}(?:${alternation}) (?:${PEOPLE_NOUNS})${after}`, 'gu'),
    pluralRe: new RegExp(`${before}(?:${plurals.join('|')})${after}`, 'gu'),
  };
  return cachedTables;
}

/** "Pakistani soldiers", "Afghan refugees": a demonym before a noun for people is a group. */
function findDemonymGroups(body: string, found: Found[]) {
  const { groupRe: re, pluralRe: pre } = tables();
  re.lastIndex = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const isForces = /(?:soldiers|troops|forces|security forces|officers)$/.test(m[0]);
    found.push({
      name: m[0],
      type: isForces ? 'institution' : 'group',
      aliases: [],
      confidence: 0.6,
      rule: 'demonym-group',
      plural: true,
      at: { start: m.index, end: m.index + m[0].length, text: m[0] },
    });
  }
  // Plural demonyms alone ("Kenyans", "Afghans") are the people of a state.
  pre.lastIndex = 0;
  for (let m = pre.exec(body); m; m = pre.exec(body)) {
    found.push({ name: m[0], type: 'group', aliases: [], confidence: 0.55, rule: 'demonym-people', plural: true, at: { start: m.index, end: m.index + m[0].length, text: m[0] } });
  }
}

// --- merging and mentions ---------------------------------------------------------------------

/** One record per actor: gazetteer entries by id, others by name; short names fold into longer ones. */
function merge(found: Found[]): ActorRecord[] {
  const records = new Map<string, ActorRecord & { first: Mention }>();
  const keyOf = (f: Found) => (f.entry ? f.entry.id : slug(f.name));
  // Surer findings first, so that a name found by a weak rule joins the record of a strong one.
  const ordered = [...found].sort((a, b) => b.confidence - a.confidence || a.at.start - b.at.start);
  const aliasOwner = new Map<string, string>();
  for (const f of ordered) {
    const key = aliasOwner.get(f.name.toLowerCase()) ?? keyOf(f);
    if (!key) continue;
    const record = records.get(key);
    if (record) {
      for (const a of [f.name, ...f.aliases]) addAlias(record, a);
      if (f.at.start < record.first.start) record.first = f.at;
      for (const a of f.aliases) if (!aliasOwner.has(a.toLowerCase())) aliasOwner.set(a.toLowerCase(), key);
      continue;
    }
    const r = {
      id: key,
      name: f.name,
      type: f.type,
      aliases: [] as string[],
      confidence: f.confidence,
      rule: f.rule,
      plural: f.plural ?? /s$/.test(f.name),
      mentions: [],
      first: f.at,
    };
    for (const a of f.aliases) addAlias(r, a);
    records.set(key, r);
    for (const a of [f.name, ...f.aliases]) if (!aliasOwner.has(a.toLowerCase())) aliasOwner.set(a.toLowerCase(), key);
  }
  // An acronym whose letters are the initials of a longer name is that name ("INEC").
  const all = [...records.values()];
  for (const r of all) {
    if (!/^[A-Z]{2,8}$/.test(r.name) || !records.has(r.id)) continue;
    // ... or takes a word's first two or three letters ("KEBS" for the Kenya Bureau of Standards), when only one name fits.
    const loose = all.filter((o) => o !== r && records.has(o.id) && /\s/.test(o.name) && o.type !== 'person' && fitsAcronym(r.name, o.name));
    const owner = all.find((o) => o !== r && records.has(o.id) && initials(o.name) === r.name) ?? (loose.length === 1 ? loose[0] : undefined);
    if (owner) {
      addAlias(owner, r.name);
      if (r.first.start < owner.first.start) owner.first = r.first;
      records.delete(r.id);
    }
  }
  // A person's surname alone, or a shorter run inside a longer one, is the same actor.
  for (const r of all) {
    // "Treasury" after "National Treasury": the short form of a body already named.
    if (r.name.split(/\s+/).length === 1 && records.has(r.id) && r.type !== 'state' && !r.rule.startsWith('gazetteer')) {
      const longer = all.find((o) => o !== r && records.has(o.id) && o.type === 'institution' && o.name.endsWith(` ${r.name}`));
      if (longer) {
        addAlias(longer, r.name);
        records.delete(r.id);
        continue;
      }
    }
    if (r.rule !== 'capitalised-word' && r.rule !== 'capitalised-name' && !(r.rule === 'title-name' && !/\s/.test(r.name))) continue;
    const owner = all.find(
      (o) => o !== r && records.has(o.id) && o.type === 'person' && o.name.split(/\s+/).length > 1 && [o.name, ...o.aliases].some((n) => n.endsWith(` ${r.name}`)),
    );
    if (owner && r.name.split(/\s+/).length === 1) {
      addAlias(owner, r.name);
      records.delete(r.id);
    }
  }
  return [...records.values()]
    .map(({ first, ...r }) => ({ ...r, mentions: [first] }))
    .filter((r) => r.confidence >= 0.45);
}

/** Whether each significant word of `name`, in order, gives the next one to three letters of `acronym`. */
function fitsAcronym(acronym: string, name: string): boolean {
  const words = name.split(/[\s-]+/).filter((w) => !/^(?:of|the|for|and|on|de|e|ng)$/i.test(w));
  if (words.length < 2 || words.length > acronym.length) return false;
  const match = (i: number, j: number): boolean => {
    if (j === words.length) return i === acronym.length;
    const w = words[j]!.toUpperCase();
    for (let k = 1; k <= Math.min(3, w.length); k++) if (w.slice(0, k) === acronym.slice(i, i + k) && match(i + k, j + 1)) return true;
    return false;
  };
  return match(0, 0);
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => !/^(?:of|the|for|and|on|de|e|ng)$/i.test(w))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function addAlias(record: { name: string; aliases: string[] }, alias: string) {
  const lower = alias.toLowerCase();
  if (lower !== record.name.toLowerCase() && !record.aliases.some((a) => a.toLowerCase() === lower)) record.aliases.push(alias);
}

/**
 * Finds every mention of every actor by its name and aliases, longest first, so that
 * "Tehreek-e-Taliban Pakistan" is a mention of the TTP and not of Pakistan.
 */
function withMentions(body: string, records: ActorRecord[]): ActorRecord[] {
  const owners = new Map<string, ActorRecord>();
  for (const r of records) {
    for (const s of [r.name, ...r.aliases]) if (!owners.has(s.toLowerCase())) owners.set(s.toLowerCase(), r);
  }
  const keys = [...owners.keys()].sort((a, b) => b.length - a.length).map(escape);
  const firsts = new Map(records.map((r) => [r.id, r.mentions[0]!]));
  for (const r of records) r.mentions = [];
  if (keys.length) {
    const re = new RegExp(`${before}(?:${keys.join('|')})${after}`, 'giu');
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const owner = owners.get(m[0].toLowerCase())!;
      const surface = [owner.name, ...owner.aliases].find((s) => s.toLowerCase() === m[0].toLowerCase())!;
      if (/^\p{Lu}/u.test(surface) && !caseFits(m[0], surface)) continue;
      owner.mentions.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  // Where an actor was found but its name never stands alone (it is only part of a longer name
  // found for another actor), the finding itself is its one mention.
  const all = records.flatMap((r) => r.mentions).sort((a, b) => a.start - b.start);
  for (const r of records) {
    const first = firsts.get(r.id)!;
    const covered = r.mentions.some((m) => m.start <= first.start && m.end >= first.end);
    const inside = spansIn(all, first.start, first.end).length > 0;
    if (!covered && !inside) r.mentions.push(first);
    r.mentions.sort((a, b) => a.start - b.start);
  }
  return records;
}

// --- helpers -----------------------------------------------------------------------------------

const TITLE_WORDS = new Set(TITLES.filter((t) => /^[A-Z]/.test(t) && !/\./.test(t)).flatMap((t) => t.split(' ')).filter((w) => !/^(?:General|Justice|Major|Chair|Prime|Chief|Vice|Deputy|Field|Attorney|Auditor|Inspector|Finance|Foreign|Interior|Defence|Defense|Health|Opposition)$/.test(w)));
const TITLE_WORDS_RE = TITLES.filter((t) => /^[A-Z]/.test(t)).map(escape).join('|');

function firstWordOf(text: string): string {
  return text.split(/\s+/)[0]!;
}

let wordCounts: { body: string; counts: Map<string, number> } | undefined;

/** How often a capitalised word occurs in the body (counted once per body, not per question). */
function countWord(body: string, word: string): number {
  if (wordCounts?.body !== body) {
    const counts = new Map<string, number>();
    for (const m of body.matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    wordCounts = { body, counts };
  }
  return wordCounts.counts.get(word) ?? 0;
}

/** The role before a comma and a name: "The cabinet secretary, Mr Daniel Kiprop" gives "cabinet secretary". */
function appositiveRole(body: string, nameStart: number): string | undefined {
  const m = /(?:^|[\s(])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[\p{Lu}][\p{L}]+[’']s)\s+((?:[\p{L}-]+\s){0,4}[\p{L}-]+),\s+(?:\S+\s+)?$/u.exec(body.slice(Math.max(0, nameStart - 80), nameStart));
  if (!m || !ROLE_HEADS.test(m[1]!)) return undefined;
  return m[1]!.replace(/^(?:new|former|current|outgoing|incoming)\s+/i, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stripPossessive(text: string): string {
  return text.replace(/[’']s$/i, '').replace(/[’']$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Spans (sorted by start, not overlapping) that overlap [start, end), found by binary search. */
function spansIn(spans: Mention[], start: number, end: number): Mention[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: Mention[] = [];
  for (let i = lo; i < spans.length && spans[i]!.start < end; i++) out.push(spans[i]!);
  return out;
}

function overlaps(spans: Mention[], start: number, end: number): boolean {
  return spansIn(spans, start, end).length > 0;
}

/** At the start of the body, a line, or after a full stop / question / exclamation mark or an opening quote. */
function isSentenceStart(body: string, at: number): boolean {
  const before = body.slice(Math.max(0, at - 4), at);
  return at === 0 || /(?:^|[.!?:]["”’]?\s+|\n\s*|["“‘]\s*)$/.test(before);
}

