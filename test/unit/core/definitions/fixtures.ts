// Definition fixtures for the definitions tests and the benchmark: a small valid file with every
// item type, helpers to find a line:column in a text, and a generator of large definitions.
import { stringify } from 'yaml';
import { validateDefinitionText } from '../../../../core/definitions';
import type { ChecklistDefinition, DefinitionInput } from '../../../../core/definitions';

/** A valid definition using every item type, parameters, dependencies and `when`. */
export const VALID_YAML = `id: new-office
version: 1.0.0
title: New office go-live
kind: new-office
description: Everything checked before a new office opens.
changelog: First version.
departments:
  - id: network
    title: Network
  - id: workplace
    title: Workplace
parameters:
  - id: seats
    label: Seats on site
    type: number
  - id: country
    label: Country
    type: choice
    choices: [DE, AT, CH]
  - id: hasServerRoom
    label: Server room on site
    type: boolean
sections:
  - id: connectivity
    title: Connectivity
    department: network
    items:
      - id: isp-lines
        title: Two independent ISP lines delivered
        type: count
        min: 2
        unit: ISP line
        severity: blocking
        evidence: required
        estimateMinutes: 60
      - id: failover-test
        title: Failover between the lines tested
        type: check
        change: true
        dependsOn: [isp-lines]
        guidance: Pull the **primary** cable; a < b is fine.
      - id: download-speed
        title: Download speed measured
        type: number
        unit: Mbit/s
        min: 100
        max: 10000
        when: seats >= 20 and country in ["DE", "AT"]
  - id: workplace
    title: Workplace
    department: workplace
    items:
      - id: wifi-vendor
        title: Wi-Fi vendor chosen
        type: choice
        choices:
          - id: vendor-a
            label: Vendor A
            acceptable: true
          - id: none
            label: None yet
            acceptable: false
      - id: desk-notes
        title: Desk layout notes
        type: text
        multiline: true
        department: network
      - id: server-room-ready
        title: Server room handed over
        type: date
        when: hasServerRoom
        dependsOn: [isp-lines, failover-test]
`;

export const VALID_PATH = 'checklists/new-office/1.0.0.yaml';

/** The parsed VALID_YAML (or a variant of it); fails the test when it does not validate. */
export function parseValid(text = VALID_YAML, path = VALID_PATH): ChecklistDefinition {
  const result = validateDefinitionText(text, path);
  if (!result.ok) throw new Error(`fixture does not validate: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

/** Replaces exactly one occurrence of `search` (fails loudly when it is missing or repeated). */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const first = text.indexOf(search);
  if (first < 0 || text.indexOf(search, first + 1) >= 0) {
    throw new Error(`"${search}" must occur exactly once`);
  }
  return text.slice(0, first) + replacement + text.slice(first + search.length);
}

/** 1-based line and column of the start of `needle` (plus `offset` characters) in `text`. */
export function positionOf(
  text: string,
  needle: string,
  offset = 0,
): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

export interface GeneratedDefinitionOptions {
  id?: string;
  version?: string;
  sections: number;
  itemsPerSection: number;
}

/** A valid definition object of the requested size, with a mix of item types and dependencies. */
export function generateDefinition(options: GeneratedDefinitionOptions): DefinitionInput {
  const types = ['check', 'count', 'number', 'choice', 'text', 'date'] as const;
  return {
    id: options.id ?? 'generated',
    version: options.version ?? '1.0.0',
    title: 'Generated checklist',
    kind: 'new-office',
    changelog: 'Generated for tests.',
    departments: [
      { id: 'network', title: 'Network' },
      { id: 'security', title: 'Security' },
    ],
    parameters: [
      { id: 'seats', label: 'Seats', type: 'number' },
      { id: 'country', label: 'Country', type: 'choice', choices: ['DE', 'AT'] },
    ],
    sections: Array.from({ length: options.sections }, (_, sectionIndex) => ({
      id: `section-${sectionIndex}`,
      title: `Section ${sectionIndex}`,
      department: sectionIndex % 2 === 0 ? 'network' : 'security',
      items: Array.from({ length: options.itemsPerSection }, (_, itemIndex) => {
        const number = sectionIndex * options.itemsPerSection + itemIndex;
        const type = types[number % types.length] as (typeof types)[number];
        const base = {
          id: `item-${number}`,
          title: `Item ${number}: check the thing properly`,
          guidance: `Look at **item ${number}** and attach a photo. See [the manual](https://example.com/${number}).`,
          estimateMinutes: 15,
          dependsOn: number > 0 && number % 3 === 0 ? [`item-${number - 1}`] : [],
          ...(number % 5 === 0
            ? { when: `seats >= ${number % 50} and country in ["DE", "AT"]` }
            : {}),
        };
        switch (type) {
          case 'count':
            return { ...base, type, min: 2, unit: 'line' };
          case 'number':
            return { ...base, type, unit: 'Mbit/s', min: 1, max: 1000 };
          case 'choice':
            return {
              ...base,
              type,
              choices: [
                { id: 'yes', label: 'Yes', acceptable: true },
                { id: 'no', label: 'No', acceptable: false },
              ],
            };
          default:
            return { ...base, type };
        }
      }),
    })),
  };
}

export function generateDefinitionYaml(options: GeneratedDefinitionOptions): string {
  return stringify(generateDefinition(options), { lineWidth: 0 });
}
