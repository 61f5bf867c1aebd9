// A JSON-LD document loader that never touches the network: it knows the contexts the API's
// representations name and refuses every other URL, so a test fails rather than fetches.
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';

/**
 * The part of the schema.org context (https://schema.org/docs/jsonldcontext.jsonld) that the
 * terms of an OpinionNewsArticle need, written as schema.org writes it: the vocabulary is
 * http://schema.org/, dates are typed, and `url` is an IRI. Terms not listed here expand through
 * @vocab, as they do under the full context.
 */
export const SCHEMA_ORG_CONTEXT = {
  '@context': {
    '@vocab': 'http://schema.org/',
    schema: 'http://schema.org/',
    id: '@id',
    type: '@type',
    datePublished: { '@id': 'schema:datePublished', '@type': 'schema:Date' },
    dateCreated: { '@id': 'schema:dateCreated', '@type': 'schema:DateTime' },
    dateModified: { '@id': 'schema:dateModified', '@type': 'schema:DateTime' },
    url: { '@id': 'schema:url', '@type': '@id' },
  },
};

const KNOWN: Record<string, typeof SCHEMA_ORG_CONTEXT> = {
  'https://schema.org/': SCHEMA_ORG_CONTEXT,
  'http://schema.org/': SCHEMA_ORG_CONTEXT,
};

/** Every URL jsonld asked for, to show that only the known contexts were. */
export const requested: string[] = [];

export async function localDocumentLoader(url: string): Promise<RemoteDocument> {
  requested.push(url);
  const document = KNOWN[url];
  if (document === undefined) throw new Error(`no network in tests: refused to load ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: structuredClone(document) };
}
