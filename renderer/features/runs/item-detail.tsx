// The selected item in full: status actions, its value, rollback plan, notes, evidence, waiver,
// dependencies and guidance, with who changed it and when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Label, TextArea, TextField } from 'react-aria-components';
import { Ban, CircleCheck, CircleMinus, Play, RotateCcw, TriangleAlert } from 'lucide-react';
import { actualMinutesOf, formatMinutes, resolveBounds, type ItemRef } from '../../../core/runs';
import { assignedDepartment, departmentTitle } from '../../../core/runs';
import type { RunView } from './use-run-view';
import type { RunCommands } from './run-actions';
import { itemDisplay } from './item-display';
import { ItemFlags, SeverityBadge, StatusBadge } from './status-badges';
import { ValueEditor } from './value-editor';
import { EvidencePanel } from './evidence-panel';
import { MarkdownText } from '../../ui/markdown';
import { useRunUiStore } from './use-run-ui-store';
import { useFailingAnswerStore } from './use-failing-answer-store';
import { failureText } from './failure-text';
import { formatDateTime } from './dates';
import { WaiverBlock } from '../waivers/waiver-block';
import { KeyTooltip } from '../../ui/key-tooltip';
import { ConflictPanel } from '../team/conflict-panel';
import { ItemAssignment } from '../team/item-assignment';

interface ItemDetailProps {
  view: RunView;
  itemRef: ItemRef;
  commands: RunCommands;
}

export const DETAIL_ID = 'run-item-detail';

export function ItemDetail({ view, itemRef, commands }: ItemDetailProps) {
  const { t, i18n } = useTranslation();
  const askReason = useRunUiStore((state) => state.askReason);
  const select = useRunUiStore((state) => state.select);
  const { item, section } = itemRef;
  const answer = view.answers.get(item.id);
  const evaluation = view.evaluations.get(item.id);
  const display = itemDisplay(answer, evaluation, view.waiting.get(item.id));
  const isFrozen = view.run.state === 'signed';
  const waitingOn = view.waiting.get(item.id) ?? [];
  // Each editor restarts from the stored value only when that value changes (undo, another
  // device), never because a neighbouring field was saved while the user types here.
  // (The count editor stays mounted and follows the stored legs itself: see value-editor.tsx.)
  // A value the failing-answer dialog gave up is shown as stored again (use-failing-answer-store).
  const discarded = useFailingAnswerStore((state) => state.discarded);
  const valueKey = `${discarded}:${
    item.type === 'count' ? item.id : `${item.id}:${JSON.stringify(answer?.value ?? null)}`
  }`;
  const actual = answer ? (actualMinutesOf(answer) ?? null) : null;

  return (
    <section id={DETAIL_ID} className="item-detail" aria-labelledby="item-detail-title">
      <header className="detail-header">
        <div className="detail-badges">
          <StatusBadge status={display.status} />
          <ItemFlags display={display} />
          <SeverityBadge severity={item.severity} />
        </div>
        <h2 id="item-detail-title">{item.title}</h2>
        <p className="muted small">
          {section.title} · {departmentTitle(view.definition, assignedDepartment(itemRef, answer))}{' '}
          · <code>{item.id}</code>
        </p>
      </header>

      <ConflictPanel runId={view.run.id} item={item} definition={view.definition} />
      <ItemAssignment view={view} itemRef={itemRef} />

      {evaluation?.failureDetail && (
        <p className="run-banner bad">
          <TriangleAlert aria-hidden size={15} />{' '}
          {t('runs.detail.failure', { failure: failureText(t, evaluation.failureDetail) })}
          {evaluation.accepted && (
            <span className="accepted-failure">
              {t('runs.detail.acceptedFailure', {
                name: evaluation.accepted.by.name,
                time: formatDateTime(evaluation.accepted.at, i18n.language),
                reason: evaluation.accepted.reason,
              })}
            </span>
          )}
        </p>
      )}
      {answer?.recheck && answer.recheck.length > 0 && (
        <p className="run-banner warn">{t('runs.detail.recheck')}</p>
      )}
      {(answer?.status === 'blocked' || answer?.status === 'not-applicable') && answer.reason && (
        <p className={`run-banner ${answer.status === 'blocked' ? 'bad' : 'info'}`}>
          <strong>{t('runs.detail.reason')}:</strong> {answer.reason}
        </p>
      )}

      <div className="detail-actions" role="group" aria-label={t('runs.detail.actions')}>
        <KeyTooltip label={t('runs.detail.keyHint')} shortcut="x">
          <Button
            className="button primary"
            isDisabled={isFrozen || answer?.status === 'done'}
            onPress={() =>
              void commands.apply({ type: 'setStatus', itemId: item.id, status: 'done' })
            }
          >
            <CircleCheck aria-hidden size={15} /> {t('runs.detail.markDone')}
          </Button>
        </KeyTooltip>
        <KeyTooltip label={t('runs.detail.keyHint')} shortcut="n">
          <Button
            className="button"
            isDisabled={isFrozen}
            onPress={() => askReason('not-applicable', item.id)}
          >
            <CircleMinus aria-hidden size={15} /> {t('runs.detail.markNa')}
          </Button>
        </KeyTooltip>
        <KeyTooltip label={t('runs.detail.keyHint')} shortcut="b">
          <Button
            className="button danger"
            isDisabled={isFrozen}
            onPress={() => askReason('blocked', item.id)}
          >
            <Ban aria-hidden size={15} /> {t('runs.detail.markBlocked')}
          </Button>
        </KeyTooltip>
        {answer && answer.status !== 'open' && (
          <KeyTooltip label={t('runs.detail.keyHint')} shortcut="o">
            <Button
              className="button"
              isDisabled={isFrozen}
              onPress={() =>
                void commands.apply({ type: 'setStatus', itemId: item.id, status: 'open' })
              }
            >
              <RotateCcw aria-hidden size={15} /> {t('runs.detail.reopen')}
            </Button>
          </KeyTooltip>
        )}
        {!answer?.startedAt && (
          <Button
            className="button"
            isDisabled={isFrozen}
            onPress={() => void commands.apply({ type: 'start', itemId: item.id })}
          >
            <Play aria-hidden size={15} /> {t('runs.detail.startTimer')}
          </Button>
        )}
      </div>

      <p className="muted small timing">
        {[
          item.estimateMinutes !== undefined &&
            t('runs.detail.estimate', { estimate: formatMinutes(item.estimateMinutes) }),
          actual !== null && t('runs.detail.actual', { actual: formatMinutes(actual) }),
          answer?.startedAt &&
            t('runs.detail.started', { time: formatDateTime(answer.startedAt, i18n.language) }),
          answer?.finishedAt &&
            t('runs.detail.finished', { time: formatDateTime(answer.finishedAt, i18n.language) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>

      <div className="detail-block" key={`value:${valueKey}`}>
        <ValueEditor
          item={item}
          answer={answer}
          bounds={resolveBounds(item, view.judge)}
          isDisabled={isFrozen}
          onCommit={(value) => void commands.apply({ type: 'setValue', itemId: item.id, value })}
        />
      </div>

      {item.change && (
        <FreeText
          key={`rollback:${item.id}:${answer?.rollbackPlan ?? ''}`}
          label={t('runs.detail.rollbackPlan')}
          help={t('runs.detail.rollbackHelp')}
          value={answer?.rollbackPlan ?? ''}
          isDisabled={isFrozen}
          onCommit={(rollbackPlan) =>
            void commands.apply({ type: 'setRollbackPlan', itemId: item.id, rollbackPlan })
          }
        />
      )}

      {item.evidence !== 'none' && (
        <EvidencePanel item={item} answer={answer} isDisabled={isFrozen} commands={commands} />
      )}

      {item.severity === 'blocking' && (
        <WaiverBlock
          run={view.run}
          item={item}
          answer={answer}
          isDisabled={isFrozen}
          commands={commands}
        />
      )}

      {item.dependsOn.length > 0 && (
        <div className="detail-block">
          <h3>{waitingOn.length > 0 ? t('runs.detail.waitingOn') : t('runs.detail.dependsOn')}</h3>
          <ul className="dependency-list">
            {item.dependsOn.map((id) => {
              const ref = view.refs.get(id);
              if (!ref) return null;
              const status = view.answers.get(id)?.status ?? 'open';
              return (
                <li key={id}>
                  <StatusBadge status={status} />
                  <button type="button" className="link-button" onClick={() => select(id)}>
                    {ref.item.title}
                  </button>
                  <span className="muted small">
                    {departmentTitle(view.definition, ref.department)}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <FreeText
        key={`notes:${item.id}:${answer?.notes ?? ''}`}
        id="item-notes"
        label={t('runs.detail.notes')}
        help={t('runs.detail.notesHelp')}
        value={answer?.notes ?? ''}
        isDisabled={isFrozen}
        onCommit={(notes) => void commands.apply({ type: 'setNotes', itemId: item.id, notes })}
      />

      {item.guidance && (
        <div className="detail-block">
          <h3>{t('runs.detail.guidance')}</h3>
          <MarkdownText source={item.guidance} />
        </div>
      )}

      {answer && (
        <p className="muted small">
          {t('runs.detail.updated', {
            name: answer.updatedBy.name,
            time: formatDateTime(answer.updatedAt, i18n.language),
          })}
        </p>
      )}
    </section>
  );
}

interface FreeTextProps {
  id?: string;
  label: string;
  help: string;
  value: string;
  isDisabled: boolean;
  onCommit: (value: string) => void;
}

function FreeText({ id, label, help, value, isDisabled, onCommit }: FreeTextProps) {
  const [text, setText] = useState(value);
  return (
    <TextField
      className="field detail-block"
      value={text}
      onChange={setText}
      isDisabled={isDisabled}
      onBlur={() => text !== value && onCommit(text)}
    >
      <Label>{label}</Label>
      <TextArea id={id} rows={3} />
      <span className="muted small">{help}</span>
    </TextField>
  );
}
