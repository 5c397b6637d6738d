// Evidence for one item: attach by picker, drag and drop, or paste (photos of rack labels, speed
// test screenshots, config files); stored offline as Blobs with thumbnails for images. On a shared
// run, a file attached on another laptop shows once its bytes arrived with a sync, and until then
// as "On <name>'s laptop, not yet downloaded" (evidence/remote-evidence.tsx).
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DropZone, FileTrigger, Text } from 'react-aria-components';
import { FileText, Paperclip, Trash2 } from 'lucide-react';
import type { Answer } from '../../../core/runs';
import type { Item } from '../../../core/definitions/schema';
import type { AttachmentRow } from '../../storage/database';
import { RemoteEvidenceTile, useEvidenceRows } from '../evidence/remote-evidence';
import { formatBytes } from '../../ui/format';
import { useEvidenceViewer } from '../evidence/evidence-viewer';
import type { RunCommands } from './run-actions';
import { focusSelectedRow } from './focus-row';

interface EvidencePanelProps {
  item: Item;
  answer: Answer | undefined;
  isDisabled: boolean;
  commands: RunCommands;
}

export function EvidencePanel({ item, answer, isDisabled, commands }: EvidencePanelProps) {
  const { t } = useTranslation();
  const refs = useMemo(() => answer?.attachments ?? [], [answer]);
  const tiles = useEvidenceRows(answer?.runId, refs);

  const attachAll = async (files: readonly File[]) => {
    for (const file of files) {
      if (!(await commands.attach(item.id, file))) break;
    }
    // Not left on "Attach files…", where Enter would open the file dialog again.
    focusSelectedRow();
  };

  return (
    <section
      className="detail-block"
      aria-labelledby={`evidence-${item.id}`}
      onPaste={(event) => {
        if (isDisabled) return;
        const files = [...event.clipboardData.files];
        if (files.length > 0) {
          event.preventDefault();
          void attachAll(files);
        }
      }}
    >
      <h3 id={`evidence-${item.id}`}>
        <Paperclip aria-hidden size={15} /> {t('runs.detail.evidence')}
      </h3>
      <p className="muted small">
        {item.evidence === 'required'
          ? t('runs.detail.evidenceRequired')
          : t('runs.detail.evidenceOptional')}
      </p>
      <ul className="evidence-list">
        {tiles.map((tile) =>
          tile.row ? (
            <EvidenceTile
              key={tile.ref.id}
              row={tile.row}
              isDisabled={isDisabled}
              onRemove={() => void commands.detach(item.id, tile.ref.id)}
            />
          ) : (
            <RemoteEvidenceTile
              key={tile.ref.id}
              attachment={tile.ref}
              attachedBy={tile.attachedBy}
              isDisabled={isDisabled}
              onRemove={() => void commands.detach(item.id, tile.ref.id)}
            />
          ),
        )}
      </ul>
      {!isDisabled && (
        <DropZone
          className="drop-zone"
          aria-label={t('runs.detail.dropHere')}
          onDrop={(event) => {
            const files = event.items.flatMap((dropped) =>
              dropped.kind === 'file' ? [dropped.getFile()] : [],
            );
            void Promise.all(files).then(attachAll);
          }}
        >
          <Text slot="label">{t('runs.detail.dropHere')}</Text>
          <FileTrigger allowsMultiple onSelect={(list) => list && void attachAll([...list])}>
            <Button className="button small">{t('runs.detail.attach')}</Button>
          </FileTrigger>
        </DropZone>
      )}
    </section>
  );
}

function EvidenceTile({
  row,
  isDisabled,
  onRemove,
}: {
  row: AttachmentRow;
  isDisabled: boolean;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const thumbUrl = useMemo(
    () => (row.thumbnail ? URL.createObjectURL(row.thumbnail) : undefined),
    [row.thumbnail],
  );
  useEffect(
    () => () => {
      if (thumbUrl) URL.revokeObjectURL(thumbUrl);
    },
    [thumbUrl],
  );

  // Shown in the app (photos) or saved (anything else): never opened in a window.
  const { open, viewer } = useEvidenceViewer();

  return (
    <li className="evidence-tile">
      <button
        type="button"
        className="evidence-open"
        onClick={() => open(row)}
        aria-label={t('runs.detail.openAttachment', { name: row.name })}
      >
        {thumbUrl ? <img src={thumbUrl} alt="" /> : <FileText aria-hidden size={28} />}
      </button>
      <span className="evidence-name" title={row.name}>
        {row.name}
      </span>
      <span className="muted small">{formatBytes(row.size)}</span>
      {!isDisabled && (
        <Button
          className="icon-button"
          aria-label={t('runs.detail.removeAttachment', { name: row.name })}
          onPress={onRemove}
        >
          <Trash2 aria-hidden size={14} />
        </Button>
      )}
      {viewer}
    </li>
  );
}
