// Words for the team feature's outcomes: a failed call to the hub in the user's language (the
// hub's own refusal is shown as the hub wrote it), and roles and departments by name.
import type { TFunction } from 'i18next';
import type { ChecklistDefinition } from '../../../core/definitions/schema';
import { departmentTitle } from '../../../core/runs';
import type { TeamFailure } from './team-actions';

export function failureText(t: TFunction, failure: TeamFailure): string {
  switch (failure.reason) {
    case 'offline':
      return t('team.errors.offline');
    case 'refused':
      return t('team.errors.refused', { message: failure.message });
    case 'not-a-hub':
      return t('team.errors.notAHub');
    case 'no-office':
      return t('team.errors.noOffice');
  }
}

/** "Network, Infrastructure and backup" (ids the template does not name are shown as they are). */
export function departmentList(
  definition: ChecklistDefinition,
  departments: readonly string[],
): string {
  return departments.map((id) => departmentTitle(definition, id)).join(', ');
}
