// The local profile offers the hub's roles: an engineer names their departments, a coordinator
// (technical account manager) owns client onboardings.
import { describe, expect, it } from 'vitest';
import { ACTOR_ROLES } from '../../../../core/runs';
import { profileSchema, ROLES } from '../../../../core/people/profile';

const base = {
  id: 'p-1',
  name: 'Nils Network',
  office: 'Client onboarding team',
  createdAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:00.000Z',
};

describe('profile roles', () => {
  it('are the hub roles, engineer and coordinator included', () => {
    expect([...ROLES]).toEqual([...ACTOR_ROLES]);
    expect(ROLES).toContain('engineer');
    expect(ROLES).toContain('coordinator');
  });

  it('keeps an engineer with their departments, and a coordinator without any', () => {
    const engineer = profileSchema.parse({
      ...base,
      role: 'engineer',
      departments: ['network', 'virtualization'],
    });
    expect(engineer.departments).toEqual(['network', 'virtualization']);
    expect(profileSchema.safeParse({ ...base, role: 'coordinator' }).success).toBe(true);
  });

  it('refuses an engineer with no department, or a department that is not an id', () => {
    const none = profileSchema.safeParse({ ...base, role: 'engineer', departments: [] });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.path).toEqual(['departments']);
    expect(profileSchema.safeParse({ ...base, role: 'engineer' }).success).toBe(false);
    const bad = profileSchema.safeParse({ ...base, role: 'engineer', departments: ['Net Work'] });
    expect(bad.success).toBe(false);
  });
});
