import { Role, type UserInfo } from "../gen/hearth/v1/types_pb";

/** Coaches and admins moderate: they see the coach area. */
export function moderates(user: UserInfo): boolean {
  return user.role === Role.COACH || user.role === Role.ADMIN;
}

/** The role as people say it, or null for a plain member. */
export function roleLabel(user: UserInfo): string | null {
  if (user.role === Role.ADMIN) return "admin";
  if (user.role === Role.COACH) return "coach";
  return null;
}
