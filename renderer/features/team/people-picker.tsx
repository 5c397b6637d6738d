// Choosing people to invite to a run, from the people the hub knows: those of the owner's office,
// or the engineers of one of the template's departments wherever they work. Each person shows their
// role, office and departments; a chosen person gets the departments whose items are theirs on this
// run (their own, as far as the template has them, until the owner changes them).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { Check, LoaderCircle, RefreshCw, TriangleAlert } from 'lucide-react';
import type { ChecklistDefinition } from '../../../core/definitions/schema';
import type { Person } from '../../../core/sync';
import type { HubConnection } from '../../sync/hub-connection';
import { SelectField } from '../../ui/select-field';
import { findPeople, type ChosenMember, type TeamFailure } from './team-actions';
import { departmentList, failureText } from './team-text';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'loaded'; people: Person[] }
  | { kind: 'failed'; failure: TeamFailure };

const OFFICE_SCOPE = 'office';

interface PeoplePickerProps {
  connection: HubConnection;
  definition: ChecklistDefinition;
  /** People already on the run (and the owner): not offered again. */
  exclude: ReadonlySet<string>;
  chosen: readonly ChosenMember[];
  onChosenChange: (chosen: ChosenMember[]) => void;
}

export function PeoplePicker({
  connection,
  definition,
  exclude,
  chosen,
  onChosenChange,
}: PeoplePickerProps) {
  const { t } = useTranslation();
  const [scope, setScope] = useState(OFFICE_SCOPE);
  const [attempt, setAttempt] = useState(0);
  // The answer to the request for `key` (scope and attempt); another key still loading.
  const [answer, setAnswer] = useState<{ key: string; loaded: Loaded }>();
  const key = `${scope}:${attempt}`;
  const loaded: Loaded = answer?.key === key ? answer.loaded : { kind: 'loading' };

  // Asked again only when the hub, the scope or the attempt changes (not on every sync's write).
  const { hubUrl, deviceToken } = connection;
  useEffect(() => {
    let isLive = true;
    const query = scope === OFFICE_SCOPE ? {} : { department: scope };
    void findPeople({ hubUrl, deviceToken }, query).then((outcome) => {
      if (!isLive) return;
      setAnswer({
        key: `${scope}:${attempt}`,
        loaded: outcome.ok
          ? { kind: 'loaded', people: outcome.value }
          : { kind: 'failed', failure: outcome },
      });
    });
    return () => {
      isLive = false;
    };
  }, [hubUrl, deviceToken, scope, attempt]);

  const templateDepartments = new Set(definition.departments.map((d) => d.id));
  const choose = (person: Person, isChosen: boolean) =>
    onChosenChange(
      isChosen
        ? [
            ...chosen,
            {
              userId: person.userId,
              departments: person.departments.filter((id) => templateDepartments.has(id)),
            },
          ]
        : chosen.filter((entry) => entry.userId !== person.userId),
    );
  const setDepartments = (userId: string, departments: string[]) =>
    onChosenChange(
      chosen.map((entry) => (entry.userId === userId ? { ...entry, departments } : entry)),
    );

  const people =
    loaded.kind === 'loaded'
      ? loaded.people.filter(
          (person) => !exclude.has(person.userId) && person.userId !== connection.user.userId,
        )
      : [];

  return (
    <div className="people-picker">
      <SelectField
        label={t('team.people.scope')}
        value={scope}
        options={[
          {
            id: OFFICE_SCOPE,
            label: t('team.people.office', { office: connection.user.office ?? '' }),
          },
          ...definition.departments.map((department) => ({
            id: department.id,
            label: t('team.people.department', { department: department.title }),
          })),
        ]}
        onChange={setScope}
      />
      {loaded.kind === 'loading' && (
        <p className="muted" role="status">
          <LoaderCircle aria-hidden size={15} className="spin" /> {t('team.people.loading')}
        </p>
      )}
      {loaded.kind === 'failed' && (
        <div className="team-error" role="alert">
          <TriangleAlert aria-hidden size={16} />
          <span>{failureText(t, loaded.failure)}</span>
          <Button className="button small" onPress={() => setAttempt((n) => n + 1)}>
            <RefreshCw aria-hidden size={13} /> {t('team.tryAgain')}
          </Button>
        </div>
      )}
      {loaded.kind === 'loaded' && people.length === 0 && (
        <p className="muted">{t('team.people.none')}</p>
      )}
      {people.length > 0 && (
        <ul className="people-list" aria-label={t('team.people.label')}>
          {people.map((person) => {
            const entry = chosen.find((c) => c.userId === person.userId);
            return (
              <li key={person.userId} className="person">
                <Checkbox
                  className="checkbox"
                  isSelected={entry !== undefined}
                  onChange={(isChosen) => choose(person, isChosen)}
                >
                  <span className="checkbox-box" aria-hidden>
                    <Check size={13} />
                  </span>
                  <span className="person-name">{person.name}</span>
                </Checkbox>
                <span className="muted small person-facts">
                  {[
                    t(`roles.${person.role}`),
                    person.office,
                    person.departments.length > 0 && departmentList(definition, person.departments),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {entry && (
                  <CheckboxGroup
                    className="person-departments"
                    value={entry.departments}
                    onChange={(departments) => setDepartments(person.userId, departments)}
                  >
                    <Label className="small">
                      {t('team.people.departmentsOnRun', { name: person.name })}
                    </Label>
                    <div className="department-choices">
                      {definition.departments.map((department) => (
                        <Checkbox key={department.id} value={department.id} className="checkbox">
                          <span className="checkbox-box" aria-hidden>
                            <Check size={13} />
                          </span>
                          {department.title}
                        </Checkbox>
                      ))}
                    </div>
                  </CheckboxGroup>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
