// Who is using this device: recorded on every answer and every signature. The roles are the hub's
// (core/runs/model.ts ACTOR_ROLES): the local ICT administrator, a supervisor, the global head of
// ICT, an engineer of one or more departments, and a coordinator (the technical account manager
// who owns a client onboarding). An engineer names the departments they belong to.
import { z } from 'zod';
import { ACTOR_ROLES } from '../runs/model';

export const ROLES = ACTOR_ROLES;
export type Role = (typeof ROLES)[number];

export const PROFILE_LIMITS = { name: 120, office: 120, email: 254, departments: 50 } as const;

/** A template department id (kebab-case, as in the definitions). */
const departmentId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const profileSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(2).max(PROFILE_LIMITS.name),
    role: z.enum(ROLES),
    office: z.string().trim().min(1).max(PROFILE_LIMITS.office),
    email: z.email().max(PROFILE_LIMITS.email).optional(),
    /** Engineers: the template departments they belong to. */
    departments: z.array(departmentId).max(PROFILE_LIMITS.departments).optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .refine((profile) => profile.role !== 'engineer' || (profile.departments?.length ?? 0) > 0, {
    path: ['departments'],
    message: 'An engineer belongs to at least one department.',
  });

export type Profile = z.infer<typeof profileSchema>;
