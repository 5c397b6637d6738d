// Looking at evidence inside the app, the same in the desktop app and in web mode: photos and
// screenshots are shown in a modal dialog; every other file (PDFs included) shows what it is and
// offers "Save a copy…" through the bridge (desktop: a native save dialog and an atomic write;
// web: a download), and is never opened or run by the app. Why not window.open: the desktop
// app's window policy denies new windows (electron/main/security.ts), and opening an attacker's
// file in a browser tab of the app's origin would run it with the app's rights. PDFs are not
// framed either: the CSP has frame-src and object-src 'none' (electron/common/
// content-security-policy.ts), and a blob: frame would share the app's origin.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { CircleCheck, Download, FileText, X } from 'lucide-react';
import { bridge } from '../../bridge/bridge';
import { formatBytes } from '../../ui/format';
import './evidence.css';

/** What the viewer needs of an evidence file (an AttachmentRow satisfies it). */
export interface EvidenceFile {
  name: string;
  mimeType: string;
  size: number;
  blob: Blob;
  sha256?: string;
}

/** Raster image types a browser decodes safely in an <img>; anything else is saved instead. */
const SHOWN_IMAGE_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
];

export type EvidenceView = 'image' | 'pdf' | 'file';

export function evidenceView(mimeType: string): EvidenceView {
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (SHOWN_IMAGE_TYPES.includes(type)) return 'image';
  return type === 'application/pdf' ? 'pdf' : 'file';
}

/** An object URL for `blob` while the component shows it, revoked afterwards. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; location: string }
  | { kind: 'failed'; message: string };

function EvidenceContent({ file, onClose }: { file: EvidenceFile; onClose: () => void }) {
  const { t } = useTranslation();
  const view = evidenceView(file.mimeType);
  const [isBroken, setBroken] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const imageUrl = useObjectUrl(view === 'image' ? file.blob : undefined);
  const isImageShown = view === 'image' && !isBroken && imageUrl !== undefined;

  const saveCopy = async () => {
    setSave({ kind: 'saving' });
    try {
      const data = new Uint8Array(await file.blob.arrayBuffer());
      const result = await bridge.saveFile({
        suggestedName: file.name,
        // Saved as bytes whatever the file claims to be: a download never opens it.
        mimeType: 'application/octet-stream',
        data,
      });
      setSave(
        result.saved ? { kind: 'saved', location: result.location ?? file.name } : { kind: 'idle' },
      );
    } catch (failure) {
      setSave({ kind: 'failed', message: (failure as Error).message });
    }
  };

  return (
    <>
      <div className="evidence-viewer-header">
        <Heading slot="title" className="evidence-viewer-title" title={file.name}>
          {file.name}
        </Heading>
        <Button className="icon-button" aria-label={t('evidence.close')} onPress={onClose}>
          <X aria-hidden size={16} />
        </Button>
      </div>
      {isImageShown ? (
        <div className="evidence-viewer-stage">
          <img
            src={imageUrl}
            alt={t('evidence.photoAlt', { name: file.name })}
            onError={() => setBroken(true)}
          />
        </div>
      ) : (
        <div className="evidence-viewer-file">
          <FileText aria-hidden size={40} />
          <p>
            {isBroken
              ? t('evidence.notShown')
              : view === 'pdf'
                ? t('evidence.pdfNote')
                : t('evidence.otherNote')}
          </p>
        </div>
      )}
      <dl className="evidence-viewer-facts">
        <dt>{t('evidence.type')}</dt>
        <dd>{file.mimeType || t('evidence.unknownType')}</dd>
        <dt>{t('evidence.size')}</dt>
        <dd>{formatBytes(file.size)}</dd>
        {file.sha256 !== undefined && (
          <>
            <dt>{t('evidence.fingerprint')}</dt>
            <dd>
              <code>{file.sha256}</code>
            </dd>
          </>
        )}
      </dl>
      {save.kind === 'saved' && (
        <p role="status" className="ok-text">
          <CircleCheck aria-hidden size={15} /> {t('evidence.saved', { location: save.location })}
        </p>
      )}
      {save.kind === 'failed' && (
        <p role="alert" className="form-error">
          {t('evidence.saveFailed', { message: save.message })}
        </p>
      )}
      <div className="button-row">
        <Button
          className={isImageShown ? 'button' : 'button primary'}
          isDisabled={save.kind === 'saving'}
          onPress={() => void saveCopy()}
        >
          <Download aria-hidden size={15} />{' '}
          {save.kind === 'saving' ? t('evidence.saving') : t('evidence.save')}
        </Button>
        <Button className="button" onPress={onClose}>
          {t('evidence.close')}
        </Button>
      </div>
    </>
  );
}

/** The viewer as a modal dialog: open while `file` is set. */
export function EvidenceViewer({
  file,
  onClose,
}: {
  file: EvidenceFile | null;
  onClose: () => void;
}) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={file !== null}
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      <Modal className="modal wide evidence-viewer">
        <Dialog className="dialog">
          {/* Keyed by the file, so a new file starts with fresh state (image, save). */}
          {file && (
            <EvidenceContent
              key={`${file.sha256 ?? ''}${file.name}`}
              file={file}
              onClose={onClose}
            />
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** For a list of evidence: `open(file)` shows it, `viewer` goes anywhere in the list's markup. */
export function useEvidenceViewer(): { open: (file: EvidenceFile) => void; viewer: ReactNode } {
  const [file, setFile] = useState<EvidenceFile | null>(null);
  return {
    open: setFile,
    viewer: <EvidenceViewer file={file} onClose={() => setFile(null)} />,
  };
}
