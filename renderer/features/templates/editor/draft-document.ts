// The draft of a template's next version as the editor holds it (DraftDocument, stored by
// renderer/storage/draft-repository.ts): made from the published version it starts from, and the
// blanks for a new item, section, department, parameter or choice. Item ids stay as they are:
// answers carry over between versions by item id (checklists/README.md, "Versioning").
import { parseSemver, type ChecklistDefinition, type Item } from '../../../../core/definitions';
import type {
  DraftChoice,
  DraftDocument,
  DraftItem,
  DraftParameter,
  DraftSection,
} from '../../../storage/draft-repository';

/** 1.2.0 -> 1.3.0: items added, removed or changed is a minor version (README, "Versioning"). */
export function nextMinorVersion(version: string): string {
  const parsed = parseSemver(version);
  if (parsed === undefined) return version;
  const [major, minor] = parsed;
  return `${major}.${minor + 1}.0`;
}

function draftItem(item: Item): DraftItem {
  const draft: DraftItem = {
    id: item.id,
    title: item.title,
    type: item.type,
    severity: item.severity,
    evidence: item.evidence,
    dependsOn: [...item.dependsOn],
    change: item.change,
    tags: [...item.tags],
  };
  if (item.guidance !== undefined) draft.guidance = item.guidance;
  if (item.estimateMinutes !== undefined) draft.estimateMinutes = item.estimateMinutes;
  if (item.when !== undefined) draft.when = item.when;
  if (item.department !== undefined) draft.department = item.department;
  switch (item.type) {
    case 'text':
      draft.multiline = item.multiline;
      break;
    case 'number':
      draft.unit = item.unit;
      if (item.min !== undefined) draft.min = structuredClone(item.min);
      if (item.max !== undefined) draft.max = structuredClone(item.max);
      if (item.sla !== undefined) draft.sla = { ...item.sla };
      break;
    case 'count':
      draft.unit = item.unit;
      draft.min = structuredClone(item.min);
      break;
    case 'choice':
      draft.choices = item.choices.map((choice) => ({ ...choice }));
      break;
    case 'check':
    case 'date':
      break;
  }
  return draft;
}

/**
 * The first state of a draft: the published definition with the next version number and an empty
 * changelog, which the author must write (the validator refuses a draft without one).
 */
export function draftFromDefinition(
  definition: ChecklistDefinition,
  version: string,
): DraftDocument {
  const draft: DraftDocument = {
    id: definition.id,
    version,
    title: definition.title,
    kind: definition.kind,
    changelog: '',
    departments: definition.departments.map((department) => ({ ...department })),
    parameters: definition.parameters.map((parameter) => {
      const copy: DraftParameter = {
        id: parameter.id,
        label: parameter.label,
        type: parameter.type,
        required: parameter.required,
      };
      if (parameter.choices !== undefined) copy.choices = [...parameter.choices];
      if (parameter.help !== undefined) copy.help = parameter.help;
      return copy;
    }),
    sections: definition.sections.map((section) => {
      const copy: DraftSection = {
        id: section.id,
        title: section.title,
        department: section.department,
        items: section.items.map(draftItem),
      };
      if (section.description !== undefined) copy.description = section.description;
      return copy;
    }),
  };
  if (definition.description !== undefined) draft.description = definition.description;
  return draft;
}

/** `base`, or `base-2`, `base-3`… : the first that is not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function itemIdsOf(document: DraftDocument): Set<string> {
  return new Set(document.sections.flatMap((section) => section.items.map((item) => item.id)));
}

/** A new check item with a free id; the title is left empty for the author to write. */
export function blankItem(document: DraftDocument): DraftItem {
  return {
    id: uniqueId('new-item', itemIdsOf(document)),
    title: '',
    type: 'check',
    severity: 'major',
    evidence: 'none',
    dependsOn: [],
    change: false,
    tags: [],
  };
}

export function blankSection(document: DraftDocument, department: string): DraftSection {
  const taken = new Set(document.sections.map((section) => section.id));
  return {
    id: uniqueId('new-section', taken),
    title: '',
    department,
    items: [blankItem(document)],
  };
}

export function blankDepartment(document: DraftDocument): { id: string; title: string } {
  const taken = new Set(document.departments.map((department) => department.id));
  return { id: uniqueId('new-department', taken), title: '' };
}

export function blankParameter(document: DraftDocument): DraftParameter {
  const taken = new Set(document.parameters.map((parameter) => parameter.id));
  let id = 'newParameter';
  for (let n = 2; taken.has(id); n += 1) id = `newParameter${n}`;
  return { id, label: '', type: 'boolean', required: true };
}

export function blankChoices(): DraftChoice[] {
  return [
    { id: 'yes', label: '', acceptable: true },
    { id: 'no', label: '', acceptable: false },
  ];
}
