// A policy domain for a recommendation, guessed from keywords in its clause (then its sentence).
// The slugs are a small fixed vocabulary an analyst can refine; "general" when nothing matches.

const DOMAINS: Array<[string, RegExp]> = [
  ['public-health', /\b(?:health|hospital|clinic|disease|vaccin\w*|polio|outbreak|cholera|medic\w*|patients?|doctors?|nurses?|epidemic|pandemic|immunis\w*|immuniz\w*)\b/gi],
  ['elections', /\b(?:elections?|electoral|vot(?:e|es|ers|ing)|polls?|ballots?|polling|candidates?|campaign finance)\b/gi],
  ['water', /\b(?:water|boreholes?|drought|irrigation|dams?|rivers?|sewage|sewers?|pipes?|overflows?|embankments?|floods?|rains?)\b/gi],
  ['security', /\b(?:terror\w*|militan\w*|security|attacks?|armed|army|military|insurgen\w*|violence|crime|murders?|police|policing|detectives?|forensic)\b/gi],
  ['border-security', /\b(?:borders?|crossings?|smuggling)\b/gi],
  ['diplomacy', /\b(?:diplomac\w*|engagement|negotiat\w*|talks|dialogue|relations|treaty|agreements?|neighbours?|bilateral|regional partners)\b/gi],
  ['economy', /\b(?:econom\w*|inflation|tax(?:es)?|budgets?|debt|fiscal|growth|investment|trade|tariffs?|exports?|imports?|subsid\w*|prices?|markets?|funds?|money|spending|borrowing|deficits?|interest rates?|monetary)\b/gi],
  ['housing', /\b(?:housing|homes?|rents?|tenants?|landlords?|planning|construction)\b/gi],
  ['education', /\b(?:schools?|education|teachers?|exams?|universit\w*|students?|curricul\w*)\b/gi],
  ['environment', /\b(?:climate|emissions?|pollution|air quality|environment\w*|stubble|smog|carbon|burning)\b/gi],
  ['governance', /\b(?:corruption|accountab\w*|transparen\w*|governance|audits?|oversight|procurement|contracts?|inquir\w*)\b/gi],
  ['justice', /\b(?:courts?|judicia\w*|judges?|prosecut\w*|trials?|dockets?|backlogs?|justice|legislation|amend\w*)\b/gi],
  ['human-rights', /\b(?:rights|freedom|torture|detention|censorship|press freedom)\b/gi],
  ['energy', /\b(?:electricity|energy|fuel|gas|oil|power cuts?|grid|renewables?)\b/gi],
  ['agriculture', /\b(?:farm\w*|crops?|harvest|livestock|herders?|food security|agricultur\w*)\b/gi],
  ['transport', /\b(?:transport|airports?|aviation|air traffic|roads?|railways?|buses|traffic|flights?)\b/gi],
  ['migration', /\b(?:refugees?|migrants?|migration|deport\w*|asylum)\b/gi],
  ['domestic-politics', /\b(?:united stance|unity|political|parties|parliament|lawmakers)\b/gi],
];

/** The domain whose keywords occur most often in the clause; the sentence breaks a tie of zero. */
export function guessDomain(clause: string, sentence: string): string {
  for (const text of [clause, sentence]) {
    let best = '';
    let bestCount = 0;
    for (const [domain, re] of DOMAINS) {
      const count = text.match(re)?.length ?? 0;
      if (count > bestCount) [best, bestCount] = [domain, count];
    }
    if (best) return best;
  }
  return 'general';
}
