// The preview of moving a run in progress to a newer version of its template, item by item: the
// answers to check again (with why), those carried over unchanged, the items new in the version
// and the answers of removed items (kept in the history). Asks for parameters the new version
// needs that the run has no value for. Confirming records the move as one event in the run's
// history (core/runs moveRun); the core refuses it once the run is signed.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Checkbox,
  Dialog,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  TextField,
} from 'react-aria-components';
import { Check } from 'lucide-react';
import type { ChecklistDefinition, Parameter, ParameterValues } from '../../../../core/definitions';
import type { MovePlan } from '../../../../core/runs';
import type { Profile } from '../../../../core/people/profile';
import { services } from '../../../app/services';
import type { DefinitionRow, RunRow } from '../../../storage/database';
import { SelectField } from '../../../ui/select-field';
import { actorOf } from '../run-actions';
import { previewMove } from './use-run-move';

interface MoveVersionDialogProps {
  run: RunRow;
  definition: ChecklistDefinition;
  target: DefinitionRow | undefined;
  profile: Profile;
  onClose: () => void;
}

function titlesOf(definition: ChecklistDefinition): Map<string, string> {
  return new Map(
    definition.sections.flatMap((section) => section.items.map((item) => [item.id, item.title])),
  );
}

/** Parameters of the new version the run has no value for (an unticked boolean is false). */
function missingParameters(target: ChecklistDefinition, run: RunRow): Parameter[] {
  return target.parameters.filter(
    (parameter) => parameter.type !== 'boolean' && run.parameters[parameter.id] === undefined,
  );
}

export function MoveVersionDialog(props: MoveVersionDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={props.target !== undefined}
      onOpenChange={(isOpen) => {
        if (!isOpen) props.onClose();
      }}
    >
      <Modal className="modal wide">
        <Dialog className="dialog move-dialog">
          {props.target !== undefined && <MovePreview {...props} target={props.target} />}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function MovePreview({
  run,
  definition,
  target,
  profile,
  onClose,
}: MoveVersionDialogProps & { target: DefinitionRow }) {
  const { t } = useTranslation();
  const [extra, setExtra] = useState<Record<string, string | boolean>>({});
  const [plan, setPlan] = useState<MovePlan>();
  const [error, setError] = useState<string>();
  const [isMoving, setMoving] = useState(false);
  const missing = useMemo(() => missingParameters(target.definition, run), [target, run]);
  const parameters = useMemo<ParameterValues>(() => {
    const values: ParameterValues = { ...run.parameters };
    for (const parameter of missing) {
      const value = extra[parameter.id];
      if (value === undefined || value === '') continue;
      values[parameter.id] =
        parameter.type === 'number' && typeof value === 'string' ? Number(value) : value;
    }
    return values;
  }, [run.parameters, missing, extra]);

  useEffect(() => {
    let isCurrent = true;
    void previewMove(run.id, target, parameters).then((next) => {
      if (isCurrent) setPlan(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [run.id, target, parameters]);

  const before = titlesOf(definition);
  const after = titlesOf(target.definition);
  const recheckIds = new Set(plan?.recheck.map((entry) => entry.itemId));
  const unchanged = plan?.carried.filter((itemId) => !recheckIds.has(itemId)) ?? [];
  const version = target.version;

  const move = async () => {
    setMoving(true);
    setError(undefined);
    const result = await services.runs.move(
      run.id,
      { definitionKey: target.key, parameters },
      actorOf(profile),
    );
    setMoving(false);
    if (result.ok) onClose();
    else setError(result.error.message);
  };

  return (
    <>
      <Heading slot="title">{t('runs.move.title', { version })}</Heading>
      <p>{t('runs.move.intro', { version })}</p>
      {missing.length > 0 && (
        <fieldset className="field move-parameters">
          <legend>{t('runs.move.parameters')}</legend>
          {missing.map((parameter) =>
            parameter.type === 'choice' ? (
              <SelectField
                key={parameter.id}
                label={parameter.label}
                value={typeof extra[parameter.id] === 'string' ? String(extra[parameter.id]) : ''}
                options={(parameter.choices ?? []).map((choice) => ({ id: choice, label: choice }))}
                onChange={(value) => setExtra((current) => ({ ...current, [parameter.id]: value }))}
              />
            ) : (
              <TextField
                key={parameter.id}
                className="field"
                value={typeof extra[parameter.id] === 'string' ? String(extra[parameter.id]) : ''}
                onChange={(value) => setExtra((current) => ({ ...current, [parameter.id]: value }))}
              >
                <Label>{parameter.label}</Label>
                <Input inputMode={parameter.type === 'number' ? 'decimal' : undefined} />
              </TextField>
            ),
          )}
          {target.definition.parameters
            .filter(
              (parameter) => parameter.type === 'boolean' && !(parameter.id in run.parameters),
            )
            .map((parameter) => (
              <Checkbox
                key={parameter.id}
                className="checkbox"
                isSelected={extra[parameter.id] === true}
                onChange={(isSelected) =>
                  setExtra((current) => ({ ...current, [parameter.id]: isSelected }))
                }
              >
                <span className="checkbox-box" aria-hidden>
                  <Check size={13} />
                </span>
                {parameter.label}
              </Checkbox>
            ))}
        </fieldset>
      )}
      {plan === undefined ? (
        <p className="muted" aria-busy="true">
          {t('runs.move.loading')}
        </p>
      ) : (
        <>
          <p role="status" className="move-summary">
            {t('runs.move.summary', {
              carried: plan.carried.length,
              recheck: plan.recheck.length,
              added: plan.added.length,
              removed: plan.removed.length,
            })}
          </p>
          {plan.parameterProblems.length > 0 && (
            <p className="form-error">
              {t('runs.move.parameterProblems', { problems: plan.parameterProblems.join('; ') })}
            </p>
          )}
          <MoveGroup
            title={t('runs.move.recheck', { count: plan.recheck.length })}
            help={t('runs.move.recheckHelp')}
            entries={plan.recheck.map((entry) => ({
              id: entry.itemId,
              title: after.get(entry.itemId) ?? entry.itemId,
              note: entry.reasons.join('; '),
            }))}
          />
          <MoveGroup
            title={t('runs.move.carried', { count: unchanged.length })}
            entries={unchanged.map((id) => ({ id, title: after.get(id) ?? id }))}
          />
          <MoveGroup
            title={t('runs.move.added', { version, count: plan.added.length })}
            entries={plan.added.map((id) => ({ id, title: after.get(id) ?? id }))}
          />
          <MoveGroup
            title={t('runs.move.removed', { version, count: plan.removed.length })}
            help={t('runs.move.removedHelp')}
            entries={plan.removed.map((id) => ({ id, title: before.get(id) ?? id }))}
          />
        </>
      )}
      {error !== undefined && (
        <p role="alert" className="form-error">
          {t('runs.move.failed', { message: error })}
        </p>
      )}
      <div className="button-row">
        <Button className="button" onPress={onClose}>
          {t('runs.move.cancel')}
        </Button>
        <Button
          className="button primary"
          isDisabled={plan === undefined || plan.parameterProblems.length > 0 || isMoving}
          onPress={() => void move()}
        >
          {isMoving ? t('runs.move.moving') : t('runs.move.confirm', { version })}
        </Button>
      </div>
    </>
  );
}

function MoveGroup(props: {
  title: string;
  help?: string;
  entries: { id: string; title: string; note?: string }[];
}) {
  const { t } = useTranslation();
  return (
    <section className="move-group" aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.help && props.entries.length > 0 && <p className="muted small">{props.help}</p>}
      {props.entries.length === 0 ? (
        <p className="muted small">{t('runs.move.none')}</p>
      ) : (
        <ul aria-label={t('runs.move.itemsLabel', { group: props.title })}>
          {props.entries.map((entry) => (
            <li key={entry.id}>
              {entry.title} <code className="move-id">{entry.id}</code>
              {entry.note && <span className="muted small"> — {entry.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
