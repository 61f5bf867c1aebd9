// The closed vocabularies of stored columns, written once: the tables type their columns with
// them and the API schemas (src/schemas/common.ts) publish them as enums.
export const ArticleKinds = ['editorial', 'op-ed', 'column'] as const;
export const ActorTypes = ['state', 'armed-group', 'organization', 'institution', 'person', 'group'] as const;
export const ActorRoles = ['subject', 'addressee', 'perpetrator', 'affected', 'partner', 'source', 'mentioned'] as const;
export const Portrayals = ['critical', 'neutral', 'sympathetic'] as const;
export const Strengths = ['must', 'should', 'could'] as const;
export const QuotationKinds = ['direct', 'indirect'] as const;
export const SourceTypes = ['organization', 'person', 'document', 'group'] as const;
/** Who read a datum off the text: an analyst, or the assisted reader (POST /v1/analyze). */
export const ProvenanceMethods = ['analyst', 'assisted'] as const;
export const Scopes = ['read', 'write'] as const;
/** What the change feed (GET /v1/changes) names: the entities a consumer can fetch. */
export const ChangeTypes = ['article', 'actor', 'source'] as const;
export const ChangeActions = ['upsert', 'delete'] as const;
