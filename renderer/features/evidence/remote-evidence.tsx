// Evidence of a shared run that was attached on another laptop: the answer names the file (its
// name, size and SHA-256) before its bytes arrive with a sync (core/sync/sync-run-evidence.ts).
// Until then the tile says where the file is, "On Nina's laptop, not yet downloaded", with an
// icon and in words, never by colour alone; it turns into the normal tile once the bytes are here
// (the rows are a live query, so a sync that brings them updates the panel).
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CloudDownload, Trash2 } from 'lucide-react';
import type { AttachmentRef } from '../../../core/runs';
import { services } from '../../app/services';
import type { EvidenceHeld } from '../../storage/shared-run-repository';
import { formatBytes } from '../../ui/format';
import './evidence.css';

/** The answer's evidence as this device holds it; [] while it loads. */
export function useEvidenceRows(
  runId: string | undefined,
  refs: readonly AttachmentRef[],
): EvidenceHeld[] {
  const held = useLiveQuery(
    async () => (runId === undefined ? [] : services.sharedRuns.evidenceOf(runId, refs)),
    [runId, refs],
  );
  return held ?? [];
}

export function RemoteEvidenceTile({
  attachment,
  attachedBy,
  isDisabled,
  onRemove,
}: {
  attachment: AttachmentRef;
  attachedBy: string | undefined;
  isDisabled: boolean;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const where =
    attachedBy === undefined
      ? t('runs.detail.evidenceElsewhere')
      : t('runs.detail.evidenceOnLaptop', { name: attachedBy });
  return (
    <li className="evidence-tile evidence-remote">
      <div className="evidence-remote-state">
        <CloudDownload aria-hidden size={24} />
        <span className="evidence-remote-word">{t('runs.detail.evidenceNotDownloaded')}</span>
      </div>
      <span className="evidence-name" title={attachment.name}>
        {attachment.name}
      </span>
      <span className="muted small">{formatBytes(attachment.size)}</span>
      <span className="muted small evidence-remote-where" title={t('runs.detail.evidenceArrives')}>
        {where}
      </span>
      {!isDisabled && (
        <Button
          className="icon-button"
          aria-label={t('runs.detail.removeAttachment', { name: attachment.name })}
          onPress={onRemove}
        >
          <Trash2 aria-hidden size={14} />
        </Button>
      )}
    </li>
  );
}
