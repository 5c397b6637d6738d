// The draft's state in one line (saved on this device, checking, valid or how many problems) and
// the list of its problems, each with where it is and a button that takes the keyboard there.
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CircleCheck, HardDriveDownload, LoaderCircle, TriangleAlert } from 'lucide-react';
import type { DraftProblem } from './draft-validation';
import { problemText } from './draft-problems-context';
import { useDraftSession } from './draft-session';
import { selectionOfField } from './draft-selection';
import type { DraftDocument } from '../../../storage/draft-repository';
import { formatDateTime } from '../../runs/dates';

function whereOf(
  t: ReturnType<typeof useTranslation>['t'],
  problem: DraftProblem,
  document: DraftDocument,
): string {
  const selection = selectionOfField(problem.field);
  switch (selection.kind) {
    case 'item':
      return t('templates.editor.check.where.item', {
        item: document.sections[selection.section]?.items[selection.item]?.id ?? '?',
      });
    case 'section':
      return t('templates.editor.check.where.section', {
        section: document.sections[selection.section]?.id ?? '?',
      });
    case 'departments':
    case 'parameters':
      return t(`templates.editor.check.where.${selection.kind}`);
    case 'details':
      return problem.field === ''
        ? t('templates.editor.check.where.file')
        : t('templates.editor.check.where.details');
  }
}

export function DraftStatus(props: {
  document: () => DraftDocument;
  onGoTo: (field: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { save, validation, isChecking } = useDraftSession();
  const problems = validation?.problems ?? [];
  const document = props.document();
  return (
    <div className="tpl-draft-status">
      <p role="status" className="tpl-status-line">
        <span className="tpl-status-part">
          <HardDriveDownload aria-hidden size={15} />
          {save.kind === 'saving'
            ? t('templates.editor.save.saving')
            : save.kind === 'failed'
              ? t('templates.editor.save.failed', { message: save.message })
              : save.kind === 'gone'
                ? t('templates.editor.save.gone')
                : save.at === undefined
                  ? t('templates.editor.save.saved')
                  : t('templates.editor.save.savedAt', {
                      time: formatDateTime(save.at, i18n.language),
                    })}
        </span>
        <span className="tpl-status-part">
          {isChecking || validation === undefined ? (
            <>
              <LoaderCircle aria-hidden size={15} />
              {t('templates.editor.check.checking')}
            </>
          ) : problems.length === 0 ? (
            <>
              <CircleCheck aria-hidden size={15} className="ok" />
              {t('templates.editor.check.valid')}
            </>
          ) : (
            <>
              <TriangleAlert aria-hidden size={15} className="warn" />
              {t('templates.editor.check.problems', { count: problems.length })}
            </>
          )}
        </span>
      </p>
      {problems.length > 0 && (
        <ul className="tpl-draft-problems" aria-label={t('templates.editor.check.listLabel')}>
          {problems.map((problem, index) => {
            const where = whereOf(t, problem, document);
            return (
              <li key={`${problem.field}-${index}`}>
                <span className="tpl-problem-where">{where}</span>{' '}
                <span>{problemText(t, problem)}</span>{' '}
                {problem.line > 0 && (
                  <span className="tpl-subtle small">
                    ({t('templates.editor.check.at', { line: problem.line })})
                  </span>
                )}{' '}
                <Button
                  className="link-button"
                  aria-label={`${t('templates.editor.check.goTo')}: ${where}`}
                  onPress={() => props.onGoTo(problem.field)}
                >
                  {t('templates.editor.check.goTo')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
