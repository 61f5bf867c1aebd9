// Provenance: the one place where the workbench says who decided each datum. An accepted assisted
// candidate keeps its method, rule and confidence and becomes reviewed; what the analyst adds is
// analyst-made and reviewed; an assisted candidate left undecided goes out unreviewed. The field is
// sent only when the served OpenAPI document says the ingest document takes it.

export interface Provenance {
  method: 'analyst' | 'assisted';
  rule?: string;
  confidence?: number;
  reviewed: boolean;
}

export interface Decided {
  method: 'analyst' | 'assisted';
  status: 'pending' | 'accepted' | 'rejected';
  rule?: string;
  confidence?: number;
}

export function provenanceOf(item: Decided): Provenance {
  if (item.method === 'analyst') return { method: 'analyst', reviewed: true };
  return {
    method: 'assisted',
    ...(item.rule !== undefined ? { rule: item.rule } : {}),
    ...(item.confidence !== undefined ? { confidence: item.confidence } : {}),
    reviewed: item.status === 'accepted',
  };
}

/** Whether the API's ingest document takes `provenance` on its parts (from /openapi.json). */
export function apiTakesProvenance(openapi: unknown): boolean {
  const schemas = (openapi as { components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> } }).components?.schemas;
  return ['RecommendationInput', 'QuotationInput', 'ActorInput'].every((name) => !!schemas?.[name]?.properties?.provenance);
}

/** The part as sent: with its provenance when the API takes it, as it is otherwise. */
export function withProvenance<T extends object>(part: T, item: Decided, takesProvenance: boolean): T {
  return takesProvenance ? { ...part, provenance: provenanceOf(item) } : part;
}

/** Reads a stored part's provenance back (absent: analyst-made and reviewed, as the API defines). */
export function decidedFrom(provenance: Partial<Provenance> | undefined): Decided {
  if (!provenance || provenance.method !== 'assisted') return { method: 'analyst', status: 'accepted' };
  return {
    method: 'assisted',
    status: provenance.reviewed ? 'accepted' : 'pending',
    ...(provenance.rule !== undefined ? { rule: provenance.rule } : {}),
    ...(provenance.confidence !== undefined ? { confidence: provenance.confidence } : {}),
  };
}
