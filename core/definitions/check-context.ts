// What every semantic check receives: the shape-checked definition, a way to report a problem at a
// path into it, and the line of any path (to say "already used at line 12").
import type { NodePath, ReportProblem } from './problem';
import type { ChecklistDefinition, Item, Section } from './schema';

export interface CheckContext {
  definition: ChecklistDefinition;
  /** The file's path as given to the validator (used by the path check). */
  filePath: string;
  report: ReportProblem;
  lineOf(path: NodePath): number;
}

export type SemanticCheck = (context: CheckContext) => void;

export interface LocatedItem {
  item: Item;
  section: Section;
  path: NodePath;
}

/** Every item with its section and its path, in file order. */
export function locatedItems(definition: ChecklistDefinition): LocatedItem[] {
  return definition.sections.flatMap((section, sectionIndex) =>
    section.items.map((item, itemIndex) => ({
      item,
      section,
      path: ['sections', sectionIndex, 'items', itemIndex],
    })),
  );
}
