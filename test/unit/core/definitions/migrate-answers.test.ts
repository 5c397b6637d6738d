// migrateAnswers: answers carry over by item id; meaning changes are flagged; removed items drop.
import { describe, expect, it } from 'vitest';
import { migrateAnswers } from '../../../../core/definitions';
import { parseValid, replaceOnce, VALID_YAML } from './fixtures';

interface Answer {
  status: string;
}

const from = parseValid();
const answers = new Map<string, Answer>([
  ['isp-lines', { status: 'done' }],
  ['failover-test', { status: 'done' }],
  ['download-speed', { status: 'done' }],
  ['wifi-vendor', { status: 'done' }],
  ['desk-notes', { status: 'open' }],
]);

function migrateTo(text: string) {
  return migrateAnswers(from, parseValid(text, 'x.yaml'), answers);
}

describe('migrateAnswers', () => {
  it('carries every answer over when nothing changed, keeping the same objects', () => {
    const result = migrateAnswers(from, parseValid(), answers);
    expect(result.recheck).toEqual([]);
    expect(result.dropped).toEqual([]);
    expect([...result.carried.keys()]).toEqual([...answers.keys()]);
    expect(result.carried.get('isp-lines')).toBe(answers.get('isp-lines'));
  });

  it('carries answers over changes that keep their meaning (guidance, severity, section, estimate)', () => {
    let text = replaceOnce(
      VALID_YAML,
      'Pull the **primary** cable; a < b is fine.',
      'Other guidance.',
    );
    text = replaceOnce(text, 'severity: blocking', 'severity: minor');
    text = replaceOnce(text, 'estimateMinutes: 60', 'estimateMinutes: 30');
    text = replaceOnce(text, '        evidence: required\n', '');
    expect(migrateTo(text).recheck).toEqual([]);
  });

  it('drops answers of removed items', () => {
    const text = replaceOnce(
      VALID_YAML,
      '      - id: desk-notes\n        title: Desk layout notes\n',
      '      - id: desk-plan\n        title: Desk plan\n',
    );
    const result = migrateTo(text);
    expect(result.dropped).toEqual(['desk-notes']);
    expect(result.carried.has('desk-notes')).toBe(false);
  });

  it('flags type, title and threshold changes for re-check, with reasons', () => {
    let text = replaceOnce(VALID_YAML, 'min: 2\n', 'min: 3\n');
    text = replaceOnce(
      text,
      'title: Two independent ISP lines delivered',
      'title: Three ISP lines',
    );
    text = replaceOnce(text, 'unit: Mbit/s', 'unit: Gbit/s');
    text = replaceOnce(text, 'max: 10000', 'max: 1000');
    text = replaceOnce(
      text,
      '        type: text\n        multiline: true\n',
      '        type: check\n',
    );
    const result = migrateTo(text);
    expect(result.carried.size).toBe(answers.size);
    expect(result.recheck).toEqual([
      {
        itemId: 'isp-lines',
        reasons: [
          'title changed from "Two independent ISP lines delivered" to "Three ISP lines"',
          'min changed from 2 to 3',
        ],
      },
      {
        itemId: 'download-speed',
        reasons: ['max changed from 10000 to 1000', 'unit changed from "Mbit/s" to "Gbit/s"'],
      },
      { itemId: 'desk-notes', reasons: ['type changed from "text" to "check"'] },
    ]);
  });

  it('flags choices that became unacceptable or were removed, but not new or relabelled ones', () => {
    let text = replaceOnce(VALID_YAML, 'acceptable: true', 'acceptable: false');
    text = replaceOnce(
      text,
      '          - id: none\n            label: None yet\n            acceptable: false\n',
      '          - id: vendor-b\n            label: Vendor B\n            acceptable: true\n',
    );
    expect(migrateTo(text).recheck).toEqual([
      {
        itemId: 'wifi-vendor',
        reasons: ['choice "vendor-a" is now not acceptable', 'choice "none" was removed'],
      },
    ]);
    const relabelled = replaceOnce(VALID_YAML, 'label: Vendor A', 'label: Vendor A (preferred)');
    expect(migrateTo(relabelled).recheck).toEqual([]);
  });

  it('flags evidence that became required and items that became change items', () => {
    let text = replaceOnce(
      VALID_YAML,
      '        title: Wi-Fi vendor chosen\n',
      '        title: Wi-Fi vendor chosen\n        evidence: required\n        change: true\n',
    );
    text = replaceOnce(
      text,
      '        change: true\n        dependsOn: [isp-lines]\n',
      '        dependsOn: [isp-lines]\n',
    );
    expect(migrateTo(text).recheck).toEqual([
      {
        itemId: 'wifi-vendor',
        reasons: [
          'evidence is now required',
          'it is now a change item: a rollback plan is required',
        ],
      },
    ]);
  });

  it('flags answers for items that were not in the previous version', () => {
    const result = migrateAnswers(from, parseValid(), new Map([['server-room-ready', 'x']]));
    expect(result.recheck).toEqual([]);
    const stray = migrateAnswers(
      parseValid(replaceOnce(VALID_YAML, 'id: desk-notes', 'id: desk-memo'), 'x.yaml'),
      from,
      new Map([['desk-notes', 'x']]),
    );
    expect(stray.recheck).toEqual([
      { itemId: 'desk-notes', reasons: ['the item was not in version 1.0.0'] },
    ]);
  });
});
