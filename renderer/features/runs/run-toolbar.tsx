// Above the list: search, the filter, the view switch, undo, digest and the shortcuts help.
import { useTranslation } from 'react-i18next';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
  Tab,
  TabList,
  Tabs,
} from 'react-aria-components';
import { ChevronDown, FileText, Keyboard, Search, Undo2 } from 'lucide-react';
import type { Department } from '../../../core/definitions/schema';
import { useRunUiStore, type ItemFilter, type RunViewMode } from './use-run-ui-store';

const FILTERS: ItemFilter[] = ['all', 'open', 'blocked', 'failing', 'waiting', 'blocking', 'mine'];
export const SEARCH_ID = 'run-search';

interface RunToolbarProps {
  departments: Department[];
  myDepartment: string | undefined;
  onMyDepartment: (department: string) => void;
  onUndo: () => void;
  canUndo: boolean;
}

export function RunToolbar({
  departments,
  myDepartment,
  onMyDepartment,
  onUndo,
  canUndo,
}: RunToolbarProps) {
  const { t } = useTranslation();
  const { filter, search, view, setFilter, setSearch, setView, setDigestOpen, setHelpOpen } =
    useRunUiStore();
  return (
    <div className="run-toolbar" role="toolbar" aria-label={t('runs.toolbar.views')}>
      <Tabs selectedKey={view} onSelectionChange={(key) => setView(key as RunViewMode)}>
        <TabList aria-label={t('runs.toolbar.views')} className="tab-list">
          <Tab id="checklist" className="tab">
            {t('runs.toolbar.checklist')}
          </Tab>
          <Tab id="waiting" className="tab">
            {t('runs.toolbar.waitingView')}
          </Tab>
        </TabList>
      </Tabs>
      <SearchField
        className="search-field"
        value={search}
        onChange={setSearch}
        aria-label={t('runs.toolbar.search')}
      >
        <Search aria-hidden size={15} />
        <Input id={SEARCH_ID} placeholder={t('runs.toolbar.searchPlaceholder')} />
      </SearchField>
      <Select
        className="inline-select"
        selectedKey={filter}
        onSelectionChange={(key) => setFilter(key as ItemFilter)}
      >
        <Label>{t('runs.toolbar.filter')}</Label>
        <Button className="select-button compact">
          <SelectValue />
          <ChevronDown aria-hidden size={15} />
        </Button>
        <Popover className="popover">
          <ListBox className="listbox">
            {FILTERS.map((value) => (
              <ListBoxItem key={value} id={value} className="listbox-item">
                {t(`runs.filters.${value}`)}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
      {filter === 'mine' && (
        <Select
          className="inline-select"
          aria-label={t('runs.filters.mine')}
          selectedKey={myDepartment ?? null}
          onSelectionChange={(key) => onMyDepartment(String(key))}
        >
          <Button className="select-button compact">
            <SelectValue />
            <ChevronDown aria-hidden size={15} />
          </Button>
          <Popover className="popover">
            <ListBox className="listbox">
              {departments.map((department) => (
                <ListBoxItem key={department.id} id={department.id} className="listbox-item">
                  {department.title}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
      )}
      <span className="toolbar-spacer" />
      <Button
        className="button"
        onPress={onUndo}
        isDisabled={!canUndo}
        aria-keyshortcuts="u Control+Z"
      >
        <Undo2 aria-hidden size={15} /> {t('runs.toolbar.undo')}
      </Button>
      <Button className="button" onPress={() => setDigestOpen(true)} aria-keyshortcuts="d">
        <FileText aria-hidden size={15} /> {t('runs.toolbar.digest')}
      </Button>
      <Button
        className="icon-button"
        aria-label={t('runs.toolbar.shortcuts')}
        onPress={() => setHelpOpen(true)}
        aria-keyshortcuts="?"
      >
        <Keyboard aria-hidden size={17} />
      </Button>
    </div>
  );
}
