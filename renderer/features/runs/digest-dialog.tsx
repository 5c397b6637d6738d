// The status digest ("communicate more"): a red/amber/green plain-text summary built offline, in
// the app's language (digest-text.ts), to copy into chat or mail or save as a file.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Copy, Download } from 'lucide-react';
import { buildStatusDigest } from '../../../core/runs';
import { bridge } from '../../bridge/bridge';
import type { RunView } from './use-run-view';
import { useRunUiStore } from './use-run-ui-store';
import { todayIso } from './dates';
import { digestText } from './digest-text';

export function DigestDialog({ view }: { view: RunView }) {
  const isOpen = useRunUiStore((state) => state.isDigestOpen);
  const setOpen = useRunUiStore((state) => state.setDigestOpen);
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen={isOpen} onOpenChange={setOpen}>
      <Modal className="modal wide">{isOpen && <DigestContent view={view} />}</Modal>
    </ModalOverlay>
  );
}

function DigestContent({ view }: { view: RunView }) {
  const { t, i18n } = useTranslation();
  const [isCopied, setCopied] = useState(false);
  const digest = useMemo(
    () => buildStatusDigest(view.definition, view.run, view.answers, todayIso()),
    [view],
  );
  const text = useMemo(() => digestText(t, digest, i18n.language), [t, digest, i18n.language]);
  const fileName = `${view.run.name.replace(/[^\p{L}\p{N}-]+/gu, '-')}-status-${todayIso()}.txt`;
  return (
    <Dialog className="dialog">
      <Heading slot="title">
        {t('runs.digest.title')}{' '}
        <span className={`rag rag-${digest.rag}`}>{t(`runs.digest.rag.${digest.rag}`)}</span>
      </Heading>
      <p className="muted">{t('runs.digest.intro')}</p>
      <pre className="digest-text" tabIndex={0} aria-label={t('runs.digest.title')}>
        {text}
      </pre>
      <div className="button-row">
        <Button
          className="button"
          onPress={() => {
            void navigator.clipboard.writeText(text).then(() => setCopied(true));
          }}
        >
          <Copy aria-hidden size={15} />{' '}
          {isCopied ? t('runs.digest.copied') : t('runs.digest.copy')}
        </Button>
        <Button
          className="button"
          onPress={() =>
            void bridge.saveFile({
              suggestedName: fileName,
              mimeType: 'text/plain',
              data: new TextEncoder().encode(text),
            })
          }
        >
          <Download aria-hidden size={15} /> {t('runs.digest.save')}
        </Button>
        <Button className="button primary" slot="close">
          {t('runs.digest.close')}
        </Button>
      </div>
    </Dialog>
  );
}
