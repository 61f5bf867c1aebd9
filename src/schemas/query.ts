// Querystring pieces that every list shares.
import { Type } from '@sinclair/typebox';

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (1-100).' })),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: "The previous page's `page.nextCursor`." }),
  ),
});

export const DateRangeQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'Published on or after this date (ISO 8601).' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Published on or before this date (ISO 8601).' })),
});

/** For operations without query parameters: anything sent is refused rather than ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
