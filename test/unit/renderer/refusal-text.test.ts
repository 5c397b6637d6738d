// The core's refusals reach a Spanish user in Spanish (issue 16, point 10), with the item's title;
// codes without a translation keep the core's English sentence rather than showing a raw key.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionError } from '../../../core/runs';
import { refusalText } from '../../../renderer/features/runs/refusal-text';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'es',
    interpolation: { escapeValue: false },
  });
});

const TITLE = 'Rack labels photographed';

describe('refusalText', () => {
  it('says a refusal the user meets while ticking in Spanish, naming the item', () => {
    const t = i18n.getFixedT('es');
    const error: ActionError = {
      code: 'evidence-required',
      message: `"${TITLE}" needs evidence: attach a photo, screenshot or file before marking it done.`,
    };
    expect(refusalText(t, error, TITLE)).toBe(
      '«Rack labels photographed» necesita una evidencia: adjunta una foto, una captura o un archivo antes de marcarlo como hecho.',
    );
  });

  it('names what an item waits on, and which reason is missing', () => {
    const t = i18n.getFixedT('es');
    const waiting: ActionError = {
      code: 'dependencies-open',
      message: 'English',
      details: {
        waitingOn: [
          {
            itemId: 'isp',
            title: 'ISP lines',
            sectionId: 's',
            department: 'Network',
            status: 'open',
          },
        ],
      },
    };
    expect(refusalText(t, waiting, TITLE)).toContain('espera a «ISP lines» (Network)');
    const blocked: ActionError = {
      code: 'reason-required',
      message: `Say why "${TITLE}" is blocked, so everyone sees what is missing.`,
    };
    expect(refusalText(t, blocked, TITLE)).toBe(
      'Explica por qué «Rack labels photographed» está bloqueado, para que todos vean qué falta.',
    );
  });

  it('keeps the core sentence in English, and for codes it does not translate', () => {
    const english = i18n.getFixedT('en');
    const message = `"${TITLE}" needs evidence: attach a photo, screenshot or file before marking it done.`;
    expect(refusalText(english, { code: 'evidence-required', message }, TITLE)).toBe(message);
    const other: ActionError = { code: 'text-too-long', message: 'The note is too long.' };
    expect(refusalText(i18n.getFixedT('es'), other, TITLE)).toBe('The note is too long.');
  });
});
