// Above the list: search, the filter, the view switch, undo, digest and the shortcuts help. The view
// switch is the TabList of the run screen's Tabs (run-screen.tsx), whose panels are the views.
// A shared run has one tab more (the department chain): there the status digest and the shortcuts
// help go into a "More" menu, so the toolbar stays on one row at 1366 px in English and Spanish.
// A local run keeps them as buttons; it fits that row in Spanish through short labels there
// (runs.toolbar.digest, runs.toolbar.waitingView): when adding to this toolbar, look at run-es.png
// of test/e2e/weekend-screens.spec.ts.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Input,
  Keyboard as KeyHint,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  SearchField,
  Tab,
  TabList,
  Text,
} from 'react-aria-components';
import { Ellipsis, FileText, Keyboard, Search, Undo2 } from 'lucide-react';
import type { Department } from '../../../core/definitions/schema';
import { useRunUiStore, type ItemFilter } from './use-run-ui-store';
import { SelectField } from '../../ui/select-field';
import { KeyTooltip } from '../../ui/key-tooltip';

const FILTERS: ItemFilter[] = ['all', 'open', 'blocked', 'failing', 'waiting', 'blocking', 'mine'];
/** A shared run's filters (features/team): their labels live in the team strings. */
const TEAM_FILTERS: ItemFilter[] = ['ready', 'conflicts'];
export const SEARCH_ID = 'run-search';

interface RunToolbarProps {
  departments: Department[];
  myDepartment: string | undefined;
  onMyDepartment: (department: string) => void;
  onUndo: () => void;
  canUndo: boolean;
  /** A shared run: the team filters show, and "My items" are the hub's departments if any. */
  isShared?: boolean;
  hasHubDepartments?: boolean;
}

export function RunToolbar({
  departments,
  myDepartment,
  onMyDepartment,
  onUndo,
  canUndo,
  isShared = false,
  hasHubDepartments = false,
}: RunToolbarProps) {
  const { t } = useTranslation();
  const { filter, search, setFilter, setSearch, setDigestOpen, setHelpOpen } = useRunUiStore();
  return (
    <div
      className={isShared ? 'run-toolbar is-shared' : 'run-toolbar'}
      role="toolbar"
      aria-label={t('runs.toolbar.views')}
    >
      <TabList aria-label={t('runs.toolbar.views')} className="tab-list">
        <Tab id="checklist" className="tab">
          {t('runs.toolbar.checklist')}
        </Tab>
        <Tab id="waiting" className="tab">
          {t('runs.toolbar.waitingView')}
        </Tab>
        {isShared && (
          <Tab id="chain" className="tab">
            {t('team.chainTab')}
          </Tab>
        )}
      </TabList>
      <SearchField
        className="search-field"
        value={search}
        onChange={setSearch}
        aria-label={t('runs.toolbar.search')}
      >
        <Search aria-hidden size={15} />
        <Input id={SEARCH_ID} placeholder={t('runs.toolbar.searchPlaceholder')} />
      </SearchField>
      <SelectField
        variant="inline"
        label={t('runs.toolbar.filter')}
        value={filter}
        options={[
          ...FILTERS.map((value) => ({ id: value, label: t(`runs.filters.${value}`) })),
          ...(isShared
            ? TEAM_FILTERS.map((value) => ({ id: value, label: t(`team.filters.${value}`) }))
            : []),
        ]}
        onChange={(key) => setFilter(key as ItemFilter)}
      />
      {filter === 'mine' && !hasHubDepartments && (
        <SelectField
          variant="inline"
          isLabelHidden
          label={t('runs.filters.mine')}
          value={myDepartment ?? null}
          options={departments.map((department) => ({
            id: department.id,
            label: department.title,
          }))}
          onChange={onMyDepartment}
        />
      )}
      <span className="toolbar-spacer" />
      <KeyTooltip label={t('runs.detail.keyHint')} shortcut="u / Ctrl+Z">
        <Button
          className="button"
          onPress={onUndo}
          isDisabled={!canUndo}
          aria-keyshortcuts="u Control+Z"
        >
          <Undo2 aria-hidden size={15} /> {t('runs.toolbar.undo')}
        </Button>
      </KeyTooltip>
      {isShared ? (
        <MenuTrigger>
          <Button className="icon-button" aria-label={t('runs.toolbar.more')}>
            <Ellipsis aria-hidden size={17} />
          </Button>
          <Popover className="popover" placement="bottom end">
            <Menu
              className="listbox toolbar-menu"
              onAction={(key) => (key === 'digest' ? setDigestOpen(true) : setHelpOpen(true))}
            >
              <MoreItem
                id="digest"
                label={t('runs.toolbar.digest')}
                icon={<FileText aria-hidden size={15} />}
                shortcut="d"
              />
              <MoreItem
                id="shortcuts"
                label={t('runs.toolbar.shortcuts')}
                icon={<Keyboard aria-hidden size={15} />}
                shortcut="?"
              />
            </Menu>
          </Popover>
        </MenuTrigger>
      ) : (
        <>
          <KeyTooltip label={t('runs.detail.keyHint')} shortcut="d">
            <Button className="button" onPress={() => setDigestOpen(true)} aria-keyshortcuts="d">
              <FileText aria-hidden size={15} /> {t('runs.toolbar.digest')}
            </Button>
          </KeyTooltip>
          <Button
            className="icon-button"
            aria-label={t('runs.toolbar.shortcuts')}
            onPress={() => setHelpOpen(true)}
            aria-keyshortcuts="?"
          >
            <Keyboard aria-hidden size={17} />
          </Button>
        </>
      )}
    </div>
  );
}

/** An entry of the "More actions" menu, with the key that does the same. */
function MoreItem(props: { id: string; label: string; icon: ReactElement; shortcut: string }) {
  return (
    <MenuItem id={props.id} className="listbox-item menu-item" textValue={props.label}>
      {props.icon}
      <Text slot="label">{props.label}</Text>
      <KeyHint className="menu-key">{props.shortcut}</KeyHint>
    </MenuItem>
  );
}
