// The answer of GET /health.
import { Type } from '@sinclair/typebox';

export const Health = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Literal('ok'),
  },
  {
    $id: 'Health',
    description: 'The server runs and its database answers a query.',
    examples: [{ status: 'ok', database: 'ok' }],
  },
);

export const healthSchemas = [Health];
