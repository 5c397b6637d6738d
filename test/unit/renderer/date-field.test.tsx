// @vitest-environment jsdom
// The app's one date input (renderer/ui/date-field.tsx): its segments follow the app's language and
// date setting, never the browser's "mm/dd/yyyy"; typing into the segments gives the model's
// 'YYYY-MM-DD'; an impossible date is no date.
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DateField, dateFieldLocale, toCalendarDate } from '../../../renderer/ui/date-field';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let root: Root | undefined;
beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});
afterEach(async () => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  localStorage.clear();
  await i18next.changeLanguage('en');
});

/** The field as a form holds it: the value it reports is the value it gets back. */
function Held({ initial, onChange }: { initial: string; onChange: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <DateField
      label="Planned go-live date"
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

function renderField(value: string, onChange: (value: string) => void = () => undefined) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <I18nextProvider i18n={i18next}>
        <Held initial={value} onChange={onChange} />
      </I18nextProvider>,
    ),
  );
  return container;
}

/** What the field shows, segment by segment (the invisible direction marks left out). */
function shown(container: HTMLElement): string {
  const input = container.querySelector('.date-input');
  return (input?.textContent ?? '').replace(/[\u200e\u200f\u2066-\u2069]/g, '');
}

describe('the date field', () => {
  it('reads day/month/year in English and Spanish, year-month-day with ISO 8601', async () => {
    expect(shown(renderField('2026-12-05'))).toBe('05/12/2026');
    act(() => root?.unmount());
    await act(() => i18next.changeLanguage('es'));
    expect(shown(renderField('2026-12-05'))).toBe('05/12/2026');
    act(() => root?.unmount());
    localStorage.setItem('golive.dateStyle', 'iso');
    expect(dateFieldLocale('es')).toBe('en-CA');
    expect(shown(renderField('2026-12-05'))).toBe('2026-12-05');
  });

  it('shows the language’s placeholders when empty, not the browser’s mm/dd/yyyy', async () => {
    expect(shown(renderField(''))).toBe('dd/mm/yyyy');
    act(() => root?.unmount());
    await act(() => i18next.changeLanguage('es'));
    expect(shown(renderField(''))).toBe('dd/mm/aaaa');
  });

  it('gives YYYY-MM-DD once every segment is typed', () => {
    const changes: string[] = [];
    const container = renderField('', (value) => changes.push(value));
    const segment = (type: string) =>
      container.querySelector<HTMLElement>(`[data-type="${type}"]`) as HTMLElement;
    const type = (part: string, digits: string) => {
      act(() => segment(part).focus());
      for (const key of digits) {
        act(() => {
          segment(part).dispatchEvent(
            new InputEvent('beforeinput', {
              data: key,
              inputType: 'insertText',
              bubbles: true,
              cancelable: true,
            }),
          );
        });
      }
    };
    type('day', '01');
    type('month', '05');
    expect(changes).toEqual([]);
    type('year', '2029');
    expect(changes.at(-1)).toBe('2029-05-01');
    expect(shown(container)).toBe('01/05/2029');
  });

  it('takes only real calendar dates from the model', () => {
    expect(toCalendarDate('2026-02-28')?.toString()).toBe('2026-02-28');
    expect(toCalendarDate('2026-02-30')).toBeNull();
    expect(toCalendarDate('')).toBeNull();
    expect(toCalendarDate('05/12/2026')).toBeNull();
  });
});
