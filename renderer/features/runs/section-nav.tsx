// Sections of the run with their progress; choosing one narrows the list to it.
import { useTranslation } from 'react-i18next';
import { ListBox, ListBoxItem } from 'react-aria-components';
import { Ban, TriangleAlert } from 'lucide-react';
import type { RunView } from './use-run-view';
import { useRunUiStore } from './use-run-ui-store';

const ALL = '__all__';

export function SectionNav({ view }: { view: RunView }) {
  const { t } = useTranslation();
  const sectionId = useRunUiStore((state) => state.sectionId);
  const setSection = useRunUiStore((state) => state.setSection);
  const overall = view.progress.overall;
  return (
    <ListBox
      aria-label={t('runs.sections.label')}
      className="section-nav"
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[sectionId ?? ALL]}
      onSelectionChange={(keys) => {
        const [key] = [...(keys as Set<string>)];
        setSection(key === ALL || key === undefined ? null : key);
      }}
    >
      <ListBoxItem id={ALL} textValue={t('runs.sections.all')} className="section-nav-item">
        <span className="section-title">{t('runs.sections.all')}</span>
        <span className="section-count">{overall.percentComplete}%</span>
      </ListBoxItem>
      {view.progress.sections
        .filter((section) => section.total > 0)
        .map((section) => (
          <ListBoxItem
            key={section.sectionId}
            id={section.sectionId}
            textValue={section.title}
            className="section-nav-item"
          >
            <span className="section-title">{section.title}</span>
            <span className="section-count">
              {section.blocked > 0 && (
                <span className="bad" title={t('runs.status.blocked')}>
                  <Ban aria-label={t('runs.status.blocked')} size={13} />
                  {section.blocked}
                </span>
              )}
              {section.failing > 0 && (
                <span className="warn" title={t('runs.status.failing')}>
                  <TriangleAlert aria-label={t('runs.status.failing')} size={13} />
                  {section.failing}
                </span>
              )}
              {section.done + section.notApplicable}/{section.total}
            </span>
            <span className="mini-bar" aria-hidden>
              <span style={{ width: `${section.percentComplete}%` }} />
            </span>
          </ListBoxItem>
        ))}
    </ListBox>
  );
}
