// The keyboard shortcuts overlay ("?").
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { SHORTCUTS } from './shortcuts';
import { useRunUiStore } from './use-run-ui-store';

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const isOpen = useRunUiStore((state) => state.isHelpOpen);
  const setOpen = useRunUiStore((state) => state.setHelpOpen);
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen={isOpen} onOpenChange={setOpen}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('runs.shortcuts.title')}</Heading>
          <table className="shortcuts-table">
            <tbody>
              {SHORTCUTS.map((shortcut) => (
                <tr key={shortcut.labelKey}>
                  <td>
                    {shortcut.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </td>
                  <td>{t(`runs.shortcuts.${shortcut.labelKey}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <Button className="button primary" slot="close">
              {t('runs.shortcuts.close')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
