// "Import template…": pick a .yaml file through the bridge (native dialog or <input type=file>),
// decode it as UTF-8, and hand it to the repository, which validates it and stores nothing on
// error. The outcome drives the success message or the problems dialog.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../core/definitions';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import type { DefinitionRow } from '../../storage/database';

export type ImportOutcome =
  | { ok: true; row: DefinitionRow; isNew: boolean }
  | {
      ok: false;
      fileName: string;
      reason: 'invalid' | 'version-exists' | 'unreadable';
      problems: Problem[];
    };

function decodeUtf8(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

function unreadable(fileName: string, message: string): ImportOutcome {
  return {
    ok: false,
    fileName,
    reason: 'unreadable',
    problems: [{ path: fileName, line: 1, column: 1, message }],
  };
}

export function useTemplateImport() {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [isBusy, setBusy] = useState(false);

  const start = useCallback(async () => {
    setBusy(true);
    try {
      const file = await bridge.openFile({
        title: t('templates.import.pickerTitle'),
        extensions: ['yaml', 'yml'],
      });
      if (file === null) return;
      const text = decodeUtf8(file.data);
      if (text === undefined) {
        setOutcome(unreadable(file.name, t('templates.import.notUtf8')));
        return;
      }
      const result = await services.definitions.importText(file.name, text);
      setOutcome(result.ok ? result : { ...result, fileName: file.name });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setOutcome(unreadable('', t('templates.import.readFailed', { message })));
    } finally {
      setBusy(false);
    }
  }, [t]);

  const dismiss = useCallback(() => setOutcome(undefined), []);

  return { outcome, isBusy, start, dismiss };
}
