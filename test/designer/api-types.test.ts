import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/generate-api-types';

describe('the web application’s API types', () => {
  it('match the API’s OpenAPI document (run `npm run api:types` after changing a route)', async () => {
    expect(await readFile(API_TYPES_FILE, 'utf8')).toBe(await generateApiTypes());
  });
});
