// resolveVisibleItems: items without `when`, or whose `when` holds for the run's parameters.
import { describe, expect, it } from 'vitest';
import { isItemVisible, resolveVisibleItems, type Item } from '../../../../core/definitions';
import { parseValid } from './fixtures';

const definition = parseValid();
const idsFor = (values: Record<string, string | number | boolean>): string[] =>
  resolveVisibleItems(definition, values).map((item) => item.id);

describe('resolveVisibleItems', () => {
  it('shows conditional items only when their condition holds, in definition order', () => {
    expect(idsFor({ seats: 25, country: 'DE', hasServerRoom: true })).toEqual([
      'isp-lines',
      'failover-test',
      'download-speed',
      'wifi-vendor',
      'desk-notes',
      'server-room-ready',
    ]);
    expect(idsFor({ seats: 5, country: 'DE', hasServerRoom: false })).toEqual([
      'isp-lines',
      'failover-test',
      'wifi-vendor',
      'desk-notes',
    ]);
    expect(idsFor({})).toEqual(['isp-lines', 'failover-test', 'wifi-vendor', 'desk-notes']);
  });

  it('shows an item whose `when` does not parse (only possible without validation)', () => {
    const item = { ...definition.sections[0]?.items[0], when: 'seats >=' } as Item;
    expect(isItemVisible(item, { seats: 1 })).toBe(true);
  });
});
