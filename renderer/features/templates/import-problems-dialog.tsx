// The alert shown when an import is refused: why, that nothing was saved, and every problem as
// `line:col message` so the author can go straight to the line in their editor.
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FileX } from 'lucide-react';
import type { ImportOutcome } from './use-template-import';

type ImportFailure = Extract<ImportOutcome, { ok: false }>;

const BODY_KEYS = {
  invalid: 'templates.import.invalidBody',
  'version-exists': 'templates.import.versionExistsBody',
  unreadable: 'templates.import.unreadableBody',
} as const;

export function ImportProblemsDialog({
  failure,
  onClose,
}: {
  failure: ImportFailure | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay
      className="tpl-modal-overlay"
      isOpen={failure !== undefined}
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      <Modal className="tpl-modal">
        <Dialog role="alertdialog" className="tpl-dialog tpl-import-problems">
          {failure && (
            <>
              <Heading slot="title" className="tpl-dialog-title">
                <FileX aria-hidden size={20} className="bad" />
                {failure.fileName
                  ? t('templates.import.failedTitle', { name: failure.fileName })
                  : t('templates.import.failedTitleNoName')}
              </Heading>
              <p>{t(BODY_KEYS[failure.reason])}</p>
              <ol className="tpl-problem-list" aria-label={t('templates.import.problems')}>
                {failure.problems.map((problem, index) => (
                  <li key={index}>
                    <code className="tpl-problem-at">
                      {problem.line}:{problem.column}
                    </code>{' '}
                    <span>{problem.message}</span>
                  </li>
                ))}
              </ol>
              <div className="button-row">
                <Button className="button primary" slot="close" autoFocus>
                  {t('templates.import.close')}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
