// The draft's actions: export its YAML (byte-stable: draft-yaml.ts), publish it to the hub (the
// head of ICT only: the hub enforces it, the button says why it is unavailable), and discard it.
// Publishing and discarding ask first; the outcome is announced in a status line.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FileDown, Trash2, UploadCloud } from 'lucide-react';
import {
  DEFINITION_PUBLISHERS,
  type DefinitionPublishReceipt,
} from '../../../../core/sync/definition-publish';
import { services } from '../../../app/services';
import { bridge } from '../../../bridge/bridge';
import { readHubConnection } from '../../../sync/hub-connection';
import { versionPath } from '../template-paths';
import { useDraftSession } from './draft-session';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
import { draftFileName } from './draft-yaml';
import { publishDraft } from './publish-draft';
import { drafts } from './use-drafts';

export type DraftNotice =
  | { kind: 'exported'; name: string }
  | { kind: 'export-failed'; message: string }
  | { kind: 'discard-failed'; message: string }
  | { kind: 'publish-failed'; reason: string; message: string; details: string[] };

interface DraftActionsProps {
  definitionId: string;
  title: string;
  version: string;
  baseVersion: string;
  onNotice: (notice: DraftNotice | undefined) => void;
  onPublished: (receipt: DefinitionPublishReceipt) => void;
}

export function DraftActions(props: DraftActionsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { validation, isChecking, saver } = useDraftSession();
  const connection = useLiveQuery(async () => (await readHubConnection(services.db)) ?? null, []);
  const [dialog, setDialog] = useState<'publish' | 'discard'>();
  const [isBusy, setBusy] = useState(false);

  const isValid = !isChecking && validation !== undefined && validation.problems.length === 0;
  const role = connection?.user.role;
  const mayPublish = role !== undefined && DEFINITION_PUBLISHERS.includes(role);
  const publishHint =
    connection === null
      ? t('templates.editor.publish.noHub')
      : connection !== undefined && !mayPublish
        ? t('templates.editor.publish.notOwner', { role: t(`roles.${connection.user.role}`) })
        : !isValid
          ? t('templates.editor.publish.notReady')
          : undefined;

  const exportYaml = async () => {
    if (validation === undefined) return;
    const name = draftFileName({ id: props.definitionId, version: props.version });
    try {
      const result = await bridge.saveFile({
        suggestedName: name,
        mimeType: 'application/yaml',
        data: new TextEncoder().encode(validation.yaml),
      });
      props.onNotice(result.saved ? { kind: 'exported', name } : undefined);
    } catch (error) {
      props.onNotice({
        kind: 'export-failed',
        message: messageOf(error),
      });
    }
  };

  const publish = async () => {
    if (!connection || validation === undefined || !isValid) return;
    setBusy(true);
    try {
      await saver.flush();
      const outcome = await publishDraft(connection, props.definitionId, validation.yaml);
      setDialog(undefined);
      if (outcome.ok) {
        props.onNotice(undefined);
        props.onPublished(outcome.receipt);
      } else {
        props.onNotice({
          kind: 'publish-failed',
          reason: outcome.reason,
          message: outcome.message,
          details: outcome.details,
        });
      }
    } catch (error) {
      setDialog(undefined);
      props.onNotice({
        kind: 'publish-failed',
        reason: 'local',
        message: messageOf(error),
        details: [],
      });
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    try {
      await saver.flush();
      await drafts.discard(props.definitionId);
      setDialog(undefined);
      void navigate(versionPath(props.definitionId, props.baseVersion));
    } catch (error) {
      setDialog(undefined);
      props.onNotice({ kind: 'discard-failed', message: messageOf(error) });
    }
  };

  return (
    <>
      <Button
        className="button"
        isDisabled={validation === undefined}
        onPress={() => void exportYaml()}
      >
        <FileDown aria-hidden size={16} />
        {t('templates.editor.export.action')}
      </Button>
      <Button
        className="button primary"
        isDisabled={publishHint !== undefined || isBusy || !mayPublish}
        onPress={() => setDialog('publish')}
        aria-describedby={publishHint === undefined ? undefined : 'draft-publish-hint'}
      >
        <UploadCloud aria-hidden size={16} />
        {isBusy ? t('templates.editor.publish.busy') : t('templates.editor.publish.action')}
      </Button>
      <Button className="button danger" onPress={() => setDialog('discard')}>
        <Trash2 aria-hidden size={16} />
        {t('templates.editor.discard.action')}
      </Button>
      {publishHint !== undefined && (
        <p id="draft-publish-hint" className="tpl-subtle small tpl-publish-hint">
          {publishHint}
        </p>
      )}
      <ModalOverlay
        className="tpl-modal-overlay"
        isDismissable={!isBusy}
        isOpen={dialog !== undefined}
        onOpenChange={(isOpen) => {
          if (!isOpen) setDialog(undefined);
        }}
      >
        <Modal className="tpl-modal">
          <Dialog role="alertdialog" className="tpl-dialog">
            {dialog === 'publish' && (
              <>
                <Heading slot="title" className="tpl-dialog-title">
                  {t('templates.editor.publish.title', {
                    title: props.title,
                    version: props.version,
                  })}
                </Heading>
                <p>
                  {t('templates.editor.publish.body', {
                    version: props.version,
                    hub: connection?.hubUrl ?? '',
                  })}
                </p>
                <div className="button-row">
                  <Button className="button" slot="close" isDisabled={isBusy}>
                    {t('templates.editor.publish.cancel')}
                  </Button>
                  <Button
                    className="button primary"
                    autoFocus
                    isDisabled={isBusy}
                    onPress={() => void publish()}
                  >
                    {isBusy
                      ? t('templates.editor.publish.busy')
                      : t('templates.editor.publish.confirm', { version: props.version })}
                  </Button>
                </div>
              </>
            )}
            {dialog === 'discard' && (
              <>
                <Heading slot="title" className="tpl-dialog-title">
                  {t('templates.editor.discard.title', { version: props.version })}
                </Heading>
                <p>{t('templates.editor.discard.body')}</p>
                <div className="button-row">
                  <Button className="button" slot="close" autoFocus>
                    {t('templates.editor.discard.cancel')}
                  </Button>
                  <Button className="button danger" onPress={() => void discard()}>
                    {t('templates.editor.discard.confirm')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}
