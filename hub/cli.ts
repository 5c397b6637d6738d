// The hub's command line (`npm run hub -- <command>`): serve (default), enroll a user's device,
// revoke a device or a user, list users, publish a definition. Works on the same store as the
// server (HUB_DATA_DIR or HUB_DATABASE_URL). Errors print one line, no stack trace (DEBUG=1 shows it).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { HubRole } from '../core/sync/wire-protocol';
import { HUB_ROLES } from '../core/sync/wire-protocol';
import { createUser, issueCode, userProblems } from './enrollment';
import { startHub } from './main';
import {
  NotificationUsageError,
  notificationsCommand,
  preferencesCommand,
} from './notifications/cli-commands';
import { publishDefinition } from './publish-definition';
import type { HubStore } from './store/hub-store';
import { backupSqlite, POSTGRES_BACKUP } from './store/backup';
import { openStoreFromEnv, storeLocation } from './store/open-store';

class UsageError extends Error {}

const USAGE = `Usage: npm run hub -- <command>
  serve                                   start the hub (default; HUB_PORT, HUB_DATA_DIR, HUB_DATABASE_URL)
  enroll --name <name> --role admin|supervisor|head|engineer|coordinator [--office <office>]
         [--supervises <a,b>] [--departments <network,servers>]
                                          create a user and print a one-time enrollment code (7 days)
  enroll --user <user id>                 a new code for an existing user (another device)
  revoke --device <device id> | --user <user id>
  backup <file>                           copy the SQLite database, also while the hub runs;
                                          PostgreSQL: ${POSTGRES_BACKUP}
  users                                   list users and their devices
  publish-definition <file.yaml>          validate and publish a checklist definition
  notifications [--state failed] [--limit N] | notifications retry <id>
                                          the notification outbox; put a failed one back
  notification-preferences --user <id> [--language en|es] [--email <a>|--no-email] [--causes a,b]
                           [--webhook generic|teams|slack=<url> …] [--no-webhooks]
                                          show or set what a user is notified of, and where`;

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

async function withStore<T>(work: (store: HubStore) => Promise<T>): Promise<T> {
  const store = await openStoreFromEnv();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function enroll(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      office: { type: 'string' },
      supervises: { type: 'string' },
      departments: { type: 'string' },
      user: { type: 'string' },
    },
  });
  await withStore(async (store) => {
    const now = new Date();
    let user;
    if (values.user !== undefined) {
      if (
        values.name !== undefined ||
        values.role !== undefined ||
        values.office !== undefined ||
        values.supervises !== undefined ||
        values.departments !== undefined
      ) {
        throw new UsageError(
          'enroll --user takes no --name, --role, --office, --supervises or --departments: the user exists already.',
        );
      }
      user = await store.getUser(values.user);
      if (!user)
        throw new UsageError(`there is no user ${values.user} (see: npm run hub -- users)`);
    } else {
      if (values.name === undefined) throw new UsageError('enroll needs --name');
      const role = values.role as HubRole | undefined;
      if (role === undefined || !HUB_ROLES.includes(role)) {
        throw new UsageError(`enroll needs --role ${HUB_ROLES.join(', ')}`);
      }
      const supervises = list(values.supervises);
      const departments = list(values.departments);
      const input = {
        name: values.name,
        role,
        ...(values.office === undefined ? {} : { office: values.office }),
        ...(supervises === undefined ? {} : { supervises }),
        ...(departments === undefined ? {} : { departments }),
      };
      const problems = userProblems(input);
      if (problems.length > 0) throw new UsageError(problems.join('; '));
      user = await createUser(store, input, now);
      console.log(`Created user ${user.userId}: ${describeUser(user)}.`);
    }
    const issued = await issueCode(store, user, now);
    console.log(
      `One-time enrollment code for ${user.name} (shown once; expires ${issued.expiresAt}):`,
    );
    console.log(`  ${issued.code}`);
  });
}

function describeUser(user: {
  name: string;
  role: HubRole;
  office: string | null;
  supervises: string[];
  departments: string[];
}): string {
  const parts = [user.name, user.role];
  if (user.office !== null) parts.push(`office ${user.office}`);
  if (user.supervises.length > 0) parts.push(`supervises ${user.supervises.join(', ')}`);
  if (user.departments.length > 0) parts.push(`departments ${user.departments.join(', ')}`);
  return parts.join(', ');
}

async function revoke(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { device: { type: 'string' }, user: { type: 'string' } },
  });
  if ((values.device === undefined) === (values.user === undefined)) {
    throw new UsageError('revoke needs exactly one of --device <id> or --user <id>');
  }
  await withStore(async (store) => {
    const at = new Date().toISOString();
    if (values.device !== undefined) {
      if (!(await store.revokeDevice(values.device, at))) {
        throw new UsageError(`there is no device ${values.device} (see: npm run hub -- users)`);
      }
      console.log(
        `Revoked device ${values.device}: its token no longer works, its key is marked revoked.`,
      );
    } else if (values.user !== undefined) {
      if (!(await store.revokeUser(values.user, at))) {
        throw new UsageError(`there is no user ${values.user} (see: npm run hub -- users)`);
      }
      console.log(`Revoked user ${values.user} and every device of theirs.`);
    }
  });
}

async function users(): Promise<void> {
  await withStore(async (store) => {
    const all = await store.listUsers();
    const devices = await store.listDevices();
    if (all.length === 0) {
      console.log('No users yet: npm run hub -- enroll --name … --role …');
      return;
    }
    for (const user of all) {
      const revoked = user.revokedAt === null ? '' : ` [revoked ${user.revokedAt}]`;
      console.log(`${user.userId}  ${describeUser(user)}${revoked}`);
      for (const device of devices.filter((d) => d.userId === user.userId)) {
        const state = device.revokedAt === null ? '' : ` [revoked ${device.revokedAt}]`;
        console.log(`  ${device.deviceId}  "${device.name}" since ${device.createdAt}${state}`);
      }
    }
  });
}

async function publish(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) {
    throw new UsageError('publish-definition needs one file: publish-definition <file.yaml>');
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  await withStore(async (store) => {
    const outcome = await publishDefinition(store, text, file, new Date());
    if (!outcome.ok) {
      for (const problem of outcome.problems) console.error(problem);
      throw new UsageError(`${file} was not published`);
    }
    console.log(
      outcome.alreadyPublished
        ? `${outcome.id}@${outcome.version} was already published with these bytes (sha256 ${outcome.hash}).`
        : `Published ${outcome.id}@${outcome.version} (sha256 ${outcome.hash}).`,
    );
  });
}

async function backup(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) {
    throw new UsageError('backup needs one file: backup <file>');
  }
  const location = storeLocation();
  if (location.engine === 'postgres') {
    throw new Error(
      `this hub keeps its data in PostgreSQL (${location.where}): back it up with ${POSTGRES_BACKUP}`,
    );
  }
  const copy = await backupSqlite(location.where, file);
  const rows = Object.entries(copy.counts).map(([table, count]) => `${count} ${table}`);
  console.log(`Backed up ${copy.source} to ${copy.destination} (${copy.bytes} bytes, checked).`);
  console.log(`  ${rows.join(', ')}`);
}

async function run(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return startHub();
    case 'enroll':
      return enroll(rest);
    case 'revoke':
      return revoke(rest);
    case 'users':
      return users();
    case 'backup':
      return backup(rest);
    case 'publish-definition':
      return publish(rest);
    case 'notifications':
      return withStore((store) => notificationsCommand(store, rest));
    case 'notification-preferences':
      return withStore((store) => preferencesCommand(store, rest));
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const usage =
    error instanceof UsageError ||
    error instanceof NotificationUsageError ||
    (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
  console.error(`hub: ${message}`);
  if (process.env.DEBUG !== undefined && error instanceof Error && !usage) {
    console.error(error.stack);
  }
  process.exitCode = usage ? 2 : 1;
});
