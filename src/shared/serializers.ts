// Fastify compiles a validator (ajv) and a serializer (fast-json-stringify) for the schemas of every
// route when an app starts: most of the start-up time, and the same few schemas (Problem, the
// pages, the id parameters) over and over. These factories compile each distinct schema once per
// process and hand the same function to every route and every app that asks for it, so a start
// (and each test's app) pays only for what is new. Behaviour is unchanged: the functions are the
// ones the default compilers build.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;
type Serializer = ReturnType<ReturnType<Factory>>;

const defaultFactory = SerializerSelector();
const serializers = new Map<string, Serializer>();

export const buildSerializer: Factory = (externalSchemas, options) => {
  const compile = defaultFactory(externalSchemas, options);
  // The shared schemas and options are part of what a serializer depends on.
  const context = JSON.stringify([externalSchemas, options ?? null]);
  return (route) => {
    const key = `${context}\n${JSON.stringify(route.schema)}`;
    let serializer = serializers.get(key);
    if (!serializer) serializers.set(key, (serializer = compile(route)));
    return serializer;
  };
};

/**
 * One ajv instance per set of shared schemas and options, for the whole process (Fastify makes
 * one per app); ajv itself then reuses what it compiled for a schema it has seen.
 */
export const buildValidator = AjvCompiler();
