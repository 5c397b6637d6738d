// UI state of the desktop glue (zustand): the new-run dialog a menu command opened, and the notices
// the shell shows (restored reports, damaged copies, export results). Nothing durable lives here.
import { create } from 'zustand';

export interface DesktopNotice {
  id: number;
  tone: 'ok' | 'bad';
  /** Already translated. */
  text: string;
}

interface DesktopState {
  isNewRunOpen: boolean;
  notices: DesktopNotice[];
  setNewRunOpen: (isOpen: boolean) => void;
  notify: (tone: DesktopNotice['tone'], text: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useDesktopStore = create<DesktopState>((set) => ({
  isNewRunOpen: false,
  notices: [],
  setNewRunOpen: (isOpen) => set({ isNewRunOpen: isOpen }),
  notify: (tone, text) =>
    set((state) => ({ notices: [...state.notices, { id: nextId++, tone, text }] })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));
