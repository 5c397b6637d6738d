// enforceSingleInstance on a fake app: the first instance keeps running and shows its window when
// the app is launched again; a second instance quits and reports that it must set nothing up.
import { describe, expect, it, vi } from 'vitest';
import {
  enforceSingleInstance,
  type SingleInstanceApp,
} from '../../../electron/main/single-instance';

function fakeApp(hasLock: boolean) {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const app = {
    requestSingleInstanceLock: vi.fn(() => hasLock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void): void => {
      listeners.set(event, listener);
    }),
  } satisfies SingleInstanceApp;
  return { app, emit: (event: string, ...args: unknown[]) => listeners.get(event)?.(...args) };
}

describe('enforceSingleInstance', () => {
  it('keeps the first instance, which shows its window when the app is launched again', () => {
    const { app, emit } = fakeApp(true);
    const focus = vi.fn();
    expect(enforceSingleInstance(app, focus)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
    emit('second-instance', {}, ['/opt/go-live-checklists/go-live-checklists'], '/home/ana');
    emit('second-instance', {}, [], '/');
    expect(focus).toHaveBeenCalledTimes(2);
  });

  it('quits a second instance and listens for nothing', () => {
    const { app } = fakeApp(false);
    const focus = vi.fn();
    expect(enforceSingleInstance(app, focus)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
  });
});
