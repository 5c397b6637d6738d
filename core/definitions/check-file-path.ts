// A definition stored as checklists/<id>/<version>.yaml must say that id and version inside, so a
// file cannot be copied to a new version without its version field following (or vice versa).
import type { CheckContext } from './check-context';

const DEFINITION_PATH = /(?:^|[\\/])checklists[\\/]([^\\/]+)[\\/]([^\\/]+)$/;

export function checkFilePath({ definition, filePath, report }: CheckContext): void {
  const match = DEFINITION_PATH.exec(filePath);
  if (match === null) return;
  const folder = match[1] as string;
  const fileName = match[2] as string;
  if (folder !== definition.id) {
    report(
      ['id'],
      `id "${definition.id}" does not match its folder checklists/${folder}/: move the file to checklists/${definition.id}/, or set id: ${folder}`,
    );
  }
  if (!fileName.endsWith('.yaml')) {
    report(
      ['version'],
      `the file must be named <version>.yaml: rename ${fileName} to ${definition.version}.yaml`,
    );
  } else if (fileName.slice(0, -'.yaml'.length) !== definition.version) {
    const fileVersion = fileName.slice(0, -'.yaml'.length);
    report(
      ['version'],
      `version "${definition.version}" does not match the file name ${fileName}: rename the file to ${definition.version}.yaml, or set version: ${fileVersion}`,
    );
  }
}
