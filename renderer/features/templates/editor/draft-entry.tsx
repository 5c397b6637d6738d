// Where a draft starts: on the newest version of a template, its owners (the head of ICT, by the
// profile on this device or the role the hub gave it) get "Draft next version"; when the template
// has a draft, everyone on this device gets "Open draft". Who may publish is the hub's decision.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from 'react-aria-components';
import { FilePenLine } from 'lucide-react';
import { services } from '../../../app/services';
import type { DefinitionRow } from '../../../storage/database';
import { readHubConnection } from '../../../sync/hub-connection';
import { useProfile } from '../../profile/use-profile';
import { draftPath } from '../template-paths';
import { startDraft, useDraft } from './use-drafts';

/** True for the people who own templates: the head of ICT. */
export function useIsTemplateOwner(): boolean {
  const profile = useProfile();
  const connection = useLiveQuery(async () => (await readHubConnection(services.db)) ?? null, []);
  return profile?.role === 'head' || connection?.user.role === 'head';
}

export function DraftEntry({ row, isLatest }: { row: DefinitionRow; isLatest: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const draft = useDraft(row.id);
  const isOwner = useIsTemplateOwner();
  const [error, setError] = useState<string>();
  if (draft === undefined) return null;
  if (draft !== null) {
    return (
      <Link to={draftPath(row.id)} className="button primary">
        <FilePenLine aria-hidden size={16} />
        {t('templates.editor.open', { version: draft.document.version })}
      </Link>
    );
  }
  if (!isLatest || !isOwner) return null;
  return (
    <>
      <Button
        className="button primary"
        onPress={() => {
          startDraft(row).then(
            () => void navigate(draftPath(row.id)),
            (failure: unknown) =>
              setError(failure instanceof Error ? failure.message : String(failure)),
          );
        }}
      >
        <FilePenLine aria-hidden size={16} />
        {t('templates.editor.start')}
      </Button>
      {error !== undefined && (
        <p role="alert" className="form-error">
          {t('templates.editor.startFailed', { message: error })}
        </p>
      )}
    </>
  );
}
