// Who is using this device: recorded on every answer and every signature.
import { z } from 'zod';

export const ROLES = ['admin', 'supervisor', 'head'] as const;
export type Role = (typeof ROLES)[number];

export const PROFILE_LIMITS = { name: 120, office: 120, email: 254 } as const;

export const profileSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(2).max(PROFILE_LIMITS.name),
  role: z.enum(ROLES),
  office: z.string().trim().min(1).max(PROFILE_LIMITS.office),
  email: z.email().max(PROFILE_LIMITS.email).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type Profile = z.infer<typeof profileSchema>;
