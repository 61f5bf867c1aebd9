// The OpenAPI examples of POST /v1/analyze, on the seed editorial's own text (db/seed): what the
// assisted reader answered for it when this file was written, abridged to the draft's first two
// recommendations and first quotation, the actors they point at, and their candidates (the full
// answer lists 15 actors, 8 recommendations and 2 quotations). The reader's rules change, so the
// example is not compared with a live answer; tests/analyze.test.ts checks that it is a valid
// Analysis, that its anchors slice the seed's body and that POST /v1/articles takes its draft.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedFolder } from '../../paths.js';

const SEED_BODY = (JSON.parse(readFileSync(join(seedFolder, '2026-01-10-anti-terrorism-fight.json'), 'utf8')) as { body: string }).body;

export const ANALYZE_REQUEST_EXAMPLE = {
  body: SEED_BODY,
  headline: 'Anti-terrorism fight',
  publication: { id: 'dawn', name: 'Dawn' },
  datePublished: '2026-01-10',
};

export const ANALYSIS_EXAMPLE = {
  "draft": {
    "headline": "Anti-terrorism fight",
    "kind": "editorial",
    "publication": {
      "id": "dawn",
      "name": "Dawn"
    },
    "author": null,
    "datePublished": "2026-01-10",
    "language": "en",
    "url": null,
    "topics": [
      "security"
    ],
    "body": SEED_BODY,
    "actors": [
      {
        "id": "pakistan",
        "name": "Pakistan",
        "type": "state",
        "roles": [
          "addressee",
          "subject"
        ],
        "portrayal": "neutral",
        "aliases": [
          "Islamabad",
          "Pakistani state"
        ],
        "provenance": {
          "method": "assisted",
          "rule": "gazetteer",
          "confidence": 0.95,
          "reviewed": false
        }
      },
      {
        "id": "international-crisis-group",
        "name": "International Crisis Group",
        "type": "organization",
        "roles": [
          "source"
        ],
        "portrayal": "neutral",
        "aliases": [],
        "provenance": {
          "method": "assisted",
          "rule": "gazetteer",
          "confidence": 0.95,
          "reviewed": false
        }
      }
    ],
    "recommendations": [
      {
        "addressee": "pakistan",
        "statement": "Most importantly, internal reforms — better policing, effective prosecutions, local political inclusion and economic investment in conflict-hit districts — must be treated as core to national security.",
        "strength": "must",
        "priority": 1,
        "domain": "security",
        "evidence": {
          "exact": "Most importantly, internal reforms — better policing, effective prosecutions, local political inclusion and economic investment in conflict-hit districts — must be treated as core to national security"
        },
        "instruments": [],
        "partners": [],
        "against": [],
        "provenance": {
          "method": "assisted",
          "rule": "modal-must/implicit-home",
          "confidence": 0.8,
          "reviewed": false
        }
      },
      {
        "addressee": "pakistan",
        "statement": "Work towards a clearly defined political and security strategy that factors in input from all stakeholders in the country.",
        "strength": "must",
        "priority": 2,
        "domain": "security",
        "evidence": {
          "exact": "The Pakistani state, therefore, must work towards a clearly defined political and security strategy that factors in input from all stakeholders in the country"
        },
        "instruments": [],
        "partners": [],
        "against": [],
        "provenance": {
          "method": "assisted",
          "rule": "modal-must/named-subject",
          "confidence": 0.8,
          "reviewed": false
        }
      }
    ],
    "quotations": [
      {
        "source": {
          "id": "international-crisis-group",
          "name": "International Crisis Group",
          "type": "organization",
          "actor": "international-crisis-group"
        },
        "kind": "indirect",
        "verb": "notes",
        "claim": "Pakistan has been the country most affected by the Taliban’s return to power",
        "evidence": {
          "exact": "Pakistan has been the country most affected by the Taliban’s return to power"
        },
        "provenance": {
          "method": "assisted",
          "rule": "verb-that/named-subject",
          "confidence": 0.75,
          "reviewed": false
        }
      }
    ]
  },
  "candidates": {
    "actors": [
      {
        "id": "pakistan",
        "name": "Pakistan",
        "type": "state",
        "aliases": [
          "Islamabad",
          "Pakistani state"
        ],
        "roles": [
          "addressee",
          "subject"
        ],
        "portrayal": "neutral",
        "confidence": 0.95,
        "rule": "gazetteer",
        "evidence": {
          "exact": "PAKISTAN",
          "start": 0,
          "end": 8
        }
      },
      {
        "id": "international-crisis-group",
        "name": "International Crisis Group",
        "type": "organization",
        "aliases": [],
        "roles": [
          "source"
        ],
        "portrayal": "neutral",
        "confidence": 0.95,
        "rule": "gazetteer",
        "evidence": {
          "exact": "International Crisis Group",
          "start": 99,
          "end": 125
        }
      }
    ],
    "recommendations": [
      {
        "evidence": {
          "exact": "The Pakistani state, therefore, must work towards a clearly defined political and security strategy that factors in input from all stakeholders in the country",
          "start": 1428,
          "end": 1586
        },
        "addressee": "pakistan",
        "strength": "must",
        "priority": 2,
        "statement": "Work towards a clearly defined political and security strategy that factors in input from all stakeholders in the country.",
        "domain": "security",
        "instruments": [],
        "partners": [],
        "against": [],
        "confidence": 0.8,
        "rule": "modal-must/named-subject"
      },
      {
        "evidence": {
          "exact": "Most importantly, internal reforms — better policing, effective prosecutions, local political inclusion and economic investment in conflict-hit districts — must be treated as core to national security",
          "start": 2427,
          "end": 2627
        },
        "addressee": "pakistan",
        "strength": "must",
        "priority": 1,
        "statement": "Most importantly, internal reforms — better policing, effective prosecutions, local political inclusion and economic investment in conflict-hit districts — must be treated as core to national security.",
        "domain": "security",
        "instruments": [],
        "partners": [],
        "against": [],
        "confidence": 0.8,
        "rule": "modal-must/implicit-home"
      }
    ],
    "quotations": [
      {
        "evidence": {
          "exact": "Pakistan has been the country most affected by the Taliban’s return to power",
          "start": 147,
          "end": 223
        },
        "source": {
          "id": "international-crisis-group",
          "name": "International Crisis Group",
          "type": "organization",
          "actor": "international-crisis-group"
        },
        "kind": "indirect",
        "verb": "notes",
        "claim": "Pakistan has been the country most affected by the Taliban’s return to power",
        "confidence": 0.75,
        "rule": "verb-that/named-subject"
      }
    ]
  },
  "warnings": [
    "no home state given; implicit advice addressed to Pakistan, the state the text names most"
  ]
};
