// Examples for the OpenAPI document, taken from the seed editorial as the API serves it
// (timestamps fixed). tests/openapi.test.ts checks that they still match the live responses.
export const examples = {
  "revision": {
    "revision": 1,
    "updatedAt": "2026-01-10T08:00:00.000Z",
    "recordedAt": "2026-01-10T08:00:00.000Z",
    "contentHash": "d6ce24401a1358914c79838591847ec47410bb70a006277078fffc4d16be2b4e",
    "changes": {
      "body": true,
      "actors": { "added": 14, "removed": 0, "changed": 0 },
      "recommendations": { "added": 8, "removed": 0, "changed": 0 },
      "quotations": { "added": 2, "removed": 0, "changed": 0 }
    }
  },
  "article": {
    "id": "2026-01-10-anti-terrorism-fight",
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
    "wordCount": 432,
    "topics": [
      "counter-terrorism",
      "pakistan-afghanistan-relations",
      "border-security",
      "internal-security"
    ],
    "counts": {
      "actors": 14,
      "recommendations": 8,
      "quotations": 2
    },
    "createdAt": "2026-01-10T08:00:00.000Z",
    "updatedAt": "2026-01-10T08:00:00.000Z",
    "revision": 1
  },
  "actor": {
    "id": "pakistan",
    "name": "Pakistan",
    "type": "state",
    "description": "The Islamic Republic of Pakistan, its government and state institutions.",
    "aliases": [
      "Islamabad",
      "Pakistani state"
    ],
    "articleCount": 1,
    "recommendationCount": 8,
    "createdAt": "2026-01-10T08:00:00.000Z",
    "updatedAt": "2026-01-10T08:00:00.000Z"
  },
  "articleActor": {
    "id": "china",
    "name": "China",
    "type": "state",
    "roles": [
      "partner"
    ],
    "portrayal": "sympathetic",
    "mentions": [
      {
        "exact": "China",
        "start": 2201,
        "end": 2206
      }
    ],
    "provenance": {
      "method": "analyst",
      "rule": null,
      "confidence": null,
      "reviewed": true
    }
  },
  "recommendation": {
    "id": "2026-01-10-anti-terrorism-fight.r6",
    "article": {
      "id": "2026-01-10-anti-terrorism-fight",
      "headline": "Anti-terrorism fight",
      "datePublished": "2026-01-10"
    },
    "addressee": {
      "id": "pakistan",
      "name": "Pakistan"
    },
    "statement": "Improve border controls through technology, intelligence-sharing and regulated crossings.",
    "strength": "should",
    "priority": 6,
    "domain": "border-security",
    "instruments": [
      "technology",
      "intelligence-sharing",
      "regulated crossings"
    ],
    "partners": [],
    "against": [
      "ad hoc closures that damage livelihoods"
    ],
    "evidence": {
      "exact": "Border controls should improve through technology, intelligence-sharing and regulated crossings, not ad hoc closures that damage livelihoods",
      "start": 2285,
      "end": 2425
    },
    "provenance": {
      "method": "analyst",
      "rule": null,
      "confidence": null,
      "reviewed": true
    }
  },
  "quotation": {
    "id": "2026-01-10-anti-terrorism-fight.q1",
    "article": {
      "id": "2026-01-10-anti-terrorism-fight",
      "headline": "Anti-terrorism fight",
      "datePublished": "2026-01-10"
    },
    "source": {
      "id": "international-crisis-group",
      "name": "International Crisis Group"
    },
    "kind": "indirect",
    "verb": "notes",
    "claim": "Ironically, Pakistan has been the country most affected by the Taliban's return to power in Afghanistan.",
    "evidence": {
      "exact": "The International Crisis Group notes the irony that Pakistan has been the country most affected by the Taliban’s return to power",
      "start": 95,
      "end": 223
    },
    "provenance": {
      "method": "analyst",
      "rule": null,
      "confidence": null,
      "reviewed": true
    }
  },
  "source": {
    "id": "international-crisis-group",
    "name": "International Crisis Group",
    "type": "organization",
    "description": "Independent organisation that researches and works to prevent deadly conflict.",
    "actor": {
      "id": "international-crisis-group",
      "name": "International Crisis Group"
    },
    "quotationCount": 1,
    "createdAt": "2026-01-10T08:00:00.000Z",
    "updatedAt": "2026-01-10T08:00:00.000Z"
  }
} as const;
