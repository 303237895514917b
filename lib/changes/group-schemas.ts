import { z } from "zod";
import { pathId } from "../api/path-id";
import { approvalReason, memberParamsSchema, providerParam } from "./types";

/** The group routes' inputs (GET /api/groups, POST and DELETE /api/members/{provider}/{memberId}/groups). */

export const groupsQuerySchema = z
  .object({ provider: providerParam.describe("The provider whose groups (OpenAI, Arthur) or teams (Astronomer) to list") })
  .strict();

const groupId = z
  .string({ error: "groupId is required" })
  .trim()
  .min(1, "groupId is required")
  .max(200, "groupId is too long")
  .describe("The provider's id of the group (OpenAI, Arthur) or team (Astronomer)");

export const addToGroupSchema = z
  .object({
    groupId,
    /** Why: shown to the admin who approves adding to a group that grants an admin-level role. */
    reason: approvalReason,
  })
  .strict();

export const memberGroupParamsSchema = z
  .object({ provider: z.string(), memberId: z.string(), groupId: pathId("groupId") })
  .transform((p, ctx) => {
    const member = memberParamsSchema.safeParse({ provider: p.provider, memberId: p.memberId });
    if (!member.success) {
      for (const issue of member.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { ...member.data, groupId: p.groupId };
  });
