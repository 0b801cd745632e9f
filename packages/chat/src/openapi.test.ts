import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildOpenApiDocument } from './openapi';
import { PushConversationRequestSchema } from './schemas/request';
import { ErrorResponseSchema, PushConversationResponseSchema } from './schemas/response';

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument();

// The zod schema behind each component, so each example is checked against its own source too.
const ZOD: Record<string, z.ZodType> = {
  PushConversationRequest: PushConversationRequestSchema,
  PushConversationResponse: PushConversationResponseSchema,
  ErrorResponse: ErrorResponseSchema,
};

function jsonSchemaValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components } as Json);
  return ajv;
}

/** Every example in the document with the component it must match. */
function examples(): { where: string; component: string; value: unknown }[] {
  const out: { where: string; component: string; value: unknown }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const bodies: [string, Json | undefined][] = [[`${method} ${path} request`, (op.requestBody as Json | undefined)?.content as Json | undefined]];
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        bodies.push([`${method} ${path} ${status}`, response.content as Json | undefined]);
      }
      for (const [where, content] of bodies) {
        const media = content?.['application/json'] as Json | undefined;
        const ref = (media?.schema as Json | undefined)?.$ref as string | undefined;
        for (const [name, example] of Object.entries((media?.examples ?? {}) as Record<string, Json>)) {
          out.push({ where: `${where} example ${name}`, component: ref!.split('/').pop()!, value: example.value });
        }
      }
    }
  }
  return out;
}

describe('the partner API OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('has a complete example request for every operation that takes a body, for company yritys-oy', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(['post /partner/v1/conversations', 'get /partner/v1/openapi.json']);
    for (const { op } of operations) {
      const media = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
      if (op.requestBody === undefined) {
        expect(op.parameters, 'an operation without a body needs no example only when it takes no parameters').toBeUndefined();
        continue;
      }
      const values = Object.values(media?.examples as Record<string, Json>).map((e) => e.value as Json);
      expect(values.length).toBeGreaterThan(0);
      expect(values[0]!.company).toBe('yritys-oy');
    }
  });

  it('has every example valid against its own schema, both as JSON Schema and as the zod schema', () => {
    const ajv = jsonSchemaValidator();
    const all = examples();
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const { where, component, value } of all) {
      const check = ajv.getSchema(`doc#/components/schemas/${component}`)!;
      expect(check(value), `${where}: ${JSON.stringify(check.errors)}`).toBe(true);
      const zod = ZOD[component];
      expect(zod, `${where}: no zod schema for ${component}`).toBeDefined();
      expect(zod!.safeParse(value).success, where).toBe(true);
    }
  });

  it('rejects in JSON Schema what the zod schema rejects, so partners validating locally see the same rules', () => {
    const ajv = jsonSchemaValidator();
    const check = ajv.getSchema('doc#/components/schemas/PushConversationRequest')!;
    const example = (examples()[0]!.value) as Json;
    const bad = [
      { ...example, company: 'Yritys Oy' },
      { ...example, extra: true },
      { ...example, messages: [] },
      { ...example, visitor: { ...(example.visitor as Json), email: 'not-an-address' } },
    ];
    for (const body of bad) {
      expect(check(body)).toBe(false);
      expect(PushConversationRequestSchema.safeParse(body).success).toBe(false);
    }
  });
});
