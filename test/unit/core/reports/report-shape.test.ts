// The signed report's shape is pinned per format version: the JSON Schema of signedReportSchema
// (report-schema.ts) must equal the one recorded in report-shapes/v<REPORT_FORMAT_VERSION>.json.
// Changing the shape (a field added, removed, renamed, retyped, made optional) without bumping
// REPORT_FORMAT_VERSION fails here, because signed reports live for years and every reader must
// know which shape a version has. After a bump, record the new version's shape once with
//   UPDATE_REPORT_SHAPE=1 npx vitest run --config test/vitest.config.ts test/unit/core/reports/report-shape.test.ts
// and commit the file with the change. A recorded version is never overwritten.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPORT_FORMAT_VERSION } from '../../../../core/reports';
import { signedReportSchema } from '../../../../core/reports/report-schema';

const folder = path.join(import.meta.dirname, 'report-shapes');
const fileOf = (version: number): string => path.join(folder, `v${version}.json`);

/** Key order and the order of plain lists (required, enum) carry no meaning: sort them. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((item) => typeof item !== 'object' || item === null)
      ? [...items].sort((a, b) => String(a).localeCompare(String(b)))
      : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, normalise(inner)]),
  );
}

function currentShape(): unknown {
  return normalise(z.toJSONSchema(signedReportSchema, { unrepresentable: 'any' }));
}

describe('the signed report shape', () => {
  it(`is the one recorded for format version ${REPORT_FORMAT_VERSION}`, async () => {
    const file = fileOf(REPORT_FORMAT_VERSION);
    if (!existsSync(file) && process.env.UPDATE_REPORT_SHAPE === '1') {
      // In Prettier's format, as `npm test`'s format check wants every file.
      const options = await resolveConfig(file);
      writeFileSync(
        file,
        await format(JSON.stringify(currentShape()), { ...options, filepath: file }),
      );
    }
    expect(
      existsSync(file),
      `REPORT_FORMAT_VERSION is ${REPORT_FORMAT_VERSION} but no shape is recorded for it: record it with UPDATE_REPORT_SHAPE=1 (see the top of this file)`,
    ).toBe(true);
    const recorded: unknown = JSON.parse(readFileSync(file, 'utf8'));
    expect(
      currentShape(),
      `the signed report's shape changed but REPORT_FORMAT_VERSION is still ${REPORT_FORMAT_VERSION}: bump it in core/reports/report-format.ts (and keep verifying the old versions), then record the new shape`,
    ).toEqual(recorded);
  });

  it('keeps the shape of every earlier version on record', () => {
    const recorded = readdirSync(folder)
      .map((name) => /^v(\d+)\.json$/.exec(name)?.[1])
      .filter((version): version is string => version !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(recorded).toEqual(Array.from({ length: REPORT_FORMAT_VERSION }, (_, i) => i + 1));
  });
});
